// A label check's report in plain words for the person holding the product: "Genuine label", "Revoked
// label", "Suspended label" or "This label is not genuine". It names the registry that checked it (and,
// on a genuine label, the issuer) and never shows key ids, status-list addresses or error codes: those are
// for `iotlabel verify`. Used by the server (the no-JavaScript check) and, compiled, by the verify page in
// the browser, so both say exactly the same. No Node imports (calendar.ts has none either).
import { dateInWords } from '../calendar.js';
import type { ErrorCode } from '../errors.js';
import type { LabelReport } from '../labels/checks.js';

export type VerdictKind = 'genuine' | 'revoked' | 'suspended' | 'not-genuine';

export interface Verdict {
  kind: VerdictKind;
  title: string;
  /** Plain sentences to show under the title. */
  lines: string[];
}

/** What went wrong, said to a person; the first sentence of a not-genuine verdict says who did not issue it. */
const WHY: Partial<Record<ErrorCode, string>> = {
  TOKEN_MALFORMED:
    'The code does not hold a label that can be read. It may have been copied wrongly, damaged, or made up.',
  LABEL_LINK_INVALID:
    'The link is not a label link. A label link starts with the registry’s address, then /01/ and the barcode number.',
  TOKEN_KEY_UNKNOWN: 'The label was not signed by this registry.',
  TOKEN_SIGNATURE_INVALID: 'The label was changed after it was issued, or someone else made it.',
  TOKEN_CLAIMS_INVALID: 'The label does not match the product whose barcode number is in the link.',
  ISSUER_NOT_TRUSTED: 'The label says another registry issued it. This registry cannot vouch for that one.',
  TOKEN_KEY_EXPIRED: 'The label was signed after the registry had stopped using that signature.',
  STATUS_LIST_INVALID: 'The registry’s list of withdrawn labels could not be read, so the label cannot be trusted.',
};
const ADVICE =
  'Do not rely on it: the product may not meet the security rules this label claims. If you bought it, tell the shop. You can search for the product on this registry to see what its manufacturer declared.';

/** `registry` names the registry that checked the label, as a person would recognise it (its host). */
export function verdictOf(report: LabelReport, registry: string): Verdict {
  const failed = report.checks.find((c) => c.outcome === 'fail');
  const label = report.label;
  const about = label
    ? [`Label ${label.labelId} for barcode number ${label.gtin}; the shield shows a ${label.shield}.`]
    : [];
  if (failed?.code === 'LABEL_REVOKED')
    return {
      kind: 'revoked',
      title: 'Revoked label',
      lines: [`${registry} issued this label but has since withdrawn it. Do not rely on it.`, ...about],
    };
  if (failed?.code === 'LABEL_SUSPENDED')
    return {
      kind: 'suspended',
      title: 'Suspended label',
      lines: [
        `${registry} has suspended this label while it looks into the product. Do not rely on it for now.`,
        ...about,
      ],
    };
  if (failed?.code === 'REVOCATION_NOT_CHECKED')
    return {
      kind: 'not-genuine',
      title: 'This label could not be checked',
      lines: [
        `We could not check whether ${registry} has withdrawn this label, so we cannot say it is genuine. Try again later.`,
        ...about,
      ],
    };
  if (failed || !report.genuine || !label) {
    const why = failed?.code === undefined ? undefined : WHY[failed.code];
    return {
      kind: 'not-genuine',
      title: 'This label is not genuine',
      lines: [`This label was not issued by ${registry}.`, ...(why ? [why] : []), ADVICE],
    };
  }
  const lines = [...about, `Issued by ${hostOf(label.issuer)}, the registry that checked it.`];
  lines.push(
    label.supportEndDate < report.at
      ? `Security updates ended on ${dateInWords(label.supportEndDate)}.`
      : `Security updates until ${dateInWords(label.supportEndDate)}.`,
  );
  if (report.checks.some((c) => c.step === 'status' && c.outcome === 'not-checked'))
    lines.push('We could not check whether the label has been withdrawn.');
  return { kind: 'genuine', title: 'Genuine label', lines };
}

/** `https://labels.example/` -> `labels.example`: how a person knows a registry. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
