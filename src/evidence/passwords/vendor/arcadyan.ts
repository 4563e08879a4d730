// Arcadyan EasyBox (Vodafone, Arcor): the 9-hex-digit key comes from the MAC's last 4 hex digits and the
// 5-digit decimal value of its last 2 bytes, through nibble sums and XORs (Arcadyan patent DE102007047320,
// explained on the zebradem wiki "EasyBox Standard WPA Key"); vector 00:12:BF:91:0B:EC -> F9C8C9DEF.
import { candidateMatcher, type VendorAlgorithm, type VendorInputs } from './algorithm.js';

function derive(inputs: VendorInputs): string | undefined {
  const mac = inputs.mac;
  if (mac === undefined) return undefined;
  const m = [...mac.slice(8)].map((c) => parseInt(c, 16)) as [number, number, number, number];
  const s = [...String(parseInt(mac.slice(8), 16)).padStart(5, '0')].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const [m9, m10, m11, m12] = m;
  const [, s7, s8, s9, s10] = s;
  const k1 = (s7 + s8 + m11 + m12) & 15;
  const k2 = (m9 + m10 + s9 + s10) & 15;
  const nibbles = [k1 ^ s10, k2 ^ m10, m11 ^ s10, k1 ^ s9, k2 ^ m11, m12 ^ s9, k1 ^ s8, k2 ^ m12, k1 ^ k2];
  return nibbles
    .map((n) => n.toString(16))
    .join('')
    .toUpperCase();
}

export const arcadyan: VendorAlgorithm = {
  id: 'arcadyan',
  title: 'Arcadyan EasyBox key from the MAC',
  source: 'Arcadyan patent DE102007047320A1; zebradem wiki "EasyBox Standard WPA Key"',
  uses: 'mac',
  macOffsets: [0, 1, -1],
  derive,
  matches: candidateMatcher((i) => [derive(i)].filter((k): k is string => k !== undefined), true),
};
