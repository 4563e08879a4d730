// The adapters' questions to the rulebooks, answered from the regimes' and catalogs' data: these are the
// orders and defaults the pages, API and CLI used to write as literals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileRulebook,
  declarationCatalogs,
  defaultDeclarationCatalog,
  defaultRetailRegime,
  getCatalog,
  labellingRegimeIds,
  labelPreferenceOrder,
  regimesInDisplayOrder,
  regimeShortName,
  registerRegime,
  statementOfComplianceRegime,
  ukRegimeIds,
  whatIfCatalogs,
} from '../../src/regimes/index.js';

test('labelling regimes, and the order a page prefers their labels', () => {
  assert.deepEqual(labellingRegimeIds(), ['uk-2019-option-a', 'uk-2019-option-c', 'uk-2019-voluntary']);
  assert.deepEqual(labelPreferenceOrder(), ['uk-2019-option-a', 'uk-2019-voluntary', 'uk-2019-option-c']);
});

test('the default regime is the enacted law, which also has the statement of compliance', () => {
  assert.equal(defaultRetailRegime(), 'uk-psti-2023');
  assert.deepEqual(statementOfComplianceRegime(), {
    regime: 'uk-psti-2023',
    deemingCatalog: 'etsi-en-303645-v2.1.1',
    deemingStandard: { number: 'ETSI EN 303 645', version: 'V2.1.1', date: '2020-06-19' },
  });
});

test('display order: the law, the 2019 options, then the standards', () => {
  assert.deepEqual(regimesInDisplayOrder(), [
    'uk-psti-2023',
    'uk-2019-option-a',
    'uk-2019-option-b',
    'uk-2019-option-c',
    'uk-2019-voluntary',
    'etsi-en-303645-v2.1.1',
    'etsi-en-303645-v3.1.3',
    'etsi-ts-103645-2019',
    'au-smart-devices-2025',
    'eu-cra',
    'eu-red-2025',
    'us-cyber-trust-mark',
    'sg-cls',
    'de-bsi-itsik',
    'fi-traficom',
    'jp-jcstar',
  ]);
  // The territories do not join the UK default set (`iotlabel assess` with no --regime).
  assert.deepEqual(ukRegimeIds(), [
    'uk-2019-option-a',
    'uk-2019-option-b',
    'uk-2019-option-c',
    'uk-2019-voluntary',
    'uk-psti-2023',
  ]);
  assert.equal(regimeShortName('uk-psti-2023'), 'UK PSTI');
});

test('catalogs offered to declarations and to the what-if page', () => {
  assert.deepEqual(
    declarationCatalogs().map((c) => c.id),
    ['etsi-en-303645-v2.1.1', 'etsi-en-303645-v3.1.3', 'etsi-ts-103645-2019', 'uk-cop-2018'],
  );
  assert.equal(defaultDeclarationCatalog().id, 'etsi-en-303645-v2.1.1');
  assert.deepEqual(
    whatIfCatalogs().map((c) => c.id),
    ['etsi-en-303645-v3.1.3', 'etsi-en-303645-v2.1.1'],
  );
});

test('roles are checked like the rest of the data: REGIME_DATA_INVALID naming the problem', () => {
  const regime = (id: string, roles: unknown) => ({
    id,
    roles,
    title: `Regime ${id}`,
    kind: 'law',
    summary: 'A regime for this test.',
    profile: { uuid: 'x' },
    rules: {
      requirements: [{ id: 'p', title: 'P', check: 'passwords' }],
      label: null,
      salesRestriction: 'pass',
      recommendationsFor: [],
    },
  });
  const invalid = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(
      fn,
      (e: { code: string; message: string }) => e.code === 'REGIME_DATA_INVALID' && pattern.test(e.message),
    );
  const cop = { 'c.json': getCatalog('uk-cop-2018').oscal };
  invalid(() => compileRulebook(cop, { 'r.json': regime('r', { displayOrder: -1 }) }), /roles.displayOrder/);
  invalid(() => compileRulebook(cop, { 'r.json': regime('r', { labelPreference: 1 }) }), /roles.labelPreference/);
  invalid(
    () =>
      compileRulebook(cop, {
        'a.json': regime('a', { defaultRegime: true }),
        'b.json': regime('b', { defaultRegime: true }),
      }),
    /roles.defaultRegime is claimed by a, b/,
  );
  // At run time: a taken id, or a second default regime, is refused and nothing is registered.
  invalid(() => registerRegime(regime('uk-psti-2023', {})), /already a regime/);
  invalid(
    () => registerRegime(regime('second-default', { defaultRegime: true })),
    /claimed by uk-psti-2023, second-default/,
  );
  assert.equal(defaultRetailRegime(), 'uk-psti-2023');
});
