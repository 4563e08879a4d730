// PW-KNOWN-VENDOR-ALGORITHM: each row's identifiers run through every published vendor algorithm (on
// discovery rows), and an algorithm that reproduces a password is then checked on every later row.
import { HypothesisSearch } from './hypothesis-search.js';
import { offsetMac } from './identifiers.js';
import type { CredentialRecord } from './types.js';
import { VENDOR_ALGORITHMS, type VendorAlgorithm, type VendorInputs } from './vendor/index.js';

export interface VendorRow {
  record: CredentialRecord;
  password: string;
  deviceId: string;
  credentialType: string;
}

const BY_ID = new Map(VENDOR_ALGORITHMS.map((a) => [a.id, a]));

/** Key: algorithm id | input variant ("serial", "mac[0]+1", "bssid-3"). */
function variants(algorithm: VendorAlgorithm, record: CredentialRecord): { variant: string; inputs: VendorInputs }[] {
  const ssid = record.ssids[0];
  if (algorithm.uses === 'serial')
    return record.serial === undefined ? [] : [{ variant: 'serial', inputs: { serial: record.serial, ssid } }];
  const macs: [string, string][] = record.macs.map((m, i) => [`mac[${i}]`, m]);
  if (record.bssid !== undefined) macs.push(['bssid', record.bssid]);
  return macs.flatMap(([name, mac]) =>
    algorithm.macOffsets.map((offset) => ({
      variant: offset === 0 ? name : `${name}${offset > 0 ? '+' : ''}${offset}`,
      inputs: { mac: offset === 0 ? mac : offsetMac(mac, offset), ssid, serial: record.serial },
    })),
  );
}

/** The inputs of one variant ("mac[0]-3"), without building every variant of the row. */
function inputsFor(variant: string, record: CredentialRecord): VendorInputs | undefined {
  const ssid = record.ssids[0];
  if (variant === 'serial') return record.serial === undefined ? undefined : { serial: record.serial, ssid };
  const m = /^(?:mac\[(\d+)\]|bssid)([+-]\d+)?$/.exec(variant);
  const mac = m ? (m[1] === undefined ? record.bssid : record.macs[Number(m[1])]) : undefined;
  if (!m || mac === undefined) return undefined;
  return { mac: m[2] ? offsetMac(mac, Number(m[2])) : mac, ssid, serial: record.serial };
}

export function createVendorSearch(): HypothesisSearch<VendorRow> {
  return new HypothesisSearch<VendorRow>({
    discover: (row) => {
      const keys: string[] = [];
      for (const algorithm of VENDOR_ALGORITHMS) {
        for (const { variant, inputs } of variants(algorithm, row.record)) {
          if (algorithm.matches(row.password, inputs)) keys.push(`${algorithm.id}|${variant}`);
        }
      }
      return keys;
    },
    verify: (key, row) => {
      const [id, variant] = key.split('|') as [string, string];
      const algorithm = BY_ID.get(id);
      const inputs = algorithm && inputsFor(variant, row.record);
      return inputs !== undefined && algorithm!.matches(row.password, inputs);
    },
  });
}

export function describeVendorKey(key: string): { algorithm: string; title: string; source: string; input: string } {
  const [id, variant] = key.split('|') as [string, string];
  const algorithm = BY_ID.get(id)!;
  return { algorithm: id, title: algorithm.title, source: algorithm.source, input: variant };
}
