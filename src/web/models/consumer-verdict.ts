// What a shopper wants to know first, in one sentence: does the product meet the rules of the market and may
// it be sold there, and if not, why, in words about the product rather than the declaration's fields. The
// answer is the registry's own sale answer (the same as /v1/sellable), so the pages never judge differently.
import type { SellableAnswer } from '../../registry/index.js';
import { getRegime, type Regime } from '../../regimes/index.js';

export interface ConsumerVerdict {
  sellable: boolean;
  /** "tick" | "cross" for a product with a label under the regime; null otherwise. */
  shield: 'tick' | 'cross' | null;
  /** A heading-sized sentence. */
  sentence: string;
  /** Why not, one short phrase a buyer understands per unmet rule. */
  why: string[];
  colour: 'green' | 'red' | 'grey';
}

// Unmet requirements by what they check, in a buyer's words.
const CHECK_WORDS: Record<string, string> = {
  passwords: 'its passwords are not set safely: devices may share a password that is easy to find',
  'psti-passwords': 'its passwords are not set safely: devices may share a password that is easy to find',
  'disclosure-contact': 'there is no public way to report a security problem to the manufacturer',
  'psti-reporting': 'the manufacturer does not say clearly how to report a security problem or how fast it answers',
  'support-period': 'the manufacturer does not say how long it will get security updates',
  'psti-support-period': 'the manufacturer does not say clearly how long it will get security updates',
  'psti-statement': 'the manufacturer’s statement that it meets the rules is incomplete',
};

const MARKET_NAMES: Record<string, string> = { UK: 'the UK', EU: 'the EU', US: 'the US' };

function regimeOrNull(id: string): Regime | null {
  try {
    return getRegime(id);
  } catch {
    return null;
  }
}

/** `unmet`: the ids of the regime's requirements the latest declaration does not meet. */
export function consumerVerdict(answer: SellableAnswer, unmet: readonly string[]): ConsumerVerdict {
  const regime = regimeOrNull(answer.regime);
  const market = regime?.roles.jurisdiction ?? null;
  const where = market === null ? '' : ` in ${MARKET_NAMES[market] ?? market}`;
  const rules = market === null ? 'these rules' : `the ${market} security rules`;
  const shield = answer.label?.shield ?? null;
  const may = `may be sold${where}`;
  const mayNot = `may not be sold${where}`;
  const why = [
    ...new Set(
      (regime?.requirements ?? [])
        .filter((r) => unmet.includes(r.id))
        .map((r) => CHECK_WORDS[r.check] ?? `it does not meet the rule on ${r.title.replace(/^.*?: /, '')}`),
    ),
  ];
  switch (answer.outcome) {
    case 'pass':
      return { sellable: true, shield, sentence: `Meets ${rules}: it ${may}.`, why: [], colour: 'green' };
    case 'out-of-scope':
      return {
        sellable: answer.sellable,
        shield,
        sentence: `${capital(rules)} do not cover this type of product, so it ${answer.sellable ? may : mayNot}.`,
        why: [],
        colour: 'grey',
      };
    case 'withdrawn':
      return {
        sellable: false,
        shield,
        sentence: `Withdrawn by its manufacturer: it ${mayNot}.`,
        why: [],
        colour: 'red',
      };
    case 'label-revoked':
    case 'label-suspended':
      return {
        sellable: false,
        shield,
        sentence: `Its security label was ${answer.outcome === 'label-revoked' ? 'revoked' : 'suspended'}: it ${mayNot}.`,
        why: [],
        colour: 'red',
      };
    case 'no-label':
      return { sellable: false, shield, sentence: `It has no security label, so it ${mayNot}.`, why, colour: 'red' };
    case 'not-declared':
    case 'not-assessed':
      return {
        sellable: answer.sellable,
        shield,
        sentence: `The manufacturer has not declared that it meets ${rules}, so it ${answer.sellable ? may : mayNot}.`,
        why: [],
        colour: answer.sellable ? 'grey' : 'red',
      };
    default:
      return answer.sellable
        ? {
            sellable: true,
            shield,
            sentence: `It does not meet ${rules}, but they do not stop its sale: it ${may}.`,
            why,
            colour: 'grey',
          }
        : { sellable: false, shield, sentence: `It does not meet ${rules}, so it ${mayNot}.`, why, colour: 'red' };
  }
}

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
