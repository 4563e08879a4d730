import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { checkCatalogue } from '../../src/catalogue/check-catalogue.js';
import { encodeSnapshot } from '../../src/catalogue/encode-snapshot.js';
import { openSnapshot } from '../../src/catalogue/open-snapshot.js';
import { parseCatalogue } from '../../src/catalogue/parse-catalogue.js';
import { SnapshotIndex } from '../../src/catalogue/snapshot-index.js';
import type { ProductLookup, RowResult, SellabilityFacts } from '../../src/catalogue/types.js';
import {
  AT,
  EXPECTED_OPTION_A_OUTCOMES,
  EXPECTED_PSTI,
  EXPECTED_PSTI_SUMMARY,
  PRODUCTS,
  catalogueCsv,
} from './fixture.js';

function memoryIndex(): SnapshotIndex {
  const index = new SnapshotIndex();
  for (const p of PRODUCTS) index.add(p);
  return index;
}

async function run(lookup: ProductLookup, regime: string, chunkSize = 7) {
  const bytes = catalogueCsv();
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const check = checkCatalogue(parseCatalogue(chunks, 'csv'), lookup, { regime, at: AT, batchSize: 3 });
  const results: RowResult[] = [];
  for await (const r of check) results.push(r);
  return { results, summary: check.summary };
}

const shape = (r: RowResult) => ({
  line: r.line,
  sku: r.sku,
  sellable: r.sellable,
  outcome: r.outcome,
  problem: r.problem,
  labelId: r.labelId,
  labelStatus: r.labelStatus,
  supportEndDate: r.supportEndDate,
});

test('every kind of row gives exactly the expected result, in input order, and the summary adds up', async () => {
  const { results, summary } = await run(memoryIndex(), 'uk-psti-2023');
  assert.deepEqual(results.map(shape), EXPECTED_PSTI);
  assert.deepEqual(summary, EXPECTED_PSTI_SUMMARY);
});

test('reasons are short sentences a shop assistant can act on', async () => {
  const { results } = await run(memoryIndex(), 'uk-psti-2023');
  const reason = (line: number) => results.find((r) => r.line === line)!.reason;
  assert.equal(reason(2), 'OK to sell: meets the security rules; security updates until 2030-12-31');
  assert.equal(reason(3), 'Do not sell: uses a universal default password');
  assert.equal(reason(4), 'OK to sell: meets the security rules; security updates ended 2024-06-30');
  assert.equal(reason(7), 'Cannot read this row: GTIN "05012345678901" has check digit 1; expected 0');
  assert.equal(reason(10), 'Cannot read this row: SKU "S1" was already used on line 2');
  assert.equal(reason(12), 'Do not sell: not in the registry, so nobody can confirm it complies');
  for (const r of results) assert.ok(r.reason.length <= 120, r.reason);
});

test('under Option A a revoked or suspended label, or none, stops the sale', async () => {
  const { results } = await run(memoryIndex(), 'uk-2019-option-a');
  for (const [line, [sellable, outcome]] of Object.entries(EXPECTED_OPTION_A_OUTCOMES)) {
    const r = results.find((x) => x.line === Number(line))!;
    assert.deepEqual([r.sellable, r.outcome], [sellable, outcome], `line ${line}`);
  }
  const l5 = results.find((x) => x.line === 6)!;
  assert.equal(l5.labelStatus, 'suspended');
});

test('an asynchronous, batched lookup gives the same results as the in-memory one', async () => {
  const index = memoryIndex();
  let calls = 0;
  const batched: ProductLookup = {
    byGtin: async (g) => index.byGtin(g),
    byBrandModel: async (b, m) => index.byBrandModel(b, m),
    many: async (keys) => {
      calls++;
      return keys.map((k) => ('gtin' in k ? index.byGtin(k.gtin) : index.byBrandModel(k.brand, k.model)));
    },
  };
  const asyncOnly: ProductLookup = {
    byGtin: async (g) => index.byGtin(g),
    byBrandModel: async (b, m) => index.byBrandModel(b, m),
  };
  const reference = await run(index, 'uk-psti-2023');
  assert.deepEqual(await run(batched, 'uk-psti-2023', 1), reference);
  assert.deepEqual(await run(asyncOnly, 'uk-psti-2023', 1000), reference);
  assert.ok(calls >= 4, `the batch lookup was used (${calls} calls)`);
});

test('the same catalogue checked through a signed snapshot gives identical results', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const chunks: Uint8Array[] = [];
  const signer = {
    issuer: 'https://registry.example',
    createdAt: '2026-11-24T00:00:00Z',
    regimes: ['uk-psti-2023', 'uk-2019-option-a'],
    keyId: 'k1',
    privateKey,
  };
  for await (const c of encodeSnapshot(PRODUCTS as Iterable<SellabilityFacts>, signer)) chunks.push(c);
  const opened = await openSnapshot(Buffer.concat(chunks), new Map([['k1', publicKey]]));
  assert.equal(opened.index.size, PRODUCTS.length);
  for (const regime of ['uk-psti-2023', 'uk-2019-option-a']) {
    assert.deepEqual(await run(opened.index, regime), await run(memoryIndex(), regime), regime);
  }
});
