// Issue 18, point 7: the label issuer, the status-list URIs and the log origin all come from one public URL,
// which defaults to the bound host and port; a non-loopback bind without an explicit one issues no labels.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choosePublicUrl, isLoopbackHost } from '../../src/server/index.js';
import { openRegistry, type Services } from '../../src/registry/index.js';
import { declarationFor, manufacturer } from '../support/registry.js';

describe('choosePublicUrl', () => {
  test('a loopback bind is reached as localhost on the bound port, and may issue labels', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      const choice = choosePublicUrl({ host, port: 9123 });
      assert.equal(choice.url, 'http://localhost:9123', host);
      assert.equal(choice.explicit, false);
      assert.equal(choice.labelsRefused, undefined, host);
    }
    assert.equal(choosePublicUrl({ host: '127.0.0.1', port: 8080 }).url, 'http://localhost:8080');
  });

  test('an explicit public URL wins (trailing slash dropped), whatever the bind', () => {
    const choice = choosePublicUrl({ host: '0.0.0.0', port: 9123 }, 'https://registry.example.org/');
    assert.deepEqual(choice, { url: 'https://registry.example.org', explicit: true });
  });

  test('a non-loopback bind without a public URL refuses labels and says how to fix it', () => {
    for (const [host, url] of [
      ['0.0.0.0', 'http://localhost:9123'],
      ['::', 'http://localhost:9123'],
      ['192.168.1.5', 'http://192.168.1.5:9123'],
      ['fd00::5', 'http://[fd00::5]:9123'],
    ] as const) {
      const choice = choosePublicUrl({ host, port: 9123 });
      assert.equal(choice.url, url, host);
      assert.match(choice.labelsRefused ?? '', /--public-url https:\/\//, host);
      assert.match(choice.labelsRefused ?? '', /IOTLABEL_PUBLIC_URL/, host);
    }
    assert.equal(isLoopbackHost('10.0.0.1'), false);
    assert.equal(isLoopbackHost('[::1]'), true);
  });
});

describe('one public URL for labels, status lists and the log', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'iotlabel-public-url-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const open = async (name: string, host: string, port: number, explicit?: string) => {
    const choice = choosePublicUrl({ host, port }, explicit);
    const { services } = await openRegistry({
      dataDir: join(dir, name),
      publicUrl: choice.url,
      labelsRefused: choice.labelsRefused,
    });
    return { services, choice };
  };
  const issue = async (services: Services) => {
    const acme = await manufacturer(services, 'Acme Devices Ltd');
    const doc = declarationFor({ brand: 'Acme', model: 'CAM-1', gtins: ['05012345678900'] });
    const { product } = await services.declarations.submitForModel(acme.actor, doc);
    return services.labels.issueLabel(acme.actor, product.id, { regime: 'uk-2019-option-a' });
  };

  test('by default the label issuer, its status list and the log origin agree with the bound port', async () => {
    const { services, choice } = await open('default', '127.0.0.1', 9123);
    try {
      const { label } = await issue(services);
      assert.equal(services.publicUrl, 'http://localhost:9123');
      assert.equal(label.claims.iss, choice.url);
      assert.ok(label.claims.status.status_list.uri.startsWith(`${choice.url}/v1/status-lists/`));
      assert.ok(label.links.qr.startsWith(`${choice.url}/01/`));
      assert.equal(services.log.origin, 'localhost:9123/log');
      assert.equal(services.log.origin, `${new URL(choice.url).host}/log`);
    } finally {
      await services.close();
    }
  });

  test('an explicit public URL names the issuer and the log origin', async () => {
    const { services } = await open('explicit', '0.0.0.0', 9124, 'https://registry.example.org');
    try {
      const { label } = await issue(services);
      assert.equal(label.claims.iss, 'https://registry.example.org');
      assert.equal(label.claims.status.status_list.uri, 'https://registry.example.org/v1/status-lists/1');
      assert.equal(services.log.origin, 'registry.example.org/log');
    } finally {
      await services.close();
    }
  });

  test('a wildcard bind without a public URL refuses to issue labels, naming the fix', async () => {
    const { services } = await open('wildcard', '0.0.0.0', 9125);
    try {
      await assert.rejects(issue(services), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'LABEL_NOT_ISSUABLE');
        assert.match(error.message, /listens on 0\.0\.0\.0.*--public-url/);
        return true;
      });
    } finally {
      await services.close();
    }
  });
});
