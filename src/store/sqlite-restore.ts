// Restoring an SQLite backup made by `iotlabel admin backup`. The backup is checked first (it must be an
// iotlabel database whose schema this build knows), copied next to the live file through SQLite's own
// backup API (a consistent copy, even of a WAL-mode file), and only then swapped in. The file it replaces
// is kept beside it, renamed, so a restore can itself be undone. The caller makes sure no server is running.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { IotlabelError } from '../errors.js';
import { LATEST_MIGRATION } from './migrations/index.js';
import { openSqliteDatabase } from './sqlite-store.js';

/** The migrations applied to the SQLite file; throws INPUT_INVALID when it is not an iotlabel database. */
export function inspectSqliteBackup(file: string): string[] {
  if (!existsSync(file)) throw new IotlabelError('INPUT_UNREADABLE', `${file}: no such file`);
  let names: string[];
  try {
    const db = openSqliteDatabase(file, { readonly: true });
    try {
      names = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
        (r) => r.name,
      );
    } finally {
      db.close();
    }
  } catch (error) {
    throw new IotlabelError(
      'INPUT_INVALID',
      `${file}: is not an iotlabel SQLite database (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (names.length === 0) throw new IotlabelError('INPUT_INVALID', `${file}: has no iotlabel schema`);
  const newest = names[names.length - 1]!;
  if (newest > LATEST_MIGRATION)
    throw new IotlabelError(
      'INPUT_INVALID',
      `${file}: was written by a newer iotlabel (schema ${newest}; this build knows up to ${LATEST_MIGRATION})`,
    );
  return names;
}

export interface RestoreResult {
  /** Where the replaced database was moved, or null when there was none. */
  previous: string | null;
}

export async function restoreSqlite(backup: string, target: string, stamp: string): Promise<RestoreResult> {
  inspectSqliteBackup(backup);
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  const source = openSqliteDatabase(backup, { readonly: true });
  try {
    await source.backup(staging);
  } finally {
    source.close();
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    // Checkpoint the live file so its WAL is folded in before it is set aside.
    const live = openSqliteDatabase(target);
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    previous = `${target}.before-restore-${stamp}`;
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
  return { previous };
}
