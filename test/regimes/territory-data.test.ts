// The territory regimes' data (territories.md): every category it names exists, every regime has a nature,
// dated versions and a mark, and a broken territory document is refused naming each problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCT_CATEGORIES } from '../../src/assessment/index.js';
import { compileRulebook, getCatalog, getRegime, listRegimes } from '../../src/regimes/index.js';

const TERRITORIES = listRegimes().filter((r) => r.territory !== 'UK' && r.territory !== null);

test('eight territory regimes, each with a nature, a first version on its effective date and a mark', () => {
  assert.equal(TERRITORIES.length, 8);
  for (const s of TERRITORIES) {
    const r = getRegime(s.id);
    assert.ok(r.versions.length > 0, s.id);
    assert.equal(r.versions[0]!.from, r.effectiveFrom, s.id);
    assert.ok(r.mark, s.id);
    assert.equal(r.scope, 'territory', s.id);
    // A law restricts sale; a voluntary scheme must not.
    assert.equal(r.salesRestriction === 'pass', r.nature === 'law', s.id);
    assert.equal(r.label, null, `${s.id} issues no registry shield label`);
  }
});

test('every product category the data names is a declaration category', () => {
  const known = new Set<string>(PRODUCT_CATEGORIES);
  for (const s of TERRITORIES) {
    const r = getRegime(s.id);
    const named = [
      ...r.exclusions.flatMap((x) => x.categories),
      ...r.requirements.flatMap((q) => [...(q.onlyCategories ?? []), ...(q.exceptCategories ?? [])]),
    ];
    for (const c of named) assert.ok(known.has(c), `${s.id}: ${c}`);
  }
});

test('unconfirmed (⚠) readings are marked in the data so they are easy to find and correct', () => {
  const marked = TERRITORIES.flatMap((s) => getRegime(s.id).requirements.filter((q) => q.unconfirmed?.startsWith('⚠')));
  assert.ok(marked.length >= 8);
  assert.ok(getRegime('au-smart-devices-2025').requirements.find((q) => q.id === 'au-sch1-cl3')?.unconfirmed);
});

test('a broken territory document is refused with each problem named', () => {
  const en = { 'c.json': getCatalog('etsi-en-303645-v2.1.1').oscal };
  const doc = {
    id: 'xx-broken',
    title: 'Broken',
    kind: 'law',
    nature: 'statute',
    effectiveFrom: '2026-01-01',
    summary: 'Broken on purpose.',
    profile: { uuid: '00000000-0000-5000-8000-000000000000' },
    rules: {
      scope: 'territory',
      levelled: true,
      versions: [{ id: 'v1', from: '2026-02-01', by: 'x', summary: 'y' }],
      exclusions: [{ categories: [], reason: 'none' }],
      mark: { form: 'hologram', verifier: 'self', validity: 'x', validityYears: 0, gives: 'y' },
      requirements: [
        {
          id: 'a',
          title: 'A',
          check: 'crosswalk',
          crosswalk: { catalog: 'etsi-en-303645-v2.1.1', provisions: ['9.9-9'] },
        },
        { id: 'b', title: 'B', check: 'lab-report', level: 1 },
        { id: 'c', title: 'C', check: 'support-minimum', from: '2026-13-01' },
      ],
      label: null,
      salesRestriction: 'pass',
      recommendationsFor: [],
    },
  };
  assert.throws(
    () => compileRulebook(en, { 'r.json': doc }),
    (e: { code: string; message: string }) => {
      assert.equal(e.code, 'REGIME_DATA_INVALID');
      for (const words of [
        'nature "statute"',
        'the first version must start on effectiveFrom',
        'exclusions 0',
        'mark needs form',
        'mark validityYears must be a whole number of years from 1 to 20',
        '9.9-9 not in etsi-en-303645-v2.1.1',
        'lab-report needs the scheme',
        'from must be YYYY-MM-DD',
        'minimumYears',
        'a levelled regime needs a level on every requirement',
      ])
        assert.ok(e.message.includes(words), `${words} in ${e.message}`);
      return true;
    },
  );
});
