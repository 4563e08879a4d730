// `iotlabel check CATALOGUE`: is every product in a retailer's catalogue sellable? Offline against a signed
// snapshot (--snapshot, verified before use) or online through the registry (--server, POST /v1/checks).
// Exit 0 when every row is sellable, 1 when any row is not (or cannot be read), 2 for bad usage or input.
import { isCalendarDate, todayUtc } from '../../../calendar.js';
import type { Command } from 'commander';
import { IotlabelError, isIotlabelError } from '../../../errors.js';
import { checkCatalogue, type CatalogueCheck } from '../../../catalogue/check-catalogue.js';
import { snapshotMarketRule } from '../../../catalogue/market-verdict.js';
import { applySnapshotDelta, openSnapshot } from '../../../catalogue/open-snapshot.js';
import { parseCatalogue } from '../../../catalogue/parse-catalogue.js';
import { rowStream } from '../../../catalogue/row-stream.js';
import { allSellable } from '../../../catalogue/summary.js';
import { defaultRetailRegime } from '../../../regimes/index.js';
import { writeResults } from '../../../catalogue/write-results.js';
import type { CommandContext, ExitCode, RegisterCommand } from '../../command.js';
import type { Config } from '../../../server/config.js';
import type { CliIo } from '../../io.js';
import { openSink, resultFormat, startProgress, summaryLine } from './output.js';
import { checkViaServer } from './server.js';
import { verifyAnswersInLog } from './verify-log.js';
import { loadKeys, openCatalogueFile, readSnapshotFile, type CatalogueFile } from './sources.js';

export interface CheckCliOptions {
  snapshot?: string;
  /** Deltas to apply to the snapshot, in order (GET /v1/snapshots/delta). */
  delta?: string[];
  keys?: string;
  server?: string;
  key?: string;
  regime?: string;
  market?: string;
  at?: string;
  out?: string;
  json?: boolean;
  format?: string;
  verifyLog?: boolean;
  logKey?: string;
}

export const registerCheck: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('check')
    .description('check whether every product in a catalogue (CSV, NDJSON or JSON) may be sold')
    .argument('<catalogue>', 'the catalogue file: CSV with a header, NDJSON, or a JSON array')
    .option('--snapshot <file>', 'check offline against a signed snapshot file')
    .option(
      '--delta <file>',
      'a signed delta to apply to the snapshot (GET /v1/snapshots/delta); repeat it, oldest first',
      (file: string, files: string[] = []) => [...files, file],
    )
    .option('--keys <file>', "the registry's public keys (JWKS, JWK or PEM) that sign the snapshot")
    .option('--server <url>', 'check online through a registry (default $IOTLABEL_SERVER)')
    .option('--key <apiKey>', 'retailer API key for --server (default $IOTLABEL_API_KEY)')
    .option('--regime <id>', `the rulebook to check against (default ${defaultRetailRegime()})`)
    .option('--market <code>', 'check for a market (e.g. AU): sellable iff every law binding a sale there allows it')
    .option('--at <date>', 'the day to check for, YYYY-MM-DD (default today)')
    .option('--format <format>', 'the catalogue format when the file name does not say: csv, ndjson or json')
    .option('--out <file>', 'write the results here (.csv, .json or .ndjson) instead of stdout')
    .option('--json', 'write the results as one JSON document')
    .option(
      '--verify-log',
      "with --server: prove each product's answer against the registry's signed transparency log (exit 1 if one cannot be proved)",
    )
    .option('--log-key <key|file>', "the log's verifier key for --verify-log (default: the server's /log/key)")
    .action(async (catalogue: string, options: CheckCliOptions) =>
      ctx.setExit(await runCheck(catalogue, options, ctx.io, ctx.config)),
    );
};

