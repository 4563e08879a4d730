// security.txt validation rate. No budget in DESIGN.md; the baseline (splitting the same text into lines)
// shows how much the validation costs on top of merely reading the file.
import { opsPerSecond, type BenchFigure } from './harness.js';
import { parseSecurityTxt } from '../src/evidence/securitytxt/parse.js';

const TEXT = [
  '# Our security address',
  'Contact: mailto:security@example.com',
  'Contact: https://example.com/security/report',
  'Expires: 2030-12-31T23:59:59Z',
  'Encryption: https://example.com/pgp-key.txt',
  'Acknowledgments: https://example.com/hall-of-fame.html',
  'Preferred-Languages: en, nl, de-CH-1901',
  'Canonical: https://example.com/.well-known/security.txt',
  'Policy: https://example.com/security-policy.html',
  'Hiring: https://example.com/jobs',
  'CSAF: https://example.com/.well-known/csaf/provider-metadata.json',
  '',
].join('\n');

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const ms = quick ? 300 : 1500;
  const now = new Date('2030-01-01T00:00:00Z');
  let sink = 0;
  const baseline = opsPerSecond(() => void (sink += TEXT.split('\n').length), ms);
  const value = opsPerSecond(() => void (sink += parseSecurityTxt(TEXT, { now }).fields.length), ms);
  return [
    {
      name: 'securitytxt: validate a 12-line file',
      value,
      unit: 'files/s',
      baseline: { name: 'split the same text into lines', value: baseline, unit: 'files/s' },
      ratio: value / baseline,
      ratioMeaning: 'validation rate / line-splitting rate',
      notes: { bytes: TEXT.length, sink: sink > 0 ? 'ok' : 'none' },
    },
  ];
}
