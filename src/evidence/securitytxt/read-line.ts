// Reads one physical line of a security.txt (RFC 9116 §2.2, §4): comment, blank, field or error.
import type { Diagnostics } from './diagnostics.js';
import { parseLanguageList } from './language-tag.js';
import { oneYearAfter, readExpires } from './expires.js';
import type { SecurityTxtField, SecurityTxtLine } from './types.js';
import { uriProblem } from './uri.js';

export const REGISTERED_FIELDS = new Set([
  'acknowledgments',
  'canonical',
  'contact',
  'encryption',
  'hiring',
  'policy',
  'csaf',
  'preferred-languages',
  'expires',
]);
// RFC 5322 field-name: printable ASCII except the colon. A name that only adds other letters or digits to that is
// read (as an unknown field) with a warning, as internet.nl reads it; spaces or controls in a name are not.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const WIDE_FIELD_NAME = /^(?:[\x21-\x39\x3b-\x7e]|[\p{L}\p{M}\p{N}])+$/u;

export interface LineContext {
  now: Date;
  recommendUnknownFields: boolean;
  maxFieldLength: number;
  diagnostics: Diagnostics;
  fields: SecurityTxtField[];
}

/** Classifies `text` (the line without its end-of-line and trailing blanks) and records what it finds. */
export function readLine(text: string, line: number, ctx: LineContext): SecurityTxtLine {
  if (text.startsWith('#')) return { type: 'comment', value: text };
  if (text === '') return { type: 'empty', value: '' };
  // RFC 9116 lines do not start with blanks. internet.nl reads an indented field as an unknown one whose
  // name starts with the blank, so it never counts as the field it names; so do we, with a warning.
  const unindented = text.replace(/^[ \t]+/, '');
  if (unindented !== text && !unindented.startsWith('#') && unindented.indexOf(':') > 0) {
    ctx.diagnostics.add('leading_whitespace', line);
    return readField(unindented, unindented.indexOf(':'), line, ctx, text.slice(0, text.length - unindented.length));
  }
  const colon = text.indexOf(':');
  if (colon < 0) {
    ctx.diagnostics.add('invalid_line', line);
    return { type: 'error', value: text };
  }
  return readField(text, colon, line, ctx);
}

/** `indent`: the blanks before an indented field's name, kept in the name it is recorded under. */
function readField(text: string, colon: number, line: number, ctx: LineContext, indent = ''): SecurityTxtLine {
  const d = ctx.diagnostics;
  let name = text.slice(0, colon);
  let value = text.slice(colon + 1);
  if (/[ \t]$/.test(name)) {
    d.add('prec_ws', line);
    name = name.replace(/[ \t]+$/, '');
  }
  if (value !== '' && value[0] !== ' ') d.add('no_space', line);
  value = value.replace(/^[ \t]+/, '');
  if (name === '') {
    d.add('empty_key', line);
    return { type: 'error', value: text };
  }
  if (!FIELD_NAME.test(name)) {
    if (!WIDE_FIELD_NAME.test(name)) {
      d.add('invalid_line', line, `field name "${name.slice(0, 60)}"`);
      return { type: 'error', value: text };
    }
    d.add('field_name_not_ascii', line, `field name "${name.slice(0, 60)}"`);
  }
  if (value === '') {
    d.add('empty_value', line, name);
    return { type: 'error', value: text };
  }
  name = indent + name;
  const key = name.toLowerCase();
  // Code points never outnumber UTF-16 units, so only long lines need counting.
  if (REGISTERED_FIELDS.has(key) && text.length > ctx.maxFieldLength && Array.from(text).length > ctx.maxFieldLength)
    d.add('field_too_long', line, name);
  checkValue(key, name, value, line, ctx);
  if (!REGISTERED_FIELDS.has(key) && ctx.recommendUnknownFields)
    d.add('unknown_field', line, `field "${name.slice(0, 60)}"`);
  ctx.fields.push({ name, value, line });
  return { type: 'field', value };
}

function checkValue(key: string, name: string, value: string, line: number, ctx: LineContext): void {
  const d = ctx.diagnostics;
  const uri = uriProblem(key, value);
  if (uri) d.add(uri, line, name);
  if (key === 'expires') {
    const read = readExpires(value);
    if (read?.spaced) d.add('expiry_space', line);
    const at = read?.at;
    if (!at) d.add('invalid_expiry', line);
    else if (at.getTime() > oneYearAfter(ctx.now).getTime()) d.add('long_expiry', line);
    else if (at.getTime() < ctx.now.getTime()) d.add('expired', line);
  } else if (key === 'preferred-languages' && !parseLanguageList(value)) {
    d.add('invalid_lang', line);
  }
}
