import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildTlogProof, formatTlogProof, parseTlogProof, verifyTlogProof } from '../../src/tlog/tlog-proof.js';
import { hashLeaf } from '../../src/tlog/hash.js';
import { generateNoteKey, parseVerifierKey } from '../../src/tlog/note-key.js';
import { IotlabelError } from '../../src/errors.js';
import { MemoryLog, entry, isCode } from './helpers.js';

// The layout example of c2sp.org/tlog-proof (its signatures are elided, so only the framing is checked).
const SPEC_EXAMPLE = `c2sp.org/tlog-proof@v1
extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ
index 73894
gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=
B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=
EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=
RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=
AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=

example.com/fancylog
109482
sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=

\u2014 example.com/fancylog hI2DJw[...]1roloI=
`;

const log = new MemoryLog();
await log.append(Array.from({ length: 300 }, (_, i) => entry(i)));
const checkpointNote = Buffer.from(log.files.get('checkpoint')!).toString('utf8');
const verifier = parseVerifierKey(log.verifierKey);

test('the spec example parses and formats back byte for byte', () => {
  const proof = parseTlogProof(SPEC_EXAMPLE);
  assert.equal(proof.index, 73894);
  assert.equal(proof.proof.length, 5);
  assert.equal(Buffer.from(proof.extra!).toString('latin1').slice(0, 14), 'age-v1.2.1-dar');
  assert.ok(proof.checkpoint.startsWith('example.com/fancylog\n109482\n'));
  assert.equal(formatTlogProof(proof), SPEC_EXAMPLE);
});

test('a proof built from the log verifies offline against the log key', async () => {
  for (const index of [0, 1, 255, 256, 299]) {
    const text = await buildTlogProof(log.nodes, index, checkpointNote);
    const result = verifyTlogProof(text, hashLeaf(entry(index)), [verifier], { origin: log.origin });
    assert.equal(result.index, index);
    assert.equal(result.checkpoint.size, 300);
  }
  const withExtra = await buildTlogProof(log.nodes, 7, checkpointNote, Buffer.from('context'));
  assert.equal(Buffer.from(verifyTlogProof(withExtra, hashLeaf(entry(7)), [verifier]).extra!).toString(), 'context');
});

test('a proof fails for the wrong entry, the wrong key, the wrong origin or an index beyond the tree', async () => {
  const text = await buildTlogProof(log.nodes, 42, checkpointNote);
  assert.throws(() => verifyTlogProof(text, hashLeaf(entry(43)), [verifier]), isCode('TLOG_INCLUSION_PROOF_INVALID'));
  const stranger = parseVerifierKey(generateNoteKey(log.origin).verifierKey);
  assert.throws(() => verifyTlogProof(text, hashLeaf(entry(42)), [stranger]), isCode('TLOG_NOTE_KEY_UNKNOWN'));
  assert.throws(
    () => verifyTlogProof(text, hashLeaf(entry(42)), [verifier], { origin: 'elsewhere/log' }),
    isCode('TLOG_CHECKPOINT_INVALID'),
  );
  const beyond = { ...parseTlogProof(text), index: 300 };
  assert.throws(() => verifyTlogProof(beyond, hashLeaf(entry(42)), [verifier]), isCode('TLOG_INCLUSION_PROOF_INVALID'));
  await assert.rejects(() => buildTlogProof(log.nodes, 300, checkpointNote), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => buildTlogProof(log.nodes, 1, 'no signatures\n'), isCode('TLOG_PROOF_MALFORMED'));
});

test('malformed proofs are refused with TLOG_PROOF_MALFORMED', () => {
  const hash = Buffer.alloc(32).toString('base64');
  const bad = [
    'c2sp.org/tlog-proof@v1\nindex 1\n',
    `c2sp.org/tlog-proof@v2\nindex 1\n\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nindex 01\n\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nindex -1\n\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nindex 9007199254740993\n\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nindex 1\n${`${hash}\n`.repeat(64)}\n${checkpointNote}`,
    `c2sp.org/tlog-proof@v1\nindex 1\n\n`,
  ];
  for (const text of bad) assert.throws(() => parseTlogProof(text), isCode('TLOG_PROOF_MALFORMED'), text.slice(0, 60));
  assert.throws(
    () => formatTlogProof({ index: -1, proof: [], checkpoint: checkpointNote }),
    isCode('TLOG_PROOF_MALFORMED'),
  );
  assert.throws(
    () => formatTlogProof({ index: 1, proof: [new Uint8Array(3)], checkpoint: checkpointNote }),
    isCode('TLOG_PROOF_MALFORMED'),
  );
});

test('property: parse(format(p)) = p, and arbitrary text fails only with TLOG_PROOF_MALFORMED', () => {
  fc.assert(
    fc.property(
      fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
      fc.maxSafeNat(),
      fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 10 }),
      (extra, index, proof) => {
        const value =
          extra === undefined
            ? { index, proof, checkpoint: checkpointNote }
            : { extra, index, proof, checkpoint: checkpointNote };
        assert.equal(formatTlogProof(parseTlogProof(formatTlogProof(value))), formatTlogProof(value));
      },
    ),
  );
  fc.assert(
    fc.property(fc.string(), (text) => {
      try {
        parseTlogProof(`c2sp.org/tlog-proof@v1\n${text}`);
      } catch (error) {
        assert.ok(error instanceof IotlabelError && error.code === 'TLOG_PROOF_MALFORMED');
      }
    }),
  );
});
