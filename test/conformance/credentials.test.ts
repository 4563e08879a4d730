// The public default-credential lists (Mirai, RouterSploit, SecLists) read through --corpus: every
// password a list contains is caught as PW-KNOWN-DEFAULT, and the built-in corpus covers most of Mirai's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analysePasswordBatch, builtInCorpus, parseCorpus } from '../../src/evidence/passwords/index.js';
import type { CredentialRecord } from '../../src/evidence/passwords/index.js';
import { conformanceDir } from './dir.js';

const dir = join(conformanceDir, 'credentials');
const LISTS = ['mirai-credentials.json', 'routersploit-defaults.txt', 'seclists-default-passwords.csv'];

for (const name of LISTS) {
  test(`${name}: every listed password is flagged as a known default`, async () => {
    const passwords = parseCorpus(readFileSync(join(dir, name), 'utf8'), name).filter(
      (p) => p.length <= 128 && !/^\(.*\)$/.test(p),
    );
    const corpus = builtInCorpus().addAll(name, passwords);
    const rows: CredentialRecord[] = passwords.map((password, i) => ({
      line: i + 2,
      deviceId: `d${i}`,
      credentialType: 'admin_web',
      password,
      macs: [],
      ssids: [],
      extraIdentifiers: {},
    }));
    const result = await analysePasswordBatch(rows, { corpus, strengthSample: 0 });
    const known = result.findings.find((f) => f.code === 'PW-KNOWN-DEFAULT');
    assert.equal(known?.affectedCount, rows.length, `${known?.affectedCount} of ${rows.length}`);
  });
}

test('the built-in corpus covers at least 90 % of the Mirai passwords on its own', () => {
  const mirai = parseCorpus(readFileSync(join(dir, 'mirai-credentials.json'), 'utf8'), 'mirai');
  const corpus = builtInCorpus();
  const covered = mirai.filter((p) => corpus.has(p)).length;
  assert.ok(covered / mirai.length >= 0.9, `${covered} of ${mirai.length}`);
});
