// TP-Link: the default key is the last 8 hex digits of the MAC. Vector F8:D1:11:1E:28:A5 -> 111E28A5.
import { candidateMatcher, type VendorAlgorithm, type VendorInputs } from './algorithm.js';

const derive = (inputs: VendorInputs): string | undefined => inputs.mac?.slice(4);

export const tplink: VendorAlgorithm = {
  id: 'tplink',
  title: 'TP-Link key = last 8 MAC digits',
  source: 'routerkeygen project description of TP-Link default keys (TplinkKeygen)',
  uses: 'mac',
  macOffsets: [0],
  derive,
  matches: candidateMatcher((i) => [derive(i)].filter((k): k is string => k !== undefined), true),
};
