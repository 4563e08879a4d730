// Reads the catalogue fields out of one parsed JSON row (an NDJSON line or a JSON array element).
import { fieldForName, type CatalogueField } from './columns.js';
import type { RawValues } from './read-row.js';

const memo = new Map<string, CatalogueField | null>();

/** Parses `text` as one JSON object; null when it is not JSON or not an object. */
export function parseJsonRow(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function jsonRowValues(object: Record<string, unknown>): RawValues {
  const raw: RawValues = {};
  for (const key in object) {
    let field = memo.get(key);
    if (field === undefined) {
      field = fieldForName(key) ?? null;
      if (memo.size < 1000) memo.set(key, field);
    }
    if (field !== null && raw[field] === undefined) raw[field] = asText(object[key]);
  }
  return raw;
}

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  // A GTIN written as a JSON number keeps its digits (leading zeros are restored when padding to 14).
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : JSON.stringify(value);
  return JSON.stringify(value);
}
