// Parses outside input into a Declaration. Every problem is collected with its JSON pointer, and any
// failure at all ends as DeclarationInvalid: a hostile or broken document never escapes as a TypeError.
import { gtinProblem, normalizeGtin } from '../gs1/gtin.js';
import { getCatalog } from '../regimes/get-regime.js';
import type { Declaration } from './declaration.js';
import { declarationJsonSchema } from './declaration-schema.js';
import { DeclarationInvalid, type DeclarationProblem } from './errors.js';
import { isCalendarDate } from '../calendar.js';

const MAX_PROBLEMS = 50;

/** Checks `value` against iotlabel.declaration/v1 and returns it typed, with GTINs as 14 digits. */
export function parseDeclaration(value: unknown): Declaration {
  const problems: DeclarationProblem[] = [];
  let result: unknown;
  try {
    result = conform(declarationJsonSchema as unknown as Schema, value, '', problems);
    if (problems.length === 0) refine(result as Declaration, problems);
  } catch (error) {
    if (error instanceof DeclarationInvalid) throw error;
    problems.push({ path: '', message: 'could not be read as a declaration' });
  }
  if (problems.length > 0) throw new DeclarationInvalid(problems.slice(0, MAX_PROBLEMS));
  return result as Declaration;
}

// The subset of JSON Schema the declaration schema uses, interpreted directly so the published schema and
// the parser cannot drift apart.
interface Schema {
  type?: 'object' | 'string' | 'integer' | 'boolean' | 'array';
  const?: unknown;
  enum?: readonly unknown[];
  required?: readonly string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  maxProperties?: number;
  items?: Schema;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
  if?: { properties: Record<string, { const: unknown }> };
  then?: { required: readonly string[] };
}

const patterns = new Map<string, RegExp>();
const pointer = (base: string, key: string | number): string => {
  const k = String(key);
  return `${base}/${k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k}`;
};
const describe = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'object'
        ? 'an object'
        : typeof v === 'string'
          ? 'a string'
          : typeof v;

function fail(problems: DeclarationProblem[], path: string, message: string): undefined {
  problems.push({ path, message });
  return undefined;
}

function conform(schema: Schema, value: unknown, path: string, problems: DeclarationProblem[]): unknown {
  if (schema.const !== undefined)
    return value === schema.const ? value : fail(problems, path, `must be "${String(schema.const)}"`);
  if (schema.enum)
    return schema.enum.includes(value) ? value : fail(problems, path, `must be one of: ${schema.enum.join(', ')}`);
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(problems, path, `must be true or false, not ${describe(value)}`);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return fail(problems, path, `must be a whole number, not ${describe(value)}`);
      if (schema.minimum !== undefined && value < schema.minimum)
        return fail(problems, path, `must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum)
        return fail(problems, path, `must be at most ${schema.maximum}`);
      return value;
    case 'string': {
      if (typeof value !== 'string') return fail(problems, path, `must be a string, not ${describe(value)}`);
      if (schema.minLength !== undefined && value.length < schema.minLength)
        return fail(problems, path, 'must not be empty');
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        return fail(problems, path, `must be at most ${schema.maxLength} characters`);
      if (schema.pattern !== undefined) {
        let re = patterns.get(schema.pattern);
        if (!re) patterns.set(schema.pattern, (re = new RegExp(schema.pattern, 'u')));
        if (!re.test(value))
          return fail(
            problems,
            path,
            `must be ${schema.description?.replace(/^A /, 'a ') ?? `in the form ${schema.pattern}`}`,
          );
      }
      return value;
    }
    case 'array': {
      if (!Array.isArray(value)) return fail(problems, path, `must be an array, not ${describe(value)}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        return fail(problems, path, `must have at most ${schema.maxItems} entries`);
      return value.map((item, i) => conform(schema.items ?? {}, item, pointer(path, i), problems));
    }
    case 'object':
      return conformObject(schema, value, path, problems);
    default:
      return value;
  }
}

