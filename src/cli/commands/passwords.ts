// `iotlabel passwords FILE [--json] [--corpus FILE]... [--declared METHOD] [--columns MAP] [--format F]`:
// analyses a factory credential batch on the manufacturer's own machine. Exit 0 no FAIL finding, 1 a FAIL
// finding, 2 bad input (every bad row listed with its line number; nothing is analysed then).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { IotlabelError } from '../../errors.js';
import {
  builtInCorpus,
  createPasswordBatchAnalyser,
  GENERATION_METHODS,
  parseColumnMap,
  parseCorpus,
  readCredentialCsv,
  readCredentialJson,
  readCredentialNdjson,
  type BatchDeclaration,
  type BatchItem,
  type BatchProblem,
  type GenerationMethod,
  type PasswordEvidence,
} from '../../evidence/passwords/index.js';
import type { CommandContext, RegisterCommand } from '../command.js';
import { processIo } from '../io.js';

const MAX_JSON_BYTES = 256 * 1024 * 1024;
const MAX_PROBLEMS_SHOWN = 50;
const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

interface Options {
  json?: boolean;
  corpus: string[];
  declared?: string;
  columns?: string;
  format?: string;
  strengthSample: string;
}

export const registerPasswords: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('passwords')
    .description(
      'Analyse a batch of factory passwords for evidence of unique, non-derivable passwords (PSTI Sch. 1 §1, EN 303 645 5.1)',
    )
    .argument('<file>', 'CSV, JSON or NDJSON batch of device credentials')
    .option('--json', 'print the evidence document (iotlabel.password-evidence/v1) as JSON')
    .option(
      '--corpus <file>',
      'extra known-default credentials (user:password lines, SecLists CSV or JSON); repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--declared <method>', `declared generation method: ${GENERATION_METHODS.join('|')}`)
    .option('--columns <map>', 'column mapping, e.g. device_id=ID,password=PW,serial_number=SN')
    .option('--format <format>', 'csv | json | ndjson (default: from the file extension)')
    .option('--strength-sample <n>', 'passwords scored with zxcvbn (a random sample)', '100')
    .action(async (file: string, options: Options) => ctx.setExit(await run(file, options, ctx)));
};

async function run(file: string, options: Options, ctx: CommandContext): Promise<0 | 1 | 2> {
  const { io } = ctx;
  let declared: BatchDeclaration = {};
  if (options.declared !== undefined) {
    if (!GENERATION_METHODS.includes(options.declared as GenerationMethod))
      throw new IotlabelError('USAGE', `--declared: expected one of ${GENERATION_METHODS.join(', ')}`);
    declared = { method: options.declared as GenerationMethod };
  }
  const sample = Number(options.strengthSample);
  if (!Number.isInteger(sample) || sample < 0 || sample > 100_000)
    throw new IotlabelError('USAGE', '--strength-sample: expected a whole number from 0 to 100000');
  const columns = options.columns === undefined ? undefined : parseColumnMap(options.columns);
  const corpus = builtInCorpus();
  for (const path of options.corpus) corpus.addAll(path, parseCorpus(readText(path), path));
  const size = sizeOf(file);
  const format =
    options.format ??
    ({ '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' } as Record<string, string>)[
      extname(file).toLowerCase()
    ] ??
    'csv';
  if (!['csv', 'json', 'ndjson'].includes(format))
    throw new IotlabelError('USAGE', `--format: expected csv, json or ndjson, not "${format}"`);

  let items: Iterable<BatchItem> | AsyncIterable<BatchItem>;
  const progress = io === processIo ? progressBar(size) : undefined;
  if (format === 'json') {
    const batch = readCredentialJson(readText(file), { columns });
    declared = { ...batch.declaration, ...declared };
    items = batch.items;
  } else {
    const stream = createReadStream(file);
    if (progress) stream.on('data', (chunk) => progress.increment(chunk.length));
    items = format === 'csv' ? readCredentialCsv(stream, { columns }) : readCredentialNdjson(stream, { columns });
  }

  const analyser = createPasswordBatchAnalyser({ declaration: declared, corpus, strengthSample: sample });
  const problems: BatchProblem[] = [];
  try {
    for await (const item of items) {
      if ('problem' in item) problems.push(item.problem);
      else if (problems.length === 0) analyser.add(item.record);
    }
  } catch (error) {
    if (error instanceof IotlabelError) throw error;
    throw new IotlabelError('INPUT_UNREADABLE', `${file}: ${(error as Error).message}`);
  } finally {
    progress?.stop();
  }
  if (problems.length > 0) {
    for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) io.err(`${file}: ${p.message}\n`);
    if (problems.length > MAX_PROBLEMS_SHOWN)
      io.err(`${file}: … and ${problems.length - MAX_PROBLEMS_SHOWN} more problems\n`);
    io.err(`iotlabel: ${problems.length} bad row(s) in ${file}; nothing was analysed\n`);
    return 2;
  }
  const evidence = await analyser.finish();
  io.out(options.json ? `${JSON.stringify(evidence, null, 2)}\n` : report(file, evidence));
  return evidence.verdict === 'fail' ? 1 : 0;
}

