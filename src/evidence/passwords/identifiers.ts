// The identifier forms a password is compared with. Per-device identifiers (serial, MAC, device id, chip
// ids) make PW-EQUALS/CONTAINS-IDENTIFIER; broadcast or published data (SSID, BSSID, model, production
// date) makes PW-PUBLIC-INFO.
import type { CredentialRecord } from './types.js';

export type IdentifierKind = 'serial' | 'mac' | 'device-id' | 'extra' | 'ssid' | 'bssid' | 'model' | 'date';
export const PUBLIC_KINDS: ReadonlySet<IdentifierKind> = new Set(['ssid', 'bssid', 'model', 'date']);

export interface IdentifierForm {
  kind: IdentifierKind;
  /** e.g. "serial", "mac[1]", "ssid suffix", "production date YYMMDD" */
  label: string;
  /** Lowercase letters and digits only. */
  value: string;
}

export function normalise(text: string): string {
  const lower = text.toLowerCase();
  return /^[a-z0-9]*$/.test(lower) ? lower : lower.replace(/[^a-z0-9]/g, '');
}

/** The comparable forms of a row's identifiers. Values shorter than 4 characters are left out. */
export function identifierForms(r: CredentialRecord): IdentifierForm[] {
  const forms: IdentifierForm[] = [];
  const push = (kind: IdentifierKind, label: string, raw: string | undefined): void => {
    if (raw === undefined) return;
    const value = normalise(raw);
    if (value.length >= 4) forms.push({ kind, label, value });
  };
  push('serial', 'serial', r.serial);
  r.macs.forEach((mac, i) => push('mac', r.macs.length > 1 ? `mac[${i + 1}]` : 'mac', mac));
  push('device-id', 'device id', r.deviceId);
  for (const [name, value] of Object.entries(r.extraIdentifiers)) push('extra', name, value);
  for (const ssid of r.ssids) {
    push('ssid', 'ssid', ssid);
    const suffix = /[-_. ]([^-_. ]+)$/.exec(ssid)?.[1];
    push('ssid', 'ssid suffix', suffix);
  }
  push('bssid', 'bssid', r.bssid);
  push('model', 'model', r.model);
  push('model', 'hardware version', r.hardwareVersion);
  if (r.productionDate) forms.push(...dateForms(r.productionDate));
  return forms;
}

// A batch has few production dates: their forms are worked out once each.
const dateCache = new Map<string, IdentifierForm[]>();
function dateForms(date: string): IdentifierForm[] {
  let forms = dateCache.get(date);
  if (!forms) {
    const [y, m, d] = date.split('-') as [string, string, string];
    forms = [
      { kind: 'date', label: 'production date YYYYMMDD', value: `${y}${m}${d}` },
      { kind: 'date', label: 'production date YYMMDD', value: `${y.slice(2)}${m}${d}` },
      { kind: 'date', label: 'production date DDMMYYYY', value: `${d}${m}${y}` },
      { kind: 'date', label: 'production date DDMMYY', value: `${d}${m}${y.slice(2)}` },
    ];
    if (dateCache.size > 1000) dateCache.clear();
    dateCache.set(date, forms);
  }
  return forms;
}

/** Parses a MAC in any common notation to 12 uppercase hex digits, or undefined. */
export function parseMac(text: string): string | undefined {
  const hex = text.trim().replace(/[-:. ]/g, '');
  return /^[0-9a-fA-F]{12}$/.test(hex) ? hex.toUpperCase() : undefined;
}

/** MAC plus a signed offset, wrapping within 48 bits (vendors use BSSID - 3, MAC + 1, ...). */
export function offsetMac(mac: string, offset: number): string {
  const span = 2 ** 48;
  const value = (parseInt(mac, 16) + offset + span) % span;
  return value.toString(16).toUpperCase().padStart(12, '0');
}

/** Raw spellings fed to hash functions: a derivation hashes the identifier as printed, not normalised. */
export function rawSpellings(r: CredentialRecord): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.length >= 4 && !out.some((o) => o.value === value)) out.push({ label, value });
  };
  if (r.serial) {
    add('serial', r.serial);
    add('upper(serial)', r.serial.toUpperCase());
    add('lower(serial)', r.serial.toLowerCase());
  }
  r.macs.forEach((mac, i) => {
    const name = r.macs.length > 1 ? `mac[${i + 1}]` : 'mac';
    const pairs = mac.match(/../g) ?? [];
    add(`${name} AABBCCDDEEFF`, mac);
    add(`${name} aabbccddeeff`, mac.toLowerCase());
    add(`${name} AA:BB:CC:DD:EE:FF`, pairs.join(':'));
    add(`${name} aa:bb:cc:dd:ee:ff`, pairs.join(':').toLowerCase());
    add(`${name} AA-BB-CC-DD-EE-FF`, pairs.join('-'));
  });
  add('device id', r.deviceId);
  for (const [name, value] of Object.entries(r.extraIdentifiers)) add(name, value);
  for (const ssid of r.ssids) add('ssid', ssid);
  return out;
}
