// Where `iotlabel check` reads from: the catalogue file (streamed, bytes counted for the progress bar), the
// trusted keys and the snapshot. Every failure names the file.
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { IotlabelError } from '../../../errors.js';
import { formatForFileName, sniffFormat } from '../../../catalogue/parse-catalogue.js';
import type { SnapshotKeys } from '../../../catalogue/open-snapshot.js';
import type { CatalogueFormat } from '../../../catalogue/types.js';

export interface CatalogueFile {
  size: number;
  format: CatalogueFormat;
  /** Bytes read so far. */
  readonly bytesRead: () => number;
  chunks(): AsyncGenerator<Uint8Array>;
}

export function openCatalogueFile(path: string, format: string | undefined): CatalogueFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (error) {
    throw new IotlabelError('INPUT_UNREADABLE', `${path}: cannot read the catalogue (${describe(error)})`);
  }
  let bytes = 0;
  return {
    size,
    format: chooseFormat(path, format),
    bytesRead: () => bytes,
    async *chunks() {
      try {
        for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
          bytes += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      } catch (error) {
        throw new IotlabelError('INPUT_UNREADABLE', `${path}: ${describe(error)}`);
      }
    },
  };
}

function chooseFormat(path: string, given: string | undefined): CatalogueFormat {
  if (given !== undefined) {
    if (given === 'csv' || given === 'ndjson' || given === 'json') return given;
    throw new IotlabelError('USAGE', `--format must be csv, ndjson or json, not "${given}"`);
  }
  const byName = formatForFileName(path);
  if (byName !== undefined) return byName;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    return sniffFormat(head.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** Keys from a JWKS ({"keys": [...]}), a single JWK, or a PEM public key. A key without a kid matches any key id. */
export function loadKeys(path: string): SnapshotKeys {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new IotlabelError('INPUT_UNREADABLE', `${path}: cannot read the keys (${describe(error)})`);
  }
  try {
    if (!text.trimStart().startsWith('{')) {
      const key = createPublicKey(text);
      return { get: () => key };
    }
    const json = JSON.parse(text) as { keys?: unknown[]; kid?: unknown };
    const jwks = Array.isArray(json.keys) ? json.keys : [json];
    const byId = new Map<string, KeyObject>();
    let anyId: KeyObject | undefined;
    for (const jwk of jwks as { kid?: unknown }[]) {
      const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      if (typeof jwk.kid === 'string') byId.set(jwk.kid, key);
      else anyId = key;
    }
    return { get: (keyId) => byId.get(keyId) ?? anyId };
  } catch (error) {
    throw new IotlabelError('INPUT_INVALID', `${path}: not a JWKS, a JWK or a PEM public key (${describe(error)})`);
  }
}

export function readSnapshotFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new IotlabelError('INPUT_UNREADABLE', `${path}: cannot read the snapshot (${describe(error)})`);
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
