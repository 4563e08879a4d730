// Writes a signed snapshot from a stream of products. The facts are compressed as they arrive; only the
// compressed body (tens of bytes a product) is held until its hash is known, because the signed header that
// carries the hash comes first in the file so that readers can verify before they decompress.
import { createGzip } from 'node:zlib';
import { createHash, sign, type KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import { IotlabelError } from '../errors.js';
import {
  SNAPSHOT_MAGIC,
  signedPreamble,
  toRecord,
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

export async function* encodeSnapshot(
  products: AsyncIterable<SellabilityFacts> | Iterable<SellabilityFacts>,
  signer: SnapshotSigner,
): AsyncGenerator<Uint8Array> {
  if (!/^[\x21-\x7e]{1,200}$/.test(signer.keyId))
    throw new IotlabelError('INPUT_INVALID', 'a snapshot key id must be 1 to 200 printable characters without spaces');
  let count = 0;
  const lines = async function* (): AsyncGenerator<string> {
    let text = '';
    for await (const facts of products) {
      count++;
      text += `${JSON.stringify(toRecord(facts, signer.regimes))}\n`;
      if (text.length > 64 * 1024) {
        yield text;
        text = '';
      }
    }
    if (text.length > 0) yield text;
  };
  const hash = createHash('sha256');
  const body: Buffer[] = [];
  let bodyLength = 0;
  for await (const chunk of Readable.from(lines()).pipe(createGzip({ level: 6 }))) {
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
  };
  const headerJson = JSON.stringify(header);
  const signature = sign(null, signedPreamble(headerJson), signer.privateKey).toString('base64url');
  yield new TextEncoder().encode(`${SNAPSHOT_MAGIC}\n${headerJson}\n${signer.keyId} ${signature}\n`);
  yield* body;
}
