// Thomson / SpeedTouch (also BT Home Hub and others): serial "CP YYWW PP XXX (CC)". The key is the first
// 5 bytes and the SSID suffix the last 3 bytes of SHA-1("CP" YYWW hex(XXX)). Described in the cr0wsplace
// and stavros.io write-ups; vector CP0615JT109 -> 742DA831D2 / SpeedTouchF8A3D0.
import { createHash } from 'node:crypto';
import { candidateMatcher, type VendorAlgorithm, type VendorInputs } from './algorithm.js';

const SERIAL = /^CP(\d{2})(\d{2})[0-9A-Z]{2}([0-9A-Z]{3})/;

export function thomsonDigest(serial: string): Buffer | undefined {
  const m = SERIAL.exec(serial.toUpperCase().replace(/\s+|\(.*\)/g, ''));
  if (!m) return undefined;
  const [, yy, ww, xxx] = m as unknown as [string, string, string, string];
  return createHash('sha1')
    .update(`CP${yy}${ww}${Buffer.from(xxx, 'ascii').toString('hex').toUpperCase()}`)
    .digest();
}

function derive(inputs: VendorInputs): string | undefined {
  const digest = inputs.serial === undefined ? undefined : thomsonDigest(inputs.serial);
  return digest?.subarray(0, 5).toString('hex').toUpperCase();
}

export const thomson: VendorAlgorithm = {
  id: 'thomson',
  title: 'Thomson/SpeedTouch SHA-1 of the serial number',
  source: 'stavros.io "Thomson/SpeedTouch routers and WPA keys"; cr0wsplace "Thomson Default Key Algorithm"',
  uses: 'serial',
  macOffsets: [0],
  derive,
  matches: candidateMatcher((i) => [derive(i)].filter((k): k is string => k !== undefined), true),
};

/** The SSID the same serial gives ("SpeedTouch" + 6 hex digits): the SSID leaks the key. */
export function thomsonSsid(serial: string): string | undefined {
  const digest = thomsonDigest(serial);
  return digest && `SpeedTouch${digest.subarray(17).toString('hex').toUpperCase()}`;
}
