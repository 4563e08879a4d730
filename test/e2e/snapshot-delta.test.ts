// A till keeps the signed snapshot and asks only for what changed: GET /v1/snapshots/delta?since=<body hash>
// against the real server, applied by the CLI (`check --snapshot S0 --delta D`), answers every row as the
// fresh full snapshot and the online check do; unknown and malformed bases are refused for what they are.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';
import { buildApp } from '../../src/server/index.js';
import {
  declarationFor,
  example,
  manufacturer,
  openTestRegistry,
  operator,
  TODAY,
  type TestRegistry,
} from '../support/registry.js';
import { withCheckDigit } from '../support/gtin.js';

const dir = mkdtempSync(join(tmpdir(), 'iotlabel-delta-'));
const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name));
/** The body hash in a snapshot's signed header (its second line): what a delta names as its base. */
const bodyHashOf = (bytes: Buffer) =>
  (JSON.parse(bytes.toString('utf8').split('\n')[1]!) as { bodySha256: string }).bodySha256;

describe('snapshot deltas', () => {
  let r: TestRegistry;
  let app: FastifyInstance;
  let url: string;
  let shopKey: string;
  const gtins = ['508000000001', '508000000002', '508000000003', '508000000004'].map(withCheckDigit);

  const latest = async () => {
    await fetch(`${url}/v1/snapshots/latest`).then((res) => res.arrayBuffer()); // starts a build if one is due
    await r.services.snapshots.settled();
    const res = await fetch(`${url}/v1/snapshots/latest`);
    assert.equal(res.headers.get('x-snapshot-stale'), 'false');
    return Buffer.from(await res.arrayBuffer());
  };

  before(async () => {
    r = await openTestRegistry('sqlite');
    const acme = await manufacturer(r.services, 'Delta Devices Ltd');
    for (const [i, gtin] of gtins.slice(0, 3).entries())
      await r.services.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Delta', model: `D-${i}`, gtins: [gtin] }, '2030-12-31'),
      );
    for (let i = 0; i < 40; i++)
      // products that do not change: a delta leaves them out
      await r.services.declarations.submitForModel(
        acme.actor,
        declarationFor({ brand: 'Delta', model: `STILL-${i}`, gtins: [withCheckDigit(`50800000${String(100 + i)}1`)] }),
      );
    const shop = await r.services.organisations.registerOrganisation(operator, {
      name: 'Delta Shop',
      kind: 'retailer',
    });
    shopKey = (await r.services.organisations.createKey(operator, shop.id, {})).key;
    app = await buildApp(r.services, { logger: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    writeFileSync(file('keys.json'), await (await fetch(`${url}/.well-known/iotlabel/keys`)).text());
    writeFileSync(file('s0.iotsnap'), await latest());
    // Then: D-1's support is extended, D-2 drops its declaration's password rule, and D-3 is new.
    await r.services.declarations.submitForModel(
      acme.actor,
      declarationFor({ brand: 'Delta', model: 'D-1', gtins: [gtins[1]!] }, '2032-06-30'),
    );
    const bad = example('universal-default-password');
    bad.product = { ...bad.product, brand: 'Delta', model: 'D-2', name: 'Delta D-2', gtins: [gtins[2]!] };
    await r.services.declarations.submitForModel(acme.actor, bad);
    await r.services.declarations.submitForModel(
      acme.actor,
      declarationFor({ brand: 'Delta', model: 'D-3', gtins: [gtins[3]!] }, '2031-12-31'),
    );
    writeFileSync(file('s1.iotsnap'), await latest());
    writeFileSync(file('shop.csv'), `sku,gtin\n${gtins.map((g, i) => `S${i},${g}`).join('\n')}\n`);
  });
  after(async () => {
    await app.close();
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const io = bufferIo();
    const code = await main(argv, io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  test('the delta holds only what changed, and S0 + delta checks as the fresh snapshot and the server do', async () => {
    const since = bodyHashOf(read('s0.iotsnap'));
    const res = await fetch(`${url}/v1/snapshots/delta?since=${since}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.iotlabel.snapshot-delta');
    const delta = Buffer.from(await res.arrayBuffer());
    const header = JSON.parse(delta.toString('utf8').split('\n')[1]!) as Record<string, unknown>;
    assert.equal(header.base, since);
    assert.equal(header.result, bodyHashOf(read('s1.iotsnap')));
    assert.equal(header.count, 3, 'D-1, D-2 and D-3 changed; D-0 did not');
    assert.deepEqual(header.removed, []);
    const full = JSON.parse(read('s1.iotsnap').toString('utf8').split('\n')[1]!) as { count: number };
    assert.equal(full.count, 44, 'the full snapshot holds every product');
    writeFileSync(file('d1.iotsnap-delta'), delta);
    const again = await fetch(`${url}/v1/snapshots/delta?since=${since}`, {
      headers: { 'if-none-match': String(res.headers.get('etag')) },
    });
    assert.equal(again.status, 304);

    const args = ['--keys', file('keys.json'), '--regime', 'uk-psti-2023', '--at', TODAY, '--json'];
    const patched = await cli(
      'check',
      file('shop.csv'),
      '--snapshot',
      file('s0.iotsnap'),
      '--delta',
      file('d1.iotsnap-delta'),
      ...args,
    );
    const fresh = await cli('check', file('shop.csv'), '--snapshot', file('s1.iotsnap'), ...args);
    const online = await cli(
      'check',
      file('shop.csv'),
      '--server',
      url,
      '--key',
      shopKey,
      '--regime',
      'uk-psti-2023',
      '--at',
      TODAY,
      '--json',
    );
    assert.equal(patched.code, 1, patched.stderr); // D-2 may no longer be sold
    assert.deepEqual(patched, fresh);
    assert.deepEqual(patched, online);
    const stale = await cli('check', file('shop.csv'), '--snapshot', file('s0.iotsnap'), ...args);
    assert.notDeepEqual(stale.stdout, patched.stdout, 'the old snapshot alone answers otherwise');
    const rows = (JSON.parse(patched.stdout) as { results: { gtin: string; sellable: boolean }[] }).results;
    assert.deepEqual(
      rows.map((row) => row.sellable),
      [true, true, false, true],
    );
  });

  test('a delta from the current snapshot is empty; applying a delta twice, or to another snapshot, is refused', async () => {
    const res = await fetch(`${url}/v1/snapshots/delta?since=${bodyHashOf(read('s1.iotsnap'))}`);
    assert.equal(res.status, 200);
    const empty = Buffer.from(await res.arrayBuffer());
    assert.equal((JSON.parse(empty.toString('utf8').split('\n')[1]!) as { count: number }).count, 0);
    const twice = await cli(
      'check',
      file('shop.csv'),
      '--snapshot',
      file('s1.iotsnap'),
      '--delta',
      file('d1.iotsnap-delta'),
      '--keys',
      file('keys.json'),
      '--json',
    );
    assert.equal(twice.code, 1, twice.stderr);
    assert.match(twice.stderr, /the delta applies to the snapshot with body hash/);
    const noSnapshot = await cli('check', file('shop.csv'), '--delta', file('d1.iotsnap-delta'), '--server', url);
    assert.equal(noSnapshot.code, 2);
    assert.match(noSnapshot.stderr, /--delta needs --snapshot/);
  });

  test('an unknown base is 410 SNAPSHOT_BASE_UNKNOWN (fetch the full one); a malformed one is 400', async () => {
    const unknown = await fetch(`${url}/v1/snapshots/delta?since=${'A'.repeat(43)}`);
    assert.equal(unknown.status, 410);
    const problem = (await unknown.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'SNAPSHOT_BASE_UNKNOWN');
    assert.match(problem.detail, /fetch \/v1\/snapshots\/latest/);
    for (const since of ['', 'short', `${'A'.repeat(42)}=`, `${'A'.repeat(43)}&x=1`]) {
      const res = await fetch(`${url}/v1/snapshots/delta?since=${since}`);
      assert.equal(res.status, 400, since);
    }
    assert.equal((await fetch(`${url}/v1/snapshots/delta`)).status, 400);
  });
});
