// `iotlabel verify TOKEN|URL|FILE [--keys FILE|URL] [--status FILE|URL] [--at DATE] [--json]`
// Checks a label token and explains each check. Offline with saved key and status list files; given only a
// label URL, it fetches the keys (and the label's status list) from that URL's own origin.
import { decodeBase64Url } from '../../encoding/base64.js';
import { existsSync, statSync } from 'node:fs';
import { IotlabelError } from '../../errors.js';
import { parseGtinDigitalLink } from '../../gs1/digital-link.js';
import { checkLabel } from '../../labels/check-label.js';
import type { LabelCheck } from '../../labels/checks.js';
import { isCalendarDate, todayUtc } from '../../calendar.js';
import { parseJwks, type LabelJwks } from '../../labels/jwks.js';
import type { StatusListInput } from '../../labels/verify-steps.js';
import type { RegisterCommand } from '../command.js';
import { readInput } from '../read-input.js';

const FETCH_TIMEOUT_MS = 10_000;
const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MARK: Record<LabelCheck['outcome'], string> = { pass: 'ok  ', fail: 'FAIL', info: 'note', 'not-checked': 'skip' };

interface VerifyFlags {
  keys?: string;
  status?: string;
  at?: string;
  json?: boolean;
}

export const registerVerify: RegisterCommand = (program, ctx) => {
  program
    .command('verify')
    .description(
      'verify a label token, label URL or file holding one; explains each check (exit 0 genuine, 1 a check failed)',
    )
    .argument(
      '<token|url|file>',
      'a label token, the URL in the QR code (https://HOST/01/<GTIN>#<token>), or a file holding either',
    )
    .option(
      '--keys <file|url>',
      "the registry's key set (JWKS); defaults to <origin>/.well-known/iotlabel/keys for a label URL",
    )
    .option('--status <file|url>', 'a status list token (statuslist+jwt) to check revocation against')
    .option('--at <YYYY-MM-DD>', 'the day to check the support period against (default: today, UTC)')
    .option('--json', 'print the report as JSON')
    .action(async (input: string, flags: VerifyFlags) => {
      const at = flags.at ?? todayUtc();
      if (!isCalendarDate(at)) throw new IotlabelError('USAGE', `--at must be a date YYYY-MM-DD, not "${at}"`);
      const target = await resolveInput(input);
      let keysFrom = flags.keys;
      if (keysFrom === undefined) {
        if (target.origin === undefined)
          throw new IotlabelError('USAGE', '--keys FILE|URL is needed to verify a token that is not a label URL');
        keysFrom = `${target.origin}/.well-known/iotlabel/keys`;
      }
      const keys = await readKeys(keysFrom);
      let statusFrom = flags.status;
      // Online only when the keys came from the label's own origin; a status list elsewhere is not fetched.
      if (statusFrom === undefined && flags.keys === undefined)
        statusFrom = sameOriginStatusUri(target.token, target.origin!);
      const statusList: StatusListInput | undefined =
        statusFrom === undefined ? undefined : { token: (await readText(statusFrom, '--status')).trim() };
      const report = checkLabel(target.token, {
        keys,
        at,
        statusList,
        ...(target.gtin === undefined ? {} : { gtin: target.gtin }),
      });
      if (flags.json) {
        ctx.io.out(
          `${JSON.stringify({ ...report, sources: { keys: keysFrom, status: statusFrom ?? null } }, null, 2)}\n`,
        );
      } else {
        const id = report.label?.labelId ?? 'token';
        ctx.io.out(`Label ${id}: ${report.genuine ? 'GENUINE' : 'NOT VALID'} (checked ${at}; keys from ${keysFrom})\n`);
        for (const check of report.checks)
          ctx.io.out(
            `  ${MARK[check.outcome]} ${check.step.padEnd(9)} ${check.message}${check.code ? ` [${check.code}]` : ''}\n`,
          );
      }
      ctx.setExit(report.genuine ? 0 : 1);
    });
};

interface Target {
  token: string;
  origin?: string;
  gtin?: string;
}

async function resolveInput(input: string, depth = 0): Promise<Target> {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    const hash = text.indexOf('#');
    if (hash === -1 || hash === text.length - 1)
      throw new IotlabelError('INPUT_INVALID', `${text}: the URL carries no label token after "#"`);
    const origin = new URL(text).origin;
    // A GS1 Digital Link names the GTIN the label must be for; another URL just carries the token.
    try {
      const link = parseGtinDigitalLink(text);
      return { token: text.slice(hash + 1), origin, gtin: link.gtin };
    } catch {
      return { token: text.slice(hash + 1), origin };
    }
  }
  if (depth === 0 && existsSync(text) && statSync(text).isFile())
    return resolveInput(await readText(text, 'the label file'), 1);
  // Neither a URL, a file nor shaped like a token (three base64url parts): most likely a mistyped file name.
  if (depth === 0 && !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text))
    throw new IotlabelError('INPUT_UNREADABLE', `no such file: ${text} (and it is not a label token or URL)`);
  return { token: text };
}

function sameOriginStatusUri(token: string, origin: string): string | undefined {
  try {
    // Read before verification only to decide what to fetch: the list itself is signed and must name
    // the same URI as the verified token, so a forged claim cannot make a bad list pass.
    const payload = JSON.parse(
      new TextDecoder().decode(decodeBase64Url(token.split('.')[1] ?? '') ?? new Uint8Array()),
    ) as {
      status?: { status_list?: { uri?: unknown } };
    };
    const uri = payload.status?.status_list?.uri;
    return typeof uri === 'string' && new URL(uri).origin === origin ? uri : undefined;
  } catch {
    return undefined;
  }
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
