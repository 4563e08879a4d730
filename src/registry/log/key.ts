// The log's Ed25519 note key. `serve` takes it from $IOTLABEL_LOG_KEY (every process sharing one PostgreSQL
// must sign with the same key) or from <data dir>/log-signer.key, generated there with mode 0600 on a first
// start. The key's name is the log's origin (checkpoint first line), e.g. "registry.example.org/log".
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey, noteKeyId, parseSignerKey } from '../../tlog/note-key.js';
import { IotlabelError } from '../../errors.js';

export const LOG_KEY_FILE = 'log-signer.key';

/** The verifier key (name+keyid+base64 public key) that goes with a signer key. */
export function verifierKeyFor(signerKey: string): string {
  const signer = parseSignerKey(signerKey);
  // PRIVATE+KEY+<name>+<id>+<base64>: base64 may itself hold '+', so count fields from the left.
  const rest = signerKey.slice('PRIVATE+KEY+'.length + signer.name.length + 1 + 8 + 1);
  const seed = Buffer.from(rest, 'base64').subarray(1);
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(12);
  const id = noteKeyId(signer.name, raw).toString(16).padStart(8, '0');
  return `${signer.name}+${id}+${Buffer.concat([Buffer.from([1]), raw]).toString('base64')}`;
}

/** A log origin from a public URL or host: "https://registry.example.org/" -> "registry.example.org/log". */
export function defaultLogOrigin(publicUrl?: string): string {
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
    } catch {
      // fall through to the host name
    }
  }
  return `${hostname() || 'localhost'}/log`;
}

/**
 * The signer key to use: `fromEnv` when given, else the key file in `dataDir`, else a new key named `origin`
 * (or `defaultOrigin`) written to that file (0600, never overwritten). A key whose name differs from a requested origin is refused.
 */
export function loadLogSignerKey(options: {
  dataDir: string;
  fromEnv?: string | undefined;
  origin?: string | undefined;
  defaultOrigin?: string;
}): string {
  const check = (key: string, where: string): string => {
    let name: string;
    try {
      name = parseSignerKey(key).name;
    } catch (error) {
      throw new IotlabelError('TLOG_KEY_INVALID', `${where}: ${(error as Error).message}`);
    }
    if (options.origin !== undefined && name !== options.origin) {
      throw new IotlabelError(
        'TLOG_KEY_INVALID',
        `${where}: the log key is named "${name}" but the log origin is "${options.origin}"`,
      );
    }
    return key;
  };
  if (options.fromEnv) return check(options.fromEnv.trim(), 'IOTLABEL_LOG_KEY');
  const file = join(options.dataDir, LOG_KEY_FILE);
  try {
    return check(readFileSync(file, 'utf8').trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { signerKey } = generateNoteKey(options.origin ?? options.defaultOrigin ?? defaultLogOrigin());
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return check(readFileSync(file, 'utf8').trim(), file);
    throw error;
  }
  return signerKey;
}
