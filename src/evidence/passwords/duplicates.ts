// PW-DUPLICATE, PW-UNIVERSAL and the birthday estimate behind PW-COLLISION-RATE. In memory, each password
// is counted under the first 64 bits of its SHA-256 (one hash per row; the table never leaves the
// process). A value's published fingerprint is HMAC-SHA256 of its SHA-256 under a key that is random per
// run unless the caller supplies one, first 64 bits; it is worked out only when the value is seen a
// second time, since only repeated values are ever published.
import { createHash, hash } from 'node:crypto';
import { FingerprintTable } from './fingerprint-table.js';
import { Tally } from './tally.js';

interface GroupSample {
  tally: Tally;
}

const MAX_SAMPLED_GROUPS = 1000;

export class DuplicateCheck {
  readonly table = new FingerprintTable();
  /** Rows that repeat a value already seen (second and later occurrences). */
  readonly repeats = new Tally();
  private readonly groups = new Map<string, GroupSample>();
  /** Keyed fingerprint (hex) of each repeated value, by its in-memory 64-bit id. */
  private readonly keyed = new Map<string, string>();

  private readonly inner: Buffer;
  private readonly outer: Buffer;

  // HMAC-SHA256 written out over reusable buffers (RFC 2104): two one-shot hashes per row instead of a
  // new Hmac object, which matters at a million rows.
  constructor(key: Buffer) {
    const block = Buffer.alloc(64);
    (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
    this.inner = Buffer.alloc(64 + 32);
    this.outer = Buffer.alloc(64 + 32);
    for (let i = 0; i < 64; i++) {
      this.inner[i] = block[i]! ^ 0x36;
      this.outer[i] = block[i]! ^ 0x5c;
    }
  }

  /** HMAC-SHA256(key, sha256), first 64 bits, as hex. */
  private fingerprint(sha256: Buffer): string {
    sha256.copy(this.inner, 64, 0, 32);
    hash('sha256', this.inner, 'buffer').copy(this.outer, 64);
    return hash('sha256', this.outer, 'buffer').toString('hex', 0, 8);
  }

  /** `sha256` is the password's SHA-256 (computed here for plaintext rows, given in fingerprint-only rows). */
  add(sha256: Buffer, deviceId: string, password: string | undefined, credentialType: string, line: number): void {
    const hi = sha256.readUInt32BE(0);
    const lo = sha256.readUInt32BE(4);
    const count = this.table.add(hi, lo, line);
    if (count < 2) return;
    this.repeats.add(deviceId, password, credentialType);
    const id = hex(hi, lo);
    let fp = this.keyed.get(id);
    if (fp === undefined) this.keyed.set(id, (fp = this.fingerprint(sha256)));
    let group = this.groups.get(fp);
    if (!group && this.groups.size < MAX_SAMPLED_GROUPS) this.groups.set(fp, (group = { tally: new Tally() }));
    group?.tally.add(deviceId, password, credentialType);
  }

  summary(): DuplicateSummary {
    let groups = 0;
    let rows = 0;
    let pairs = 0;
    const top: { fingerprint: string; count: number; firstLine: number }[] = [];
    for (const g of this.table.repeated()) {
      groups++;
      rows += g.count;
      pairs += (g.count * (g.count - 1)) / 2;
      top.push({ fingerprint: this.keyed.get(hex(g.hi, g.lo))!, count: g.count, firstLine: g.firstLine });
      if (top.length > 200) top.sort(byCountThenLine).splice(100);
    }
    top.sort(byCountThenLine).splice(100);
    return { distinct: this.table.size, groups, rows, pairs, top };
  }

  sample(fingerprint: string): Tally | undefined {
    return this.groups.get(fingerprint)?.tally;
  }
}

export interface DuplicateSummary {
  distinct: number;
  groups: number;
  rows: number;
  pairs: number;
  top: { fingerprint: string; count: number; firstLine: number }[];
}

export function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/** Identifies a fingerprint key without revealing it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('iotlabel password fingerprint key\0').update(key).digest('hex').slice(0, 16);
}

// The largest groups, earliest first: the same list whatever order the table holds them in.
const byCountThenLine = (a: { count: number; firstLine: number }, b: { count: number; firstLine: number }) =>
  b.count - a.count || a.firstLine - b.firstLine;

function hex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
