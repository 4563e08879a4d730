// The public product page's content, worked out from the registry's views: the support period in words,
// the shield's meaning, how to report a security problem, each UK regime's verdict, the duties other markets'
// laws put on the manufacturer today, and the history.
import type { Declaration } from '../../assessment/index.js';
import type { AssessmentEngine, DeclarationView, ProductView } from '../../registry/index.js';
import { labelPreferenceOrder } from '../../regimes/index.js';
import { dateInWords } from '../../calendar.js';
import { periodInWords } from '../format.js';
import { orderedRegimes, type RegimeModel } from './assessment-model.js';

export interface SupportModel {
  state: 'until' | 'ended' | 'none';
  sentence: string;
}

export function supportSentence(endDate: string | null | undefined, today: string): SupportModel {
  if (!endDate)
    return { state: 'none', sentence: 'The manufacturer has not said until when this product gets security updates.' };
  if (endDate < today) return { state: 'ended', sentence: `Security updates ended on ${dateInWords(endDate)}` };
  return {
    state: 'until',
    sentence: `Security updates until ${dateInWords(endDate)} — ${periodInWords(today, endDate)} from today`,
  };
}

export function shieldMeaning(shield: 'tick' | 'cross' | null | undefined): string | null {
  if (shield === 'tick')
    return 'The shield has a tick: the manufacturer declares that the product has no universal default password and that there is a public way to report security problems.';
  if (shield === 'cross')
    return 'The shield has a cross: the product does not meet at least one of the two basic rules — no universal default password, and a public way to report security problems.';
  return null;
}

export interface ContactModel {
  href: string;
  text: string;
}

export function contactModel(contact: string): ContactModel {
  if (contact.startsWith('mailto:')) return { href: contact, text: contact.slice('mailto:'.length) };
  if (contact.startsWith('tel:')) return { href: contact, text: `Phone ${contact.slice('tel:'.length)}` };
  return { href: contact, text: contact };
}

export interface ObligationModel {
  regime: string;
  title: string;
  text: string;
  from: string;
}

/**
 * The duties in force on `today` under each law the product is in scope of (the CRA's Article 14 reporting,
 * from 11 September 2026). Assessed for today rather than read from the stored assessments, which give
 * the duties as they stood when the declaration was submitted.
 */
export function obligationsInForce(
  declaration: Declaration,
  engine: AssessmentEngine,
  today: string,
): ObligationModel[] {
  const out: ObligationModel[] = [];
  for (const regime of engine.listRegimes()) {
    if (regime.nature !== 'law') continue;
    const assessment = engine.assessDeclaration(declaration, regime.id, today);
    for (const o of assessment.obligations ?? [])
      out.push({ regime: regime.title, title: o.title, text: o.text, from: o.from });
  }
  return out;
}

export interface ProductPageModel {
  product: ProductView;
  latest: DeclarationView | null;
  declaration: Declaration | null;
  support: SupportModel;
  shield: 'tick' | 'cross' | null;
  shieldMeaning: string | null;
  contacts: ContactModel[];
  regimes: RegimeModel[];
  obligations: ObligationModel[];
  history: { id: string; version: number | null; createdAt: string; supportEndDate: string | null; sha256: string }[];
}

export function productPageModel(
  product: ProductView,
  submitted: readonly DeclarationView[],
  engine: AssessmentEngine,
  today: string,
): ProductPageModel {
  const versions = submitted
    .filter((d) => d.status === 'submitted')
    .sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  const latest = versions[0] ?? null;
  const declaration = (latest?.document ?? null) as Declaration | null;
  // The shield of the label a shopper meets first (2019 Option A).
  const preferred = labelPreferenceOrder()[0];
  const labelled = latest?.assessments.find((a) => a.regime === preferred);
  const shield = labelled?.label?.shield ?? null;
  return {
    product,
    latest,
    declaration,
    support: supportSentence(latest?.supportEndDate, today),
    shield,
    shieldMeaning: shieldMeaning(shield),
    contacts: (declaration?.vulnerabilityDisclosure?.contacts ?? []).map(contactModel),
    regimes: latest ? orderedRegimes(latest.assessments, engine, true) : [],
    obligations: declaration ? obligationsInForce(declaration, engine, today) : [],
    history: versions.map((d) => ({
      id: d.id,
      version: d.version,
      createdAt: d.createdAt,
      supportEndDate: d.supportEndDate,
      sha256: d.sha256,
    })),
  };
}
