// UPC UBEE EVW3226: MD5 of printf("%2X" x 6, MAC) + hex("UPCDEAULTPASSPHRASE") (with its NUL), the low
// nibbles of 6 digest bytes (24 bits) printed as hex and hashed again, then 8 letters 'A' + (h[i] + h[i+8])
// mod 26. The MAC used is the 2.4 GHz BSSID - 3. Described in the deadcode blog post "UPC UBEE EVW3226
// WPA2 Password RExing" (2016); it publishes statistics, not a vector.
import { createHash } from 'node:crypto';
import { candidateMatcher, type VendorAlgorithm, type VendorInputs } from './algorithm.js';

const SUFFIX = Buffer.from('UPCDEAULTPASSPHRASE', 'ascii').toString('hex').toUpperCase();

function derive(inputs: VendorInputs): string | undefined {
  if (inputs.mac === undefined) return undefined;
  // %2X pads with a space, not a zero, for bytes below 0x10.
  const macText = (inputs.mac.match(/../g) ?? [])
    .map((b) => parseInt(b, 16).toString(16).toUpperCase().padStart(2, ' '))
    .join('');
  const h1 = createHash('md5').update(`${macText}${SUFFIX}\0`).digest();
  const nibbles = [...h1.subarray(0, 6)].map((b) => (b & 15).toString(16).toUpperCase().padStart(2, '0')).join('');
  const h2 = createHash('md5').update(`${nibbles}\0`).digest();
  let out = '';
  for (let i = 0; i < 8; i++) out += String.fromCharCode(65 + ((h2[i]! + h2[i + 8]!) % 26));
  return out;
}

export const ubee: VendorAlgorithm = {
  id: 'ubee',
  title: 'UPC UBEE EVW3226 double MD5 of the MAC (24 bits)',
  source: 'deadcode blog "UPC UBEE EVW3226 WPA2 Password RExing" (2016)',
  uses: 'mac',
  macOffsets: [0, -3, 3],
  derive,
  matches: candidateMatcher((i) => [derive(i)].filter((k): k is string => k !== undefined), false),
};