function report(file: string, e: PasswordEvidence): string {
  const s = e.statistics;
  const n = (x: number) => x.toLocaleString('en-GB');
  const lines = [
    `${file}: ${n(s.rows)} rows, ${n(s.analysedRows)} analysed, ${n(s.distinctValues)} distinct values`,
    `Declared method: ${e.declaration.method ?? 'not declared'}. Keyspace estimate: 2^${s.keyspaceBits.effective}. Analyser ${e.analyser.version}.`,
    '',
  ];
  for (const f of e.findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(4)}  ${f.code}  ${f.title} (${n(f.affectedCount)} rows)`);
    lines.push(`      ${f.message}`);
    if (f.sampleDeviceIds.length > 0)
      lines.push(
        `      devices: ${f.sampleDeviceIds.slice(0, 5).join(', ')}${f.redactedExamples.length > 0 ? `  examples: ${f.redactedExamples.join(', ')}` : ''}`,
      );
    lines.push(`      ${f.requirementRefs.join('; ')}`);
  }
  if (e.findings.length === 0) lines.push('No findings.');
  const why =
    e.verdict === 'fail'
      ? ' (the evidence contradicts a unique-password claim)'
      : e.verdict === 'warn'
        ? ' (review the warnings)'
        : '';
  lines.push('', `Verdict: ${e.verdict.toUpperCase()}${why}`);
  return `${lines.join('\n')}\n`;
}

function readText(path: string): string {
  const size = sizeOf(path);
  if (size > MAX_JSON_BYTES)
    throw new IotlabelError(
      'PAYLOAD_TOO_LARGE',
      `${path}: ${size} bytes is more than the ${MAX_JSON_BYTES} accepted; use CSV or NDJSON for big batches`,
    );
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new IotlabelError('INPUT_UNREADABLE', `${path}: ${(error as Error).message}`);
  }
}

function sizeOf(path: string): number {
  let st: { isFile(): boolean; size: number };
  try {
    st = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IotlabelError(
      'INPUT_UNREADABLE',
      `${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  if (!st.isFile()) throw new IotlabelError('INPUT_UNREADABLE', `${path}: not a file`);
  return st.size;
}

/** Progress on stderr, only for big files and only when stderr is a terminal. */
function progressBar(total: number): { increment(n: number): void; stop(): void } | undefined {
  if (total < PROGRESS_MIN_BYTES || !process.stderr.isTTY) return undefined;
  const bar = new SingleBar(
    { stream: process.stderr, format: 'passwords {bar} {percentage}% | {value}/{total} MiB', clearOnComplete: true },
    Presets.shades_classic,
  );
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  let done = 0;
  bar.start(mib(total), 0);
  return {
    increment(n) {
      done += n;
      bar.update(mib(done));
    },
    stop: () => bar.stop(),
  };
}
