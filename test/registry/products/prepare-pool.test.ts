// Documents prepared on the worker thread are exactly what the calling thread would make of them (results,
// hashes, canonical text), errors come back with their code and problems, answers keep the order documents
// were sent in, and a stopped pool goes on preparing on the calling thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { defaultEngine } from '../../../src/registry/default-engine.js';
import { prepareDocument } from '../../../src/registry/products/prepare-document.js';
import { createPreparePool } from '../../../src/registry/products/prepare-pool.js';
import { isIotlabelError } from '../../../src/errors.js';
import { example } from '../../support/registry.js';

const AT = '2026-11-24';
const examples = readdirSync(new URL('../../../examples/declarations/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(`../../../examples/declarations/${f}`, import.meta.url), 'utf8')));

/** The error a call throws, as the fields a caller sees. */
async function refusal(run: () => unknown) {
  try {
    await run();
  } catch (error) {
    assert.ok(isIotlabelError(error), String(error));
    return { code: error.code, message: error.message, problems: error.problems };
  }
  assert.fail('expected a refusal');
}

test('the worker prepares every example exactly as the calling thread does', async () => {
  const pool = createPreparePool(defaultEngine);
  try {
    for (const document of examples)
      assert.deepEqual(await pool.prepare(document, AT), prepareDocument(defaultEngine, document, AT));
    assert.deepEqual(pool.counts(), { onWorker: examples.length, here: 0 }, 'the worker answered them all');
  } finally {
    await pool.stop();
  }
});

test('an invalid document is refused with the same code, message and problems', async () => {
  const pool = createPreparePool(defaultEngine);
  try {
    const bad = example('good-camera');
    delete bad.product.brand;
    bad.supportPeriod = { endDate: 'soon' };
    const there = await refusal(() => pool.prepare(bad, AT));
    const here = await refusal(() => prepareDocument(defaultEngine, bad, AT));
    assert.equal(there.code, 'DECLARATION_INVALID');
    assert.equal(pool.counts().onWorker, 1);
    assert.deepEqual(there, here);
    assert.deepEqual(
      await refusal(() => pool.prepare('not an object', AT)),
      await refusal(() => prepareDocument(defaultEngine, 'not an object', AT)),
    );
  } finally {
    await pool.stop();
  }
});

test('answers come back in the order the documents were sent, refusals included', async () => {
  const pool = createPreparePool(defaultEngine);
  try {
    const order: number[] = [];
    const sent = Array.from({ length: 40 }, (_, i) => {
      const doc = example('good-camera');
      doc.product.model = `ORDER-${i}`;
      if (i % 7 === 3) delete doc.product.brand;
      return pool.prepare(doc, AT).then(
        (p) => (order.push(i), p.declaration.product.model),
        () => (order.push(i), null),
      );
    });
    const models = await Promise.all(sent);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.deepEqual(
      models,
      models.map((_, i) => (i % 7 === 3 ? null : `ORDER-${i}`)),
    );
  } finally {
    await pool.stop();
  }
});

test('a stopped pool prepares on the calling thread', async () => {
  const pool = createPreparePool(defaultEngine);
  const document = example('good-camera');
  await pool.prepare(document, AT);
  await pool.stop();
  assert.deepEqual(await pool.prepare(document, AT), prepareDocument(defaultEngine, document, AT));
  assert.deepEqual(pool.counts(), { onWorker: 1, here: 1 });
});
