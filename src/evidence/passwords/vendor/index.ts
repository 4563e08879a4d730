// The vendor algorithms the analyser reproduces (PW-KNOWN-VENDOR-ALGORITHM).
import type { VendorAlgorithm } from './algorithm.js';
import { arcadyan } from './arcadyan.js';
import { belkin } from './belkin.js';
import { speedport500 } from './speedport500.js';
import { thomson } from './thomson.js';
import { tplink } from './tplink.js';
import { ubee } from './ubee.js';
import { zyxel } from './zyxel.js';

export type { VendorAlgorithm, VendorInputs } from './algorithm.js';
export { thomsonSsid } from './thomson.js';

export const VENDOR_ALGORITHMS: readonly VendorAlgorithm[] = [
  thomson,
  arcadyan,
  belkin,
  tplink,
  zyxel,
  speedport500,
  ubee,
];
