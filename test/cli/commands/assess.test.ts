import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../support/cli.js';

const ex = (name: string): string =>
  fileURLToPath(new URL(`../../../examples/declarations/${name}.json`, import.meta.url));
const run = runCli;

test('assess: a good declaration passes every UK regime and exits 0', async () => {
  const { code, out } = await run('assess', ex('good-camera'), '--at', '2026-11-24');
  assert.equal(code, 0);
  for (const id of ['uk-2019-option-a', 'uk-2019-option-b', 'uk-2019-option-c', 'uk-2019-voluntary', 'uk-psti-2023'])
    assert.match(out, new RegExp(`PASS  ${id}`));
  assert.match(out, /shield with a tick, security updates until 2030-12-31/);
  assert.doesNotMatch(out, /etsi-/, 'only UK regimes by default');
});

test('assess: a failing declaration exits 1 and says what to do', async () => {
  const { code, out } = await run('assess', ex('no-contact'), '--regime', 'uk-2019-option-a', '--at', '2026-11-24');
  assert.equal(code, 1);
  assert.match(out, /FAIL {2}uk-2019-option-a {2}may be sold; label: shield with a cross/);
  assert.match(out, /- Publish a point of contact/);
});

test('assess --json: the DESIGN.md assessment result per regime, per file', async () => {
  const { code, out } = await run(
    'assess',
    ex('excepted-laptop'),
    ex('good-camera'),
    '--regime',
    'uk-psti-2023',
    '--regime',
    'uk-2019-option-a',
    '--at',
    '2026-11-24',
    '--json',
  );
  assert.equal(code, 0);
  const result = JSON.parse(out) as { file: string; assessments: { regime: string; outcome: string; at: string }[] }[];
  assert.deepEqual(
    result.map((r) => r.assessments.map((a) => [a.regime, a.outcome, a.at])),
    [
      [
        ['uk-psti-2023', 'out-of-scope', '2026-11-24'],
        ['uk-2019-option-a', 'pass', '2026-11-24'],
      ],
      [
        ['uk-psti-2023', 'pass', '2026-11-24'],
        ['uk-2019-option-a', 'pass', '2026-11-24'],
      ],
    ],
  );
});

test('assess: bad input exits 2 with one "file: /json/path: message" line per problem, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-assess-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(
    bad,
    JSON.stringify({
      schemaVersion: 'iotlabel.declaration/v1',
      manufacturer: {},
      product: { brand: 'A', model: 'B', category: 'hub', gtins: ['123'] },
      passwords: { usesPasswords: true, scheme: 'none' },
      vulnerabilityDisclosure: { contacts: [] },
    }),
  );
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{ nope');
  const { code, err } = await run('assess', bad, notJson, join(dir, 'missing.json'));
  assert.equal(code, 2);
  const lines = err.trim().split('\n');
  assert.ok(lines.includes(`${bad}: /manufacturer/name: is required`), err);
  assert.ok(
    lines.some((l) => l.startsWith(`${bad}: /product/gtins/0: must be`)),
    err,
  );
  assert.ok(
    lines.some((l) => l.startsWith(`${notJson}: is not JSON`)),
    err,
  );
  assert.ok(lines.includes(`no such file: ${join(dir, 'missing.json')}`), err);
  assert.ok(
    lines.some((l) => /^\S*not\.json: is not JSON: line \d+, column \d+: /.test(l)),
    err,
  );
  assert.doesNotMatch(err, /\n\s+at /);
});

test('assess: an unknown regime or a bad date is bad usage (exit 2)', async () => {
  const unknown = await run('assess', ex('good-camera'), '--regime', 'uk-2030');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown regime "uk-2030"; known regimes: uk-2019-option-a/);
  const date = await run('assess', ex('good-camera'), '--at', '2026-02-30');
  assert.equal(date.code, 2);
  assert.match(date.err, /not a calendar date/);
});

test('regimes: lists every regime; --json gives the summaries', async () => {
  const human = await run('regimes');
  assert.equal(human.code, 0);
  assert.match(human.out, /^uk-2019-option-a +2019 proposal, Option A/m);
  // territories.md: the 16 regimes plus the Code of Practice (a catalog that is a rulebook of its own).
  assert.match(human.out, /^au-smart-devices-2025 +Australia.*\n +AU, law, from 2026-03-04/m);
  assert.match(human.out, /^eu-cra +.*\n +EU, law, from 2026-09-11; versions .*\(2027-12-11\)/m);
  assert.match(human.out, /^jp-jcstar +.*\n +JP, voluntary, from 2025-03-25/m);
  const json = await run('regimes', '--json');
  const listed = JSON.parse(json.out) as { id: string; territory: string | null; nature: string }[];
  assert.equal(listed.length, 17);
  assert.deepEqual(Object.fromEntries(listed.map((r) => [r.id, `${r.territory ?? '-'} ${r.nature}`])), {
    'uk-2019-option-a': 'UK proposal',
    'uk-2019-option-b': 'UK proposal',
    'uk-2019-option-c': 'UK proposal',
    'uk-2019-voluntary': 'UK voluntary',
    'uk-psti-2023': 'UK law',
    'etsi-ts-103645-2019': '- standard',
    'etsi-en-303645-v2.1.1': '- standard',
    'etsi-en-303645-v3.1.3': '- standard',
    'au-smart-devices-2025': 'AU law',
    'eu-cra': 'EU law',
    'eu-red-2025': 'EU law',
    'us-cyber-trust-mark': 'US voluntary',
    'sg-cls': 'SG voluntary',
    'de-bsi-itsik': 'DE voluntary',
    'fi-traficom': 'FI voluntary',
    'jp-jcstar': 'JP voluntary',
    'uk-cop-2018': 'UK voluntary',
  });
});

test('schema declaration prints the JSON Schema; an unknown schema is bad usage', async () => {
  const ok = await run('schema', 'declaration');
  assert.equal(ok.code, 0);
  assert.equal((JSON.parse(ok.out) as { $id: string }).$id, 'https://iotlabel.dev/schemas/declaration/v1.json');
  assert.equal((await run('schema', 'label')).code, 2);
});

test('export oscal: profile, catalog and component-definition documents', async () => {
  const profile = await run('export', 'oscal', '--regime', 'uk-psti-2023');
  assert.equal(profile.code, 0);
  assert.ok((JSON.parse(profile.out) as { profile?: unknown }).profile);
  assert.ok(
    (JSON.parse((await run('export', 'oscal', '--regime', 'uk-cop-2018')).out) as { catalog?: unknown }).catalog,
  );
  assert.ok(
    (JSON.parse((await run('export', 'oscal', '--catalog', 'etsi-en-303645-v3.1.3')).out) as { catalog?: unknown })
      .catalog,
  );
  const cd = await run('export', 'oscal', '--declaration', ex('good-camera'));
  assert.ok((JSON.parse(cd.out) as Record<string, unknown>)['component-definition']);
  assert.equal((await run('export', 'oscal')).code, 2);
  assert.equal((await run('export', 'oscal', '--regime', 'nope')).code, 2);
});

test('iotlabel --version prints the package version; export oscal names an unknown catalog', async () => {
  const version = await run('--version');
  assert.equal(version.code, 0);
  assert.match(version.out, /^\d+\.\d+\.\d+\n$/);
  const unknown = await run('export', 'oscal', '--catalog', 'nope');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^iotlabel: unknown catalog "nope"; known catalogs: .*etsi-en-303645-v2\.1\.1/);
});
