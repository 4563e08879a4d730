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
  assert.match(bad.err, /--format "xml" is not csv or json/);
});
