// `iotlabel declare FILE...|DIR --server URL [--key KEY] [--draft] [--json]`: sends declarations to a registry
// through POST /v1/declarations/bulk in one NDJSON stream. A .json file is one declaration; a .ndjson or
// .jsonl file holds one a line; a folder contributes every such file in it (sorted, subfolders too). Each
// result is reported against the file (and line) it came from; a progress bar counts documents on stderr
// when it is a terminal. Exit 0 when every document was accepted, 2 when one was bad input, else 1.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import cliProgress from 'cli-progress';
import { ERROR_CATALOGUE, IotlabelError } from '../../errors.js';
import type { Config } from '../../server/config.js';
import type { CommandContext, ExitCode, RegisterCommand } from '../command.js';
import { processIo, type CliIo } from '../io.js';
import { MAX_DECLARATION_BYTES } from './declaration-file.js';
import { knownCode, lines, problemError } from './check/server.js';

interface DeclareOptions {
  server?: string;
  key?: string;
  draft?: boolean;
  json?: boolean;
}

interface Document {
  text: string;
  /** Where it came from: `file` or `file:line`. */
  where: string;
  file: string;
  fileLine: number | null;
}

const MANY = new Set(['.ndjson', '.jsonl']);
const KNOWN = new Set(['.json', ...MANY]);

export const registerDeclare: RegisterCommand = (program, ctx: CommandContext) => {
  program
    .command('declare')
    .description('submit declarations (.json files, .ndjson files of one a line, or folders of them) to a registry')
    .argument('<paths...>', 'declaration files or folders')
    .option('--server <url>', 'the registry (default $IOTLABEL_SERVER)')
    .option('--key <apiKey>', 'manufacturer API key (default $IOTLABEL_API_KEY)')
    .option('--draft', 'store every declaration as a draft')
    .option('--json', 'write each result as one NDJSON line, with its file and line')
    .action(async (paths: string[], options: DeclareOptions) =>
      ctx.setExit(await runDeclare(paths, options, ctx.io, ctx.config)),
    );
};

