// Counts the rows behind one finding and keeps the few device ids and redacted examples it shows.
import { FINDING_CODES, type FindingCode } from './finding-codes.js';
import { redact } from './redact.js';
import type { FindingSeverity, PasswordFinding } from './types.js';

const MAX_IDS = 10;
const MAX_EXAMPLES = 5;

export class Tally {
  count = 0;
  readonly deviceIds: string[] = [];
  readonly examples: string[] = [];
  readonly credentialTypes = new Set<string>();

  add(deviceId: string, password: string | undefined, credentialType: string): void {
    this.count++;
    this.credentialTypes.add(credentialType);
    if (this.deviceIds.length < MAX_IDS) this.deviceIds.push(deviceId);
    if (password !== undefined && this.examples.length < MAX_EXAMPLES) {
      const shown = redact(password);
      if (!this.examples.includes(shown)) this.examples.push(shown);
    }
  }
}

export interface FindingInput {
  severity?: FindingSeverity;
  message: string;
  tally?: Tally;
  affectedCount?: number;
  credentialTypes?: Iterable<string>;
  evidence?: Record<string, unknown>;
}

export function makeFinding(code: FindingCode, input: FindingInput): PasswordFinding {
  const kind = FINDING_CODES[code];
  return {
    code,
    severity: input.severity ?? kind.severity,
    title: kind.title,
    message: input.message,
    requirementRefs: [...kind.requirementRefs],
    credentialTypes: [...(input.credentialTypes ?? input.tally?.credentialTypes ?? [])].sort(),
    affectedCount: input.affectedCount ?? input.tally?.count ?? 0,
    sampleDeviceIds: input.tally ? [...input.tally.deviceIds] : [],
    redactedExamples: input.tally ? [...input.tally.examples] : [],
    evidence: input.evidence ?? {},
  };
}

/** "12 of 1,000 rows (1.2 %)" */
export function share(count: number, of: number): string {
  const pct = of === 0 ? 0 : (100 * count) / of;
  return `${count.toLocaleString('en-GB')} of ${of.toLocaleString('en-GB')} rows (${pct < 0.1 && pct > 0 ? pct.toPrecision(1) : pct.toFixed(1)} %)`;
}
