// Belkin: the last 8 hex digits of the MAC (some models MAC + 1), reordered by a fixed position table and
// mapped through a fixed 16-character alphabet. Vector Belkin.c0de 94:44:52:00:C0:DE -> 040D93B0.
import { candidateMatcher, type VendorAlgorithm, type VendorInputs } from './algorithm.js';

const ORDERS = [
  [5, 1, 2, 7, 4, 0, 6, 3],
  [0, 1, 2, 7, 4, 5, 6, 3],
] as const;
const ALPHABETS = ['024613578ACE9BDF', '944626378ace9bdf'] as const;

function key(mac: string, alphabet: string, order: readonly number[]): string {
  const tail = mac.slice(4);
  return order.map((i) => alphabet[parseInt(tail[i]!, 16)]).join('');
}

function candidates(inputs: VendorInputs): string[] {
  if (inputs.mac === undefined) return [];
  const mac = inputs.mac;
  return ALPHABETS.flatMap((alphabet) => ORDERS.map((order) => key(mac, alphabet, order)));
}

export const belkin: VendorAlgorithm = {
  id: 'belkin',
  title: 'Belkin key from the last 8 MAC digits',
  source: 'routerkeygen project description of Belkin default keys (BelkinKeygen)',
  uses: 'mac',
  macOffsets: [0, 1, 2],
  derive: (inputs, variant = 0) => candidates(inputs)[variant],
  matches: candidateMatcher(candidates, false),
};
