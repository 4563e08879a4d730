// What the evidence page's two forms send, checked at the edge and turned into the evidence use case's
// input, or into error messages for a GOV.UK error summary. The registry checks the documents themselves
// (EVIDENCE_INVALID); here are only what a file upload adds: no file, an empty or oversize file, a file
// that is not text or not JSON, and the mistake of uploading the device passwords instead of their analysis.
// Error messages never quote the file: it might hold passwords.
import type { EvidenceInput } from '../../../registry/evidence/evidence.js';
import { MAX_SECURITY_TXT_BYTES } from '../../../registry/evidence/evidence.js';
import type { FieldProblem } from '../../../registry/index.js';
import type { UploadForm } from '../../upload-form.js';

export const PASSWORDS_FIELD = 'analysis';
export const SECURITY_TXT_FIELD = 'securityTxt';
export const SECURITY_TXT_FILE_FIELD = 'securityTxtFile';
/** The same as the API's body limit for evidence. */
export const MAX_ANALYSIS_BYTES = 512 * 1024;

export interface PageError {
  text: string;
  href: string;
}

export type Checked = { input: EvidenceInput } | { errors: PageError[] };

const SCHEMA_VERSION = 'iotlabel.password-evidence/v1';
const NOT_AN_ANALYSIS =
  'The selected file must be a password analysis: the JSON file that iotlabel passwords --json writes';
const PASSWORDS_NOT_WANTED =
  'The selected file looks like a list of device passwords. Do not upload passwords: run iotlabel passwords --json on your own computer and upload the analysis it writes';
/** A header row naming a password column (CSV or NDJSON batch), or a JSON batch document's `devices`. */
const PASSWORD_HEADER = /pass(word|wd)?|psk|credential/i;

function textOf(bytes: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

export function checkPasswordUpload(form: UploadForm): Checked {
  const error = (text: string): Checked => ({ errors: [{ text, href: `#${PASSWORDS_FIELD}` }] });
  const file = form.file?.field === PASSWORDS_FIELD ? form.file : null;
  if (file === null || file.name === '') return error('Select the password analysis file');
  if (file.tooLarge) return error(`The selected file must be smaller than ${MAX_ANALYSIS_BYTES / 1024} KB`);
  if (file.bytes.length === 0) return error('The selected file is empty');
  const text = textOf(file.bytes);
  if (text === null) return error(NOT_AN_ANALYSIS);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    return error(PASSWORD_HEADER.test(firstLine) ? PASSWORDS_NOT_WANTED : NOT_AN_ANALYSIS);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return error(NOT_AN_ANALYSIS);
  const doc = document as Record<string, unknown>;
  if (doc.schemaVersion !== SCHEMA_VERSION) return error('devices' in doc ? PASSWORDS_NOT_WANTED : NOT_AN_ANALYSIS);
  return { input: { kind: 'passwords', document } };
}

export function checkSecurityTxtUpload(form: UploadForm): Checked {
  const pasted = form.fields[SECURITY_TXT_FIELD] ?? '';
  const file = form.file?.field === SECURITY_TXT_FILE_FIELD && form.file.name !== '' ? form.file : null;
  const tooLarge = `The security.txt must be ${MAX_SECURITY_TXT_BYTES / 1024} KB or smaller`;
  if (form.truncated.has(SECURITY_TXT_FIELD)) return { errors: [{ text: tooLarge, href: `#${SECURITY_TXT_FIELD}` }] };
  if (file?.tooLarge) return { errors: [{ text: tooLarge, href: `#${SECURITY_TXT_FILE_FIELD}` }] };
  const hasPasted = pasted.trim() !== '';
  if (hasPasted && file !== null)
    return { errors: [{ text: 'Paste the security.txt or select a file, not both', href: `#${SECURITY_TXT_FIELD}` }] };
  if (file !== null) {
    if (file.bytes.length === 0)
      return { errors: [{ text: 'The selected file is empty', href: `#${SECURITY_TXT_FILE_FIELD}` }] };
    const text = textOf(file.bytes);
    if (text === null)
      return {
        errors: [
          {
            text: 'The selected file must be a text file (UTF-8), like the security.txt on your website',
            href: `#${SECURITY_TXT_FILE_FIELD}`,
          },
        ],
      };
    return { input: { kind: 'security-txt', text } };
  }
  if (!hasPasted)
    return { errors: [{ text: 'Paste the security.txt or select a file', href: `#${SECURITY_TXT_FIELD}` }] };
  // A text box is not a file: copying usually loses the final line break, which RFC 9116 requires.
  return { input: { kind: 'security-txt', text: /\r?\n$/.test(pasted) ? pasted : `${pasted}\r\n` } };
}

/** The registry's EVIDENCE_INVALID problems as page errors (at most 5; the paths point into the file). */
export function refusedDocument(problems: readonly FieldProblem[], kind: EvidenceInput['kind']): PageError[] {
  const href = kind === 'passwords' ? `#${PASSWORDS_FIELD}` : `#${SECURITY_TXT_FIELD}`;
  const shown = problems.slice(0, 5).map((p) => {
    const where = p.path.replace(/^\/(document|text)\/?/, '');
    if (kind === 'security-txt') return { text: `The security.txt ${p.message}`, href };
    return {
      text: `The password analysis is not one the registry accepts: ${where === '' ? 'the file' : where} ${p.message}`,
      href,
    };
  });
  if (problems.length > shown.length)
    shown.push({ text: `and ${problems.length - shown.length} more problems in the same file`, href });
  return shown;
}
