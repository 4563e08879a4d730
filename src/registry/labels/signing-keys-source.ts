// Where the private label-signing keys live. Never in the database: the database holds only the public
// halves and which key is active. Three sources:
//   - a folder (`<data-dir>/keys`): one private JWK per file, `label-<kid>.jwk`, mode 0600 in a 0700 folder;
//   - the environment (IOTLABEL_LABEL_KEY, a private JWK): one fixed key, rotated by changing the variable;
//   - memory: a key generated per process, for tests and throw-away registries.
import {
  closeSync,
  chmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { IotlabelError } from '../../errors.js';
import { exportLabelKey, generateLabelKey, importLabelKey, type LabelSigningKey } from '../../labels/index.js';

export interface LabelKeySource {
  /** For messages: "folder ./data/keys", "IOTLABEL_LABEL_KEY". */
  readonly description: string;
  /** The private key with this kid, when the source holds it. */
  load(kid: string): LabelSigningKey | undefined;
  /** The key to start with when the registry has no active key yet (may create one). */
  initial(): LabelSigningKey;
  /** A key the operator fixed (the environment): it must be the active one. */
  readonly fixed?: LabelSigningKey;
  /** Keeps a new key (rotation). Absent when the source cannot take one (the environment). */
  save?(key: LabelSigningKey): void;
  /** Forgets a key that no longer signs. */
  discard?(kid: string): void;
}

export const LABEL_KEY_ENV = 'IOTLABEL_LABEL_KEY';
const FILE = /^label-([A-Za-z0-9_-]{43})\.jwk$/;

export function memoryKeySource(): LabelKeySource {
  const keys = new Map<string, LabelSigningKey>();
  const save = (key: LabelSigningKey) => void keys.set(key.kid, key);
  return {
    description: 'memory (this process only)',
    load: (kid) => keys.get(kid),
    initial: () =>
      [...keys.values()].at(-1) ??
      (() => {
        const key = generateLabelKey();
        save(key);
        return key;
      })(),
    save,
    discard: (kid) => void keys.delete(kid),
  };
}

/** A private JWK given as text (the environment variable). Throws LABEL_KEY_UNAVAILABLE naming the variable. */
export function environmentKeySource(text: string, name = LABEL_KEY_ENV): LabelSigningKey & { source: LabelKeySource } {
  let key: LabelSigningKey;
  try {
    key = importLabelKey(JSON.parse(text) as unknown);
  } catch (error) {
    const why = error instanceof SyntaxError ? 'it is not JSON' : (error as Error).message;
    throw new IotlabelError(
      'LABEL_KEY_UNAVAILABLE',
      `${name} must hold a private Ed25519 JWK ({"kty":"OKP","crv":"Ed25519","x":...,"d":...}): ${why}`,
    );
  }
  const source: LabelKeySource = {
    description: name,
    fixed: key,
    load: (kid) => (kid === key.kid ? key : undefined),
    initial: () => key,
  };
  return { ...key, source };
}

export function directoryKeySource(dir: string): LabelKeySource {
  const file = (kid: string) => join(dir, `label-${kid}.jwk`);
  const ensureDir = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  };
  const read = (path: string): LabelSigningKey => {
    try {
      return importLabelKey(JSON.parse(readFileSync(path, 'utf8')) as unknown);
    } catch (error) {
      throw new IotlabelError(
        'LABEL_KEY_UNAVAILABLE',
        `${path}: not a private Ed25519 JWK (${(error as Error).message})`,
      );
    }
  };
  const save = (key: LabelSigningKey) => {
    ensureDir();
    // Written to a temporary name with 0600 from the first byte, flushed, then renamed: a crash leaves
    // either no key file or a whole one, never a readable or partial secret.
    const target = file(key.kid);
    const temp = `${target}.${process.pid}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(exportLabelKey(key))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  };
  return {
    description: `folder ${dir}`,
    load(kid) {
      try {
        statSync(file(kid));
      } catch {
        return undefined;
      }
      const key = read(file(kid));
      return key.kid === kid ? key : undefined;
    },
    initial() {
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => FILE.test(n));
      } catch {
        names = [];
      }
      // A restored or new database with an existing folder: keep using the newest key file.
      const newest = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t)[0];
      if (newest) return read(join(dir, newest.n));
      const key = generateLabelKey();
      save(key);
      return key;
    },
    save,
    discard: (kid) => rmSync(file(kid), { force: true }),
  };
}

/** The source for `serve` and `admin`: the configured key (IOTLABEL_LABEL_KEY) when set, else `<dataDir>/keys`. */
export function labelKeySourceFor(dataDir: string, text?: string): LabelKeySource {
  if (text !== undefined && text.trim() !== '') return environmentKeySource(text).source;
  return directoryKeySource(join(dataDir, 'keys'));
}
