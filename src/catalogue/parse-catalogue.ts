// One entry point for every catalogue format, chosen from a content type or a file name.
import type { TextSource } from './decode-text.js';
import { parseCsvCatalogue } from './parse-csv.js';
import { parseJsonArrayCatalogue } from './parse-json-array.js';
import { parseNdjsonCatalogue } from './parse-ndjson.js';
import type { RowStream } from './row-stream.js';
import { DEFAULT_LIMITS, type CatalogueFormat, type CatalogueLimits, type CatalogueRow } from './types.js';

export const CATALOGUE_CONTENT_TYPES: Record<CatalogueFormat, string> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
};

/** Streams the rows of a catalogue in input order. Unreadable rows come back with a `problem`, never dropped. */
export function parseCatalogue(
  input: TextSource,
  format: CatalogueFormat,
  limits: Partial<CatalogueLimits> = {},
): RowStream<CatalogueRow> {
  const all = { ...DEFAULT_LIMITS, ...limits };
  if (format === 'csv') return parseCsvCatalogue(input, all);
  if (format === 'ndjson') return parseNdjsonCatalogue(input, all);
  return parseJsonArrayCatalogue(input, all);
}

/** The format a content type names (parameters such as charset ignored), or undefined. */
export function formatForContentType(contentType: string): CatalogueFormat | undefined {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** The format a file name suggests, or undefined. */
export function formatForFileName(name: string): CatalogueFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** Guesses the format from the first non-blank character of the file: '[' JSON, '{' NDJSON, else CSV. */
export function sniffFormat(start: string): CatalogueFormat {
  const first = start.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' ? 'json' : first === '{' ? 'ndjson' : 'csv';
}
