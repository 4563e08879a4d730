import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getCatalog,
  getRegime,
  listRegimes,
  compileRulebook,
  exportOscalCatalog,
  type Catalog,
} from '../../src/regimes/index.js';

// Transcribed from the provision table of the project's reference notes (schemes-and-provisions.md):
// id, V3.1.3 status (M, R, W = void or - = not in V3.1.3), V2.1.1 status (M, R or - = not in V2.1.1).
// V2.1.1's clause 4 provision 4-1 became V3.1.3's 5.0-1.
const REFERENCE = `
4-1 - M | 5.0-1 M - | 5.1-1 M M | 5.1-2 M M | 5.1-2A R - | 5.1-3 M M | 5.1-4 M M | 5.1-5 M M | 5.2-1 M M | 5.2-2 R R | 5.2-3 R R |
5.3-1 R R | 5.3-2 M M | 5.3-3 M M | 5.3-4 W R | 5.3-4A R - | 5.3-4B R - | 5.3-5 R R | 5.3-6 W R | 5.3-6A R - | 5.3-6B R - |
5.3-7 M M | 5.3-8 M M | 5.3-9 R R | 5.3-10 M M | 5.3-11 R R | 5.3-12 R R | 5.3-13 M M | 5.3-14 R R | 5.3-15 W R | 5.3-15A R - |
5.3-15B R - | 5.3-16 M M | 5.4-1 M M | 5.4-2 M M | 5.4-3 M M | 5.4-4 M M | 5.5-1 M M | 5.5-2 R R | 5.5-3 R R | 5.5-4 R R |
5.5-5 M M | 5.5-6 R R | 5.5-7 M M | 5.5-8 M M | 5.6-1 M M | 5.6-2 M M | 5.6-3 R R | 5.6-4 W M | 5.6-4A M - | 5.6-4B R - |
5.6-5 R R | 5.6-6 R R | 5.6-7 R R | 5.6-8 R R | 5.6-9 R R | 5.7-1 R R | 5.7-2 R R | 5.8-1 R R | 5.8-2 M M | 5.8-3 M M |
5.9-1 R R | 5.9-2 R R | 5.9-3 R R | 5.10-1 R R | 5.11-1 M M | 5.11-2 R R | 5.11-3 R R | 5.11-4 R R | 5.12-1 R R | 5.12-2 R R |
5.12-3 R R | 5.13-1 W M | 5.13-1A M - | 5.13-1B M - | 6-1 M M | 6-2 M M | 6-3 W M | 6-3A M - | 6-3B M - | 6-4 R R |
6-5 M M | 6-6 M - | 6-7 R - | 6-8 R -`;
const rows = REFERENCE.split('|').map((r) => r.trim().split(/\s+/) as [string, string, string]);

function counts(catalog: Catalog): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of catalog.provisions) out[p.status] = (out[p.status] ?? 0) + 1;
  return out;
}

test('EN 303 645 V3.1.3 has 36 mandatory and 42 recommended active provisions, as the reference counts', () => {
  assert.deepEqual(counts(getCatalog('etsi-en-303645-v3.1.3')), { M: 36, R: 42, withdrawn: 6 });
});

test('EN 303 645 V2.1.1 has 68 provisions, 33 mandatory (4-1 among them) and 35 recommended, as its Table B.1', () => {
  const expected = { M: rows.filter((r) => r[2] === 'M').length, R: rows.filter((r) => r[2] === 'R').length };
  assert.deepEqual(expected, { M: 33, R: 35 });
  const v2 = getCatalog('etsi-en-303645-v2.1.1');
  assert.deepEqual(counts(v2), expected);
  assert.equal(v2.provisions.length, 68);
  // Clause 4 "Reporting implementation": 4-1 is mandatory and is the justification rule.
  assert.deepEqual(
    [v2.provisions[0]!.id, v2.provisions[0]!.status, v2.provisions[0]!.topic],
    ['4-1', 'M', 'recommendation-justifications'],
  );
});

