// `iotlabel log verify --server URL [--state FILE] [--key VERIFIER_KEY|FILE] [--sample N] [--json]`
// A monitor for the registry's transparency log: downloads what is new since the state file's checkpoint,
// checks the checkpoint signature, recomputes the tree from the entries, checks consistency with what it saw
// before, then checks the registry's promises (promises.ts) and that served documents match their entries,
// and finally audits the registry's served answers against the log (log-audit.ts). Exit 0 all well, 1 a
// violation (each listed with its entries), 2 bad usage.
import { sha256Hex } from '../../encoding/sha256.js';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { IotlabelError } from '../../errors.js';
import { verifyLog, type Violation } from '../../tlog/verify-log.js';
import { parseVerifierKey } from '../../tlog/note-key.js';
import { auditServedAnswers } from './log-audit.js';
import { checkPromises, emptyPromiseState, type PromiseState } from '../../registry/log/promises.js';
import type { Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../command.js';
import { storeStateProblems } from '../../registry/log/consistency.js';
import { withDb, withServices, type DbOptions } from './admin/db.js';

const FETCH_TIMEOUT_MS = 15_000;
const MAX_RESOURCE_BYTES = 16 * 1024 * 1024;
const DOCUMENT_CONCURRENCY = 8;

interface Flags {
  server: string;
  state?: string;
  key?: string;
  sample?: string;
  json?: boolean;
}

interface SavedState {
  version: 1;
  server: string;
  verifierKey: string;
  size: number;
  root: string;
  promises: PromiseState;
}

export const registerLog: RegisterCommand = (program, ctx) => {
  const log = program.command('log').description("the registry's transparency log");
  registerCheckState(log, ctx);
  log
    .command('verify')
    .description(
      'check the log of a registry: signatures, tree, consistency with the last run, and its promises (exit 0 ok, 1 violation)',
    )
    .requiredOption('--server <url>', 'the registry, e.g. https://registry.example.org')
    .option('--state <file>', 'where the last verified checkpoint and facts are kept between runs')
    .option(
      '--key <key|file>',
      "the log's verifier key (name+id+key), or a file holding it; default: the state file's, else the server's /log/key",
    )
    .option('--sample <n>', 'audit the served answers of this many products, spread over the log (default: every one)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags) => {
      const sample = flags.sample === undefined ? undefined : Number(flags.sample);
      if (sample !== undefined && !(Number.isSafeInteger(sample) && sample >= 0))
        throw new IotlabelError('USAGE', `--sample must be a whole number of products, not "${flags.sample}"`);
      let server: URL;
      try {
        server = new URL(flags.server);
      } catch {
        throw new IotlabelError('USAGE', `--server "${flags.server}" is not a URL`);
      }
      if (server.protocol !== 'http:' && server.protocol !== 'https:')
        throw new IotlabelError('USAGE', `--server must be an http(s) URL, not ${server.protocol}`);
      const base = server.toString().replace(/\/+$/, '');
      const saved = flags.state !== undefined && existsSync(flags.state) ? readState(flags.state) : undefined;
      const get = (path: string) => fetchBytes(`${base}/log/${path}`);
      const progress = (text: string) => (ctx.io.interactive ? ctx.io.err(`${text}\n`) : undefined);

      const verifierKey =
        flags.key !== undefined
          ? readKeyFlag(flags.key)
          : (saved?.verifierKey ??
            Buffer.from(await get('key'))
              .toString('utf8')
              .trim());
      let verifier;
      try {
        verifier = parseVerifierKey(verifierKey);
      } catch (error) {
        throw new IotlabelError('USAGE', `--key: ${(error as Error).message}`);
      }
      progress(`checking ${base}/log from ${saved?.size ?? 0} entries on`);
      let promises = saved?.promises ?? emptyPromiseState();
      const result = await verifyLog({
        fetch: get,
        verifierKeys: [verifierKey],
        state: saved ? { size: saved.size, root: saved.root } : null,
        checkEntries: async (entries) => {
          progress(`checking ${entries.length} new entries`);
          const checked = checkPromises(entries, promises);
          promises = checked.state;
          const hashes = [
            ...new Map(
              [...checked.records].filter(([, r]) => r.sha256 !== null).map(([i, r]) => [r.sha256!, i]),
            ).entries(),
          ];
          return [...checked.violations, ...(await checkDocuments(hashes, get))];
        },
      });
      progress('comparing the served answers with the log');
      const audit = await auditServedAnswers({
        getJson: (path) => fetchJson(`${base}${path}`),
        getText: async (path) => Buffer.from(await fetchBytes(`${base}${path}`)).toString('utf8'),
        state: promises,
        verifiers: [verifier],
        sample,
      });
      result.violations.push(...audit.violations);
      result.ok &&= audit.violations.length === 0;
      const moved = result.state.size !== (saved?.size ?? 0) || result.state.root !== saved?.root;
      if (flags.state !== undefined) {
        // The facts move forward with the tree only: a run that refused the tree keeps the old ones.
        writeState(flags.state, {
          version: 1,
          server: base,
          verifierKey,
          size: result.state.size,
          root: result.state.root,
          promises: moved ? promises : (saved?.promises ?? emptyPromiseState()),
        });
      }
      const fresh = result.state.size - (saved?.size ?? 0);
      if (flags.json) {
        ctx.io.out(
          `${JSON.stringify({ ok: result.ok, server: base, size: result.state.size, root: result.state.root, newEntries: Math.max(0, fresh), productsAudited: audit.products, violations: result.violations }, null, 2)}\n`,
        );
      } else {
        ctx.io.out(
          `Log ${base}/log: ${result.ok ? 'OK' : 'VIOLATIONS FOUND'} -- ${result.state.size} entries verified (${Math.max(0, fresh)} new), root ${result.state.root}; served answers of ${audit.products} products audited\n`,
        );
        for (const v of result.violations)
          ctx.io.out(
            `  ${v.code}: ${v.message}${v.indices.length ? ` [entries ${v.indices.join(', ')}]` : ''}${v.path ? ` (${v.path})` : ''}\n`,
          );
      }
      ctx.setExit(result.ok ? 0 : 1);
    });
};

