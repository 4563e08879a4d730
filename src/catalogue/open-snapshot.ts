// Reads a snapshot file, trusting nothing in it until it has verified: the signature over the magic and
// header lines first, then the body's length and hash, and only then decompresses and indexes the products.
// A delta is read the same way under its own magic, and applied only to the snapshot whose body hash it names.
// Every failure is SNAPSHOT_INVALID and nothing from a failed snapshot or delta is returned.
import { createHash, verify, type KeyObject } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { SnapshotInvalid } from './errors.js';
import {
  MAX_SNAPSHOT_PREAMBLE,
  SNAPSHOT_DELTA_MAGIC,
  SNAPSHOT_MAGIC,
  fromRecord,
  signedPreamble,
  type SnapshotDeltaHeader,
  type SnapshotHeader,
  type SnapshotRecord,
} from './snapshot-format.js';
import { SnapshotIndex } from './snapshot-index.js';
import type { SellabilityFacts } from './types.js';

/** The keys a snapshot may be signed with, by key id (a Map works). */
export interface SnapshotKeys {
  get(keyId: string): KeyObject | undefined;
}

export interface OpenedSnapshot {
  header: SnapshotHeader;
  index: SnapshotIndex;
}

export async function openSnapshot(file: Uint8Array, keys: SnapshotKeys): Promise<OpenedSnapshot> {
  const { header, body } = verifiedFile(file, keys, SNAPSHOT_MAGIC);
  const index = new SnapshotIndex();
  const records = await readRecords(body, header, (facts) => index.add(facts));
  if (index.size !== records)
    throw new SnapshotInvalid(`the snapshot holds ${records - index.size} records of a product it already holds`);
  return { header, index };
}

/**
 * Applies a signed delta to an opened snapshot (or to the result of an earlier delta): the delta must name
 * that snapshot's body hash as its base and come from the same issuer. Returns the snapshot as of the delta,
 * whose header carries the delta's date, regimes and markets and, as `bodySha256`, the hash the next delta
 * names as its base. The index is changed in place (a till keeps one index, not a copy per delta), so the
 * result shares it with `opened`; when the delta is refused, nothing in `opened` has changed.
 */
export async function applySnapshotDelta(
  opened: OpenedSnapshot,
  file: Uint8Array,
  keys: SnapshotKeys,
): Promise<OpenedSnapshot> {
  const { header: h, body } = verifiedFile(file, keys, SNAPSHOT_DELTA_MAGIC);
  const delta = h as Partial<SnapshotDeltaHeader> & SnapshotHeader;
  if (
    typeof delta.base !== 'string' ||
    typeof delta.result !== 'string' ||
    !Array.isArray(delta.removed) ||
    !delta.removed.every((id) => typeof id === 'string')
  )
    throw new SnapshotInvalid('the delta header lacks base, result or removed, or has one of the wrong type');
  if (delta.issuer !== opened.header.issuer)
    throw new SnapshotInvalid(`the delta is from ${delta.issuer}; the snapshot is from ${opened.header.issuer}`);
  if (delta.base !== opened.header.bodySha256)
    throw new SnapshotInvalid(
      `the delta applies to the snapshot with body hash ${delta.base}; this one has ${opened.header.bodySha256}`,
    );
  const changed: SellabilityFacts[] = [];
  await readRecords(body, delta, (facts) => changed.push(facts));
  // Every check has passed: only now is the index changed.
  const { index } = opened;
  for (const id of delta.removed) index.remove(id);
  for (const facts of changed) index.add(facts);
  const { base: _base, result, removed: _removed, ...rest } = delta as SnapshotDeltaHeader;
  return { header: { ...rest, bodySha256: result, count: index.size }, index };
}

/** The header and body of a file whose signature, header and body hash have verified. */
function verifiedFile(
  file: Uint8Array,
  keys: SnapshotKeys,
  magic: string,
): { header: SnapshotHeader; body: Uint8Array } {
  const preamble = splitPreamble(file, magic);
  const key = keys.get(preamble.keyId);
  if (key === undefined)
    throw new SnapshotInvalid(
      `the snapshot is signed with key "${preamble.keyId}", which is not among the trusted keys`,
    );
  verifySignature(preamble.headerJson, preamble.signature, key, magic);
  const header = parseHeader(preamble.headerJson, preamble.keyId);
  const body = file.subarray(preamble.bodyStart);
  verifyBody(body, header);
  return { header, body };
}

