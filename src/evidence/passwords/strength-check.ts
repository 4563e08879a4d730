// PW-DICTIONARY-WEAK: zxcvbn on a reservoir sample only (it costs milliseconds per password), with the
// device's identifiers as user inputs. zxcvbn scores human-like weakness (words, dates, keyboard walks,
// "password1"); machine-made keyspace is judged by keyspace-check.ts, so a sample counts here only when
// zxcvbn found a non-brute-force pattern covering at least half of the password.
import type { CredentialRecord } from './types.js';

export interface StrengthSample {
  deviceId: string;
  password: string;
  credentialType: string;
  userInputs: string[];
}

export interface StrengthResult {
  sampled: number;
  /** Count of samples per zxcvbn score 0..4. */
  scores: number[];
  weak: StrengthSample[];
  borderline: StrengthSample[];
}

export class StrengthCheck {
  private readonly sample: StrengthSample[] = [];
  private seen = 0;

  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {}

  add(record: CredentialRecord, password: string): void {
    if (this.size <= 0) return;
    this.seen++;
    const slot = this.seen <= this.size ? this.seen - 1 : Math.floor(this.random() * this.seen);
    if (slot >= this.size) return;
    const userInputs = [record.serial, ...record.macs, ...record.ssids, record.model, record.deviceId].filter(
      (v): v is string => v !== undefined,
    );
    this.sample[slot] = { deviceId: record.deviceId, password, credentialType: record.credentialType, userInputs };
  }

  async run(): Promise<StrengthResult | null> {
    if (this.sample.length === 0) return null;
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary },
      graphs: common.adjacencyGraphs,
      maxLength: 64,
    });
    const scores = [0, 0, 0, 0, 0];
    const weak: StrengthSample[] = [];
    const borderline: StrengthSample[] = [];
    for (const s of this.sample) {
      const result = zxcvbn.check(s.password, s.userInputs);
      scores[result.score]!++;
      const patterned = result.sequence
        .filter((m) => m.pattern !== 'bruteforce')
        .reduce((sum, m) => sum + m.token.length, 0);
      if (patterned * 2 < s.password.length) continue;
      if (result.score <= 2) weak.push(s);
      else if (result.score === 3) borderline.push(s);
    }
    return { sampled: this.sample.length, scores, weak, borderline };
  }
}

/** A small deterministic generator (mulberry32) so that runs with the same seed sample the same rows. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
