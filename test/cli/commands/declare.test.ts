// `iotlabel declare` against a real registry (both databases): files, folders and NDJSON files go up in one
// stream; each result names its file and line; exit 0 all accepted, 2 bad input, 1 refused for another reason.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DIALECTS } from '../../support/dialects.js';
import { openTestApp, type TestApp } from '../../support/http.js';
import { declarationFor } from '../../support/registry.js';
import { withCheckDigit } from '../../support/gtin.js';
import { runCli } from '../../support/cli.js';

for (const dialect of DIALECTS) {
  describe(`iotlabel declare on ${dialect}`, () => {
    let t: TestApp;
    let url: string;
    let dir: string;
    const doc = (model: string, gtins: string[] = []) => JSON.stringify(declarationFor({ brand: 'Cli', model, gtins }));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      return path;
    };

    before(async () => {
      t = await openTestApp({}, dialect);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      dir = mkdtempSync(join(tmpdir(), 'iotlabel-declare-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t.close();
    });

    test('a folder of .json and .ndjson files: every document answered by file and line; exit 0', async () => {
      file('models/a.json', `${JSON.stringify(declarationFor({ brand: 'Cli', model: 'A', gtins: [] }), null, 2)}\n`);
      file('models/more/b.ndjson', `${doc('B')}\n\n${doc('C')}\n`);
      file('models/notes.txt', 'not a declaration');
      const r = await runCli('declare', join(dir, 'models'), '--server', url, '--key', t.keys.acme);
      assert.equal(r.code, 0, r.err);
      const out = r.out.trim().split('\n');
      assert.equal(out.length, 3);
      assert.match(out[0]!, /models\/a\.json: new product prd_\S+, declaration dcl_\S+ version 1$/);
      assert.match(out[1]!, /models\/more\/b\.ndjson:1: new product prd_\S+, declaration \S+ version 1$/);
      assert.match(out[2]!, /models\/more\/b\.ndjson:3: new product/);
      assert.match(r.err, /^declare: 3 documents, 3 submitted, 0 failed\n$/);
    });

    test('bad documents are reported by file, line and JSON path, the others still go in; exit 2', async () => {
      const bad = declarationFor({ brand: 'Cli', model: 'BAD', gtins: [] });
      bad.passwords = { usesPasswords: 'perhaps' };
      const ndjson = file('mixed.ndjson', `${doc('D')}\n{"schemaVersion":\n${JSON.stringify(bad)}\n`);
      const broken = file('broken.json', '{ "schemaVersion": ');
      const r = await runCli('declare', ndjson, broken, '--server', url, '--key', t.keys.acme, '--json');
      assert.equal(r.code, 2, r.err);
      const results = r.out
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              file: string;
              fileLine: number;
              line: number;
              productId?: string;
              error?: { code: string };
            },
        );
      assert.deepEqual(
        results.map((x) => [x.fileLine, x.line, x.error?.code ?? 'ok']),
        [
          [1, 1, 'ok'],
          [2, 2, 'INPUT_UNREADABLE'],
          [3, 3, 'DECLARATION_INVALID'],
        ],
      );
      assert.ok(results.every((x) => x.file === ndjson));
      assert.match(r.err, /broken\.json: is not JSON/);
      assert.match(r.err, /mixed\.ndjson:2: INPUT_UNREADABLE: /);
      assert.match(r.err, /mixed\.ndjson:3: \/passwords\S*: /);
      assert.match(r.err, /declare: 4 documents, 1 submitted, 3 failed\n$/);
    });

    test('a refusal that is not bad input (a GTIN another manufacturer holds) exits 1', async () => {
      const gtin = withCheckDigit('503000000001');
      assert.equal(
        (await runCli('declare', file('mine.json', doc('E', [gtin])), '--server', url, '--key', t.keys.acme)).code,
        0,
      );
      const theirs = file('theirs.json', JSON.stringify(declarationFor({ brand: 'Other', model: 'E', gtins: [gtin] })));
      const r = await runCli('declare', theirs, '--server', url, '--key', t.keys.brightly);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /theirs\.json: GTIN_TAKEN: /);
    });

    test('usage and server refusals: one line, exit 2', async () => {
      const one = file('one.json', doc('F'));
      const cases: [string[], RegExp][] = [
        [['declare', one], /give --server URL/],
        [['declare', one, '--server', 'ftp://x'], /--server must be an http\(s\) URL/],
        [['declare', join(dir, 'models', 'notes.txt'), '--server', url], /is not JSON/],
        [['declare', one, '--server', url, '--key', 'wrong'], /the server refused the declarations: /],
        [['declare', one, '--server', url, '--key', t.keys.retailer], /the server refused the declarations: /],
      ];
      for (const [argv, message] of cases) {
        const r = await runCli(...argv);
        assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
        assert.match(r.err, message);
        assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      }
      mkdirSync(join(dir, 'empty'));
      const empty = await runCli('declare', join(dir, 'empty'), '--server', url);
      assert.equal(empty.code, 2);
      assert.match(empty.err, /no declarations \(\.json, \.ndjson, \.jsonl\) in /);
    });
  });
}
