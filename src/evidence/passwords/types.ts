// The values the password-batch analyser takes and returns. Nothing here holds a plaintext password
// once analysis is over: the result carries findings, statistics and keyed fingerprints only.

/** How the manufacturer says the passwords were made (the declaration's `passwords.generation`). */
export const GENERATION_METHODS = [
  'csprng',
  'keyed-hash',
  'encryption',
  'derived-from-identifier',
  'incremental',
  'other',
] as const;
export type GenerationMethod = (typeof GENERATION_METHODS)[number];

/** Credential kinds of the batch format. The last three are not "passwords" under PSTI Sch. 1 §1(4). */
export const CREDENTIAL_TYPES = [
  'admin_web',
  'admin_local',
  'wifi_psk',
  'telnet',
  'ssh',
  'app_pairing',
  'm2m',
  'ble_pin',
  'api_key',
  'crypto_key',
  'unspecified',
] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
export const OUT_OF_SCOPE_TYPES: ReadonlySet<CredentialType> = new Set(['ble_pin', 'api_key', 'crypto_key']);
/** Credentials an attacker can test offline (a captured WPA2 handshake): they need a larger keyspace. */
export const OFFLINE_TYPES: ReadonlySet<CredentialType> = new Set(['wifi_psk', 'unspecified']);

/** One device x credential row, after column mapping and validation. */
export interface CredentialRecord {
  /** Source line (CSV, NDJSON) or device index + 1 (JSON); used in messages only. */
  line: number;
  deviceId: string;
  credentialType: CredentialType;
  /** Plaintext, when the analysis runs on the manufacturer's machine. */
  password?: string;
  /** Fingerprint-only mode: lowercase hex SHA-256 of the password; only duplicate and default checks run. */
  passwordSha256?: string;
  username?: string;
  serial?: string;
  /** Normalised to 12 uppercase hex digits. */
  macs: string[];
  bssid?: string;
  ssids: string[];
  model?: string;
  hardwareVersion?: string;
  firmwareVersion?: string;
  /** YYYY-MM-DD */
  productionDate?: string;
  batchId?: string;
  extraIdentifiers: Record<string, string>;
}

export interface KeyedDerivationDeclaration {
  algorithm?: string;
  inputs?: string[];
  keyCustody?: string;
  evidenceRef?: string;
}

/** What the manufacturer declared about the generator (all optional). */
export interface BatchDeclaration {
  method?: GenerationMethod;
  alphabet?: string;
  length?: number;
  keyedDerivation?: KeyedDerivationDeclaration;
}

export type FindingSeverity = 'fail' | 'warn' | 'info';

export interface PasswordFinding {
  code: string;
  severity: FindingSeverity;
  title: string;
  /** A plain sentence a manufacturer can act on. */
  message: string;
  requirementRefs: string[];
  credentialTypes: string[];
  affectedCount: number;
  /** At most 10. */
  sampleDeviceIds: string[];
  /** First and last characters only (see redact.ts); never a password. */
  redactedExamples: string[];
  evidence: Record<string, unknown>;
}

export interface BatchStatistics {
  rows: number;
  analysedRows: number;
  outOfScopeRows: number;
  fingerprintOnlyRows: number;
  credentialTypes: Record<string, number>;
  models: Record<string, number>;
  distinctValues: number;
  duplicateGroups: number;
  rowsInDuplicateGroups: number;
  collidingPairs: number;
  length: { min: number; max: number; mostCommon: number };
  /** Character-class masks (d digit, l lower, u upper, s other) with their counts, most common first. */
  templates: { mask: string; count: number }[];
  /** Estimated keyspace in bits: per-position estimate, template bound (null with too many templates), birthday estimate (null without collisions). */
  keyspaceBits: { positional: number; template: number | null; birthday: number | null; effective: number };
  strength: { sampled: number; scores: number[] } | null;
}

export interface PasswordEvidence {
  schemaVersion: 'iotlabel.password-evidence/v1';
  analyser: { name: 'iotlabel-passwords'; version: string };
  declaration: BatchDeclaration;
  /** fail: the evidence contradicts a unique-password claim; warn: human review needed; pass otherwise. */
  verdict: 'pass' | 'warn' | 'fail';
  findings: PasswordFinding[];
  statistics: BatchStatistics;
  fingerprints: {
    algorithm: 'HMAC-SHA256/64';
    /** Identifies the key without revealing it, so two runs with the same key can be compared. */
    keyId: string;
    /** Values shared by several devices: fingerprint, count, first source line. */
    duplicates: { fingerprint: string; count: number; firstLine: number }[];
  };
}
