import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { sha256Hex } from '../../encoding/sha256.js';
import type { AssessmentRow, DeclarationRow, NewAssessmentRow } from '../schema.js';
import { keptInsert } from './kept-insert.js';

const declarationInsert = keptInsert<DeclarationRow>(
  'declarations',
  {
    id: true,
    productId: true,
    organisationId: true,
    version: true,
    status: true,
    sha256: true,
    document: true,
    supportEndDate: true,
    fromDraftId: true,
    createdAt: true,
    createdByKeyId: true,
  },
  (db, rows) => db.insertInto('declarations').values(rows),
);

export async function insertDeclaration(db: Executor, row: DeclarationRow): Promise<void> {
  await declarationInsert(db, [row]);
}

export async function findDeclaration(db: Executor, id: string): Promise<DeclarationRow | undefined> {
  return db.selectFrom('declarations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The product's declarations, newest first: submitted versions, and drafts when `includeDrafts`. */
export async function listDeclarations(
  db: Executor,
  productId: string,
  includeDrafts: boolean,
): Promise<DeclarationRow[]> {
  let query = db.selectFrom('declarations').selectAll().where('productId', '=', productId);
  if (!includeDrafts) query = query.where('status', '=', 'submitted');
  // Drafts (no version) before versions made at the same instant; coalesce keeps NULL ordering out of it,
  // since the two databases sort NULLs differently.
  return query
    .orderBy('createdAt', 'desc')
    .orderBy(sql`coalesce(version, 2147483647)`, 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The newest submitted version of the product's declaration, if any. */
export async function latestSubmitted(db: Executor, productId: string): Promise<DeclarationRow | undefined> {
  return db
    .selectFrom('declarations')
    .selectAll()
    .where('productId', '=', productId)
    .where('status', '=', 'submitted')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function latestSubmittedOf(
  db: Executor,
  productIds: readonly string[],
): Promise<Map<string, DeclarationRow>> {
  const out = new Map<string, DeclarationRow>();
  if (productIds.length === 0) return out;
  const rows = await db
    .selectFrom('declarations as d')
    .selectAll('d')
    .where('d.productId', 'in', productIds)
    .where('d.status', '=', 'submitted')
    .where((eb) =>
      eb(
        'd.version',
        '=',
        eb
          .selectFrom('declarations as e')
          .select((e) => e.fn.max('e.version').as('v'))
          .whereRef('e.productId', '=', 'd.productId'),
      ),
    )
    .execute();
  for (const row of rows) out.set(row.productId, row);
  return out;
}

export async function nextVersion(db: Executor, productId: string): Promise<number> {
  const row = await db
    .selectFrom('declarations')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('productId', '=', productId)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

const assessmentInsert = keptInsert<AssessmentRow>(
  'assessments',
  { declarationId: true, regime: true, at: true, outcome: true, sellable: true, result: true, resultSha256: true },
  (db, rows) => db.insertInto('assessments').values(rows),
);

const resultInsert = keptInsert<{ sha256: string; result: string }>(
  'assessment_results',
  { sha256: true, result: true },
  (db, rows) =>
    db
      .insertInto('assessmentResults')
      .values(rows)
      .onConflict((oc) => oc.column('sha256').doNothing()),
);

/** Stores assessment rows, each distinct result once (a result already stored is not written again). */
export async function insertAssessments(db: Executor, rows: readonly NewAssessmentRow[]): Promise<void> {
  const results = new Map<string, string>();
  const stored = rows.map((row): AssessmentRow => {
    const sha256 = row.resultSha256 ?? sha256Hex(row.result);
    results.set(sha256, row.result);
    return { ...row, result: '', resultSha256: sha256 };
  });
  await resultInsert(
    db,
    [...results].map(([sha256, result]) => ({ sha256, result })),
  );
  await assessmentInsert(db, stored);
}

/** Assessment rows with their results, wherever a row keeps it: in place (older rows) or in assessment_results. */
export function selectAssessments(db: Executor) {
  return db
    .selectFrom('assessments as a')
    .leftJoin('assessmentResults as r', 'r.sha256', 'a.resultSha256')
    .select((eb) => [
      'a.declarationId',
      'a.regime',
      'a.at',
      'a.outcome',
      'a.sellable',
      'a.resultSha256',
      eb.fn.coalesce('r.result', 'a.result').as('result'),
    ]);
}

export async function assessmentsOf(db: Executor, declarationId: string): Promise<AssessmentRow[]> {
  return selectAssessments(db).where('a.declarationId', '=', declarationId).orderBy('a.regime').execute();
}

export async function findAssessment(
  db: Executor,
  declarationId: string,
  regime: string,
): Promise<AssessmentRow | undefined> {
  return selectAssessments(db)
    .where('a.declarationId', '=', declarationId)
    .where('a.regime', '=', regime)
    .executeTakeFirst();
}

/** The version made by submitting draft `draftId`, if it was submitted. */
export async function findSubmittedFromDraft(db: Executor, draftId: string): Promise<DeclarationRow | undefined> {
  return db.selectFrom('declarations').selectAll().where('fromDraftId', '=', draftId).executeTakeFirst();
}
