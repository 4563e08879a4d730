import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyLog } from '../../src/tlog/verify-log.js';
import type { LogState, VerifyLogOptions } from '../../src/tlog/verify-log.js';
import { signCheckpoint } from '../../src/tlog/open-checkpoint.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from '../../src/tlog/note-key.js';
import { encodeEntryBundle, parseEntryBundle } from '../../src/tlog/tile-data.js';
import { hashLeaf } from '../../src/tlog/hash.js';
import { MemoryLog, entry, isCode } from './helpers.js';

const KEYS = generateNoteKey('registry.example/log');

async function logOf(count: number, make = entry): Promise<MemoryLog> {
  const log = new MemoryLog('registry.example/log', KEYS);
  await log.append(Array.from({ length: count }, (_, i) => make(i)));
  return log;
}

const run = (log: MemoryLog, state?: LogState, extra: Partial<VerifyLogOptions> = {}) =>
  verifyLog({ fetch: log.fetch, verifierKeys: [log.verifierKey], state: state ?? null, ...extra });

function editBundle(log: MemoryLog, path: string, edit: (entries: Uint8Array[]) => Uint8Array[]): void {
  log.files.set(path, encodeEntryBundle(edit(parseEntryBundle(log.files.get(path)!).map((e) => Uint8Array.from(e)))));
}

function only(result: Awaited<ReturnType<typeof verifyLog>>, code: string): number[] {
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.violations.map((v) => v.code),
    [code],
    JSON.stringify(result.violations),
  );
  return result.violations[0]!.indices;
}

test('a clean log verifies from scratch, then incrementally, then with nothing new', async () => {
  const log = await logOf(700);
  const first = await run(log, undefined, { bundlesPerBatch: 2 });
  assert.equal(first.ok, true, JSON.stringify(first.violations));
  assert.equal(first.entries.length, 700);
  assert.deepEqual(first.entries[699], { index: 699, data: Uint8Array.from(entry(699)) });
  assert.equal(first.state.size, 700);

  await log.append(Array.from({ length: 300 }, (_, k) => entry(700 + k)));
  const second = await run(log, first.state);
  assert.equal(second.ok, true, JSON.stringify(second.violations));
  assert.deepEqual(
    second.entries.map((e) => e.index),
    Array.from({ length: 300 }, (_, k) => 700 + k),
  );
  assert.equal(second.state.size, 1000);

  const third = await run(log, second.state);
  assert.equal(third.ok, true);
  assert.deepEqual(third.entries, []);
  assert.deepEqual(third.state, second.state);
});

test('an altered entry is caught with its index', async () => {
  const log = await logOf(700);
  editBundle(log, 'tile/entries/001', (entries) => entries.map((e, p) => (p === 10 ? Buffer.from('tampered') : e)));
  assert.deepEqual(only(await run(log), 'TLOG_ENTRY_MISMATCH'), [266]);
});

test('an altered old entry in a partly seen bundle is caught on the next run', async () => {
  const log = await logOf(600);
  const { state } = await run(log);
  await log.append([entry(600), entry(601)]);
  editBundle(log, 'tile/entries/002.p/90', (entries) =>
    entries.map((e, p) => (p === 3 ? Buffer.from('rewritten') : e)),
  );
  assert.deepEqual(only(await run(log, state), 'TLOG_ENTRY_MISMATCH'), [515]);
});

test('a deleted entry is caught with its index', async () => {
  const log = await logOf(700);
  editBundle(log, 'tile/entries/000', (entries) => entries.filter((_, p) => p !== 17));
  assert.deepEqual(only(await run(log), 'TLOG_ENTRY_MISSING'), [17]);
});

test('reordered entries are caught with their indices', async () => {
  const log = await logOf(700);
  editBundle(log, 'tile/entries/002.p/188', (entries) => {
    [entries[4], entries[9]] = [entries[9]!, entries[4]!];
    return entries;
  });
  assert.deepEqual(only(await run(log), 'TLOG_ENTRIES_REORDERED'), [516, 521]);
});

function flipBit(bytes: Uint8Array, at: number): void {
  bytes[at] = bytes[at]! ^ 1;
}

test('an altered node hash, in a leaf tile or a higher tile, is caught with the tile path', async () => {
  const leafTile = await logOf(700);
  flipBit(leafTile.files.get('tile/0/001')!, 5 * 32);
  const result = await run(leafTile);
  assert.deepEqual(only(result, 'TLOG_TILE_MISMATCH'), [261]);
  assert.equal(result.violations[0]!.path, 'tile/0/001');

  const upperTile = await logOf(700);
  flipBit(upperTile.files.get('tile/1/000.p/2')!, 32);
  const upper = await run(upperTile);
  assert.deepEqual(only(upper, 'TLOG_TILE_MISMATCH'), [256]);
  assert.equal(upper.violations[0]!.path, 'tile/1/000.p/2');
});

