// Webhook signing secrets must be kept usable (the registry signs with them) yet not readable from the
// database alone: each is sealed with AES-256-GCM under the registry's webhook key, with the webhook's id as
// associated data (a sealed secret copied to another row does not open). The key lives outside the database:
// $IOTLABEL_WEBHOOK_KEY (32 bytes, base64url), else `<data-dir>/keys/webhook-secrets.key` (mode 0600, made on
// first use), else (tests) memory.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { IotlabelError } from '../../errors.js';

export interface SecretSealer {
  seal(secret: string, webhookId: string): string;
  open(sealed: string, webhookId: string): string;
}

export function sealerWithKey(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new IotlabelError('KEY_INVALID', 'the webhook key must be 32 bytes');
  return {
    seal(secret, webhookId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(webhookId));
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(sealed, webhookId) {
      const [v, iv, body, tag] = sealed.split('.');
      try {
        if (v !== 'v1' || !iv || body === undefined || !tag) throw new Error('not a sealed secret');
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
          .setAAD(Buffer.from(webhookId))
          .setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new IotlabelError(
          'KEY_INVALID',
          `the signing secret of webhook ${webhookId} cannot be opened with this registry's webhook key`,
          { cause },
        );
      }
    },
  };
}

export const memorySealer = (): SecretSealer => sealerWithKey(randomBytes(32));

/**
 * The sealer for `serve`: the configured key (IOTLABEL_WEBHOOK_KEY) when given, else the key file under `<dataDir>/keys`,
 * read (or made) when a secret is first sealed or opened, so a registry without webhooks has no key file.
 */
export function sealerFor(dataDir: string, keyText?: string): SecretSealer {
  let sealer: SecretSealer | undefined;
  const get = () => (sealer ??= loadSealer(dataDir, keyText));
  return { seal: (secret, id) => get().seal(secret, id), open: (sealed, id) => get().open(sealed, id) };
}

function loadSealer(dataDir: string, text: string | undefined): SecretSealer {
  if (text !== undefined && text.trim() !== '') return sealerWithKey(Buffer.from(text.trim(), 'base64url'));
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'webhook-secrets.key');
  try {
    return sealerWithKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const key = randomBytes(32);
  // 0600 from the first byte, flushed, then linked into place without replacing a key another process made
  // meanwhile: never a readable or partial key, and every process ends up with the same one.
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return sealerWithKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'));
}
