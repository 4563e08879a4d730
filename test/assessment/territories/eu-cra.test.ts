// eu-cra: Regulation (EU) 2024/2847 (territories.md §2): dates, scope, Annex I crosswalk, the five-year
// support period from placing on the market, Annex II, the class and conformity route, Article 14.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { craClass } from '../../../src/assessment/cra.js';
import { assess, camera, plug, req, verdict } from './fixtures.js';

const CRA = 'eu-cra';
const PRODUCT_RULES = '2027-12-11';

test('§2 dates: out of scope before 11 Sep 2026 (entry into force is not application)', () => {
  assert.equal(verdict(assess(plug(), CRA, '2026-09-10')), 'out-of-scope sellable');
});

test('§2 dates: 11 Sep 2026 to 10 Dec 2027 only Article 14 reporting applies; no product requirement is assessed', () => {
  const bad = plug((d) => {
    d.passwords.scheme = 'universal-default';
    d.supportPeriod!.endDate = '2028-01-31';
  });
  for (const at of ['2026-09-11', '2027-12-10']) {
    const a = assess(bad, CRA, at);
    assert.equal(verdict(a), 'pass sellable', at);
    assert.deepEqual(
      a.requirements.map((r) => `${r.id} ${r.status}`),
      ['product-requirements not-applicable'],
    );
    assert.match(a.requirements[0]!.reasons[0]!, /from 2027-12-11/);
    assert.equal(a.version?.id, '2024/2847 reporting');
    assert.equal(a.mark, null, 'no CE marking before the product rules apply');
    assert.deepEqual(
      a.obligations?.map((o) => o.id),
      ['cra-art14-reporting'],
    );
    assert.match(a.obligations![0]!.text, /24 hours.*72 hours.*14 days.*one month/);
  }
  assert.equal(verdict(assess(bad, CRA, PRODUCT_RULES)), 'fail unsellable');
});

test('§2 from 11 Dec 2027: a default-class product with every fact passes, CE marking, Module A', () => {
  const a = assess(plug(), CRA, PRODUCT_RULES);
  assert.equal(verdict(a), 'pass sellable');
  assert.equal(a.version?.id, '2024/2847');
  assert.equal(a.mark?.form, 'ce');
  assert.equal(a.conformity?.productClass, 'default');
  assert.match(a.conformity!.routes[0]!, /Module A/);
  assert.equal(req(a, 'cra-art32-conformity').route, a.conformity!.routes[0]);
  // Article 14 still applies alongside the product rules.
  assert.deepEqual(
    a.obligations?.map((o) => o.id),
    ['cra-art14-reporting'],
  );
});

