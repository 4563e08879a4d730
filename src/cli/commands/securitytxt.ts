// `iotlabel securitytxt FILE|URL [--json] [--key PUBKEY_FILE] [--at DATE]`: validates a security.txt file, or
// fetches a site's (a domain or an https URL) per RFC 9116 §3. Exit 0 valid, 1 invalid, 2 bad usage/input.
import { isCalendarDate } from '../../calendar.js';
import { open, stat } from 'node:fs/promises';
import { IotlabelError } from '../../errors.js';
import { DEFAULT_LIMITS, parseSecurityTxt } from '../../evidence/securitytxt/parse.js';
import type { SecurityTxtDiagnostic, SecurityTxtResult } from '../../evidence/securitytxt/types.js';
import {
  verifySecurityTxtSignature,
  withSignatureVerification,
  type SignatureVerification,
} from '../../evidence/securitytxt/verify-signature.js';
import { fetchSecurityTxt } from '../../net/fetch-security-txt.js';
import type { RegisterCommand } from '../command.js';
import { readInputFile } from '../read-input.js';

const MAX_KEY_BYTES = 1_048_576;

interface Report extends SecurityTxtResult {
  source: { kind: 'file' | 'url'; location: string; url: string | null; chain: string[] };
  signature?: SignatureVerification;
}

export const registerSecuritytxt: RegisterCommand = (program, ctx) => {
  program
    .command('securitytxt')
    .description('validate a security.txt (RFC 9116) from a file, a domain or an https URL')
    .argument('<target>', 'a file, a domain (example.com) or an https URL')
    .option('--json', 'print the result as JSON')
    .option('--key <file>', 'an armoured OpenPGP public key to verify the signature with')
    .option('--at <date>', 'judge Expires at this date (YYYY-MM-DD or an ISO date-time) instead of now')
    .action(async (target: string, opts: { json?: boolean; key?: string; at?: string }) => {
      const now = parseAt(opts.at);
      const key = opts.key === undefined ? undefined : await readKey(opts.key);
      const checked = await check(target, now);
      const body = checked.body;
      let report = checked.report;
      if (key !== undefined) {
        const signature: SignatureVerification =
          body !== null
            ? await verifySecurityTxtSignature(body, key, { now })
            : { verified: false, keyIds: [], reason: 'no security.txt was read' };
        report = { ...withSignatureVerification(report, signature), source: report.source, signature };
      }
      ctx.io.out(opts.json ? `${JSON.stringify(report, null, 2)}\n` : readable(report));
      ctx.setExit(report.valid ? 0 : 1);
    });
};

function parseAt(at: string | undefined): Date {
  if (at === undefined) return new Date();
  const date = new Date(isCalendarDate(at) ? `${at}T00:00:00Z` : at);
  if (Number.isNaN(date.getTime())) throw new IotlabelError('USAGE', `--at: not a date: ${at}`);
  return date;
}

async function readKey(path: string): Promise<string> {
  return readInputFile(path, { maxBytes: MAX_KEY_BYTES, what: '--key' });
}

async function check(target: string, now: Date): Promise<{ report: Report; body: Uint8Array | null }> {
  const isUrl = /^https?:\/\//i.test(target);
  const info = isUrl ? null : await stat(target).catch(() => null);
  if (info?.isFile()) {
    const body = await readHead(target, DEFAULT_LIMITS.maxBytes + 1);
    const result = parseSecurityTxt(body, { now });
    return { report: { ...result, source: { kind: 'file', location: target, url: null, chain: [] } }, body };
  }
  // A missing "something.txt" is a mistyped file name, not a domain (there is no .txt top-level domain).
  if (!isUrl && (!/^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?$/i.test(target) || /\.txt$/i.test(target))) {
    throw new IotlabelError('INPUT_UNREADABLE', `${target}: no such file, and not a domain or https URL`);
  }
  const fetched = await fetchSecurityTxt(target, { now });
  const source = { kind: 'url' as const, location: target, url: fetched.url, chain: fetched.chain };
  return { report: { ...fetched.result, source }, body: fetched.body };
}

/** At most `limit` bytes: enough for the validator to see that a file is too large without reading all of it. */
async function readHead(path: string, limit: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = new Uint8Array(limit);
    const { bytesRead } = await handle.read(buffer, 0, limit, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new IotlabelError('INPUT_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    await handle?.close();
  }
}

function readable(report: Report): string {
  const out: string[] = [];
  out.push(`security.txt: ${report.source.url ?? report.source.location}`);
  out.push(`valid: ${report.valid ? 'yes' : 'no'}${report.expired ? ' (expired)' : ''}`);
  const verdict = report.signature
    ? report.signature.verified
      ? ', signature verified'
      : ', signature NOT verified'
    : '';
  out.push(`signed: ${report.signed ? 'yes' : 'no'}${verdict}`);
  if (report.expires !== null) out.push(`expires: ${report.expires}`);
  for (const contact of report.contacts) out.push(`contact: ${contact}`);
  const section = (title: string, list: SecurityTxtDiagnostic[]) => {
    if (list.length === 0) return;
    out.push(`${title}:`);
    for (const d of list) {
      // A warning says what internet.nl makes of the same line, so the two tools' answers can be told apart.
      const other = d.internetNl === undefined ? '' : ` (internet.nl: ${d.internetNl ?? 'no finding'})`;
      out.push(`  ${d.line === null ? 'file' : `line ${d.line}`}: ${d.code}: ${d.message}${other}`);
    }
  };
  section('errors', report.errors);
  section('warnings', report.warnings);
  section('recommendations', report.recommendations);
  section('notices', report.notifications);
  return `${out.join('\n')}\n`;
}
