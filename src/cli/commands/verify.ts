// `iotlabel verify TOKEN|URL|FILE [--trust URL]... [--trust-file FILE] [--keys FILE|URL] [--status FILE|URL]
// [--offline] [--at DATE] [--json]`. Checks a label token and explains each check. GENUINE only for a label
// signed by a registry the verifier trusts: keys given with --keys, or a registry it named (--trust,
// IOTLABEL_TRUST, a trust file) whose keys are fetched from that registry, never from the scanned link's host.
import { IotlabelError, isIotlabelError } from '../../errors.js';
import { existsSync, statSync } from 'node:fs';
import { checkLabel } from '../../labels/check-label.js';
import { registryUrl, sameRegistry, type LabelCheck, type LabelReport } from '../../labels/checks.js';
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { parseJwks, type LabelJwks } from '../../labels/jwks.js';
import { parseLabelLink } from '../../labels/label-link.js';
import { unverifiedClaims } from '../../labels/unverified-claims.js';
import type { StatusListInput } from '../../labels/verify-steps.js';
import type { RegisterCommand } from '../command.js';
import { readInput } from '../read-input.js';
import { TRUST_VARIABLES, trustedRegistries } from './verify-trust.js';

const FETCH_TIMEOUT_MS = 10_000;
const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const KEYS_PATH = '/.well-known/iotlabel/keys';
const MARK: Record<LabelCheck['outcome'], string> = { pass: 'ok  ', fail: 'FAIL', info: 'note', 'not-checked': 'skip' };

interface VerifyFlags {
  keys?: string;
  status?: string;
  trust: string[];
  trustFile?: string;
  offline?: boolean;
  at?: string;
  json?: boolean;
}

/** The trust material chosen for one token: whose keys, from where, and whether the verifier trusts them. */
interface Anchor {
  keys?: LabelJwks;
  /** Where the keys came from (file or URL), for the report. */
  keysFrom?: string;
  /** The trusted registry the token's issuer must be; undefined for keys given with --keys. */
  registry?: string;
  trusted: boolean;
  /** Why the keys could not be had, when they could not. */
  problem?: string;
}

export const registerVerify: RegisterCommand = (program, ctx) => {
  program
    .command('verify')
    .description(
      'verify a label token, label URL or file holding one against the registries you trust; explains each check (exit 0 genuine, 1 a check failed)',
    )
    .argument(
      '<token|url|file>',
      'a label token, the URL in the QR code (https://HOST/01/<GTIN>?label=<token>, or the older #<token>), or a file holding either',
    )
    .option(
      '--trust <url>',
      `a registry you trust (repeatable; also ${TRUST_VARIABLES.registries}): its keys come from <url>${KEYS_PATH}`,
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--trust-file <file>', `a file of trusted registry URLs, one a line (also ${TRUST_VARIABLES.file})`)
    .option('--keys <file|url>', "a key set (JWKS) you trust, instead of fetching a trusted registry's keys")
    .option('--status <file|url>', 'a status list token (statuslist+jwt) to check revocation against')
    .option('--offline', 'fetch no status list and accept a label whose revocation was not checked')
    .option('--at <YYYY-MM-DD>', 'the day to check the support period against (default: today, UTC)')
    .option('--json', 'print the report as JSON')
    .action(async (input: string, flags: VerifyFlags) => {
      const at = flags.at ?? todayUtc();
      if (!isCalendarDate(at)) throw new IotlabelError('USAGE', `--at must be a date YYYY-MM-DD, not "${at}"`);
      const registries = await trustedRegistries({
        trust: flags.trust,
        trustFile: flags.trustFile,
        config: ctx.config,
      });
      const target = await resolveInput(input);
      let report: LabelReport;
      let anchor: Anchor | undefined;
      let statusFrom: string | undefined;
      if ('refused' in target) {
        report = refusedReport(at, target.refused);
      } else {
        const claimed = unverifiedClaims(target.token);
        anchor = await chooseAnchor(flags, registries, claimed.iss, Boolean(flags.offline));
        if (anchor.keys === undefined) {
          report = untrustedReport(at, claimed.iss, anchor.problem);
        } else {
          const status = anchor.trusted
            ? await statusListFor(flags, anchor, claimed)
            : { why: 'the issuer is not trusted' };
          statusFrom = status.from;
          report = checkLabel(target.token, {
            keys: anchor.keys,
            at,
            trusted: anchor.trusted,
            ...(anchor.registry === undefined ? {} : { issuer: anchor.registry }),
            ...(status.list === undefined ? {} : { statusList: status.list }),
            ...(status.why === undefined ? {} : { statusUnavailable: status.why }),
            ...(flags.offline ? { offline: true } : {}),
            ...(target.gtin === undefined ? {} : { gtin: target.gtin }),
          });
        }
      }
      if (flags.json) {
        const sources = {
          trust: anchor?.trusted ? (anchor.registry ?? anchor.keysFrom ?? null) : null,
          keys: anchor?.keysFrom ?? null,
          status: statusFrom ?? null,
        };
        ctx.io.out(`${JSON.stringify({ ...report, sources }, null, 2)}\n`);
      } else {
        const id = report.label?.labelId ?? 'token';
        const whence = anchor?.keysFrom === undefined ? '' : `; keys from ${anchor.keysFrom}`;
        ctx.io.out(`Label ${id}: ${report.genuine ? 'GENUINE' : 'NOT VALID'} (checked ${at}${whence})\n`);
        for (const check of report.checks)
          ctx.io.out(
            `  ${MARK[check.outcome]} ${check.step.padEnd(9)} ${check.message}${check.code ? ` [${check.code}]` : ''}\n`,
          );
        for (const hint of hints(report)) ctx.io.out(`  ${hint}\n`);
      }
      ctx.setExit(report.genuine ? 0 : 1);
    });
};

type Target = { token: string; gtin?: string } | { refused: IotlabelError };

async function resolveInput(input: string, depth = 0): Promise<Target> {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    // A link must be a label link: /01/<GTIN-14> with a valid check digit and a token; the GTIN must be the token's.
    try {
      const link = parseLabelLink(text);
      return { token: link.token, gtin: link.gtin };
    } catch (error) {
      if (isIotlabelError(error)) return { refused: error };
      throw error;
    }
  }
  if (depth === 0 && existsSync(text) && statSync(text).isFile())
    return resolveInput(await readText(text, 'the label file'), 1);
  // Neither a URL, a file nor shaped like a token (three base64url parts): most likely a mistyped file name.
  if (depth === 0 && !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text))
    throw new IotlabelError('INPUT_UNREADABLE', `no such file: ${text} (and it is not a label token or URL)`);
  return { token: text };
}