test('§2 Annex I Part I (2)(b),(d): a universal default password fails and stops the sale', () => {
  const a = assess(
    plug((d) => (d.passwords.scheme = 'universal-default')),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(verdict(a), 'fail unsellable');
  assert.equal(req(a, 'cra-annex1-1-2b-d').status, 'not-met');
});

test('§2 Annex I via the crosswalk: a provision declared not implemented fails its requirement; none declared is not-declared', () => {
  const a = assess(
    plug((d) => (d.provisions!.statements['5.3-2'] = { status: 'not-implemented' })),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(req(a, 'cra-annex1-1-2c').status, 'not-met');
  assert.match(req(a, 'cra-annex1-1-2c').reasons.join(' '), /5\.3-2/);
  const none = assess(
    plug((d) => delete d.provisions),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(req(none, 'cra-annex1-1-2h-i').status, 'not-declared');
  assert.equal(none.outcome, 'fail');
});

test('§2 Article 13(8): at least five years from placing on the market, unless the expected use is shorter', () => {
  const threeYears = assess(
    plug((d) => (d.supportPeriod!.endDate = '2030-12-11')),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(verdict(threeYears), 'fail unsellable');
  assert.equal(req(threeYears, 'cra-art13-8-support-period').status, 'not-met');
  assert.match(req(threeYears, 'cra-art13-8-support-period').reasons[0]!, /2032-12-11.*expectedUseMonths/);
  const shortUse = plug((d) => {
    d.supportPeriod!.endDate = '2030-12-11';
    d.product.expectedUseMonths = 36;
  });
  assert.equal(req(assess(shortUse, CRA, PRODUCT_RULES), 'cra-art13-8-support-period').status, 'met');
  // Placing later moves the start: units first placed in 2029 need support to 2034.
  const later = plug((d) => (d.product.firstPlacedOnMarket = '2029-06-01'));
  assert.equal(req(assess(later, CRA, PRODUCT_RULES), 'cra-art13-8-support-period').status, 'not-met');
  // Counted from the assessment day too (units placed then need their own five years).
  assert.equal(req(assess(plug(), CRA, '2029-06-01'), 'cra-art13-8-support-period').status, 'not-met');
});

test('§2 Article 13(8): without product.firstPlacedOnMarket a long enough period is not-declared, never a silent pass', () => {
  const a = assess(
    plug((d) => delete d.product.firstPlacedOnMarket),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(req(a, 'cra-art13-8-support-period').status, 'not-declared');
  assert.match(req(a, 'cra-art13-8-support-period').reasons[0]!, /firstPlacedOnMarket/);
  const noPeriod = assess(
    plug((d) => delete d.supportPeriod),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(req(noPeriod, 'cra-art13-8-support-period').status, 'not-declared');
});

test('§2 Annex I Part II and Annex II: SBOM, CVD policy and a postal address are needed', () => {
  const a = assess(
    plug((d) => {
      delete d.sbom;
      delete d.vulnerabilityDisclosure.policyUrl;
      delete d.manufacturer.address;
    }),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(req(a, 'cra-annex1-2-1-sbom').status, 'not-declared');
  assert.match(req(a, 'cra-annex1-2-5-6-cvd').reasons.join(' '), /policyUrl/);
  assert.equal(req(a, 'cra-annex2-1-manufacturer').status, 'not-met');
  // The CRA asks for no acknowledgement or status-update times (unlike PSTI and AU).
  const noTimes = plug((d) => {
    delete d.vulnerabilityDisclosure.acknowledgementWithinDays;
    delete d.vulnerabilityDisclosure.statusUpdatesEveryDays;
    delete d.provisions!.statements['5.2-1'];
  });
  assert.equal(req(assess(noTimes, CRA, PRODUCT_RULES), 'cra-annex1-2-5-6-cvd').status, 'met');
});

test('§2 Annex III/IV classes from the declaration facts', () => {
  const cls = (change: Parameters<typeof plug>[0]) => craClass(plug(change));
  assert.deepEqual(
    cls((d) => (d.product.category = 'router')),
    {
      productClass: 'important-class-i',
      annexEntry: 'Annex III Class I point 12',
      why: 'routers and modems for connection to the internet are important products',
    },
  );
  assert.equal((craClass(camera()) as { annexEntry: string }).annexEntry, 'Annex III Class I point 17');
  assert.equal(
    (
      cls((d) => {
        d.product.category = 'connected-toy';
        d.product.features = { socialInteraction: false, locationTracking: true };
      }) as { annexEntry: string }
    ).annexEntry,
    'Annex III Class I point 18',
  );
  assert.equal(
    (
      cls((d) => {
        d.product.category = 'wearable';
        d.product.features = { healthMonitoring: true };
      }) as { annexEntry: string }
    ).annexEntry,
    'Annex III Class I point 19',
  );
  assert.equal(
    (
      cls((d) => {
        d.product.category = 'smart-meter';
        d.product.features = { smartMeterGateway: true };
      }) as { productClass: string }
    ).productClass,
    'critical',
  );
  assert.deepEqual(Object.keys(cls((d) => (d.product.category = 'connected-toy'))), ['missing', 'why']);
});

test('§2 Article 32: a Class I product cannot self-assess until a harmonised standard is cited; a certificate opens B+C', () => {
  const cam = camera((d) => {
    d.product.firstPlacedOnMarket = '2027-12-11';
    d.supportPeriod!.endDate = '2033-12-31';
    d.sbom = { format: 'spdx' };
  });
  const a = assess(cam, CRA, PRODUCT_RULES);
  assert.equal(verdict(a), 'fail unsellable');
  assert.equal(req(a, 'cra-art32-conformity').status, 'not-declared');
  assert.ok(a.conformity!.routes.every((r) => !r.startsWith('Module A')));
  assert.match(a.conformity!.reason, /no CRA harmonised standard is cited/);
  cam.labTestReports = [{ scheme: 'eu-cra', lab: 'Notified Body 1234', reportId: 'EUTE-1', date: '2027-11-01' }];
  const certified = assess(cam, CRA, PRODUCT_RULES);
  assert.equal(verdict(certified), 'pass sellable');
  assert.match(req(certified, 'cra-art32-conformity').route!, /Module B \+ C/);
  // A toy whose features are not declared cannot be classed: not-declared, naming the facts.
  const toy = assess(
    plug((d) => (d.product.category = 'connected-toy')),
    CRA,
    PRODUCT_RULES,
  );
  assert.equal(req(toy, 'cra-art32-conformity').status, 'not-declared');
  assert.match(req(toy, 'cra-art32-conformity').reasons[0]!, /socialInteraction/);
});

test('§2 Article 2: medical devices and type-approved vehicles are excluded; laptops and phones are in scope', () => {
  for (const category of ['medical-device', 'vehicle'] as const)
    assert.equal(
      verdict(
        assess(
          plug((d) => (d.product.category = category)),
          CRA,
          PRODUCT_RULES,
        ),
      ),
      'out-of-scope sellable',
    );
  for (const category of ['laptop', 'smartphone', 'tablet', 'desktop'] as const) {
    const a = assess(
      plug((d) => (d.product.category = category)),
      CRA,
      PRODUCT_RULES,
    );
    assert.equal(verdict(a), 'pass sellable', category);
  }
});
