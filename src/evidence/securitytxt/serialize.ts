// serializeSecurityTxt: writes a security.txt from values (e.g. the one the registry suggests to a manufacturer).
// The output is read back with parseSecurityTxt and refused if it has any error or warning, so it is valid by construction.
import { SecurityTxtOptionsInvalid } from './errors.js';
import { parseSecurityTxt } from './parse.js';

export interface SerializeSecurityTxtOptions {
  /** Comment lines written first, without the "# ". */
  comments?: string[];
  contact: string | string[];
  /** An RFC 3339 date-time, or a Date (written in UTC without milliseconds). */
  expires: string | Date;
  acknowledgments?: string | string[];
  canonical?: string | string[];
  csaf?: string | string[];
  encryption?: string | string[];
  hiring?: string | string[];
  policy?: string | string[];
  preferredLanguages?: string | string[];
}

// Contact and Expires first, then the other fields in a fixed order.
const FIELDS = [
  ['acknowledgments', 'Acknowledgments'],
  ['canonical', 'Canonical'],
  ['csaf', 'CSAF'],
  ['encryption', 'Encryption'],
  ['hiring', 'Hiring'],
  ['policy', 'Policy'],
] as const;

function list(value: unknown, name: string): string[] {
  const values = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
    throw new SecurityTxtOptionsInvalid(`${name} must be a string or a non-empty list of strings`);
  }
  // A line break inside a value would smuggle in another field.
  if (values.some((v: string) => /[\r\n]/.test(v)))
    throw new SecurityTxtOptionsInvalid(`${name} must not contain line breaks`);
  return values as string[];
}

export function serializeSecurityTxt(options: SerializeSecurityTxtOptions, context: { now: Date }): string {
  const lines: string[] = [];
  if (options.comments !== undefined) lines.push(...list(options.comments, 'comments').map((c) => `# ${c}`));
  lines.push(...list(options.contact, 'Contact').map((v) => `Contact: ${v}`));
  const expires =
    options.expires instanceof Date ? options.expires.toISOString().replace(/\.000Z$/, 'Z') : options.expires;
  lines.push(`Expires: ${list(expires, 'Expires')[0]}`);
  for (const [key, name] of FIELDS) {
    if (options[key] !== undefined) lines.push(...list(options[key], name).map((v) => `${name}: ${v}`));
  }
  if (options.preferredLanguages !== undefined) {
    lines.push(`Preferred-Languages: ${list(options.preferredLanguages, 'Preferred-Languages').join(', ')}`);
  }
  const text = `${lines.join('\n')}\n`;
  const check = parseSecurityTxt(text, { now: context.now });
  // A file we write is held to the RFC, warnings included, not only to what internet.nl checks.
  const findings = [...check.errors, ...check.warnings];
  if (findings.length > 0) {
    const problems = findings.map((e) => `${e.line === null ? '' : `line ${e.line}: `}${e.code}`).join('; ');
    throw new SecurityTxtOptionsInvalid(`the values would not make a valid security.txt: ${problems}`);
  }
  return text;
}