test('every provision of both EN versions is present with the status of the reference table', () => {
  const v3 = getCatalog('etsi-en-303645-v3.1.3');
  const v2 = getCatalog('etsi-en-303645-v2.1.1');
  for (const [id, s3, s2] of rows) {
    if (s3 === '-') assert.equal(v3.byId.has(id), false, `V3 should not have ${id}`);
    else assert.equal(v3.byId.get(id)?.status, s3 === 'W' ? 'withdrawn' : s3, `V3 ${id}`);
    if (s2 === '-') assert.equal(v2.byId.has(id), false, `V2 should not have ${id}`);
    else assert.equal(v2.byId.get(id)?.status, s2, `V2 ${id}`);
  }
  assert.equal(v3.provisions.length, rows.filter((r) => r[1] !== '-').length);
  assert.equal(v2.provisions.length, rows.filter((r) => r[2] !== '-').length);
});

test('each ETSI provision serves CoP guideline n for clause 5.n and guideline 8 for clause 6', () => {
  for (const p of getCatalog('etsi-en-303645-v3.1.3').provisions) {
    const want = p.id.startsWith('6-') ? 8 : p.id.startsWith('5.0-') ? null : Number(p.id.split('-')[0]!.split('.')[1]);
    assert.equal(p.guideline, want, p.id);
    assert.ok(p.title.length > 10, `${p.id} has a title`);
  }
});

test('conditional and feature-dependent provisions carry their condition', () => {
  const p = getCatalog('etsi-en-303645-v3.1.3').byId.get('5.1-5')!;
  assert.deepEqual([p.conditions, p.features], [['14'], ['e']]);
  assert.match(p.applicability ?? '', /brute-force/);
  assert.deepEqual(getCatalog('etsi-en-303645-v3.1.3').byId.get('5.3-4')!.replacedBy, ['5.3-4A', '5.3-4B']);
  assert.deepEqual(getCatalog('etsi-en-303645-v3.1.3').byId.get('5.4-3')!.conditions, []);
});

// V2.1.1 Table B.1 (reference table "EN 303 645 V2.1.1: Table B.1 status and conditions"): id and its conditions.
const V2_CONDITIONS = `
5.1-1 1 | 5.1-2 2 | 5.1-3 8 | 5.1-4 8 | 5.1-5 5 | 5.3-2 5 | 5.3-3 12 | 5.3-4 12 | 5.3-5 12 | 5.3-6 9,12 | 5.3-7 12 |
5.3-8 12 | 5.3-9 12 | 5.3-10 11,12 | 5.3-11 12 | 5.3-12 12 | 5.3-14 3,4 | 5.3-15 3,4 | 5.4-2 10 | 5.6-4 13 | 5.10-1 6 |
6-2 7 | 6-3 7 | 6-4 6 | 6-5 6`;

test('V2.1.1 Annex B Table B.1: its own numbered conditions, no feature letters; 5.1-3 and 6-3 as TS 103 701 A.1', () => {
  const v2 = getCatalog('etsi-en-303645-v2.1.1');
  const expected = new Map(
    V2_CONDITIONS.split('|')
      .map((r) => r.trim().split(' ') as [string, string])
      .map(([id, c]) => [id, c.split(',')]),
  );
  for (const p of v2.provisions) {
    assert.deepEqual(p.conditions, expected.get(p.id) ?? [], p.id);
    assert.deepEqual(p.features, [], p.id);
  }
  // 23 conditional in the standard's table, plus 5.1-3 and 6-3 read from TS 103 701.
  assert.equal(v2.provisions.filter((p) => p.conditions.length > 0).length, 25);
  const debug = v2.byId.get('5.6-4')!.dependsOn;
  assert.deepEqual(debug, [{ kind: 'condition', code: '13', text: 'a debug interface is physically accessible' }]);
  // V3.1.3 made 5.6-1 feature-dependent (F(p)); V2.1.1 did not.
  assert.deepEqual(getCatalog('etsi-en-303645-v3.1.3').byId.get('5.6-1')!.features, ['p']);
  assert.deepEqual(v2.byId.get('5.6-1')!.dependsOn, []);
});

test("the OSCAL export names each version's own conditions on the provision", () => {
  const text = JSON.stringify(exportOscalCatalog('etsi-en-303645-v2.1.1'));
  assert.match(text, /V2\.1\.1 condition \(13\): a debug interface is physically accessible/);
  assert.doesNotMatch(text, /"name":"feature"/);
  assert.match(JSON.stringify(exportOscalCatalog('etsi-en-303645-v3.1.3')), /V3\.1\.3 feature \(q\): debug interfaces/);
});

