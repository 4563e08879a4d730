// Where `iotlabel check` writes: results to --out or stdout (with back-pressure on files), a progress bar
// with rows per second on stderr when stderr is a terminal, and a one-line summary on stderr.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import { IotlabelError } from '../../../errors.js';
import type { CheckSummary } from '../../../catalogue/types.js';
import type { ResultFormat } from '../../../catalogue/write-results.js';
import { processIo, type CliIo } from '../../io.js';

export interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export function resultFormat(out: string | undefined, json: boolean): ResultFormat {
  if (json) return 'json';
  const lower = out?.toLowerCase() ?? '';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return 'csv';
}

export function openSink(out: string | undefined, io: CliIo): Sink {
  if (out === undefined) return { write: async (text) => io.out(text), close: async () => {} };
  const stream: WriteStream = createWriteStream(out);
  let failure: unknown;
  stream.on('error', (error) => void (failure = error));
  const fail = () =>
    new IotlabelError('INPUT_UNREADABLE', `${out}: cannot write the results (${(failure as Error).message})`);
  return {
    async write(text) {
      if (failure !== undefined) throw fail();
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure !== undefined) throw fail();
    },
    async close() {
      stream.end();
      await Promise.race([once(stream, 'finish'), once(stream, 'error')]);
      if (failure !== undefined) throw fail();
    },
  };
}

export interface Progress {
  tick(rows: number): void;
  stop(): void;
}

/** A progress bar over the bytes of the catalogue, with rows per second; nothing unless stderr is a terminal. */
export function startProgress(io: CliIo, totalBytes: number, bytesRead: () => number): Progress {
  if (io !== processIo || !process.stderr.isTTY) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'checking {bar} {percentage}% | {rows} rows | {rate} rows/s',
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let shown = 0;
  bar.start(Math.max(1, totalBytes), 0, { rows: 0, rate: 0 });
  return {
    tick(rows) {
      const now = performance.now();
      if (now - shown < 100) return;
      shown = now;
      const seconds = (now - started) / 1000;
      bar.update(bytesRead(), { rows, rate: Math.round(rows / Math.max(seconds, 0.001)) });
    },
    stop() {
      bar.update(bytesRead());
      bar.stop();
    },
  };
}

export function summaryLine(summary: CheckSummary): string {
  const kinds = Object.entries(summary.unreadableByKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return (
    `${summary.rows} rows checked ${summary.market === undefined ? `under ${summary.regime}` : `for ${summary.market} (${summary.regime})`} at ${summary.at}: ${summary.sellable} sellable, ` +
    `${summary.notSellable} not sellable, ${summary.unknownProduct} unknown product, ${summary.unreadable} unreadable${kinds ? ` (${kinds})` : ''}\n`
  );
}
