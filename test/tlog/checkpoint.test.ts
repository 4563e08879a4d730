import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCheckpoint, parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { openCheckpoint, signCheckpoint } from '../../src/tlog/open-checkpoint.js';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from '../../src/tlog/note-key.js';
import { emptyRoot } from '../../src/tlog/hash.js';
import { IotlabelError } from '../../src/errors.js';
import { hex, isCode } from './helpers.js';

// c2sp.org/tlog-checkpoint's example body.
const EXAMPLE = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

test('the spec example parses and formats back byte for byte', () => {
  const checkpoint = parseCheckpoint(EXAMPLE);
  assert.equal(checkpoint.origin, 'example.com/behind-the-sofa');
  assert.equal(checkpoint.size, 20852163);
  assert.equal(checkpoint.root.length, 32);
  assert.deepEqual(checkpoint.extensions, []);
  assert.equal(formatCheckpoint(checkpoint), EXAMPLE);
  assert.deepEqual(parseCheckpoint(EXAMPLE + 'ext one\n').extensions, ['ext one']);
});

test('malformed checkpoints are refused with TLOG_CHECKPOINT_INVALID', () => {
  const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
  const bad = [
    `o\n1\n${root}`,
    `o\n1\n`,
    `\n1\n${root}\n`,
    `o\n01\n${root}\n`,
    `o\n-1\n${root}\n`,
    `o\n1.0\n${root}\n`,
    `o\n9007199254740992\n${root}\n`,
    `o\n1\n${root.slice(4)}\n`,
    `o\n1\nAAAA\n`,
    `o\n1\n${root}\n\n`,
  ];
  for (const text of bad)
    assert.throws(() => parseCheckpoint(text), isCode('TLOG_CHECKPOINT_INVALID'), JSON.stringify(text));
  const good = { origin: 'o', size: 1, root: emptyRoot(), extensions: [] };
  assert.throws(() => formatCheckpoint({ ...good, origin: '' }), isCode('TLOG_CHECKPOINT_INVALID'));
  assert.throws(() => formatCheckpoint({ ...good, origin: 'a\nb' }), isCode('TLOG_CHECKPOINT_INVALID'));
  assert.throws(() => formatCheckpoint({ ...good, size: -1 }), isCode('TLOG_CHECKPOINT_INVALID'));
  assert.throws(() => formatCheckpoint({ ...good, root: new Uint8Array(3) }), isCode('TLOG_CHECKPOINT_INVALID'));
  assert.throws(() => formatCheckpoint({ ...good, extensions: [''] }), isCode('TLOG_CHECKPOINT_INVALID'));
  assert.throws(() => formatCheckpoint({ ...good, origin: 'bell\u0007' }), isCode('TLOG_CHECKPOINT_INVALID'));
});

test('signed checkpoints open with the log key and the expected origin only', () => {
  const keys = generateNoteKey('registry.example/log');
  const checkpoint = { origin: 'registry.example/log', size: 3, root: emptyRoot(), extensions: [] };
  const note = signCheckpoint(checkpoint, [parseSignerKey(keys.signerKey)]);
  const verifier = parseVerifierKey(keys.verifierKey);
  const opened = openCheckpoint(note, [verifier], { origin: 'registry.example/log' });
  assert.equal(opened.checkpoint.size, 3);
  assert.equal(hex(opened.checkpoint.root), hex(emptyRoot()));
  assert.equal(opened.note, note);
  assert.equal(openCheckpoint(Buffer.from(note), [verifier]).note, note);
  assert.throws(
    () => openCheckpoint(note, [verifier], { origin: 'other.example/log' }),
    isCode('TLOG_CHECKPOINT_INVALID'),
  );
});

test('property: format then parse gives the checkpoint back; parse never throws a non-domain error', () => {
  // eslint-disable-next-line no-control-regex
  const line = fc.string({ minLength: 1 }).filter((s) => !/[\u0000-\u001f]/.test(s) && !/[\ud800-\udfff]/.test(s));
  fc.assert(
    fc.property(
      line,
      fc.nat(),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.array(line, { maxLength: 3 }),
      (origin, size, root, extensions) => {
        const parsed = parseCheckpoint(formatCheckpoint({ origin, size, root, extensions }));
        return (
          parsed.origin === origin &&
          parsed.size === size &&
          hex(parsed.root) === hex(root) &&
          parsed.extensions.join('\n') === extensions.join('\n')
        );
      },
    ),
  );
  fc.assert(
    fc.property(fc.string(), (text) => {
      try {
        parseCheckpoint(text);
        return true;
      } catch (error) {
        return error instanceof IotlabelError && error.code === 'TLOG_CHECKPOINT_INVALID';
      }
    }),
  );
});
