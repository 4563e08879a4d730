// PW-SEQUENTIAL: counters. Three tests, all streaming:
// 1. in file order, consecutive passwords with the same prefix differ by a constant in their numeric tail
//    (decimal) or as whole hex numbers;
// 2. per prefix, the numeric tails fill a dense range (a counter, even if the rows were shuffled);
// 3. the password's number minus (or XOR) the serial's or MAC's number is the same constant on most rows.
import { Tally } from './tally.js';
import type { CredentialRecord } from './types.js';

const MAX_KEYS = 4096;

class ModeCounter {
  readonly counts = new Map<string, number>();
  total = 0;
  add(key: string): void {
    this.total++;
    const n = this.counts.get(key);
    if (n !== undefined) this.counts.set(key, n + 1);
    else if (this.counts.size < MAX_KEYS) this.counts.set(key, 1);
  }
  best(): { key: string; count: number } | undefined {
    let best: { key: string; count: number } | undefined;
    for (const [key, count] of this.counts) if (!best || count > best.count) best = { key, count };
    return best;
  }
}

interface Range {
  min: number;
  max: number;
  count: number;
}

export interface SequenceResult {
  test: string;
  /** Rows the relation explains. */
  count: number;
  rows: number;
  detail: string;
}

export class SequenceCheck {
  readonly tally = new Tally();
  private previous: { prefix: string; tail: number | undefined; hex: number | undefined } | undefined;
  private readonly stepDecimal = new ModeCounter();
  private readonly stepHex = new ModeCounter();
  private readonly offsets = new ModeCounter();
  private readonly ranges = new Map<string, Range>();
  private rows = 0;

  add(record: CredentialRecord, password: string): void {
    this.rows++;
    const m = /^(.*?)(\d{1,15})$/.exec(password);
    const prefix = m ? m[1]! : password;
    const tail = m ? Number(m[2]) : undefined;
    const hex = /^[0-9a-fA-F]{1,13}$/.test(password) ? parseInt(password, 16) : undefined;
    const prev = this.previous;
    if (prev) {
      if (tail !== undefined && prev.tail !== undefined && prev.prefix === prefix)
        this.stepDecimal.add(String(tail - prev.tail));
      else this.stepDecimal.add('-');
      if (hex !== undefined && prev.hex !== undefined) this.stepHex.add(String(hex - prev.hex));
      else this.stepHex.add('-');
    }
    this.previous = { prefix, tail, hex };
    // Sample rows for the finding: the first numeric ones (a counter batch is numeric throughout).
    if ((tail !== undefined || hex !== undefined) && this.tally.count < 10)
      this.tally.add(record.deviceId, password, record.credentialType);
    if (tail !== undefined) {
      const r = this.ranges.get(prefix);
      if (r) {
        r.min = Math.min(r.min, tail);
        r.max = Math.max(r.max, tail);
        r.count++;
      } else if (this.ranges.size < MAX_KEYS) this.ranges.set(prefix, { min: tail, max: tail, count: 1 });
    }
    const serialTail = record.serial === undefined ? undefined : /(\d{1,15})$/.exec(record.serial)?.[1];
    if (tail !== undefined && serialTail !== undefined && tail !== Number(serialTail))
      this.offsets.add(`password - serial = ${tail - Number(serialTail)}`);
    const mac = record.macs[0];
    if (hex !== undefined && mac !== undefined && password.length <= 8) {
      const low = parseInt(mac.slice(4), 16);
      this.offsets.add(`password XOR mac[low 32 bits] = ${((hex ^ low) >>> 0).toString(16)}`);
      this.offsets.add(`password - mac[low 32 bits] = ${hex - low}`);
    }
  }

  results(): SequenceResult[] {
    const out: SequenceResult[] = [];
    const pairs = this.rows - 1;
    const minShare = (count: number, of: number): boolean => of >= 3 && count >= 3 && count >= 0.5 * of;
    for (const [name, counter] of [
      ['decimal tail', this.stepDecimal],
      ['hex value', this.stepHex],
    ] as const) {
      const best = counter.best();
      if (best && best.key !== '-' && best.key !== '0' && minShare(best.count, pairs)) {
        out.push({
          test: `constant step (${name})`,
          count: best.count + 1,
          rows: this.rows,
          detail: `consecutive rows differ by ${best.key} (${name}) in ${best.count} of ${pairs} pairs`,
        });
      }
    }
    for (const [prefix, r] of this.ranges) {
      const span = r.max - r.min + 1;
      if (r.count >= 10 && r.count >= 0.01 * this.rows && r.count <= span && span <= 1.5 * r.count) {
        out.push({
          test: 'dense counter range',
          count: r.count,
          rows: this.rows,
          detail: `${r.count} passwords ${prefix === '' ? 'are numbers' : `share a ${prefix.length}-character prefix and end in numbers`} within a range of ${span}`,
        });
      }
    }
    const best = this.offsets.best();
    if (best && minShare(best.count, this.rows))
      out.push({
        test: 'constant relation to an identifier',
        count: best.count,
        rows: this.rows,
        detail: `${best.key.replace(/= .*/, '= constant')} on ${best.count} rows`,
      });
    return out;
  }
}