function splitPreamble(
  file: Uint8Array,
  wanted: string,
): { headerJson: string; keyId: string; signature: string; bodyStart: number } {
  const limit = Math.min(file.length, MAX_SNAPSHOT_PREAMBLE);
  const ends: number[] = [];
  for (let i = 0; i < limit && ends.length < 3; i++) if (file[i] === 10) ends.push(i);
  if (ends.length < 3)
    throw new SnapshotInvalid('the file is not an iotlabel snapshot: its first three lines are missing');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let magic: string, headerJson: string, signatureLine: string;
  try {
    magic = decoder.decode(file.subarray(0, ends[0]));
    headerJson = decoder.decode(file.subarray(ends[0]! + 1, ends[1]));
    signatureLine = decoder.decode(file.subarray(ends[1]! + 1, ends[2]));
  } catch (cause) {
    throw new SnapshotInvalid('the snapshot header is not UTF-8 text', { cause });
  }
  if (magic !== wanted) throw new SnapshotInvalid(`the file starts with "${magic.slice(0, 40)}"; want "${wanted}"`);
  const match = /^(\S+) ([A-Za-z0-9_-]+)$/.exec(signatureLine);
  if (!match) throw new SnapshotInvalid('the snapshot signature line is not "<key id> <signature>"');
  return { headerJson, keyId: match[1]!, signature: match[2]!, bodyStart: ends[2]! + 1 };
}

function verifySignature(headerJson: string, signature: string, key: KeyObject, magic: string): void {
  let ok: boolean;
  try {
    ok = verify(null, signedPreamble(headerJson, magic), key, Buffer.from(signature, 'base64url'));
  } catch (cause) {
    throw new SnapshotInvalid(
      'the snapshot signature cannot be checked with the given key (an Ed25519 public key is needed)',
      { cause },
    );
  }
  if (!ok) throw new SnapshotInvalid('the snapshot signature does not verify');
}

function parseHeader(json: string, keyId: string): SnapshotHeader {
  let header: Partial<SnapshotHeader>;
  try {
    // Signed by a trusted key, but still outside input: a malformed header must not escape as a SyntaxError.
    header = JSON.parse(json) as Partial<SnapshotHeader>;
  } catch (cause) {
    throw new SnapshotInvalid('the snapshot header is not JSON', { cause });
  }
  const ok =
    typeof header === 'object' &&
    header !== null &&
    typeof header.issuer === 'string' &&
    typeof header.createdAt === 'string' &&
    Array.isArray(header.regimes) &&
    header.regimes.every((r) => typeof r === 'string') &&
    Number.isSafeInteger(header.count) &&
    Number.isSafeInteger(header.bodyLength) &&
    typeof header.bodySha256 === 'string' &&
    header.encoding === 'gzip' &&
    header.keyId === keyId &&
    (header.markets === undefined || marketsShapeOk(header.markets));
  if (!ok) throw new SnapshotInvalid('the snapshot header lacks a field or has one of the wrong type');
  return header as SnapshotHeader;
}

function marketsShapeOk(markets: unknown): boolean {
  if (typeof markets !== 'object' || markets === null || Array.isArray(markets)) return false;
  return Object.values(markets).every(
    (laws) =>
      Array.isArray(laws) &&
      laws.every(
        (law: unknown) =>
          typeof law === 'object' &&
          law !== null &&
          typeof (law as { regime?: unknown }).regime === 'string' &&
          typeof (law as { from?: unknown }).from === 'string',
      ),
  );
}

function verifyBody(body: Uint8Array, header: SnapshotHeader): void {
  if (body.length !== header.bodyLength)
    throw new SnapshotInvalid(`the snapshot body has ${body.length} bytes; the header says ${header.bodyLength}`);
  const digest = createHash('sha256').update(body).digest('base64url');
  if (digest !== header.bodySha256)
    throw new SnapshotInvalid('the snapshot body does not match the hash in its signed header');
}

/** Decompresses the body and hands each product record to `take`; returns how many there were. */
async function readRecords(
  body: Uint8Array,
  header: SnapshotHeader,
  take: (facts: SellabilityFacts) => void,
): Promise<number> {
  let records = 0;
  let carry = '';
  const read = (line: string): void => {
    if (line.length === 0) return;
    let record: SnapshotRecord;
    try {
      record = JSON.parse(line) as SnapshotRecord;
    } catch (cause) {
      throw new SnapshotInvalid(`snapshot record ${records + 1} is not JSON`, { cause });
    }
    const ok =
      typeof record === 'object' &&
      record !== null &&
      typeof record.p === 'string' &&
      Array.isArray(record.g) &&
      Array.isArray(record.r);
    if (!ok) throw new SnapshotInvalid(`snapshot record ${records + 1} is not a product record`);
    records++;
    take(fromRecord(record, header.regimes));
  };
  try {
    const text = Readable.from([body]).pipe(createGunzip());
    text.setEncoding('utf8');
    for await (const chunk of text) {
      const lines = (carry + (chunk as string)).split('\n');
      carry = lines.pop()!;
      for (const line of lines) read(line);
    }
  } catch (cause) {
    if (cause instanceof SnapshotInvalid) throw cause;
    throw new SnapshotInvalid('the snapshot body cannot be decompressed', { cause });
  }
  read(carry);
  if (records !== header.count)
    throw new SnapshotInvalid(`the snapshot holds ${records} products; the header says ${header.count}`);
  return records;
}
