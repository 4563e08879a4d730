// parseSecurityTxt: RFC 9116 parsing and validation with internet.nl (sectxt) codes and 1-based line numbers.
// Pure: the clock and the fetch addresses come in through the options; it never throws on any input.
import { Diagnostics } from './diagnostics.js';
import { findEnvelope, type Envelope } from './envelope.js';
import { readExpires } from './expires.js';
import { parseLanguageList } from './language-tag.js';
import { readLine, type LineContext } from './read-line.js';
import { decodeText, utf8Length } from './text.js';
import type {
  ParseSecurityTxtOptions,
  RetrievalFinding,
  SecurityTxtField,
  SecurityTxtLimits,
  SecurityTxtLine,
  SecurityTxtResult,
} from './types.js';

export const DEFAULT_LIMITS: SecurityTxtLimits = { maxBytes: 32_768, maxLines: 1_000, maxFieldLength: 2_048 };

export function parseSecurityTxt(input: string | Uint8Array, options: ParseSecurityTxtOptions): SecurityTxtResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const d = new Diagnostics();
  for (const finding of options.retrieval ?? []) d.add(finding.code, null, finding.detail);
  const size = typeof input === 'string' ? utf8Length(input) : input.length;
  if (size > limits.maxBytes) {
    d.add('file_too_large', null, `${size} bytes, limit ${limits.maxBytes}`);
    return assemble([], [], d, false, options.now);
  }
  const decoded = decodeText(input);
  if (decoded.bom) d.add('bom_in_file', 1);
  if (!decoded.utf8) d.add('utf8', null);

  const segments = decoded.text.split('\n');
  const texts = segments.map((s) => (s.endsWith('\r') ? s.slice(0, -1) : s).replace(/[ \t]+$/, ''));
  const scan = findEnvelope(texts);
  const envelope = scan.kind === 'signed' ? scan.envelope : null;
  const fields: SecurityTxtField[] = [];
  const ctx: LineContext = {
    now: options.now,
    recommendUnknownFields: options.recommendUnknownFields ?? true,
    maxFieldLength: limits.maxFieldLength,
    diagnostics: d,
    fields,
  };
  const lines: SecurityTxtLine[] = segments.map((segment, i) => {
    const line = i + 1;
    // A CR not followed by LF ends nothing: RFC 9116 lines end in CRLF or LF (internet.nl splits on LF alone).
    if ((segment.endsWith('\r') ? segment.slice(0, -1) : segment).includes('\r')) d.add('bare_cr', line);
    if (scan.kind === 'broken' && i === scan.header) d.add('pgp_data_error', line, 'incomplete cleartext envelope');
    return envelope ? readSignedLine(texts[i]!, i, envelope, ctx) : readLine(texts[i]!, line, ctx);
  });

  fileChecks(segments, texts, fields, envelope, d, options);
  const physical = decoded.text === '' ? 0 : decoded.text.endsWith('\n') ? segments.length - 1 : segments.length;
  if (physical > limits.maxLines) d.add('too_many_lines', null, `${physical} lines, limit ${limits.maxLines}`);
  return assemble(fields, lines, d, envelope !== null, options.now);
}

/** The result when no content could be read: only the retrieval findings (e.g. no_security_txt, file_too_large). */
export function unreadSecurityTxt(findings: readonly RetrievalFinding[], now: Date): SecurityTxtResult {
  const d = new Diagnostics();
  for (const finding of findings) d.add(finding.code, null, finding.detail);
  return assemble([], [], d, false, now);
}

