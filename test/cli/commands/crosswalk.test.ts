// `iotlabel crosswalk`: a row per EN 303 645 provision (both versions) per regime, with its basis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { getCatalog } from '../../../src/regimes/index.js';
import { runCli } from '../../support/cli.js';

const rowsOf = async () => {
  const { code, out } = await runCli('crosswalk', '--format', 'csv');
  assert.equal(code, 0);
  return parse(out, { columns: true }) as Record<string, string>[];
};

test('crosswalk --format csv: every provision of both versions against every mapped regime', async () => {
  const rows = await rowsOf();
  const regimes = [...new Set(rows.map((r) => r.regime))];
  for (const id of ['uk-psti-2023', 'au-smart-devices-2025', 'eu-cra', 'eu-red-2025', 'jp-jcstar', 'sg-cls'])
    assert.ok(regimes.includes(id), id);
  const provisions =
    getCatalog('etsi-en-303645-v2.1.1').provisions.length + getCatalog('etsi-en-303645-v3.1.3').provisions.length;
  assert.equal(rows.length, provisions * regimes.length);
  for (const regime of regimes)
    for (const catalog of ['etsi-en-303645-v2.1.1', 'etsi-en-303645-v3.1.3'])
      assert.equal(
        rows.filter((r) => r.regime === regime && r.catalog === catalog).length,
        getCatalog(catalog).provisions.length,
        `${regime} ${catalog}`,
      );
});

test('the basis: PSTI and AU stated, the CRA our reading, JC-STAR both, unmapped rows empty', async () => {
  const rows = await rowsOf();
  const row = (regime: string, provision: string, catalog = 'etsi-en-303645-v2.1.1') =>
    rows.find((r) => r.regime === regime && r.provision === provision && r.catalog === catalog)!;
  assert.deepEqual(
    [row('uk-psti-2023', '5.1-1').requirements, row('uk-psti-2023', '5.1-1').basis],
    ['psti-sch1-para1', 'stated by the regime'],
  );
  assert.equal(row('uk-psti-2023', '5.1-1', 'etsi-en-303645-v3.1.3').basis, 'stated by the regime');
  assert.match(row('uk-psti-2023', '5.1-1').source!, /Schedule 2/);
  assert.equal(row('au-smart-devices-2025', '5.3-13').basis, 'stated by the regime');
  assert.equal(row('eu-cra', '5.1-1').basis, 'our reading');
  assert.equal(row('jp-jcstar', '5.1-1').basis, 'stated by the regime');
  assert.equal(row('jp-jcstar', '5.5-4').basis, 'our reading');
  assert.deepEqual([row('uk-psti-2023', '5.4-1').requirements, row('uk-psti-2023', '5.4-1').basis], ['', '']);
});

test('crosswalk --format json gives the same rows; an unknown format is bad usage', async () => {
  const { code, out } = await runCli('crosswalk', '--format', 'json');
  assert.equal(code, 0);
  assert.equal((JSON.parse(out) as unknown[]).length, (await rowsOf()).length);
  const bad = await runCli('crosswalk', '--format', 'xml');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format "xml" is not csv, json or oscal/);
});

type Profile = {
  profile: {
    uuid: string;
    metadata: { 'oscal-version': string };
    imports: { href: string; 'include-all'?: object }[];
    modify: {
      alters: {
        'control-id': string;
        adds: { position: string; props: { name: string; value: string; class: string; remarks?: string }[] }[];
      }[];
    };
  };
};

test('crosswalk --format oscal: a profile over each EN 303 645 version carrying every mapping with its basis', async () => {
  const csv = await rowsOf();
  for (const catalog of ['etsi-en-303645-v2.1.1', 'etsi-en-303645-v3.1.3']) {
    const { code, out } = await runCli('crosswalk', '--format', 'oscal', '--catalog', catalog);
    assert.equal(code, 0);
    const { profile } = JSON.parse(out) as Profile;
    assert.match(profile.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(profile.metadata['oscal-version'], '1.2.1');
    assert.deepEqual(profile.imports, [{ href: `${catalog}.catalog.json`, 'include-all': {} }]);
    // Every control id is one of the catalog's, once; every mapped CSV row is a prop, and nothing else is.
    const oscalIds = new Map(getCatalog(catalog).provisions.map((p) => [p.oscalId, p.id]));
    const ids = profile.modify.alters.map((a) => a['control-id']);
    assert.equal(new Set(ids).size, ids.length);
    const props = profile.modify.alters.flatMap((a) => {
      assert.ok(oscalIds.has(a['control-id']), a['control-id']);
      return a.adds.flatMap((add) => add.props.map((p) => `${oscalIds.get(a['control-id'])} ${p.value} ${p.class}`));
    });
    const expected = csv
      .filter((r) => r.catalog === catalog && r.basis !== '')
      .flatMap((r) =>
        r
          .requirements!.split(' ')
          .map(
            (q) =>
              `${r.provision} ${r.regime}:${q} ${r.basis === 'stated by the regime' ? 'stated-by-the-regime' : 'our-reading'}`,
          ),
      );
    assert.deepEqual(props.sort(), expected.sort());
    assert.ok(props.some((p) => p === '5.1-1 uk-psti-2023:psti-sch1-para1 stated-by-the-regime'));
    assert.ok(props.some((p) => p.startsWith('5.1-1 eu-cra:') && p.endsWith(' our-reading')));
  }
  const defaulted = await runCli('crosswalk', '--format', 'oscal');
  assert.equal((JSON.parse(defaulted.out) as Profile).profile.imports[0]!.href, 'etsi-en-303645-v2.1.1.catalog.json');
  const bad = await runCli('crosswalk', '--format', 'oscal', '--catalog', 'uk-cop-2018');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--catalog "uk-cop-2018" is not one of/);
});
