// Done-when of issue 15, point 1: two registries run side by side; the second ("rogue", anyone can run
// `iotlabel serve`) issues a label for the first's product's GTIN with its own key, key set and status list.
// `iotlabel verify` on the rogue link is not genuine with no trust configured, not genuine trusting the first,
// and genuine only trusting the second. Links that are not label links are refused, and a status list that
// cannot be fetched is never silently skipped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import { createServices, type Services } from '../../src/registry/index.js';
import { parseLabelLink } from '../../src/labels/label-link.js';
import { hashLeaf } from '../../src/tlog/hash.js';
import { openTestStore } from '../support/dialects.js';
import { freePort } from '../support/postgres-server.js';
import { declarationFor, fixedClock, manufacturer, TEST_LOG_KEY, TODAY } from '../support/registry.js';
import { runCli } from '../support/cli.js';

const GTIN = '05012345678900';

interface Registry {
  url: string;
  services: Services;
  app: FastifyInstance;
  link: string;
  close(): Promise<void>;
}

/** A registry listening on its own port whose public URL is that address, with one labelled product. */
async function registry(maker: string): Promise<Registry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { store } = await openTestStore('sqlite');
  const services = createServices({ store, clock: fixedClock, logSignerKey: TEST_LOG_KEY.signerKey, publicUrl: url });
  const { actor } = await manufacturer(services, maker);
  const { product } = await services.declarations.submitForModel(
    actor,
    declarationFor({ brand: maker, model: 'CAM-200', gtins: [GTIN] }),
  );
  const { label } = await services.labels.issueLabel(actor, product.id, { regime: 'uk-2019-option-a' });
  const app = await buildApp(services, { logger: false });
  await app.listen({ host: '127.0.0.1', port });
  return {
    url,
    services,
    app,
    link: label.links.qr,
    close: async () => {
      await app.close();
      await services.close();
    },
  };
}

describe('a label from a rogue registry for a real product', () => {
  let genuine: Registry;
  let rogue: Registry;
  let dir: string;
  const verify = (...argv: string[]) => runCli('verify', ...argv, '--at', TODAY);

  before(async () => {
    genuine = await registry('Acme Devices Ltd');
    rogue = await registry('Acme Devices Ltd');
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-rogue-'));
  });
  after(async () => {
    await genuine.close();
    await rogue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a label answer names the log entry its status rests on, which hashes to its leaf', async () => {
    const id = JSON.parse(Buffer.from(parseLabelLink(genuine.link).token.split('.')[1]!, 'base64url').toString()).sub;
    const label = (await (await fetch(`${genuine.url}/v1/labels/${id}`)).json()) as {
      log: { index: number; leafHash: string; checkpointSize: number; entry: string };
    };
    assert.deepEqual([JSON.parse(label.log.entry).type, JSON.parse(label.log.entry).subject], ['label-issued', id]);
    assert.equal(Buffer.from(hashLeaf(Buffer.from(label.log.entry))).toString('hex'), label.log.leafHash);
    assert.ok(label.log.checkpointSize > label.log.index);
  });

  test('both labels are for the same GTIN, each on its own registry', () => {
    assert.equal(parseLabelLink(genuine.link).gtin, GTIN);
    assert.equal(parseLabelLink(rogue.link).gtin, GTIN);
    assert.ok(rogue.link.startsWith(`${rogue.url}/01/${GTIN}?label=`));
  });

  test('no trust configured: the rogue link is not genuine, and says whom it is signed by', async () => {
    const { code, out } = await verify(rogue.link);
    assert.equal(code, 1);
    assert.match(out, /NOT VALID/);
    assert.match(out, /ok\s+signature/);
    assert.ok(out.includes(`The label is signed by ${rogue.url}, which you have not said you trust`), out);
  });

  test('trusting the first registry: the rogue link is not genuine, on its own host or on the first one', async () => {
    for (const link of [rogue.link, rogue.link.replace(rogue.url, genuine.url)]) {
      const { code, out } = await verify(link, '--trust', genuine.url);
      assert.equal(code, 1, link);
      assert.match(out, /\[ISSUER_NOT_TRUSTED\]/);
    }
    assert.equal((await verify(genuine.link, '--trust', genuine.url)).code, 0);
  });

  test('trusting the second registry: the rogue link is genuine (the verifier chose to trust it)', async () => {
    const { code, out } = await verify(rogue.link, '--trust', rogue.url, '--json');
    assert.equal(code, 0, out);
    const report = JSON.parse(out);
    assert.equal(report.label.issuer, rogue.url);
    assert.equal(report.sources.status, `${rogue.url}/v1/status-lists/1`);
    assert.equal(report.checks.find((c: { step: string }) => c.step === 'status').outcome, 'pass');
  });

  test('a token forged to name the first registry as issuer does not verify with its keys', async () => {
    const { token } = parseLabelLink(rogue.link);
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const renamed = Buffer.from(JSON.stringify({ ...claims, iss: genuine.url })).toString('base64url');
    const { code, out } = await verify(`${genuine.url}/01/${GTIN}?label=${h}.${renamed}.${s}`, '--trust', genuine.url);
    assert.equal(code, 1);
    assert.match(out, /\[TOKEN_KEY_UNKNOWN\]/);
  });

  test('bad-check-digit, mismatched and non-/01/ links are refused even from a trusted registry', async () => {
    const { token } = parseLabelLink(genuine.link);
    for (const [link, pattern] of [
      [`${genuine.url}/01/05012345678901?label=${token}`, /\[LABEL_LINK_INVALID\]/],
      [`${genuine.url}/01/00000000000000?label=${token}`, /\[TOKEN_CLAIMS_INVALID\]/],
      [`${genuine.url}/products/${GTIN}?label=${token}`, /\[LABEL_LINK_INVALID\]/],
    ] as const) {
      const { code, out } = await verify(link, '--trust', genuine.url);
      assert.equal(code, 1, link);
      assert.match(out, pattern, link);
    }
  });

  test('a status list that cannot be fetched is never silently skipped; --offline accepts it in words', async () => {
    const keysFile = join(dir, 'genuine-keys.json');
    writeFileSync(keysFile, await (await fetch(`${genuine.url}/.well-known/iotlabel/keys`)).text());
    const { token } = parseLabelLink(genuine.link);
    await genuine.app.close(); // the registry is gone; its saved keys are still trusted
    const refused = await verify(token, '--keys', keysFile);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /FAIL status\s+Revocation not checked: the status list .* could not be fetched/);
    const accepted = await verify(token, '--keys', keysFile, '--offline');
    assert.equal(accepted.code, 0, accepted.out);
    assert.match(accepted.out, /skip status\s+Revocation not checked/);
  });
});
