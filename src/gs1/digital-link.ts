// GS1 Digital Link URIs for a GTIN (AI 01), as the label's QR code carries them:
// https://HOST/01/<GTIN-14>[/22/<cpv>][/10/<lot>][/21/<serial>][#fragment]. We always emit 14-digit GTINs
// (GS1 DL 1.2 rejects shorter ones unless zero-suppressed GTINs are permitted). Key qualifiers follow the
// order the GS1 syntax dictionary fixes for AI 01: 22, then 10, then 21; each is 1-20 characters of GS1
// character set 82. Query-string attributes are not interpreted.
import { GtinInvalid } from './errors.js';
import { normalizeGtin } from './gtin.js';

export interface GtinQualifiers {
  /** Consumer product variant (AI 22). */
  cpv?: string;
  /** Batch or lot number (AI 10). */
  lot?: string;
  /** Serial number (AI 21). */
  serial?: string;
}

const QUALIFIERS = [
  ['22', 'cpv'],
  ['10', 'lot'],
  ['21', 'serial'],
] as const;

/** GS1 AI encodable character set 82. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;
/** Characters RFC 3986 allows anywhere in a URI (before percent-decoding). */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=]+)(?::[0-9]{0,5})?$/;

/** `https://example.org` + GTIN -> `https://example.org/01/05012345678900`. A trailing slash on the base is trimmed. */
export function gtinDigitalLink(
  base: string,
  gtin: string,
  fragment?: string,
  qualifiers: GtinQualifiers = {},
): string {
  const stem = base.replace(/\/+$/, '');
  let uri = `${stem}/01/${normalizeGtin(gtin)}`;
  for (const [ai, name] of QUALIFIERS) {
    const value = qualifiers[name];
    if (value === undefined) continue;
    if (!CSET82.test(value))
      throw new GtinInvalid(`AI (${ai}) value "${value}" must be 1 to 20 characters of GS1 character set 82`);
    uri += `/${ai}/${encodeURIComponent(value)}`;
  }
  return fragment === undefined ? uri : `${uri}#${fragment}`;
}

export interface ParsedGtinLink extends GtinQualifiers {
  /** Everything before `/01/`: scheme, host and any stem path. */
  stem: string;
  gtin: string;
  /** The fragment without '#', or undefined. */
  fragment?: string;
}

/** Parses a Digital Link URI whose primary key is a GTIN. Throws GtinInvalid naming what is wrong. */
export function parseGtinDigitalLink(uri: string): ParsedGtinLink {
  const hashAt = uri.indexOf('#');
  const fragment = hashAt === -1 ? undefined : uri.slice(hashAt + 1);
  const link = hashAt === -1 ? uri : uri.slice(0, hashAt);
  const bad = (why: string) => new GtinInvalid(`"${link}" is not a GS1 Digital Link URI with a GTIN: ${why}`);
  if (!URI_CHARS.test(link)) throw bad('it contains a character a URI may not hold');
  // GS1 accepts the scheme in all-lower or all-upper case only.
  const scheme = /^(http|https|HTTP|HTTPS):\/\//.exec(link);
  if (!scheme) throw bad('it must start with http:// or https://');
  const rest = link.slice(scheme[0].length);
  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const slash = beforeQuery.indexOf('/');
  const authority = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  if (!HOST.test(authority)) throw bad('the host is not valid');
  const segments = slash === -1 ? [] : beforeQuery.slice(slash + 1).split('/');
  // The GTIN key is the rightmost "01" segment whose tail parses; anything before it is the stem path.
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] !== '01') continue;
    const tail = readTail(segments.slice(i + 1));
    if (typeof tail === 'string') throw bad(tail);
    const stem = `${scheme[0]}${authority}${i === 0 ? '' : `/${segments.slice(0, i).join('/')}`}`;
    const result: ParsedGtinLink = { stem, ...tail };
    if (fragment !== undefined) result.fragment = fragment;
    return result;
  }
  throw bad('the path has no /01/<GTIN-14>');
}

/** The GTIN and qualifiers from the path after "01", or why they are wrong. */
function readTail(tail: string[]): (GtinQualifiers & { gtin: string }) | string {
  const gtin = tail[0]!;
  if (!/^[0-9]{14}$/.test(gtin)) return `the GTIN "${gtin}" must be 14 digits`;
  const result: GtinQualifiers & { gtin: string } = { gtin: normalizeGtin(gtin) };
  let next = 0;
  for (let k = 1; k < tail.length; k += 2) {
    const ai = tail[k]!;
    const order = QUALIFIERS.findIndex(([code]) => code === ai);
    if (order < next)
      return order === -1
        ? `"${ai}" is not a key qualifier of a GTIN (22, 10, 21)`
        : `key qualifier ${ai} is out of order (22, then 10, then 21)`;
    const value = decode(tail[k + 1]);
    if (value === null || !CSET82.test(value))
      return `the value of AI (${ai}) must be 1 to 20 characters of GS1 character set 82`;
    result[QUALIFIERS[order]![1]] = value;
    next = order + 1;
  }
  return result;
}

function decode(segment: string | undefined): string | null {
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