/** `config` supplies --server and --key when they are not given (IOTLABEL_SERVER, IOTLABEL_API_KEY). */
export async function runCheck(
  path: string,
  options: CheckCliOptions,
  io: CliIo,
  config: Pick<Config, 'server' | 'apiKey'> = {},
): Promise<ExitCode> {
  const at = options.at ?? todayUtc();
  if (!isCalendarDate(at)) throw new IotlabelError('USAGE', `--at must be a date written YYYY-MM-DD, not "${at}"`);
  const server = options.server ?? config.server;
  if ((options.snapshot === undefined) === (server === undefined)) {
    throw new IotlabelError(
      'USAGE',
      'give either --snapshot FILE (with --keys FILE) to check offline, or --server URL to check online',
    );
  }
  if (options.verifyLog && server === undefined)
    throw new IotlabelError('USAGE', '--verify-log needs --server: a snapshot is checked by its own signature');
  if (options.delta !== undefined && options.snapshot === undefined)
    throw new IotlabelError('USAGE', '--delta needs --snapshot FILE: a delta applies to the snapshot it names');
  if (options.snapshot !== undefined && options.keys === undefined)
    throw new IotlabelError('USAGE', '--snapshot needs --keys FILE: the snapshot is verified before it is used');
  if (options.market !== undefined && options.regime !== undefined)
    throw new IotlabelError('USAGE', 'give --regime or --market, not both');
  if (options.market !== undefined && options.verifyLog)
    throw new IotlabelError('USAGE', '--verify-log proves answers under one regime; it does not take --market');
  const regime = options.regime ?? defaultRetailRegime();
  const file = openCatalogueFile(path, options.format);
  const check =
    options.snapshot !== undefined
      ? await offline(
          file,
          { snapshot: options.snapshot, deltas: options.delta ?? [] },
          options.keys!,
          { regime, market: options.market },
          at,
        )
      : await online(file, server!, options, at, config.apiKey);
  const sink = openSink(options.out, io);
  const progress = startProgress(io, file.size, file.bytesRead);
  let rows = 0;
  const answered = new Set<string>();
  const counted = {
    summary: check.summary,
    ...rowStream(async function* () {
      for await (const batch of check.batches()) {
        progress.tick((rows += batch.length));
        if (options.verifyLog)
          for (const row of batch)
            if (row.gtin !== null && row.outcome !== 'unknown-product' && row.outcome !== 'unreadable')
              answered.add(row.gtin);
        yield batch;
      }
    }),
  };
  try {
    for await (const text of writeResults(counted, resultFormat(options.out, options.json === true)))
      await sink.write(text);
  } catch (error) {
    throw nameFile(error, path);
  } finally {
    progress.stop();
    await sink.close();
  }
  io.err(summaryLine(check.summary));
  let proved = true;
  if (options.verifyLog) {
    const result = await verifyAnswersInLog([...answered].sort(), {
      server: server!,
      regime,
      at,
      logKey: options.logKey,
    });
    io.err(
      `Log: ${result.proved} of ${answered.size} products' answers proved in the registry's signed log (key from ${result.keyFrom})\n`,
    );
    for (const failure of result.failures) io.err(`  NOT PROVED ${failure}\n`);
    proved = result.failures.length === 0;
  }
  return allSellable(check.summary) && proved ? 0 : 1;
}

async function offline(
  file: CatalogueFile,
  paths: { snapshot: string; deltas: readonly string[] },
  keysPath: string,
  { regime, market }: { regime: string; market: string | undefined },
  at: string,
): Promise<CatalogueCheck> {
  const keys = loadKeys(keysPath);
  let opened = await openSnapshot(readSnapshotFile(paths.snapshot), keys);
  for (const delta of paths.deltas) opened = await applySnapshotDelta(opened, readSnapshotFile(delta), keys);
  const { header, index } = opened;
  if (market !== undefined) {
    const rule = snapshotMarketRule(header.markets, market, at);
    const missing = rule.laws.filter((law) => !header.regimes.includes(law.regime)).map((law) => law.regime);
    if (missing.length > 0)
      throw new IotlabelError(
        'REGIME_UNKNOWN',
        `the snapshot has no facts for ${missing.join(', ')}, which bind a sale in ${rule.market}; it covers ${header.regimes.join(', ')}`,
      );
    return checkCatalogue(parseCatalogue(file.chunks(), file.format), index, { regime, at, market: rule });
  }
  if (!header.regimes.includes(regime)) {
    throw new IotlabelError(
      'REGIME_UNKNOWN',
      `the snapshot has no facts for regime "${regime}"; it covers ${header.regimes.join(', ')}`,
    );
  }
  return checkCatalogue(parseCatalogue(file.chunks(), file.format), index, { regime, at });
}

async function online(
  file: CatalogueFile,
  server: string,
  options: CheckCliOptions,
  at: string,
  configuredKey: string | undefined,
): Promise<CatalogueCheck> {
  if (!/^https?:\/\//.test(server))
    throw new IotlabelError('USAGE', `--server must be an http(s) URL, not "${server}"`);
  const apiKey = options.key ?? configuredKey;
  return checkViaServer({
    server,
    apiKey,
    ...(options.market === undefined
      ? { regime: options.regime ?? defaultRetailRegime() }
      : { market: options.market }),
    at,
    format: file.format,
    body: file.chunks(),
  });
}

/** Problems with the catalogue's content say which file they are about. */
function nameFile(error: unknown, path: string): unknown {
  if (
    !isIotlabelError(error) ||
    (error.code !== 'INPUT_UNREADABLE' && error.code !== 'PAYLOAD_TOO_LARGE') ||
    error.message.startsWith(path)
  )
    return error;
  return new IotlabelError(error.code, `${path}: ${error.message}`, { cause: error });
}