function conformObject(schema: Schema, value: unknown, path: string, problems: DeclarationProblem[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ path, message: `must be an object, not ${describe(value)}` });
    return undefined;
  }
  const input = value as Record<string, unknown>;
  const keys = Object.keys(input);
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    problems.push({ path, message: `must have at most ${schema.maxProperties} entries` });
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(input, name)) problems.push({ path: pointer(path, name), message: 'is required' });
  }
  if (schema.if && schema.then && Object.entries(schema.if.properties).every(([k, c]) => input[k] === c.const)) {
    for (const name of schema.then.required) {
      if (!Object.hasOwn(input, name))
        problems.push({
          path: pointer(path, name),
          message: `is required when ${Object.entries(schema.if.properties)
            .map(([k, c]) => `${k} is "${String(c.const)}"`)
            .join(' and ')}`,
        });
    }
  }
  for (const key of keys) {
    if (problems.length >= MAX_PROBLEMS) break;
    const child =
      schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : schema.additionalProperties;
    if (child === false || child === undefined) {
      const known = Object.keys(schema.properties ?? {});
      problems.push({
        path: pointer(path, key),
        message: `is not a known field${known.length ? ` (expected one of: ${known.join(', ')})` : ''}`,
      });
      continue;
    }
    const v = child === true ? input[key] : conform(child, input[key], pointer(path, key), problems);
    // "__proto__" is a legal JSON key: define it as data rather than letting it set the prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

/** The rules a JSON Schema cannot state. Runs only on a document that already has the right shape. */
function refine(d: Declaration, problems: DeclarationProblem[]): void {
  d.product.gtins = (d.product.gtins ?? []).map((gtin, i) => {
    const problem = gtinProblem(gtin);
    if (problem !== null) {
      problems.push({ path: `/product/gtins/${i}`, message: problem });
      return gtin;
    }
    return normalizeGtin(gtin);
  });
  if (new Set(d.product.gtins).size !== d.product.gtins.length)
    problems.push({ path: '/product/gtins', message: 'lists the same GTIN twice' });
  if (d.supportPeriod && !isCalendarDate(d.supportPeriod.endDate))
    problems.push({
      path: '/supportPeriod/endDate',
      message: `"${d.supportPeriod.endDate}" is not a calendar date (YYYY-MM-DD)`,
    });
  if (d.product.firstPlacedOnMarket !== undefined && !isCalendarDate(d.product.firstPlacedOnMarket))
    problems.push({
      path: '/product/firstPlacedOnMarket',
      message: `"${d.product.firstPlacedOnMarket}" is not a calendar date (YYYY-MM-DD)`,
    });
  if (d.product.radioInterfaces && new Set(d.product.radioInterfaces).size !== d.product.radioInterfaces.length)
    problems.push({ path: '/product/radioInterfaces', message: 'lists the same interface twice' });
  for (const [i, r] of (d.labTestReports ?? []).entries())
    if (!isCalendarDate(r.date))
      problems.push({ path: `/labTestReports/${i}/date`, message: `"${r.date}" is not a calendar date (YYYY-MM-DD)` });
  if (d.signatory && !isCalendarDate(d.signatory.date))
    problems.push({ path: '/signatory/date', message: `"${d.signatory.date}" is not a calendar date (YYYY-MM-DD)` });
  if (d.passwords.scheme === 'none' && d.passwords.usesPasswords)
    problems.push({
      path: '/passwords/scheme',
      message: '"none" contradicts usesPasswords: true; choose the scheme the product uses',
    });
  if (d.passwords.scheme !== 'none' && !d.passwords.usesPasswords)
    problems.push({
      path: '/passwords/usesPasswords',
      message: `is false but scheme is "${d.passwords.scheme}"; set scheme to "none" or usesPasswords to true`,
    });
  if (d.provisions) {
    const catalog = getCatalog(d.provisions.catalog);
    for (const id of Object.keys(d.provisions.statements)) {
      const path = pointer('/provisions/statements', id);
      const provision = catalog.byId.get(id);
      if (!provision) problems.push({ path, message: `"${id}" is not a provision of ${catalog.id}` });
      else if (provision.status === 'withdrawn')
        problems.push({
          path,
          message: `${id} is void in ${catalog.id}; declare ${provision.replacedBy.join(' and ')} instead`,
        });
    }
  }
}
