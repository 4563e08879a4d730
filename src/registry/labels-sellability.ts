// What an issued label changes in the sellability answer. Under a labelling regime that restricts sales
// (Options A and C: "only labelled products may be sold") a product may be sold only while its current
// label is valid: no label, or a revoked or suspended one, makes it not sellable, and the reasons say so.
// Under the voluntary label nothing is restricted; the label is only reported.
import type { LabelRow } from '../store/index.js';
import type { RegimeSummary } from './engine.js';
import { labelUrl } from './labels-view.js';

export interface LabelVerdict {
  sellable: boolean;
  reasons: string[];
  labelId: string | null;
  labelUrl: string | null;
}

export function labelVerdict(summary: RegimeSummary, answer: { sellable: boolean; reasons: string[] }, label: LabelRow | undefined, declarationVersion: number | null, publicUrl: string): LabelVerdict {
  if (!summary.labelling) return { ...answer, labelId: null, labelUrl: null };
  const restricted = summary.salesRestriction;
  const only = restricted ? `; only labelled products may be sold under ${summary.title}` : '';
  if (label === undefined) {
    const note = `no label has been issued under ${summary.title}${only}`;
    return { sellable: answer.sellable && !restricted, reasons: [...answer.reasons, note], labelId: null, labelUrl: null };
  }
  const link = { labelId: label.id, labelUrl: labelUrl(publicUrl, label.id) };
  if (label.status !== 'valid') {
    const note = `label ${label.id} was ${label.status} on ${label.statusAt.slice(0, 10)}: ${label.statusReason ?? 'no reason given'}${only}`;
    return { sellable: answer.sellable && !restricted, reasons: [...answer.reasons, note], ...link };
  }
  const version = Number(label.declarationVersion);
  const reasons = declarationVersion !== null && version < declarationVersion
    ? [...answer.reasons, `label ${label.id} was issued for declaration version ${version}; version ${declarationVersion} has no label yet`]
    : answer.reasons;
  return { sellable: answer.sellable, reasons, ...link };
}
