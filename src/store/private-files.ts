// The SQLite database holds password hashes, drafts and evidence: its folder is created 0700 and its files
// 0600 (SQLite gives the -wal and -shm files the database file's mode), like the key files beside it.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Creates `dir` (and missing parents) readable by the owner only; an existing folder is left as it is. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates `file` empty with mode 0600 when it does not exist yet, so nothing opens it world-readable first. */
export function createPrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}

/** Sets `file` to 0600 (e.g. a backup another library wrote). */
export function makePrivate(file: string): void {
  chmodSync(file, 0o600);
}

/** The data folder and the database files in it that others may read or write (for a warning at start). */
export function loosePaths(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const loose = (path: string) => (statSync(path).mode & 0o077) !== 0;
  const files = readdirSync(dir)
    .filter((name) => /\.db(-wal|-shm)?$/.test(name))
    .map((name) => join(dir, name));
  return [dir, ...files].filter(loose);
}
