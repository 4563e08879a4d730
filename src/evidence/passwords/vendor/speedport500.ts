// Deutsche Telekom Speedport 500 (SSID "WLAN-xxxxxx"): "SP-" + ssid[9] + z + ssid[10] + mac[9..11] + x + y + z
// with three unknown digits, so 1,000 candidates per device. Vector WLAN-903704 / 00:1D:19:90:37:DD
// includes SP-0947DD059.
import type { VendorAlgorithm, VendorInputs } from './algorithm.js';

function parts(inputs: VendorInputs): { a: string; b: string; mac: string } | undefined {
  const ssid = inputs.ssid;
  if (inputs.mac === undefined || ssid === undefined || !/^WLAN-[0-9A-F]{6}$/i.test(ssid)) return undefined;
  return { a: ssid[9]!, b: ssid[10]!, mac: inputs.mac.slice(9, 12) };
}

export const speedport500: VendorAlgorithm = {
  id: 'speedport500',
  title: 'Speedport 500 key from SSID and MAC (1,000 candidates)',
  source: 'routerkeygen project description of Speedport 500 default keys (Speedport500Keygen)',
  uses: 'mac',
  macOffsets: [0],
  derive(inputs, variant = 0) {
    const p = parts(inputs);
    if (!p) return undefined;
    const [x, y, z] = [...String(variant % 1000).padStart(3, '0')] as [string, string, string];
    return `SP-${p.a}${z}${p.b}${p.mac}${x}${y}${z}`;
  },
  matches(password, inputs) {
    const p = parts(inputs);
    if (!p) return false;
    const m = /^SP-(.)(\d)(.)(...)(\d)(\d)(\d)$/i.exec(password);
    return (
      m !== null &&
      m[1]!.toUpperCase() === p.a.toUpperCase() &&
      m[3]!.toUpperCase() === p.b.toUpperCase() &&
      m[4]!.toUpperCase() === p.mac &&
      m[2] === m[7]
    );
  },
};
