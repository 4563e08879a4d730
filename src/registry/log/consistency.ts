// The registry checks its own stored facts against its log: the product's newest declaration (id, version,
// SHA-256 and the document's hash), its support end date and its labels' statuses must be what the product's
// log entries say. An edit of the database that the log does not carry (an operator, a restored backup, an
// attacker on the host) shows up here, and the registry refuses to serve that product's answer as fact.
import { sha256Hex } from '../../encoding/sha256.js';
import { declarations, labels, log as logStore, products } from '../../store/index.js';
import type { Executor } from '../../store/index.js';
import type { LabelStatus } from '../../labels/label-status.js';
import { hashLeaf } from '../../tlog/hash.js';
import { parseLogRecord } from './entry.js';
import { nextFacts, STATUS_AFTER, type ProductFacts } from './promises.js';

/** One way the stored facts of a product disagree with its log entries. */
export interface StateProblem {
  productId: string;
  message: string;
  /** The log entry the stored fact contradicts, when there is one. */
  index: number | null;
}

const PAGE = 1000;

/**
 * The log entry an answer rests on, so that a client need not take the server's word for it: the entry as
 * logged, its leaf hash (hex SHA-256 of 0x00 || entry) and the checkpoint size it is in. The client fetches
 * /log/proof/inclusion?index=<index> and checks it against a checkpoint signed by the log key.
 */
export interface LogReference {
  index: number;
  leafHash: string;
  checkpointSize: number;
  entry: string;
}

/** What the product's log entries say now: its facts, its labels' statuses and its newest entry. */
async function loggedFacts(db: Executor, productId: string) {
  let newest: { index: number; data: Uint8Array } | null = null;
  let facts: ProductFacts | undefined;
  const statuses = new Map<string, { status: LabelStatus; index: number }>();
  for (let after = -1; ;) {
    const rows = await logStore.entriesOfProduct(db, productId, after, Number.MAX_SAFE_INTEGER, PAGE);
    for (const row of rows) {
      const index = Number(row.idx);
      const record = parseLogRecord(row.data);
      newest = { index, data: row.data };
      facts = nextFacts(facts, record, index);
      if (record.type === 'label-issued') statuses.set(record.subject, { status: 'valid', index });
      else if (record.type in STATUS_AFTER)
        statuses.set(record.subject, { status: STATUS_AFTER[record.type as keyof typeof STATUS_AFTER], index });
    }
    if (rows.length < PAGE) break;
    after = Number(rows.at(-1)!.idx);
  }
  return { facts, statuses, newest };
}

/** Every disagreement between the stored facts of `productId` and its log entries; empty when they agree. */
export async function productStateProblems(db: Executor, productId: string): Promise<StateProblem[]> {
  return (await productLogState(db, productId)).problems;
}

/** The disagreements, and the reference to the product's newest entry that an agreeing answer rests on. */
export async function productLogState(
  db: Executor,
  productId: string,
): Promise<{ problems: StateProblem[]; log: LogReference | null }> {
  const { facts, statuses, newest } = await loggedFacts(db, productId);
  const problems = await compare(db, productId, facts, statuses);
  return { problems, log: newest === null ? null : await logReferenceOf(db, newest) };
}

/** The reference to one entry, with the size of the newest checkpoint (which holds it: entries commit with it). */
export async function logReferenceOf(db: Executor, entry: { index: number; data: Uint8Array }): Promise<LogReference> {
  const checkpoint = await logStore.latestCheckpoint(db);
  return {
    index: entry.index,
    leafHash: Buffer.from(hashLeaf(entry.data)).toString('hex'),
    checkpointSize: checkpoint === undefined ? 0 : Number(checkpoint.size),
    entry: Buffer.from(entry.data).toString('utf8'),
  };
}

const LABEL_ENTRY_TYPES = ['label-issued', 'label-revoked', 'label-suspended', 'label-reinstated'];

/** The status a label's entry of this type leaves it in. */
const statusAfter = (type: string): LabelStatus =>
  type === 'label-issued' ? 'valid' : STATUS_AFTER[type as keyof typeof STATUS_AFTER];

/** The reference to a label's newest entry (issued, or its newest status change), or null when the log has none. */
export async function labelLogReference(db: Executor, labelId: string): Promise<LogReference | null> {
  const row = await logStore.entryOfSubject(db, labelId, LABEL_ENTRY_TYPES);
  return row === undefined ? null : logReferenceOf(db, { index: Number(row.idx), data: row.data });
}

