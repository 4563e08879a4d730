// The CLI over the territory regimes (territories.md): assess with --regime and --at, the schema's new
// fields, and an OSCAL profile per regime that shows its crosswalk onto EN 303 645.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCli as run } from '../../support/cli.js';

const TERRITORIES = [
  'au-smart-devices-2025',
  'eu-cra',
  'eu-red-2025',
  'us-cyber-trust-mark',
  'sg-cls',
  'de-bsi-itsik',
  'fi-traficom',
  'jp-jcstar',
];
const camera = fileURLToPath(new URL('../../../examples/declarations/good-camera.json', import.meta.url));

test('assess --regime accepts every territory id; voluntary schemes fail without banning, laws ban', async () => {
  const args = TERRITORIES.flatMap((id) => ['--regime', id]);
  const { code, out } = await run('assess', camera, ...args, '--at', '2026-11-24');
  assert.equal(code, 1, 'the Cyber Trust Mark and Traficom fail');
  assert.match(
    out,
    /PASS {2}au-smart-devices-2025 +may be sold; earns: The product may be supplied in Australia, with its statement of compliance; rules: F2025L00276/,
  );
  assert.match(out, /PASS {2}eu-cra +may be sold; rules: 2024\/2847 reporting/);
  assert.match(out, /PASS {2}sg-cls +may be sold; level 2; earns: The CLS label/);
  assert.match(out, /FAIL {2}us-cyber-trust-mark +may be sold/);
  assert.match(out, /obligation: Article 14: report actively exploited vulnerabilities/);
  const json = JSON.parse((await run('assess', camera, ...args, '--at', '2026-11-24', '--json')).out) as {
    assessments: { regime: string; level?: number; label: unknown }[];
  }[];
  assert.deepEqual(
    json[0]!.assessments.map((a) => a.regime),
    TERRITORIES,
  );
  assert.equal(json[0]!.assessments.find((a) => a.regime === 'jp-jcstar')!.level, 1);
  assert.ok(json[0]!.assessments.every((a) => a.label === null));
});

test('assess --at gives the rule as it then stood: the CRA product rules, a class, a route', async () => {
  const early = await run('assess', camera, '--regime', 'eu-cra', '--at', '2026-09-10');
  assert.equal(early.code, 0);
  assert.match(early.out, /OUT +eu-cra +out of scope/);
  const late = await run('assess', camera, '--regime', 'eu-cra', '--at', '2027-12-11');
  assert.equal(late.code, 1);
  assert.match(late.out, /FAIL {2}eu-cra +may not be sold; rules: 2024\/2847 \(from 2027-12-11\)/);
  assert.match(late.out, /conformity: An important product, Class I \(Annex III Class I point 17/);
});

test('schema declaration shows the new optional fields', async () => {
  const { code, out } = await run('schema', 'declaration');
  assert.equal(code, 0);
  const schema = JSON.parse(out) as {
    properties: Record<string, { properties?: Record<string, unknown> }>;
  };
  for (const f of ['firstPlacedOnMarket', 'radioInterfaces', 'expectedUseMonths', 'features'])
    assert.ok(schema.properties.product!.properties![f], f);
  assert.ok(schema.properties.labTestReports);
  assert.ok(schema.properties.sbom);
});

test('export oscal --regime gives a profile for every territory, with its crosswalk onto EN 303 645', async () => {
  for (const id of TERRITORIES) {
    const { code, out } = await run('export', 'oscal', '--regime', id);
    assert.equal(code, 0, id);
    const profile = (JSON.parse(out) as { profile: Record<string, unknown> }).profile as {
      imports: { href: string; 'include-controls': { 'with-ids': string[] }[] }[];
      modify: { alters: { 'control-id': string; adds: { props: { name: string; value: string }[] }[] }[] };
    };
    assert.equal(profile.imports[0]!.href, 'etsi-en-303645-v2.1.1.catalog.json', id);
    const crosswalked = new Set(profile.modify.alters.map((a) => a['control-id']));
    assert.deepEqual(new Set(profile.imports[0]!['include-controls'][0]!['with-ids']), crosswalked, id);
    assert.ok(
      profile.modify.alters.every((a) => a.adds[0]!.props.every((p) => p.name === 'crosswalk')),
      id,
    );
  }
  const au = JSON.parse((await run('export', 'oscal', '--regime', 'au-smart-devices-2025')).out) as {
    profile: { modify: { alters: { 'control-id': string; adds: { props: { value: string }[] }[] }[] } };
  };
  assert.deepEqual(
    au.profile.modify.alters.map((a) => `${a['control-id']} ${a.adds[0]!.props.map((p) => p.value).join(',')}`),
    ['etsi-5.1-1 au-sch1-cl2', 'etsi-5.1-2 au-sch1-cl2', 'etsi-5.2-1 au-sch1-cl3', 'etsi-5.3-13 au-sch1-cl4'],
  );
});

test("export oscal --catalog gives a territory regime's own requirements, linked to the provisions they map onto", async () => {
  const { code, out } = await run('export', 'oscal', '--catalog', 'jp-jcstar');
  assert.equal(code, 0);
  const controls = (
    JSON.parse(out) as {
      catalog: { controls: { id: string; links?: { href: string }[]; parts: { name: string; prose: string }[] }[] };
    }
  ).catalog.controls;
  const s102 = controls.find((c) => c.id === 'jc-s1.1-02')!;
  assert.deepEqual(
    s102.links?.map((l) => l.href),
    ['etsi-en-303645-v2.1.1.catalog.json#etsi-5.1-1', 'etsi-en-303645-v2.1.1.catalog.json#etsi-5.1-2'],
  );
  // A ⚠ reading travels with the export as guidance.
  assert.ok(
    controls.find((c) => c.id === 'jc-s1.1-01')!.parts.some((p) => p.name === 'guidance' && p.prose.startsWith('⚠')),
  );
});
