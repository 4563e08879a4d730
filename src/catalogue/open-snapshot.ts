// Reads a snapshot file, trusting nothing in it until it has verified: the signature over the magic and
// header lines first, then the body's length and hash, and only then decompresses and indexes the products.
// Every failure is SNAPSHOT_INVALID and nothing from a failed snapshot is returned.
import { createHash, verify, type KeyObject } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { SnapshotInvalid } from './errors.js';
import {
  MAX_SNAPSHOT_PREAMBLE,
  SNAPSHOT_MAGIC,
  fromRecord,
  signedPreamble,
  type SnapshotHeader,
  type SnapshotRecord,
} from './snapshot-format.js';
import { SnapshotIndex } from './snapshot-index.js';

/** The keys a snapshot may be signed with, by key id (a Map works). */
export interface SnapshotKeys {
  get(keyId: string): KeyObject | undefined;
}

export interface OpenedSnapshot {
  header: SnapshotHeader;
  index: SnapshotIndex;
}

export async function openSnapshot(file: Uint8Array, keys: SnapshotKeys): Promise<OpenedSnapshot> {
  const preamble = splitPreamble(file);
  const key = keys.get(preamble.keyId);
  if (key === undefined)
    throw new SnapshotInvalid(
      `the snapshot is signed with key "${preamble.keyId}", which is not among the trusted keys`,
    );
  verifySignature(preamble.headerJson, preamble.signature, key);
  const header = parseHeader(preamble.headerJson, preamble.keyId);
  const body = file.subarray(preamble.bodyStart);
  verifyBody(body, header);
  return { header, index: await indexBody(body, header) };
}

function splitPreamble(file: Uint8Array): { headerJson: string; keyId: string; signature: string; bodyStart: number } {
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
  if (magic !== SNAPSHOT_MAGIC)
    throw new SnapshotInvalid(`the file starts with "${magic.slice(0, 40)}"; want "${SNAPSHOT_MAGIC}"`);
  const match = /^(\S+) ([A-Za-z0-9_-]+)$/.exec(signatureLine);
  if (!match) throw new SnapshotInvalid('the snapshot signature line is not "<key id> <signature>"');
  return { headerJson, keyId: match[1]!, signature: match[2]!, bodyStart: ends[2]! + 1 };
}

function verifySignature(headerJson: string, signature: string, key: KeyObject): void {
  let ok: boolean;
  try {
    ok = verify(null, signedPreamble(headerJson), key, Buffer.from(signature, 'base64url'));
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

async function indexBody(body: Uint8Array, header: SnapshotHeader): Promise<SnapshotIndex> {
  const index = new SnapshotIndex();
  let carry = '';
  const take = (line: string): void => {
    if (line.length === 0) return;
    let record: SnapshotRecord;
    try {
      record = JSON.parse(line) as SnapshotRecord;
    } catch (cause) {
      throw new SnapshotInvalid(`snapshot record ${index.size + 1} is not JSON`, { cause });
    }
    const ok =
      typeof record === 'object' &&
      record !== null &&
      typeof record.p === 'string' &&
      Array.isArray(record.g) &&
      Array.isArray(record.r);
    if (!ok) throw new SnapshotInvalid(`snapshot record ${index.size + 1} is not a product record`);
    index.add(fromRecord(record, header.regimes));
  };
  try {
    const text = Readable.from([body]).pipe(createGunzip());
    text.setEncoding('utf8');
    for await (const chunk of text) {
      const lines = (carry + (chunk as string)).split('\n');
      carry = lines.pop()!;
      for (const line of lines) take(line);
    }
  } catch (cause) {
    if (cause instanceof SnapshotInvalid) throw cause;
    throw new SnapshotInvalid('the snapshot body cannot be decompressed', { cause });
  }
  take(carry);
  if (index.size !== header.count)
    throw new SnapshotInvalid(`the snapshot holds ${index.size} products; the header says ${header.count}`);
  return index;
}