function registerCheckState(log: Command, ctx: CommandContext): void {
  withDb(
    log
      .command('check-state')
      .description(
        "compare the registry's stored facts (declarations, support dates, label statuses) with its own log (exit 0 agree, 1 disagree)",
      ),
  ).action(async (flags: DbOptions) => {
    const { products, problems } = await withServices(ctx.config, flags, (services) =>
      storeStateProblems(services.store.db),
    );
    if (flags.json) ctx.io.out(`${JSON.stringify({ ok: problems.length === 0, products, problems }, null, 2)}\n`);
    else {
      ctx.io.out(
        `Stored facts of ${products} products: ${problems.length === 0 ? 'agree with the log' : `${problems.length} disagreements with the log`}\n`,
      );
      for (const p of problems)
        ctx.io.out(
          `  LOG_STATE_MISMATCH: product ${p.productId}: ${p.message}${p.index === null ? '' : ` [entry ${p.index}]`}\n`,
        );
    }
    ctx.setExit(problems.length === 0 ? 0 : 1);
  });
}

function readKeyFlag(value: string): string {
  if (value.includes('+')) return value.trim();
  try {
    return readFileSync(value, 'utf8').trim();
  } catch (error) {
    throw new IotlabelError(
      'USAGE',
      `--key "${value}" is neither a verifier key nor a readable file: ${(error as Error).message}`,
    );
  }
}

function readState(file: string): SavedState {
  let state: SavedState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as SavedState;
  } catch (error) {
    throw new IotlabelError('INPUT_UNREADABLE', `${file}: not a log state file: ${(error as Error).message}`);
  }
  if (
    state?.version !== 1 ||
    !Number.isSafeInteger(state.size) ||
    typeof state.root !== 'string' ||
    typeof state.verifierKey !== 'string' ||
    typeof state.promises !== 'object'
  ) {
    throw new IotlabelError(
      'INPUT_INVALID',
      `${file}: not a log state file written by iotlabel log verify (version 1)`,
    );
  }
  return state;
}

function writeState(file: string, state: SavedState): void {
  // Write then rename, so a crash never leaves half a state file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new IotlabelError('NETWORK_FAILED', `${url}: ${(error as Error).message}`);
  }
  if (response.status === 404) throw new IotlabelError('NOT_FOUND', `${url}: 404 Not Found`);
  if (!response.ok) throw new IotlabelError('NETWORK_FAILED', `${url}: HTTP ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > MAX_RESOURCE_BYTES)
    throw new IotlabelError('RESPONSE_TOO_LARGE', `${url}: more than ${MAX_RESOURCE_BYTES} bytes`);
  return body;
}

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new IotlabelError('NETWORK_FAILED', `${url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (text.length > MAX_RESOURCE_BYTES)
    throw new IotlabelError('RESPONSE_TOO_LARGE', `${url}: more than ${MAX_RESOURCE_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new IotlabelError('NETWORK_FAILED', `${url}: HTTP ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const detail = (body as { code?: unknown; detail?: unknown } | null) ?? {};
    // A registry that refuses an answer because its facts disagree with its log says so: keep its code.
    throw new IotlabelError(
      detail.code === 'LOG_STATE_MISMATCH' ? 'LOG_STATE_MISMATCH' : 'NETWORK_FAILED',
      `HTTP ${response.status}${typeof detail.code === 'string' ? ` ${detail.code}` : ''}${typeof detail.detail === 'string' ? `: ${detail.detail}` : ''}`,
    );
  }
  return body;
}

/** Every document the new entries name must be served, and hash to what the entry says. */
async function checkDocuments(
  hashes: readonly [string, number][],
  get: (path: string) => Promise<Uint8Array>,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  let next = 0;
  const worker = async () => {
    while (next < hashes.length) {
      const [sha256, index] = hashes[next++]!;
      const path = `documents/${sha256}`;
      try {
        const actual = sha256Hex(await get(path));
        if (actual !== sha256)
          violations.push({
            code: 'LOG_DOCUMENT_MISMATCH',
            message: `the document served for entry ${index} hashes to ${actual}, not ${sha256}`,
            indices: [index],
            path,
          });
      } catch (error) {
        violations.push({
          code: 'LOG_DOCUMENT_MISMATCH',
          message: `the document of entry ${index} cannot be fetched: ${(error as Error).message}`,
          indices: [index],
          path,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: DOCUMENT_CONCURRENCY }, worker));
  return violations.sort((a, b) => a.indices[0]! - b.indices[0]!);
}
