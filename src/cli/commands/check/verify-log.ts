// `iotlabel check --server URL --verify-log`: the retailer need not take the registry's word for an answer.
// For each distinct product the catalogue names, /v1/sellable names the log entry its answer rests on; the
// entry must hash to its leaf hash and say what the answer says (GTIN, support end date, declaration hash),
// and the registry's inclusion proof must lead to a checkpoint signed by the log key, as a Certificate
// Transparency client checks an SCT. Pin the key with --log-key; otherwise the server's /log/key is used.
import { IotlabelError } from '../../../errors.js';
import { parseLogRecord } from '../../../registry/log/entry.js';
import { hashLeaf } from '../../../tlog/hash.js';
import { parseVerifierKey, type NoteVerifier } from '../../../tlog/note-key.js';
import { verifyTlogProof } from '../../../tlog/tlog-proof.js';
import { readInput } from '../../read-input.js';

const CONCURRENCY = 8;
const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 15_000;

export interface LogCheckOptions {
  server: string;
  regime: string;
  at: string;
  /** The log's verifier key, or a file holding it; undefined: the server's /log/key (trust on first use). */
  logKey?: string | undefined;
}

export interface LogCheckResult {
  proved: number;
  /** One sentence per GTIN whose answer could not be proved. */
  failures: string[];
  keyFrom: string;
}

interface Answer {
  supportEndDate: string | null;
  declaration: { sha256: string } | null;
  log: { index: number; leafHash: string; checkpointSize: number; entry: string } | null;
}

/** Proves each GTIN's online answer against the registry's signed log. */
export async function verifyAnswersInLog(gtins: readonly string[], options: LogCheckOptions): Promise<LogCheckResult> {
  const base = options.server.replace(/\/+$/, '');
  const get = (path: string) =>
    readInput(`${base}${path}`, {
      maxBytes: MAX_BYTES,
      what: path,
      timeoutMs: TIMEOUT_MS,
      accept: 'application/json, text/plain',
    });
  const keyFrom = options.logKey ?? `${base}/log/key`;
  const keyText =
    options.logKey === undefined || !options.logKey.includes('+')
      ? (await readInput(keyFrom, { maxBytes: 4096, what: 'the log key', timeoutMs: TIMEOUT_MS })).trim()
      : options.logKey.trim();
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(keyText);
  } catch (error) {
    throw new IotlabelError('USAGE', `--log-key: ${(error as Error).message}`);
  }
  const failures: string[] = [];
  let proved = 0;
  let next = 0;
  const worker = async () => {
    while (next < gtins.length) {
      const gtin = gtins[next++]!;
      try {
        const query = `gtin=${gtin}&regime=${encodeURIComponent(options.regime)}&at=${options.at}`;
        const answer = JSON.parse(await get(`/v1/sellable?${query}`)) as Answer;
        await proveAnswer(gtin, answer, verifier, (index) => get(`/log/proof/inclusion?index=${index}`));
        proved++;
      } catch (error) {
        failures.push(`GTIN ${gtin}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { proved, failures: failures.sort(), keyFrom };
}

/** Throws naming the first thing that does not hold. */
export async function proveAnswer(
  gtin: string,
  answer: Answer,
  verifier: NoteVerifier,
  proofOf: (index: number) => Promise<string>,
): Promise<void> {
  const ref = answer.log;
  if (ref === null || ref === undefined) throw new Error('the answer names no log entry');
  const leaf = hashLeaf(Buffer.from(ref.entry, 'utf8'));
  if (Buffer.from(leaf).toString('hex') !== ref.leafHash)
    throw new Error(`log entry ${ref.index} does not hash to the leaf hash the answer gives`);
  const record = parseLogRecord(Buffer.from(ref.entry, 'utf8'));
  if (!record.gtins.includes(gtin)) throw new Error(`log entry ${ref.index} is not about GTIN ${gtin}`);
  if (record.supportEnd !== answer.supportEndDate)
    throw new Error(
      `the answer gives support until ${answer.supportEndDate ?? 'no date'}, log entry ${ref.index} says ${record.supportEnd ?? 'no date'}`,
    );
  if (record.type === 'declaration' && record.sha256 !== (answer.declaration?.sha256 ?? null))
    throw new Error(`the answer's declaration is not the one log entry ${ref.index} commits to`);
  const proved = verifyTlogProof(await proofOf(ref.index), leaf, [verifier]);
  if (proved.index !== ref.index) throw new Error(`the proof is for entry ${proved.index}, not ${ref.index}`);
  if (proved.checkpoint.size < ref.checkpointSize)
    throw new Error(
      `the proof's checkpoint has ${proved.checkpoint.size} entries, fewer than the ${ref.checkpointSize} the answer names`,
    );
}