function readSignedLine(text: string, i: number, env: Envelope, ctx: LineContext): SecurityTxtLine {
  const line = i + 1;
  const d = ctx.diagnostics;
  if (i === env.header) {
    if (i !== 0) d.add('signed_format_issue', line);
    return { type: 'pgp_envelope', value: text };
  }
  if (i > env.header && i < env.body) return { type: 'pgp_envelope', value: text };
  if (i === env.signatureBegin && env.armourProblem) d.add(env.armourProblem, line);
  if (i >= env.signatureBegin && i <= env.signatureEnd) return { type: 'pgp_envelope', value: text };
  if (i > env.signatureEnd) {
    if (text === '') return { type: 'empty', value: '' };
    d.add('data_after_sig', line);
    return { type: 'error', value: text };
  }
  // Inside the signed text, a leading "- " is dash-escaping (RFC 4880 §7.1), not content.
  return readLine(i >= env.body && text.startsWith('- ') ? text.slice(2) : text, line, ctx);
}

function named(fields: readonly SecurityTxtField[], name: string): SecurityTxtField[] {
  return fields.filter((f) => f.name.toLowerCase() === name);
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** Whole-file findings, after the per-line ones and in sectxt's order. */
function fileChecks(
  segments: readonly string[],
  texts: readonly string[],
  fields: readonly SecurityTxtField[],
  envelope: Envelope | null,
  d: Diagnostics,
  options: ParseSecurityTxtOptions,
): void {
  const expires = named(fields, 'expires');
  if (expires.length === 0) d.add('no_expire', null);
  else if (expires.length > 1) d.add('multi_expire', expires[1]!.line);
  const canonical = named(fields, 'canonical');
  const urls = options.urls ?? [];
  if (urls.length > 0 && canonical.length > 0 && !canonical.some((c) => urls.some((u) => sameUrl(c.value, u)))) {
    d.add('no_canonical_match', canonical[0]!.line, urls.join(' -> '));
  }
  if (segments[segments.length - 1] !== '') d.add('no_line_separators', segments.length);
  if (envelope && segments.length >= 2 && texts[segments.length - 1] === '' && texts[segments.length - 2] === '') {
    d.add('too_many_line_separators', segments.length);
  }
  const csaf = named(fields, 'csaf');
  const notProviderMetadata = csaf.find((f) => !f.value.endsWith('provider-metadata.json'));
  if (notProviderMetadata) d.add('no_csaf_file', notProviderMetadata.line);
  if (csaf.length > 1) d.add('multiple_csaf_fields', csaf[1]!.line);
  const contact = named(fields, 'contact');
  if (contact.length === 0) d.add('no_contact', null);
  else if (contact.some((f) => /^mailto:/i.test(f.value)) && named(fields, 'encryption').length === 0)
    d.add('no_encryption', null);
  const languages = named(fields, 'preferred-languages');
  if (languages.length > 1) d.add('multi_lang', languages[1]!.line);
  if (!envelope) d.add('not_signed', null);
  else if (canonical.length === 0) d.add('no_canonical', null);
}

function assemble(
  fields: SecurityTxtField[],
  lines: SecurityTxtLine[],
  d: Diagnostics,
  signed: boolean,
  now: Date,
): SecurityTxtResult {
  const values = (name: string) => named(fields, name).map((f) => f.value);
  const expires = values('expires');
  const expiresAt = expires.map((v) => readExpires(v)?.at ?? null).find((at) => at !== null) ?? null;
  const languages = values('preferred-languages');
  return {
    valid: d.errors.length === 0,
    expired: expiresAt !== null && expiresAt.getTime() < now.getTime(),
    signed,
    contacts: values('contact'),
    expires: expires[0] ?? null,
    expiresAt: expiresAt ? expiresAt.toISOString() : null,
    encryption: values('encryption'),
    acknowledgments: values('acknowledgments'),
    preferredLanguages: languages.length > 0 ? (parseLanguageList(languages[0]!) ?? []) : [],
    canonical: values('canonical'),
    policy: values('policy'),
    hiring: values('hiring'),
    csaf: values('csaf'),
    fields,
    lines,
    errors: d.errors,
    warnings: d.warnings,
    recommendations: d.recommendations,
    notifications: d.notifications,
  };
}
