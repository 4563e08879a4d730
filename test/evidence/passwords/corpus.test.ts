import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { IotlabelError } from '../../../src/errors.js';
import { builtInCorpus, KnownDefaultCorpus, parseCorpus, redact } from '../../../src/evidence/passwords/index.js';

test('the built-in corpus knows well-known defaults, case-insensitively, and blank passwords', () => {
  const corpus = builtInCorpus();
  for (const p of ['admin', 'ADMIN', '12345', 'xc3511', 'raspberry', '']) assert.ok(corpus.has(p), p);
  assert.ok(!corpus.has('Zq8-xK2m-Lp4v'));
  assert.ok(corpus.hasSha256(createHash('sha256').update('Admin').digest('hex')));
  assert.ok(corpus.size > 80);
});

test('corpus files: user:password lines, SecLists-style CSV and JSON arrays', () => {
  assert.deepEqual(parseCorpus('# c\nroot:toor\nbarepassword\nuser:\n', 'a'), ['toor', 'barepassword', '']);
  assert.deepEqual(
    parseCorpus('Vendor,Username,Password,Comments\nX,admin,<BLANK>,\nY,u,"(serial number)",\nZ,u,p4ss,note\n', 'b'),
    ['', '(serial number)', 'p4ss'],
  );
  assert.deepEqual(parseCorpus('[{"username":"a","password":"b"}]', 'c'), ['b']);
  const corpus = new KnownDefaultCorpus().addAll('b', ['(serial number)', 'p4ss']);
  assert.ok(!corpus.has('(serial number)'), 'prose cells are skipped');
  for (const bad of ['', '[1]', '[{"password":3}]', '[oops'])
    assert.throws(
      () => parseCorpus(bad, 'x'),
      (e: IotlabelError) => e.code === 'PASSWORD_CORPUS_INVALID',
    );
});

test('redaction shows only the edges of long values and nothing of short ones', () => {
  assert.equal(redact('742DA831D2'), '74••••••D2');
  assert.equal(redact('abcdefgh'), 'a••••••h');
  assert.equal(redact('admin'), '•••••');
  assert.equal(redact(''), '(empty)');
});
