// `iotlabel check --server URL --verify-log`: each product's online answer names its log entry, and the CLI
// proves it against the registry's signed checkpoint. An answer that does not match its entry, an entry that
// does not hash to its leaf, or a proof under another log key is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proveAnswer } from '../../../src/cli/commands/check/verify-log.js';
import { generateNoteKey, parseVerifierKey } from '../../../src/tlog/note-key.js';
import { openTestApp, type TestApp } from '../../support/http.js';
import { declarationFor, manufacturer, TEST_LOG_KEY, TODAY } from '../../support/registry.js';
import { runCli } from '../../support/cli.js';

const GTIN = '05012345679006';
const REGIME = 'uk-psti-2023';

describe('iotlabel check --verify-log', () => {
  let t: TestApp;
  let url: string;
  let dir: string;
  before(async () => {
    t = await openTestApp();
    const maker = await manufacturer(t.services, 'Proof Devices Ltd');
    const doc = declarationFor({ brand: 'Proof Devices Ltd', model: 'P-1', gtins: [GTIN] });
    await t.services.declarations.submitForModel(maker.actor, doc);
    url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-verifylog-'));
    writeFileSync(join(dir, 'shop.csv'), `sku,gtin\nA1,${GTIN}\n`);
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const answer = async () =>
    (await (await fetch(`${url}/v1/sellable?gtin=${GTIN}&regime=${REGIME}&at=${TODAY}`)).json()) as Parameters<
      typeof proveAnswer
    >[1];
  const proofOf = async (index: number) => (await fetch(`${url}/log/proof/inclusion?index=${index}`)).text();
  const verifier = parseVerifierKey(TEST_LOG_KEY.verifierKey);

  test('the answer names its entry, and the CLI proves it against the signed log with a pinned key', async () => {
    const served = await answer();
    assert.ok(served.log !== null && served.log.checkpointSize > served.log.index);
    const product = (await (await fetch(`${url}/v1/gtins/${GTIN}`)).json()) as { log: unknown };
    assert.deepEqual(product.log, served.log, 'the product answer rests on the same entry');
    const args = ['check', join(dir, 'shop.csv'), '--server', url, '--key', t.keys.retailer, '--regime', REGIME];
    const { code, err } = await runCli(...args, '--at', TODAY, '--verify-log', '--log-key', TEST_LOG_KEY.verifierKey);
    assert.match(err, /Log: 1 of 1 products' answers proved in the registry's signed log/);
    assert.equal(code, 0, err);
    const other = generateNoteKey('registry.test/log');
    const refused = await runCli(...args, '--at', TODAY, '--verify-log', '--log-key', other.verifierKey);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /NOT PROVED GTIN 05012345679006: /);
  });

  test('an answer that is not what its entry says, or an entry that is not its leaf, is refused', async () => {
    const served = await answer();
    await proveAnswer(GTIN, served, verifier, proofOf);
    await assert.rejects(
      proveAnswer(GTIN, { ...served, supportEndDate: '2040-01-01' }, verifier, proofOf),
      /the answer gives support until 2040-01-01, log entry \d+ says 2030-12-31/,
    );
    await assert.rejects(
      proveAnswer(GTIN, { ...served, log: { ...served.log!, leafHash: '0'.repeat(64) } }, verifier, proofOf),
      /does not hash to the leaf hash/,
    );
    await assert.rejects(proveAnswer('05012345670003', served, verifier, proofOf), /is not about GTIN/);
    await assert.rejects(proveAnswer(GTIN, { ...served, log: null }, verifier, proofOf), /names no log entry/);
  });

  test('--verify-log needs --server', async () => {
    const { code, err } = await runCli(
      'check',
      join(dir, 'shop.csv'),
      '--snapshot',
      'x',
      '--keys',
      'y',
      '--verify-log',
    );
    assert.equal(code, 2);
    assert.match(err, /--verify-log needs --server/);
  });
});
