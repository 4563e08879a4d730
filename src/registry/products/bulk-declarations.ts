// Bulk declarations (POST /v1/declarations/bulk, `iotlabel declare`): an NDJSON stream of declaration
// documents, each submitted exactly as one POST /v1/declarations would be (its own write, so a bad document
// rolls back alone and nothing of it is written), answered by one NDJSON result line per document in input
// order, then a summary line. Up to `concurrency` documents are in flight at once so the group commit can
// put many of them in one transaction; they are handed to the writer in input order, so two versions of one
// model in one stream are submitted in that order.
import { IotlabelError, isIotlabelError, type ErrorCode, type Problem } from '../../errors.js';
import type { TextSource } from '../../catalogue/decode-text.js';
import type { Actor } from '../actor.js';
import { Forbidden } from '../errors.js';
import type { createDeclarationUseCases } from './declarations.js';
import { declarationLines, type DocumentLimits, type DocumentLine } from './declaration-lines.js';

export type BulkLine =
  | {
      line: number;
      productId: string;
      productCreated: boolean;
      declarationId: string;
      version: number | null;
    }
  | { line: number; error: { code: ErrorCode; detail: string; problems?: readonly Problem[] } }
  | { summary: { documents: number; submitted: number; failed: number } }
  | { error: { code: ErrorCode; detail: string } };

export interface BulkOptions extends DocumentLimits {
  draft?: boolean;
  /** Takes one document from the caller's budget; false means the budget is spent (RATE_LIMITED). */
  take?: () => boolean;
  /**
   * Documents in flight at once. The default, 1,024, is twice the most the writer puts in one transaction, so
   * the next batch is prepared on the worker thread while one commits (with 512 the worker waited for each
   * commit: 535-599 against 585-732 declarations/s in five alternated streams of 5,000).
   */
  concurrency?: number;
  /** Told about failures that are not the document's fault (they are answered as INTERNAL). */
  onError?: (error: unknown) => void;
}

type DeclarationUseCases = ReturnType<typeof createDeclarationUseCases>;

export function createBulkDeclarations(extras: { declarations: DeclarationUseCases }) {
  const { declarations } = extras;

  /** Throws FORBIDDEN unless `actor` may submit declarations at all (checked before any line is read). */
  function authorise(actor: Actor): void {
    if (actor.kind === 'system' || actor.role !== 'manufacturer')
      throw new Forbidden('only manufacturers submit declarations');
  }

  /** The answer, one NDJSON line (with its newline) at a time. */
  async function* submit(actor: Actor, input: TextSource, options: BulkOptions): AsyncGenerator<string> {
    authorise(actor);
    const concurrency = Math.max(1, options.concurrency ?? 1024);
    const inFlight: Promise<BulkLine>[] = [];
    const counts = { documents: 0, submitted: 0, failed: 0 };
    const settle = (result: BulkLine): string => {
      if ('productId' in result) counts.submitted++;
      else counts.failed++;
      return `${JSON.stringify(result)}\n`;
    };
    try {
      for await (const entry of declarationLines(input, options)) {
        counts.documents++;
        inFlight.push(one(actor, entry, options));
        while (inFlight.length >= concurrency) yield settle(await inFlight.shift()!);
      }
      while (inFlight.length > 0) yield settle(await inFlight.shift()!);
      yield `${JSON.stringify({ summary: counts })}\n`;
    } catch (error) {
      // The answer has started: say why it stops instead of a summary (the documents answered above stand).
      await Promise.allSettled(inFlight);
      const known = isIotlabelError(error);
      if (!known) options.onError?.(error);
      const code: ErrorCode = known ? error.code : 'INTERNAL';
      const detail = known ? error.message : 'the registry failed while reading the stream';
      yield `${JSON.stringify({ error: { code, detail } })}\n`;
    }
  }

  function one(actor: Actor, entry: DocumentLine, options: BulkOptions): Promise<BulkLine> {
    const { line } = entry;
    if ('problem' in entry) return Promise.resolve({ line, error: entry.problem });
    if (options.take && !options.take())
      return Promise.resolve({
        line,
        error: { code: 'RATE_LIMITED', detail: 'the documents-per-minute limit is reached; send this one again later' },
      });
    return declarations.submitForModelBrief(actor, entry.document, { draft: options.draft ?? false }).then(
      (r): BulkLine => ({ line, ...r }),
      (error: unknown): BulkLine => {
        if (error instanceof IotlabelError) {
          const problems = error.problems.length > 0 ? { problems: error.problems } : {};
          return { line, error: { code: error.code, detail: error.message, ...problems } };
        }
        options.onError?.(error);
        return { line, error: { code: 'INTERNAL', detail: 'the registry failed to store this document' } };
      },
    );
  }

  return { authorise, submit };
}

export type BulkDeclarations = ReturnType<typeof createBulkDeclarations>;
