// Every shop sentence the sale rule can make, for every regime in the rulebooks and every outcome: it starts
// with "OK to sell" exactly when the product may be sold and "Do not sell" otherwise, names no declaration
// field, fits one line, and the Option A cross sentence agrees with the rule (a label with a cross sells).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sellabilityVerdict } from '../../src/catalogue/sellability-verdict.js';
import { saleRuleFor } from '../../src/catalogue/sale-rule.js';
import type { LabelFacts, RegimeFacts, SellabilityFacts } from '../../src/catalogue/types.js';
import { listRegimes } from '../../src/regimes/index.js';

const AT = '2026-11-24';
const FIELD = /\b(passwords|vulnerabilityDisclosure|supportPeriod|provisions|product|manufacturer)\.[a-z]/;

const labels = (regime: string): Record<string, LabelFacts | null> => ({
  none: null,
  tick: { id: 'L1', status: 'valid', regime, shield: 'tick' },
  cross: { id: 'L2', status: 'valid', regime, shield: 'cross' },
  revoked: {
    id: 'L3',
    status: 'revoked',
    regime,
    shield: 'tick',
    statusAt: '2026-12-02',
    statusReason: 'Market surveillance found a universal password',
  },
  suspended: { id: 'L4', status: 'suspended', regime, shield: 'tick' },
});

const outcomes: Record<string, Omit<RegimeFacts, 'label'>> = {
  pass: { outcome: 'pass', sellable: true, reasons: ['Meets every requirement'], supportEndDate: '2030-12-31' },
  'fail, still sellable': {
    outcome: 'fail',
    sellable: true,
    reasons: ['Does not meet the rules on passwords'],
    supportEndDate: '2030-12-31',
  },
  fail: { outcome: 'fail', sellable: false, reasons: ['Does not meet the rules on passwords'], supportEndDate: null },
  'out-of-scope': { outcome: 'out-of-scope', sellable: true, reasons: ['Outside the scope'], supportEndDate: null },
  'not-declared': { outcome: 'not-declared', sellable: false, reasons: ['No declaration'], supportEndDate: null },
  withdrawn: {
    outcome: 'withdrawn',
    sellable: false,
    reasons: ['Withdrawn by the manufacturer on 2026-10-01'],
    supportEndDate: null,
  },
};

function facts(regime: string, entry: RegimeFacts | undefined, label: LabelFacts | null): SellabilityFacts {
  return {
    productId: 'p1',
    gtins: ['05012345678900'],
    brand: 'Acme',
    model: 'CAM-200',
    regimes: entry ? { [regime]: entry } : {},
    label,
  };
}

function checkSentence(where: string, v: { sellable: boolean; reason: string }): void {
  assert.match(v.reason, v.sellable ? /^OK to sell: / : /^Do not sell: /, where);
  assert.doesNotMatch(v.reason, FIELD, `${where}: names a declaration field`);
  assert.ok(v.reason.length <= 160, `${where}: ${v.reason.length} characters`);
  assert.doesNotMatch(v.reason, /does not restrict sales, though it does not meet them/, where);
}

test('every regime, outcome and label state gives a sentence that agrees with the verdict', () => {
  let sentences = 0;
  for (const { id: regime } of listRegimes()) {
    const rule = saleRuleFor(regime);
    checkSentence(`${regime}, unknown product`, sellabilityVerdict(null, regime, AT, rule));
    checkSentence(`${regime}, not assessed`, sellabilityVerdict(facts(regime, undefined, null), regime, AT, rule));
    for (const [name, outcome] of Object.entries(outcomes))
      for (const [state, label] of Object.entries(labels(regime))) {
        const v = sellabilityVerdict(facts(regime, { ...outcome, label }, label), regime, AT, rule);
        checkSentence(`${regime}, ${name}, label ${state}`, v);
        sentences++;
      }
  }
  assert.ok(sentences >= listRegimes().length * 30);
});

test('Option A: a label with a cross may be sold and the sentence says so; a revoked one names its date and reason', () => {
  const regime = 'uk-2019-option-a';
  const rule = saleRuleFor(regime);
  assert.ok(rule.onlyLabelled);
  const cross = labels(regime).cross!;
  const sold = sellabilityVerdict(
    facts(regime, { ...outcomes['fail, still sellable']!, label: cross }, cross),
    regime,
    AT,
    rule,
  );
  assert.equal(sold.sellable, true);
  assert.equal(
    sold.reason,
    'OK to sell: it has the security label, though its shield shows a cross: it does not meet every rule; security updates until 2030-12-31',
  );
  const revoked = labels(regime).revoked!;
  const stopped = sellabilityVerdict(facts(regime, { ...outcomes.pass!, label: revoked }, revoked), regime, AT, rule);
  assert.deepEqual([stopped.sellable, stopped.outcome], [false, 'label-revoked']);
  assert.equal(
    stopped.reason,
    'Do not sell: security label revoked on 2 December 2026: Market surveillance found a universal password',
  );
});

test('a regime that restricts no sale says so, in shop words', () => {
  const free = listRegimes().find((r) => !saleRuleFor(r.id).restrictsSales)!;
  const rule = saleRuleFor(free.id);
  const v = sellabilityVerdict(
    facts(free.id, { ...outcomes['fail, still sellable']!, label: null }, null),
    free.id,
    AT,
    rule,
  );
  assert.equal(v.sellable, true);
  assert.match(v.reason, new RegExp(`^OK to sell: it does not meet these rules, but .* does not restrict sales`));
});