/**
 * A stored label's status against its newest log entry, and the reference to that entry: a label answer rests
 * on it, as a product answer rests on the product's entries (an un-revoked row must not read as valid).
 */
export async function labelLogState(
  db: Executor,
  label: { id: string; productId: string; status: LabelStatus },
): Promise<{ problems: StateProblem[]; log: LogReference | null }> {
  const row = await logStore.entryOfSubject(db, label.id, LABEL_ENTRY_TYPES);
  if (row === undefined)
    return {
      problems: [
        {
          productId: label.productId,
          message: `label ${label.id} is stored, but the log never issued it`,
          index: null,
        },
      ],
      log: null,
    };
  const index = Number(row.idx);
  const logged = statusAfter(row.type);
  const problems =
    logged === label.status
      ? []
      : [
          {
            productId: label.productId,
            message: `label ${label.id} is stored as ${label.status}, but the log says ${logged}`,
            index,
          },
        ];
  return { problems, log: await logReferenceOf(db, { index, data: row.data }) };
}

/**
 * Every label of status list `list` whose stored status disagrees with its newest log entry: the list the QR
 * page reads is signed from the stored statuses, so an un-revoked row must not reach it.
 */
export async function statusListProblems(db: Executor, list: number): Promise<StateProblem[]> {
  const stored = await labels.labelsOfList(db, list);
  const logged = new Map<string, { status: LabelStatus; index: number }>();
  for (const e of await logStore.entriesOfSubjects(
    db,
    stored.map((l) => l.id),
    LABEL_ENTRY_TYPES,
  ))
    logged.set(e.subjectId, { status: statusAfter(e.type), index: e.idx });
  return stored.flatMap((label): StateProblem[] => {
    const want = logged.get(label.id);
    if (want === undefined)
      return [
        {
          productId: label.productId,
          message: `label ${label.id} is stored, but the log never issued it`,
          index: null,
        },
      ];
    return want.status === label.status
      ? []
      : [
          {
            productId: label.productId,
            message: `label ${label.id} is stored as ${label.status}, but the log says ${want.status}`,
            index: want.index,
          },
        ];
  });
}

async function compare(
  db: Executor,
  productId: string,
  facts: ProductFacts | undefined,
  statuses: Map<string, { status: LabelStatus; index: number }>,
): Promise<StateProblem[]> {
  const problems: StateProblem[] = [];
  const say = (message: string, index: number | null) => problems.push({ productId, message, index });
  const stored = await declarations.latestSubmitted(db, productId);
  const logged = facts?.declaration ?? null;
  if (logged === null) {
    if (stored) say(`declaration ${stored.id} is stored as the newest, but the log has no declaration`, null);
  } else if (!stored) {
    say(`no declaration is stored, but the log's newest is version ${logged.version} (${logged.id})`, logged.index);
  } else {
    if (stored.id !== logged.id || stored.version !== logged.version || stored.sha256 !== logged.sha256)
      say(
        `the stored newest declaration is ${stored.id} version ${stored.version}, but the log's is ${logged.id} version ${logged.version}`,
        logged.index,
      );
    else if (sha256Hex(Buffer.from(stored.document, 'utf8')) !== stored.sha256)
      say(
        `the stored document of declaration ${stored.id} does not hash to the SHA-256 the log committed to`,
        logged.index,
      );
    if (stored.supportEndDate !== (facts?.supportEnd ?? null))
      say(
        `the stored support end date is ${stored.supportEndDate ?? 'none'}, but the log promises ${facts?.supportEnd ?? 'none'}`,
        logged.index,
      );
  }
  for (const label of await labels.labelsOfProduct(db, productId)) {
    const want = statuses.get(label.id);
    if (want === undefined) say(`label ${label.id} is stored, but the log never issued it`, null);
    else if (label.status !== want.status)
      say(`label ${label.id} is stored as ${label.status}, but the log says ${want.status}`, want.index);
  }
  return problems;
}

/** Every product's stored facts against its log entries, for an operator (`iotlabel log check-state`). */
export async function storeStateProblems(db: Executor): Promise<{ products: number; problems: StateProblem[] }> {
  const problems: StateProblem[] = [];
  let count = 0;
  for (let after = ''; ;) {
    const ids = await products.productIdsAfter(db, after, PAGE);
    for (const id of ids) problems.push(...(await productStateProblems(db, id)));
    count += ids.length;
    if (ids.length < PAGE) break;
    after = ids.at(-1)!;
  }
  return { products: count, problems };
}
