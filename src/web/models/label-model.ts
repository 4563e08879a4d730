// Which of a product's labels a page shows: the newest one not superseded, preferring the 2019 label
// schemes in the order a shopper would meet them (labelPreference in the rulebook data).
import type { LabelView } from '../../registry/index.js';
import { labelPreferenceOrder } from '../../regimes/index.js';

export function currentLabel(labels: readonly LabelView[]): LabelView | null {
  const PREFERENCE = labelPreferenceOrder();
  const current = labels.filter((l) => l.supersededBy === null);
  const rank = (l: LabelView) => (PREFERENCE.includes(l.regime) ? PREFERENCE.indexOf(l.regime) : PREFERENCE.length);
  return current.slice().sort((a, b) => rank(a) - rank(b) || b.issuedAt.localeCompare(a.issuedAt))[0] ?? null;
}
