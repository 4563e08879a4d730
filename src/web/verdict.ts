// A label check's report in plain words: "Genuine label", "Revoked label", "Suspended label" or "This label
// is not genuine". Used by the server (the no-JavaScript check) and, compiled, by the verify page in the
// browser, so both say exactly the same. No Node imports (calendar.ts has none either).
import { dateInWords } from '../calendar.js';
import type { LabelReport } from '../labels/checks.js';

export type VerdictKind = 'genuine' | 'revoked' | 'suspended' | 'not-genuine';

export interface Verdict {
  kind: VerdictKind;
  title: string;
  /** Plain sentences to show under the title. */
  lines: string[];
}

export function verdictOf(report: LabelReport): Verdict {
  const failed = report.checks.find((c) => c.outcome === 'fail');
  const label = report.label;
  const about = label
    ? [`Label ${label.labelId} for barcode number ${label.gtin}; the shield shows a ${label.shield}.`]
    : [];
  if (failed?.code === 'LABEL_REVOKED')
    return {
      kind: 'revoked',
      title: 'Revoked label',
      lines: ['The registry issued this label but has since withdrawn it. Do not rely on it.', ...about],
    };
  if (failed?.code === 'LABEL_SUSPENDED')
    return {
      kind: 'suspended',
      title: 'Suspended label',
      lines: [
        'The registry has suspended this label while it looks into the product. Do not rely on it for now.',
        ...about,
      ],
    };
  if (failed?.code === 'REVOCATION_NOT_CHECKED')
    return {
      kind: 'not-genuine',
      title: 'This label could not be checked',
      lines: [
        'We could not check whether the registry has withdrawn this label, so we cannot say it is genuine. Try again later.',
        ...about,
      ],
    };
  if (failed || !report.genuine || !label) {
    return {
      kind: 'not-genuine',
      title: 'This label is not genuine',
      lines: [
        'It was not issued by this registry, or it was changed after it was issued. Do not rely on it.',
        ...(failed ? [`What failed: ${failed.message}.`] : []),
      ],
    };
  }
  const lines = [...about, `Issued by ${label.issuer}.`];
  lines.push(
    label.supportEndDate < report.at
      ? `Security updates ended on ${dateInWords(label.supportEndDate)}.`
      : `Security updates until ${dateInWords(label.supportEndDate)}.`,
  );
  if (report.checks.some((c) => c.step === 'status' && c.outcome === 'not-checked'))
    lines.push('We could not check whether the label has been withdrawn.');
  return { kind: 'genuine', title: 'Genuine label', lines };
}