/**
 * The key set to check the token with. --keys: the verifier trusts those keys. Otherwise the trusted registry
 * the token claims to come from, with keys fetched from that registry; when it names none the verifier trusts,
 * its own keys are fetched only to say whether the signature holds (never with --offline), and it is not trusted.
 */
async function chooseAnchor(
  flags: VerifyFlags,
  registries: readonly string[],
  iss: string | undefined,
  offline: boolean,
): Promise<Anchor> {
  if (flags.keys !== undefined) {
    const registry = iss === undefined ? undefined : registries.find((r) => sameRegistry(r, iss));
    return {
      keys: await readKeys(flags.keys),
      keysFrom: flags.keys,
      trusted: true,
      ...(registry === undefined ? {} : { registry }),
    };
  }
  const registry = iss === undefined ? undefined : registries.find((r) => sameRegistry(r, iss));
  if (registry !== undefined) {
    const keysFrom = `${registry}${KEYS_PATH}`;
    return { keys: await readKeys(keysFrom), keysFrom, registry, trusted: true };
  }
  if (iss === undefined || offline || !/^https?:\/\//i.test(iss))
    return { trusted: false, problem: offline ? 'offline' : 'no issuer to fetch keys from' };
  const keysFrom = `${registryUrl(iss)}${KEYS_PATH}`;
  try {
    return { keys: await readKeys(keysFrom), keysFrom, trusted: false };
  } catch (error) {
    return { trusted: false, keysFrom, problem: (error as Error).message };
  }
}

interface StatusChoice {
  list?: StatusListInput;
  from?: string;
  why?: string;
}

/**
 * The label's status list: the one given with --status, else fetched from the URI the label names when that is
 * on the issuing registry's host (the list is verified with the trusted keys and must name the same URI).
 * A list elsewhere, or one that cannot be fetched, is never silently skipped: it says why for the report.
 */
async function statusListFor(
  flags: VerifyFlags,
  anchor: Anchor,
  claimed: { iss?: string; statusListUri?: string },
): Promise<StatusChoice> {
  if (flags.status !== undefined)
    return { list: { token: (await readText(flags.status, '--status')).trim() }, from: flags.status };
  const uri = claimed.statusListUri;
  if (uri === undefined) return {};
  if (flags.offline) return { why: `the check ran offline, so the status list ${uri} was not fetched` };
  const home = anchor.registry ?? claimed.iss;
  if (home === undefined || originOf(uri) !== originOf(home))
    return { why: `the label's status list ${uri} is not on the issuing registry's host (${home ?? 'unknown'})` };
  try {
    return { list: { token: (await readText(uri, 'the status list')).trim() }, from: uri };
  } catch (error) {
    return { why: `the status list ${uri} could not be fetched (${(error as Error).message})`, from: uri };
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function refusedReport(at: string, error: IotlabelError): LabelReport {
  return {
    genuine: false,
    at,
    label: null,
    checks: [{ step: 'parse', outcome: 'fail', code: error.code, message: capital(error.message) }],
  };
}

function untrustedReport(at: string, iss: string | undefined, problem: string | undefined): LabelReport {
  const who = iss === undefined ? 'a registry it does not name' : iss;
  const why = problem === undefined ? '' : ` (the signature was not checked: ${problem})`;
  return {
    genuine: false,
    at,
    label: null,
    checks: [
      {
        step: 'trust',
        outcome: 'fail',
        code: 'ISSUER_NOT_TRUSTED',
        message: `The label claims to come from ${who}, which you have not said you trust${why}`,
      },
    ],
  };
}

/** What to do next, for the failures a verifier can resolve by saying what it trusts or accepts. */
function hints(report: LabelReport): string[] {
  const failed = report.checks.find((c) => c.outcome === 'fail');
  if (failed?.code === 'ISSUER_NOT_TRUSTED')
    return [
      `To trust a registry: --trust <its URL> (repeatable), ${TRUST_VARIABLES.registries}=<URL>, or a trust file (--trust-file).`,
    ];
  if (failed?.code === 'REVOCATION_NOT_CHECKED')
    return ['Fetch the status list, give it with --status, or accept the label unchecked with --offline.'];
  return [];
}

function capital(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

async function readKeys(from: string): Promise<LabelJwks> {
  const text = await readText(from, '--keys');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IotlabelError('KEY_INVALID', `${from}: the key set is not JSON`);
  }
  try {
    return parseJwks(json);
  } catch (error) {
    throw new IotlabelError('KEY_INVALID', `${from}: ${(error as Error).message}`);
  }
}

async function readText(from: string, what: string): Promise<string> {
  return readInput(from, {
    maxBytes: MAX_INPUT_BYTES,
    what,
    timeoutMs: FETCH_TIMEOUT_MS,
    accept: 'application/json, application/statuslist+jwt, text/plain',
  });
}
