// The /log routes: c2sp.org/tlog-tiles resources with their caching, the verifier key, documents by hash,
// inclusion and consistency proofs, and a product's history, all checked with the pure tlog verifiers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { openTestApp, bearer, type TestApp } from '../support/http.js';
import { TEST_LOG_KEY, declarationFor } from '../support/registry.js';
import { parseVerifierKey } from '../../src/tlog/note-key.js';
import { openCheckpoint } from '../../src/tlog/open-checkpoint.js';
import { parseEntryBundle, parseHashTile } from '../../src/tlog/tile-data.js';
import { hashLeaf } from '../../src/tlog/hash.js';
import { rootFromLeafHashes } from '../../src/tlog/tree-root.js';
import { verifyTlogProof } from '../../src/tlog/tlog-proof.js';
import { verifyConsistency } from '../../src/tlog/verify-consistency.js';

describe('log routes', () => {
  let t: TestApp;
  let productId: string;
  const verifier = parseVerifierKey(TEST_LOG_KEY.verifierKey);
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  before(async () => {
    t = await openTestApp();
    for (const end of ['2031-01-01', '2032-01-01', '2033-01-01']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/declarations',
        headers: bearer(t.keys.acme),
        payload: declarationFor({ brand: 'Acme', model: 'CAM-9', gtins: [] }, end),
      });
      assert.equal(res.statusCode, 201, res.body);
      productId = res.json().product.id;
    }
  });
  after(async () => {
    await t.close();
  });

  test('the checkpoint is a signed note with a short cache life; the key is published', async () => {
    const res = await get('/log/checkpoint');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.headers['cache-control'], 'public, max-age=2');
    const { checkpoint } = openCheckpoint(res.body, [verifier]);
    assert.equal(checkpoint.size, 3);
    assert.equal((await get('/log/key')).body.trim(), TEST_LOG_KEY.verifierKey);
  });

  test('tiles and bundles are served at the widths the tree has; partial ones cached for a day, others refused', async () => {
    const tile = await get('/log/tile/0/000.p/3');
    const bundle = await get('/log/tile/entries/000.p/3');
    assert.equal(tile.statusCode, 200);
    assert.equal(tile.headers['content-type'], 'application/octet-stream');
    assert.equal(tile.headers['cache-control'], 'public, max-age=86400');
    assert.equal(bundle.headers['cache-control'], 'public, max-age=86400');
    const leaves = parseHashTile(tile.rawPayload, 3);
    const entries = parseEntryBundle(bundle.rawPayload);
    assert.deepEqual(
      entries.map((e) => Buffer.from(hashLeaf(e))),
      leaves.map((h) => Buffer.from(h)),
    );
    const { checkpoint } = openCheckpoint((await get('/log/checkpoint')).body, [verifier]);
    assert.deepEqual(Buffer.from(rootFromLeafHashes(leaves)), Buffer.from(checkpoint.root));
    // An older, narrower partial tile is a prefix; wider than the tree, full, or malformed paths are 404.
    assert.deepEqual((await get('/log/tile/0/000.p/2')).rawPayload, tile.rawPayload.subarray(0, 64));
    for (const path of [
      '/log/tile/0/000.p/4',
      '/log/tile/0/000',
      '/log/tile/entries/001.p/1',
      '/log/tile/0/x000/000',
      '/log/tile/nope',
    ]) {
      const res = await get(path);
      assert.equal(res.statusCode, 404, path);
      assert.equal(res.json().code, 'NOT_FOUND');
    }
  });

  test('entry bundles honour Accept-Encoding: gzip (Content-Encoding, Vary); hash tiles stay as they are', async () => {
    const url = '/log/tile/entries/000.p/3';
    const plain = await get(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    const asked = (encoding: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
    for (const encoding of ['gzip', 'br, gzip;q=0.5', 'deflate, *', 'GZIP']) {
      const zipped = await asked(encoding);
      assert.equal(zipped.statusCode, 200, encoding);
      assert.equal(zipped.headers['content-encoding'], 'gzip', encoding);
      assert.equal(zipped.headers.vary, 'Accept-Encoding');
      assert.equal(zipped.headers['cache-control'], 'public, max-age=86400');
      assert.deepEqual(gunzipSync(zipped.rawPayload), plain.rawPayload, encoding);
    }
    for (const encoding of ['gzip;q=0', 'br', 'identity', '*;q=0', 'deflate, gzip;q=0, *']) {
      const res = await asked(encoding);
      assert.equal(res.headers['content-encoding'], undefined, encoding);
      assert.deepEqual(res.rawPayload, plain.rawPayload, encoding);
    }
    const tile = await t.app.inject({
      method: 'GET',
      url: '/log/tile/0/000.p/3',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(tile.headers['content-encoding'], undefined, 'hash tiles are random bytes: not compressed');
    assert.equal(tile.rawPayload.length, 3 * 32);
  });

  test('documents by hash are immutable; inclusion and consistency proofs verify', async () => {
    const history = (await get(`/v1/products/${productId}/history`)).json() as {
      size: number;
      checkpoint: string;
      entries: { index: number; entry: string; proof: string }[];
    };
    assert.equal(history.entries.length, 3);
    const sha256 = JSON.parse(history.entries[0]!.entry).sha256 as string;
    const doc = await get(`/log/documents/${sha256}`);
    assert.equal(doc.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(createHash('sha256').update(doc.rawPayload).digest('hex'), sha256);
    assert.equal((await get(`/log/documents/${'0'.repeat(64)}`)).statusCode, 404);
    assert.equal((await get('/log/documents/not-a-hash')).statusCode, 400);
    for (const entry of history.entries) verifyTlogProof(entry.proof, hashLeaf(Buffer.from(entry.entry)), [verifier]);
    const proof = (await get('/log/proof/inclusion?index=1')).body;
    assert.equal(verifyTlogProof(proof, hashLeaf(Buffer.from(history.entries[1]!.entry)), [verifier]).index, 1);
    assert.equal((await get('/log/proof/inclusion?index=3')).json().code, 'TLOG_RANGE_INVALID');
    const consistency = (await get('/log/proof/consistency?from=1&to=3')).json() as {
      proof: string[];
      checkpoint: string;
    };
    const one = await get('/log/proof/consistency?from=1&to=1');
    const root1 = openCheckpoint(one.json().checkpoint as string, [verifier]).checkpoint.root;
    const root3 = openCheckpoint(consistency.checkpoint, [verifier]).checkpoint.root;
    verifyConsistency(
      1,
      3,
      consistency.proof.map((p) => Buffer.from(p, 'base64')),
      root1,
      root3,
    );
    assert.equal((await get('/log/proof/consistency?from=0')).statusCode, 400);
    assert.equal((await get('/v1/products/prd_missing/history')).statusCode, 404);
  });

  test("a product's history comes in pages: next is the after of the following page, null on the last", async () => {
    type Page = { entries: { index: number; proof: string; entry: string }[]; next: number | null };
    const all = (await get(`/v1/products/${productId}/history`)).json() as Page;
    assert.equal(all.next, null);
    const seen: number[] = [];
    let after: number | null = -1;
    for (let pages = 0; after !== null; pages++) {
      assert.ok(pages < 10, 'the pages end');
      const page = (
        await get(`/v1/products/${productId}/history?limit=1${after >= 0 ? `&after=${after}` : ''}`)
      ).json() as Page;
      for (const entry of page.entries) verifyTlogProof(entry.proof, hashLeaf(Buffer.from(entry.entry)), [verifier]);
      seen.push(...page.entries.map((e) => e.index));
      after = page.next;
    }
    assert.deepEqual(
      seen,
      all.entries.map((e) => e.index),
    );
    for (const query of ['limit=0', 'limit=1001', 'after=-1', 'after=x', 'other=1']) {
      const res = await get(`/v1/products/${productId}/history?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().code, 'INPUT_INVALID', query);
    }
  });
});
