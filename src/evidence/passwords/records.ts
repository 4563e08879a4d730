// One row of outside input -> a validated CredentialRecord, or the problems with it. Column names follow
// the batch format; a column map renames the file's own headers onto them.
import { isCalendarDate } from '../../calendar.js';
import type { BatchProblem } from './errors.js';
import { PasswordBatchInvalid } from './errors.js';
import { parseMac } from './identifiers.js';
import { CREDENTIAL_TYPES, type CredentialRecord, type CredentialType } from './types.js';

export const FIELDS = [
  'device_id',
  'credential_type',
  'password',
  'password_sha256',
  'username',
  'serial_number',
  'mac_addresses',
  'bssid',
  'wifi_ssid',
  'wifi_ssid_2g',
  'wifi_ssid_5g',
  'model',
  'hardware_version',
  'firmware_version',
  'production_date',
  'batch_id',
  'extra_identifiers',
] as const;
export type Field = (typeof FIELDS)[number];

/** Header spellings understood without a column map. */
const ALIASES: Record<string, Field> = {
  id: 'device_id',
  device: 'device_id',
  deviceid: 'device_id',
  type: 'credential_type',
  credentialtype: 'credential_type',
  serial: 'serial_number',
  serialnumber: 'serial_number',
  sn: 'serial_number',
  mac: 'mac_addresses',
  macs: 'mac_addresses',
  mac_address: 'mac_addresses',
  ssid: 'wifi_ssid',
  productiondate: 'production_date',
  batch: 'batch_id',
  user: 'username',
};

export type ColumnMap = ReadonlyMap<string, Field>;

/** Parses "device_id=ID,password=PW": our field = the file's header. */
export function parseColumnMap(text: string): ColumnMap {
  const map = new Map<string, Field>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as Field;
    const header = part
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (eq < 1 || header === '') throw new PasswordBatchInvalid(`--columns: "${part}" is not FIELD=HEADER`);
    if (!FIELDS.includes(field))
      throw new PasswordBatchInvalid(`--columns: unknown field "${field}" (expected one of ${FIELDS.join(', ')})`);
    map.set(header, field);
  }
  return map;
}

/** The field a header names, if any. */
export function fieldForHeader(header: string, columns: ColumnMap = new Map()): Field | undefined {
  const h = header.trim().toLowerCase();
  const mapped = columns.get(h);
  if (mapped) return mapped;
  // A header spelled like a field that the map gives to another header is left alone.
  const taken = new Set(columns.values());
  const field = FIELDS.includes(h as Field)
    ? (h as Field)
    : (ALIASES[h.replace(/[\s-]/g, '_')] ?? ALIASES[h.replace(/[\s_-]/g, '')]);
  return field !== undefined && !taken.has(field) ? field : undefined;
}

export const MAX_VALUE_LENGTH = 1024;

export type RecordOrProblems = { record: CredentialRecord } | { problems: BatchProblem[] };

export function recordFromFields(
  fields: Partial<Record<Field, string>>,
  line: number,
  where = `line ${line}`,
): RecordOrProblems {
  const problems: string[] = [];
  const get = (f: Field): string | undefined => {
    const v = fields[f];
    if (v === undefined || v === '') return undefined;
    if (v.length > MAX_VALUE_LENGTH) {
      problems.push(`${f} is longer than ${MAX_VALUE_LENGTH} characters`);
      return undefined;
    }
    return v;
  };
  const deviceId = get('device_id')?.trim();
  if (!deviceId) problems.push('device_id is empty');
  const password = fields.password;
  const digest = get('password_sha256')?.trim().toLowerCase();
  if (password !== undefined && password.length > MAX_VALUE_LENGTH)
    problems.push(`password is longer than ${MAX_VALUE_LENGTH} characters`);
  if (password === undefined && digest === undefined) problems.push('no password or password_sha256');
  if (digest !== undefined && !/^[0-9a-f]{64}$/.test(digest)) problems.push('password_sha256 is not 64 hex digits');
  const typeText = get('credential_type')?.trim().toLowerCase() ?? 'unspecified';
  if (!CREDENTIAL_TYPES.includes(typeText as CredentialType))
    problems.push(`credential_type "${typeText.slice(0, 40)}" is not one of ${CREDENTIAL_TYPES.join(', ')}`);
  const macs: string[] = [];
  for (const item of (get('mac_addresses') ?? '')
    .split(';')
    .map((m) => m.trim())
    .filter(Boolean)) {
    const mac = parseMac(item.includes('=') ? item.slice(item.indexOf('=') + 1) : item);
    if (mac) macs.push(mac);
    else problems.push(`mac_addresses: "${item.slice(0, 40)}" is not a MAC address`);
  }
  const bssidText = get('bssid');
  const bssid = bssidText === undefined ? undefined : parseMac(bssidText);
  if (bssidText !== undefined && !bssid) problems.push(`bssid "${bssidText.slice(0, 40)}" is not a MAC address`);
  const productionDate = get('production_date')?.trim();
  if (productionDate !== undefined && !isDate(productionDate))
    problems.push(`production_date "${productionDate.slice(0, 40)}" is not a YYYY-MM-DD date`);
  const extraIdentifiers: Record<string, string> = {};
  const extra = get('extra_identifiers');
  if (extra !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(extra);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      problems.push('extra_identifiers is not a JSON object');
    else
      for (const [k, v] of Object.entries(parsed))
        if (typeof v === 'string' || typeof v === 'number') extraIdentifiers[k.slice(0, 64)] = String(v).slice(0, 256);
  }
  if (problems.length > 0) return { problems: problems.map((message) => ({ line, message: `${where}: ${message}` })) };
  const ssids = (['wifi_ssid', 'wifi_ssid_2g', 'wifi_ssid_5g'] as const)
    .map(get)
    .filter((s): s is string => s !== undefined);
  return {
    record: {
      line,
      deviceId: deviceId!,
      credentialType: typeText as CredentialType,
      password: password ?? undefined,
      passwordSha256: password === undefined ? digest : undefined,
      username: get('username'),
      serial: get('serial_number')?.trim(),
      macs,
      bssid,
      ssids,
      model: get('model')?.trim(),
      hardwareVersion: get('hardware_version')?.trim(),
      firmwareVersion: get('firmware_version')?.trim(),
      productionDate,
      batchId: get('batch_id')?.trim(),
      extraIdentifiers,
    },
  };
}

// A batch has few production dates: each is checked once.
const validDates = new Set<string>();
function isDate(text: string): boolean {
  if (validDates.has(text)) return true;
  const valid = isCalendarDate(text);
  if (valid && validDates.size < 10_000) validDates.add(text);
  return valid;
}
