// Writes a signed snapshot from a stream of products. The facts are compressed as they arrive; only the
// compressed body (tens of bytes a product) is held until its hash is known, because the signed header that
// carries the hash comes first in the file so that readers can verify before they decompress.
import { createGzip } from 'node:zlib';
import { createHash, sign, type KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import { IotlabelError } from '../errors.js';
import {
  SNAPSHOT_DELTA_MAGIC,
  SNAPSHOT_MAGIC,
  signedPreamble,
  toRecord,
  type SnapshotDeltaHeader,
  type SnapshotHeader,
  type SnapshotMarketLaw,
} from './snapshot-format.js';
import type { SellabilityFacts } from './types.js';

export interface SnapshotSigner {
  issuer: string;
  /** When the facts were taken, ISO 8601. */
  createdAt: string;
  regimes: string[];
  /** Every market's laws with their dates (SnapshotHeader.markets). */
  markets?: Record<string, SnapshotMarketLaw[]>;
  keyId: string;
  /** An Ed25519 private key. */
  privateKey: KeyObject;
}

export interface EncodeOptions {
  /** Called with each product's record line (without its newline), e.g. to work out what a delta holds. */
  onRecord?: (productId: string, line: string) => void;
  /** Called with the signed header once the body is written (its hash names the snapshot for deltas). */
  onHeader?: (header: SnapshotHeader) => void;
}

export async function* encodeSnapshot(
  products: AsyncIterable<SellabilityFacts> | Iterable<SellabilityFacts>,
  signer: SnapshotSigner,
  options: EncodeOptions = {},
): AsyncGenerator<Uint8Array> {
  async function* lines(): AsyncGenerator<string> {
    for await (const facts of products) {
      const line = JSON.stringify(toRecord(facts, signer.regimes));
      options.onRecord?.(facts.productId, line);
      yield line;
    }
  }
  yield* encodeFile(SNAPSHOT_MAGIC, lines(), signer, {}, options.onHeader);
}

/**
 * A signed delta from record lines already made for the full snapshot `result` (same regimes as `signer`):
 * the lines of the products that changed since `base`, and the ids of those gone.
 */
export async function* encodeSnapshotDelta(
  lines: Iterable<string>,
  signer: SnapshotSigner,
  delta: { base: string; result: string; removed: string[] },
): AsyncGenerator<Uint8Array> {
  yield* encodeFile(SNAPSHOT_DELTA_MAGIC, lines, signer, delta);
}

async function* encodeFile(
  magic: string,
  records: AsyncIterable<string> | Iterable<string>,
  signer: SnapshotSigner,
  extra: Partial<Pick<SnapshotDeltaHeader, 'base' | 'result' | 'removed'>>,
  onHeader?: (header: SnapshotHeader) => void,
): AsyncGenerator<Uint8Array> {
  if (!/^[\x21-\x7e]{1,200}$/.test(signer.keyId))
    throw new IotlabelError('INPUT_INVALID', 'a snapshot key id must be 1 to 200 printable characters without spaces');
  let count = 0;
  const text = async function* (): AsyncGenerator<string> {
    let pending = '';
    for await (const line of records) {
      count++;
      pending += `${line}\n`;
      if (pending.length > 64 * 1024) {
        yield pending;
        pending = '';
      }
    }
    if (pending.length > 0) yield pending;
  };
  const hash = createHash('sha256');
  const body: Buffer[] = [];
  let bodyLength = 0;
  for await (const chunk of Readable.from(text()).pipe(createGzip({ level: 6 }))) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    body.push(bytes);
    bodyLength += bytes.length;
  }
  const header: SnapshotHeader = {
    issuer: signer.issuer,
    createdAt: signer.createdAt,
    regimes: signer.regimes,
    count,
    ...(signer.markets === undefined ? {} : { markets: signer.markets }),
    keyId: signer.keyId,
    encoding: 'gzip',
    bodySha256: hash.digest('base64url'),
    bodyLength,
    ...extra,
  };
  onHeader?.(header);
  const headerJson = JSON.stringify(header);
  const signature = sign(null, signedPreamble(headerJson, magic), signer.privateKey).toString('base64url');
  yield new TextEncoder().encode(`${magic}\n${headerJson}\n${signer.keyId} ${signature}\n`);
  yield* body;
}
