// Known-default corpus: the built-in list plus any files given with --corpus. Accepted formats: lines of
// `username:password` or a bare password (# comments), a CSV with a Password column (SecLists style,
// `<BLANK>` = empty), or a JSON array of {username, password} objects.
import { sha256Hex } from '../../encoding/sha256.js';
import { parse } from 'csv-parse/sync';
import { PasswordCorpusInvalid } from './errors.js';
import { KNOWN_DEFAULTS } from './known-defaults.js';

const MAX_CORPUS_ENTRY = 128;

export class KnownDefaultCorpus {
  private readonly lower = new Set<string>();
  private readonly digests = new Set<string>();
  readonly sources: { name: string; entries: number }[] = [];

  /** Adds passwords from one source; prose cells ("(serial number)") and over-long values are skipped. */
  addAll(name: string, passwords: Iterable<string>): this {
    let entries = 0;
    for (const password of passwords) {
      if (password.length > MAX_CORPUS_ENTRY || /^\(.*\)$/.test(password)) continue;
      const lower = password.toLowerCase();
      if (!this.lower.has(lower)) entries++;
      this.lower.add(lower);
      const capitalised = password.charAt(0).toUpperCase() + password.slice(1).toLowerCase();
      for (const form of [password, lower, password.toUpperCase(), capitalised]) this.digests.add(sha256Hex(form));
    }
    this.sources.push({ name, entries });
    return this;
  }

  /** Case-insensitive. */
  has(password: string): boolean {
    return this.lower.has(password.toLowerCase());
  }

  /** For fingerprint-only rows: the exact, lower, upper and capitalised spellings are recognised. */
  hasSha256(hex: string): boolean {
    return this.digests.has(hex);
  }

  get size(): number {
    return this.lower.size;
  }
}

export function builtInCorpus(): KnownDefaultCorpus {
  return new KnownDefaultCorpus().addAll('iotlabel built-in', parseCorpus(KNOWN_DEFAULTS, 'built-in'));
}

/** The passwords of a corpus file. Throws PasswordCorpusInvalid when the text is none of the formats. */
export function parseCorpus(text: string, name: string): string[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) return fromJson(trimmed, name);
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
  if (/(^|,)\s*"?password"?\s*(,|$)/i.test(firstLine)) return fromCsv(trimmed, name);
  const out: string[] = [];
  for (const raw of trimmed.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    out.push(colon >= 0 ? line.slice(colon + 1) : line);
  }
  if (out.length === 0) throw new PasswordCorpusInvalid(`${name}: no credentials found`);
  return out;
}

function fromJson(text: string, name: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PasswordCorpusInvalid(`${name}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new PasswordCorpusInvalid(`${name}: expected a JSON array of {username, password}`);
  return value.map((entry, i) => {
    const password = typeof entry === 'string' ? entry : (entry as { password?: unknown } | null)?.password;
    if (typeof password !== 'string') throw new PasswordCorpusInvalid(`${name}: [${i}].password is not a string`);
    return password;
  });
}

function fromCsv(text: string, name: string): string[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new PasswordCorpusInvalid(`${name}: not valid CSV (${(error as Error).message})`);
  }
  return rows
    .map((row) => row['password'])
    .filter((p): p is string => p !== undefined && p !== '<N/A>')
    .map((p) => (p === '<BLANK>' ? '' : p));
}