export async function runDeclare(
  paths: string[],
  options: DeclareOptions,
  io: CliIo,
  config: Pick<Config, 'server' | 'apiKey'> = {},
): Promise<ExitCode> {
  const server = options.server ?? config.server;
  if (server === undefined) throw new IotlabelError('USAGE', 'give --server URL (or set IOTLABEL_SERVER)');
  if (!/^https?:\/\//.test(server))
    throw new IotlabelError('USAGE', `--server must be an http(s) URL, not "${server}"`);
  const { documents, problems } = gather(paths);
  let exit: ExitCode = 0;
  for (const problem of problems) {
    io.err(`${problem}\n`);
    exit = 2;
  }
  if (documents.length === 0) {
    if (problems.length === 0)
      throw new IotlabelError('USAGE', `no declarations (.json, .ndjson, .jsonl) in ${paths.join(', ')}`);
    return exit;
  }
  const answer = await send(server, options.key ?? config.apiKey, documents, options.draft === true);
  const progress = startProgress(io, documents.length);
  let done = 0;
  let summary: { documents: number; submitted: number; failed: number } | undefined;
  try {
    for await (const batch of lines(answer)) {
      for (const text of batch) {
        const item = parseResult(text);
        if ('summary' in item) {
          summary = item.summary;
          continue;
        }
        if (!('line' in item))
          throw new IotlabelError(knownCode(item.error.code), `the server stopped: ${item.error.detail}`);
        const doc = documents[item.line - 1];
        if (!doc)
          throw new IotlabelError('NETWORK_FAILED', `the server answered for line ${item.line}, which was not sent`);
        progress.tick(++done);
        if (options.json) io.out(`${JSON.stringify({ file: doc.file, fileLine: doc.fileLine, ...item })}\n`);
        if ('error' in item) {
          io.err(`${doc.where}: ${item.error.code}: ${item.error.detail}\n`);
          for (const p of item.error.problems ?? []) io.err(`${doc.where}: ${p.path || '/'}: ${p.message}\n`);
          exit = worse(exit, ERROR_CATALOGUE[knownCode(item.error.code, 'INTERNAL')].exit);
        } else if (!options.json)
          io.out(
            `${doc.where}: ${item.productCreated ? 'new product' : 'product'} ${item.productId}, declaration ${item.declarationId}` +
              `${item.version === null ? ' (draft)' : ` version ${item.version}`}\n`,
          );
      }
    }
  } finally {
    progress.stop();
  }
  if (summary === undefined)
    throw new IotlabelError('NETWORK_FAILED', "the server's answer ended before its summary line");
  if (summary.documents !== documents.length || done !== documents.length)
    throw new IotlabelError('NETWORK_FAILED', `sent ${documents.length} documents but the server answered ${done}`);
  const failed = summary.failed + problems.length;
  io.err(
    `declare: ${documents.length + problems.length} documents, ${summary.submitted} submitted, ${failed} failed\n`,
  );
  return exit;
}

const worse = (a: ExitCode, b: 0 | 1 | 2): ExitCode => (a === 2 || b === 2 ? 2 : a === 1 || b === 1 ? 1 : 0);

/** The documents in `paths`, in order, and one message per file that could not be read. */
function gather(paths: string[]): { documents: Document[]; problems: string[] } {
  const documents: Document[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      problems.push(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const files = isDir
      ? (readdirSync(path, { recursive: true }) as string[])
          .filter((f) => KNOWN.has(extname(f).toLowerCase()))
          .sort()
          .map((f) => join(path, f))
      : [path];
    for (const file of files) readInto(file, documents, problems);
  }
  return { documents, problems };
}

function readInto(file: string, documents: Document[], problems: string[]): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  if (MANY.has(extname(file).toLowerCase())) {
    // Lines travel as they are: the registry reads each and reports it; only blank ones stay home.
    text.split('\n').forEach((raw, k) => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim().length > 0) documents.push({ text: line, where: `${file}:${k + 1}`, file, fileLine: k + 1 });
    });
    return;
  }
  if (Buffer.byteLength(text) > MAX_DECLARATION_BYTES) {
    problems.push(`${file}: is larger than ${MAX_DECLARATION_BYTES} bytes`);
    return;
  }
  try {
    // One line on the wire: the document re-serialised without its newlines.
    documents.push({ text: JSON.stringify(JSON.parse(text)), where: file, file, fileLine: null });
  } catch (error) {
    problems.push(`${file}: is not JSON (${(error as Error).message})`);
  }
}

async function send(
  server: string,
  apiKey: string | undefined,
  documents: readonly Document[],
  draft: boolean,
): Promise<ReadableStream<Uint8Array>> {
  const url = new URL('v1/declarations/bulk', server.endsWith('/') ? server : `${server}/`);
  if (draft) url.searchParams.set('draft', 'true');
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', accept: 'application/x-ndjson' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  const encoder = new TextEncoder();
  async function* body(): AsyncGenerator<Uint8Array> {
    for (const doc of documents) yield encoder.encode(`${doc.text}\n`);
  }
  let response: Response;
  try {
    // undici streams an async iterable body; `duplex: 'half'` is required for a streamed request body.
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: body() as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    throw new IotlabelError(
      'NETWORK_FAILED',
      `${url.origin}: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`,
    );
  }
  if (!response.ok || response.body === null) throw await problemError(response, 'the declarations');
  return response.body;
}

type Result =
  | { line: number; productId: string; productCreated: boolean; declarationId: string; version: number | null }
  | { line: number; error: { code: string; detail: string; problems?: { path?: string; message: string }[] } }
  | { summary: { documents: number; submitted: number; failed: number } }
  | { error: { code: string; detail: string } };

function parseResult(text: string): Result {
  try {
    const item = JSON.parse(text) as Result;
    if (typeof item === 'object' && item !== null && ('summary' in item || 'error' in item || 'line' in item))
      return item;
  } catch {
    // fall through: reported below with the same code
  }
  throw new IotlabelError('NETWORK_FAILED', `the server sent a line that is not a result: ${text.slice(0, 80)}`);
}

/** A bar counting answered documents; nothing unless stderr is a terminal. */
function startProgress(io: CliIo, total: number): { tick(done: number): void; stop(): void } {
  if (io !== processIo || !process.stderr.isTTY) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'declaring {bar} {value}/{total} documents', hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (done) => bar.update(done), stop: () => bar.stop() };
}
