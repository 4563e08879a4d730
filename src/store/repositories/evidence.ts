// Evidence rows: inserted once, never updated. The newest row of each kind is the one that counts, unless it is
// a withdrawal (a row naming, in `withdraws`, the row it withdraws): then that kind has no current evidence.
import type { Executor } from './executor.js';
import { insertAssessments } from './declarations.js';
import type { EvidenceRow, NewAssessmentRow } from '../schema.js';

export async function insertEvidence(db: Executor, row: EvidenceRow): Promise<void> {
  await db.insertInto('evidence').values(row).execute();
}

/** The declaration's evidence, newest first. */
export async function evidenceOf(db: Executor, declarationId: string): Promise<EvidenceRow[]> {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('declarationId', '=', declarationId)
    .orderBy('seq', 'desc')
    .execute();
}

/** The next upload number of the declaration (inside the write transaction, which serialises writers). */
export async function nextEvidenceSeq(db: Executor, declarationId: string): Promise<number> {
  const row = await db
    .selectFrom('evidence')
    .select((eb) => eb.fn.max('seq').as('s'))
    .where('declarationId', '=', declarationId)
    .executeTakeFirst();
  return Number(row?.s ?? 0) + 1;
}

/** Per kind, the newest row only (what the assessment uses); none for a kind whose newest row is a withdrawal. */
export async function currentEvidenceOf(db: Executor, declarationId: string): Promise<EvidenceRow[]> {
  const rows = await evidenceOf(db, declarationId);
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.kind) && Boolean(seen.add(row.kind)) && row.withdraws === null);
}

/** Replaces the stored assessments of one declaration (derived data; the evidence rows and events keep the history). */
export async function replaceAssessments(
  db: Executor,
  declarationId: string,
  rows: readonly NewAssessmentRow[],
): Promise<void> {
  await db.deleteFrom('assessments').where('declarationId', '=', declarationId).execute();
  await insertAssessments(db, rows);
}