test('the Code of Practice has 13 guidelines and TS 103 645 V1.1.1 one clause per guideline', () => {
  assert.deepEqual(
    getCatalog('uk-cop-2018').provisions.map((p) => p.guideline),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  );
  assert.deepEqual(
    getCatalog('etsi-ts-103645-2019').provisions.map((p) => p.id),
    Array.from({ length: 13 }, (_, i) => `4.${i + 1}`),
  );
  assert.equal(getCatalog('uk-cop-2018').byId.get('1')!.title, 'No universal default passwords');
});

test('listRegimes names every regime with its kind, label and sales restriction', () => {
  const byId = Object.fromEntries(listRegimes().map((r) => [r.id, r]));
  assert.deepEqual(Object.keys(byId), [
    'uk-2019-option-a',
    'uk-2019-option-b',
    'uk-2019-option-c',
    'uk-2019-voluntary',
    'uk-psti-2023',
    'etsi-ts-103645-2019',
    'etsi-en-303645-v2.1.1',
    'etsi-en-303645-v3.1.3',
    'au-smart-devices-2025',
    'eu-cra',
    'eu-red-2025',
    'us-cyber-trust-mark',
    'sg-cls',
    'de-bsi-itsik',
    'fi-traficom',
    'jp-jcstar',
  ]);
  assert.deepEqual(byId['uk-2019-option-a'], {
    id: 'uk-2019-option-a',
    title: byId['uk-2019-option-a']!.title,
    kind: 'labelling',
    labelling: true,
    salesRestriction: true,
    territory: 'UK',
    nature: 'proposal',
    effectiveFrom: null,
    until: null,
    versions: [],
  });
  assert.deepEqual(byId['uk-psti-2023']!.versions, [
    { id: 'SI 2023/1007', from: '2024-04-29' },
    { id: 'SI 2025/211', from: '2025-02-25' },
  ]);
  assert.deepEqual([byId['uk-2019-voluntary']!.labelling, byId['uk-2019-voluntary']!.salesRestriction], [true, false]);
  assert.deepEqual([byId['uk-2019-option-b']!.kind, byId['uk-2019-option-b']!.labelling], ['self-declaration', false]);
  assert.equal(byId['uk-psti-2023']!.kind, 'law');
  assert.equal(byId['etsi-en-303645-v2.1.1']!.kind, 'conformance');
});

test('a conformance regime requires exactly the mandatory provisions of its catalog', () => {
  assert.deepEqual(
    getRegime('etsi-en-303645-v3.1.3').requirements.map((r) => r.id),
    getCatalog('etsi-en-303645-v3.1.3')
      .provisions.filter((p) => p.status === 'M')
      .map((p) => p.id),
  );
});

test('an unknown regime or catalog is REGIME_UNKNOWN naming the known ids', () => {
  assert.throws(
    () => getRegime('uk-2030'),
    (e: { code: string; message: string }) => e.code === 'REGIME_UNKNOWN' && /uk-psti-2023/.test(e.message),
  );
  assert.throws(
    () => getCatalog('nope'),
    (e: { code: string; message: string }) => e.code === 'REGIME_UNKNOWN' && /uk-cop-2018/.test(e.message),
  );
});

test('broken rulebook data stops loading with REGIME_DATA_INVALID naming each problem', () => {
  const catalog = structuredClone(getCatalog('uk-cop-2018').oscal) as {
    catalog: { controls: { props: { name: string; value: string }[] }[] };
  };
  catalog.catalog.controls[0]!.props.find((p) => p.name === 'status')!.value = 'X';
  assert.throws(
    () => compileRulebook({ 'c.json': catalog }, {}),
    (e: { code: string; message: string }) => e.code === 'REGIME_DATA_INVALID' && /status "X"/.test(e.message),
  );
  const regime = {
    id: 'bad',
    title: 't',
    summary: 's',
    kind: 'labelling',
    profile: { uuid: 'x' },
    rules: {
      requirements: [{ id: 'a', title: 'A', check: 'telepathy' }],
      salesRestriction: 'labelled',
      recommendationsFor: [],
    },
  };
  assert.throws(
    () => compileRulebook({ 'c.json': getCatalog('uk-cop-2018').oscal }, { 'r.json': regime }),
    (e: { code: string; message: string }) =>
      e.code === 'REGIME_DATA_INVALID' &&
      /unknown check "telepathy"/.test(e.message) &&
      /needs a label rule/.test(e.message),
  );
});
