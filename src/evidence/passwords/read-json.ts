// JSON batches: the batch document (declaration + devices with identifiers and credentials) or NDJSON,
// one flat row or one device object per line.
import { PasswordBatchInvalid, type BatchProblem } from './errors.js';
import type { BatchItem, ReadOptions } from './read-csv.js';
import { fieldForHeader, recordFromFields, type Field } from './records.js';
import { GENERATION_METHODS, type BatchDeclaration, type GenerationMethod } from './types.js';

export interface JsonBatch {
  declaration?: BatchDeclaration;
  items: Iterable<BatchItem>;
}

export function readCredentialJson(text: string, options: ReadOptions = {}): JsonBatch {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new PasswordBatchInvalid(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.devices))
    throw new PasswordBatchInvalid('$: expected an object with a "devices" array');
  const declaration = doc.declaration === undefined ? undefined : parseDeclaration(doc.declaration, '$.declaration');
  const product = isObject(doc.product) ? doc.product : {};
  const devices = doc.devices as unknown[];
  const items = {
    *[Symbol.iterator]() {
      for (let i = 0; i < devices.length; i++)
        yield* deviceItems(devices[i], i + 1, `$.devices[${i}]`, product, options);
    },
  };
  return { declaration, items };
}

export async function* readCredentialNdjson(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ReadOptions = {},
): AsyncGenerator<BatchItem> {
  const max = options.maxRowLength ?? 65536;
  const decoder = new TextDecoder();
  let buffer = '';
  let line = 0;
  let tooLong = false;
  const handle = function* (text: string): Generator<BatchItem> {
    line++;
    if (tooLong) {
      tooLong = false;
      yield { problem: { line, message: `line ${line}: row is too long` } };
      return;
    }
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { problem: { line, message: `line ${line}: not valid JSON (${(error as Error).message.slice(0, 120)})` } };
      return;
    }
    yield* deviceItems(value, line, `line ${line}`, {}, options);
  };
  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      yield* handle(buffer.slice(0, nl).replace(/\r$/, ''));
      buffer = buffer.slice(nl + 1);
    }
    if (buffer.length > max) {
      tooLong = true;
      buffer = '';
    }
  }
  buffer += decoder.decode();
  if (buffer !== '' || tooLong) yield* handle(buffer);
}

/** A flat row (batch-format column names) or a device object with identifiers and credentials. */
function* deviceItems(
  value: unknown,
  line: number,
  where: string,
  product: Record<string, unknown>,
  options: ReadOptions,
): Generator<BatchItem> {
  if (!isObject(value)) {
    yield { problem: { line, path: where, message: `${where}: expected an object` } };
    return;
  }
  if (!Array.isArray(value.credentials)) {
    const row: Partial<Record<Field, string>> = {};
    for (const [k, v] of Object.entries(value)) {
      const field = fieldForHeader(k, options.columns);
      if (field && v !== null && v !== undefined) row[field] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    yield* toItems(recordFromFields(row, line, where));
    return;
  }
  const ids = isObject(value.identifiers) ? value.identifiers : {};
  const macs = isObject(ids.macs)
    ? Object.values(ids.macs)
    : Array.isArray(ids.macs)
      ? ids.macs
      : ids.mac !== undefined
        ? [ids.mac]
        : [];
  const { serial, ssid, bssid, productionDate, model, ...rest } = ids;
  const base: Partial<Record<Field, string>> = {
    device_id: str(value.id),
    serial_number: str(serial),
    mac_addresses: macs.map(String).join(';'),
    wifi_ssid: str(ssid),
    bssid: str(bssid),
    production_date: str(productionDate),
    model: str(model) ?? str(product.model),
    hardware_version: str(product.hardwareVersion),
    batch_id: str(value.batch),
    extra_identifiers: JSON.stringify(
      Object.fromEntries(
        Object.entries(rest).filter(
          ([k, v]) => k !== 'macs' && k !== 'mac' && (typeof v === 'string' || typeof v === 'number'),
        ),
      ),
    ),
  };
  const credentials = value.credentials as unknown[];
  for (let j = 0; j < credentials.length; j++) {
    const c = credentials[j];
    const at = `${where}.credentials[${j}]`;
    if (!isObject(c)) {
      yield { problem: { line, path: at, message: `${at}: expected an object` } };
      continue;
    }
    yield* toItems(
      recordFromFields(
        {
          ...base,
          credential_type: str(c.type),
          password: typeof c.password === 'string' ? c.password : undefined,
          password_sha256: str(c.passwordSha256),
          username: str(c.username),
        },
        line,
        at,
      ),
    );
  }
}

function* toItems(result: ReturnType<typeof recordFromFields>): Generator<BatchItem> {
  if ('record' in result) yield result;
  else for (const problem of result.problems) yield { problem };
}

export function parseDeclaration(value: unknown, where: string): BatchDeclaration {
  const problems: BatchProblem[] = [];
  if (!isObject(value)) throw new PasswordBatchInvalid(`${where}: expected an object`);
  const out: BatchDeclaration = {};
  if (value.method !== undefined) {
    if (GENERATION_METHODS.includes(value.method as GenerationMethod)) out.method = value.method as GenerationMethod;
    else
      problems.push({
        path: `${where}.method`,
        message: `${where}.method: expected one of ${GENERATION_METHODS.join(', ')}`,
      });
  }
  if (value.alphabet !== undefined) {
    if (typeof value.alphabet === 'string' && value.alphabet.length > 0 && value.alphabet.length <= 256)
      out.alphabet = value.alphabet;
    else problems.push({ path: `${where}.alphabet`, message: `${where}.alphabet: expected a non-empty string` });
  }
  if (value.length !== undefined) {
    if (Number.isInteger(value.length) && (value.length as number) > 0 && (value.length as number) <= 1024)
      out.length = value.length as number;
    else problems.push({ path: `${where}.length`, message: `${where}.length: expected a positive integer` });
  }
  if (value.keyedDerivation !== undefined) {
    const kd = value.keyedDerivation;
    if (!isObject(kd))
      problems.push({ path: `${where}.keyedDerivation`, message: `${where}.keyedDerivation: expected an object` });
    else
      out.keyedDerivation = {
        algorithm: str(kd.algorithm),
        keyCustody: str(kd.keyCustody),
        evidenceRef: str(kd.evidenceRef),
        inputs: Array.isArray(kd.inputs) ? kd.inputs.map(String) : undefined,
      };
  }
  if (problems.length > 0) throw new PasswordBatchInvalid(problems.map((p) => p.message).join('; '), problems);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
