// ZyXEL: MD5 of lowercase(first 8 MAC hex digits + the SSID's 4-character suffix), first 20 hex digits in
// upper case. No published vector; pinned by a recipe test instead.
import { createHash } from 'node:crypto';
import { candidateMatcher, type VendorAlgorithm, type VendorInputs } from './algorithm.js';

function derive(inputs: VendorInputs): string | undefined {
  if (inputs.mac === undefined || inputs.ssid === undefined || inputs.ssid.length < 4) return undefined;
  const input = (inputs.mac.slice(0, 8) + inputs.ssid.slice(-4)).toLowerCase();
  return createHash('md5').update(input).digest('hex').slice(0, 20).toUpperCase();
}

export const zyxel: VendorAlgorithm = {
  id: 'zyxel',
  title: 'ZyXEL MD5 of MAC prefix and SSID suffix',
  source: 'routerkeygen project description of ZyXEL default keys (ZyxelKeygen)',
  uses: 'mac',
  macOffsets: [0],
  derive,
  matches: candidateMatcher((i) => [derive(i)].filter((k): k is string => k !== undefined), true),
};