test('a checkpoint signed with the wrong key, or forged under ours, or for another origin, is refused', async () => {
  const log = await logOf(10);
  const checkpoint = parseCheckpoint(Buffer.from(log.files.get('checkpoint')!).toString().split('\n\n')[0]! + '\n');
  const other = parseSignerKey(generateNoteKey('registry.example/log').signerKey);
  log.files.set('checkpoint', Buffer.from(signCheckpoint(checkpoint, [other])));
  only(await run(log), 'TLOG_NOTE_KEY_UNKNOWN');
  log.files.set('checkpoint', Buffer.from(signCheckpoint(checkpoint, [{ ...other, keyId: log.signer.keyId }])));
  only(await run(log), 'TLOG_NOTE_SIGNATURE_INVALID');
  log.files.set('checkpoint', Buffer.from(signCheckpoint({ ...checkpoint, origin: 'elsewhere/log' }, [log.signer])));
  only(await run(log), 'TLOG_CHECKPOINT_INVALID');
});

test('a checkpoint whose root the tiles and entries do not give is caught', async () => {
  const log = await logOf(300);
  log.files.set(
    'checkpoint',
    Buffer.from(
      signCheckpoint({ origin: log.origin, size: 300, root: hashLeaf(Buffer.from('x')), extensions: [] }, [log.signer]),
    ),
  );
  only(await run(log), 'TLOG_ROOT_MISMATCH');
});

test('a fork, a rollback and a changed root at the same size are inconsistencies', async () => {
  const honest = await logOf(700);
  const { state } = await run(honest);
  const forked = await logOf(1000, (i) => (i === 10 ? Buffer.from('rewritten history') : entry(i)));
  assert.deepEqual(only(await run(forked, state), 'TLOG_INCONSISTENT'), [700]);
  const shorter = await logOf(500);
  assert.deepEqual(only(await run(shorter, state), 'TLOG_INCONSISTENT'), [500]);
  const sameSize = await logOf(700, (i) => (i === 3 ? Buffer.from('other') : entry(i)));
  only(await run(sameSize, state), 'TLOG_INCONSISTENT');
  const refused = await run(forked, state);
  assert.deepEqual(refused.state, state, 'the saved state does not move past a violation');
});

test('missing and malformed resources are reported with their path', async () => {
  const missing = await logOf(300);
  missing.files.delete('tile/entries/001.p/44');
  const gone = await run(missing);
  only(gone, 'NOT_FOUND');
  assert.equal(gone.violations[0]!.path, 'tile/entries/001.p/44');
  const offline = await verifyLog({
    fetch: () => Promise.reject(new Error('connection refused')),
    verifierKeys: [KEYS.verifierKey],
  });
  only(offline, 'NETWORK_FAILED');
  const shortTile = await logOf(300);
  shortTile.files.set('tile/0/001.p/44', new Uint8Array(40));
  only(await run(shortTile), 'TLOG_TILE_INVALID');
  const extra = await logOf(300);
  editBundle(extra, 'tile/entries/001.p/44', (entries) => [...entries, Buffer.from('one more')]);
  only(await run(extra), 'TLOG_TILE_INVALID');
  const truncated = await logOf(300);
  truncated.files.set('tile/entries/001.p/44', truncated.files.get('tile/entries/001.p/44')!.subarray(0, 5));
  only(await run(truncated), 'TLOG_TILE_INVALID');
  const brokenUpper = await logOf(600);
  const { state } = await run(brokenUpper);
  await brokenUpper.append([entry(600)]);
  brokenUpper.files.set('tile/1/000.p/2', new Uint8Array(10));
  only(await run(brokenUpper, state), 'TLOG_TILE_INVALID');
});

test('application checks see the new entries; their violations fail the run but the state moves on', async () => {
  const log = await logOf(20);
  const seen: number[] = [];
  const result = await run(log, undefined, {
    origin: 'registry.example/log',
    verifierKeys: [parseVerifierKey(KEYS.verifierKey)],
    checkEntries: (entries) => {
      seen.push(...entries.map((e) => e.index));
      return [
        {
          code: 'SUPPORT_PERIOD_SHORTENED',
          message: 'entry 7 shortens the support period of entry 2',
          indices: [2, 7],
        },
      ];
    },
  });
  assert.equal(seen.length, 20);
  assert.deepEqual(only(result, 'SUPPORT_PERIOD_SHORTENED'), [2, 7]);
  assert.equal(result.state.size, 20);
});

test('a bad saved state or key is a usage error, thrown', async () => {
  const log = await logOf(1);
  await assert.rejects(() => run(log, { size: -1, root: '' }), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => run(log, { size: 1, root: 'AAAA' }), isCode('TLOG_RANGE_INVALID'));
  await assert.rejects(() => verifyLog({ fetch: log.fetch, verifierKeys: ['not a key'] }), isCode('TLOG_KEY_INVALID'));
});

test('a fetch that fails with something other than an Error is still a network failure, named', async () => {
  const result = await verifyLog({ fetch: () => Promise.reject('socket hang up'), verifierKeys: [KEYS.verifierKey] });
  only(result, 'NETWORK_FAILED');
  assert.match(result.violations[0]!.message, /socket hang up/);
});

test('a bug in an application check is thrown, not reported as a violation of the log', async () => {
  const log = await logOf(5);
  await assert.rejects(
    () =>
      run(log, undefined, {
        checkEntries: () => {
          throw new TypeError('check crashed');
        },
      }),
    TypeError,
  );
});
