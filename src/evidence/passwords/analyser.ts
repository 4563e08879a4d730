// The streaming password-batch analyser: add() one credential row at a time, then finish(). Memory is
// bounded: keyed 64-bit fingerprints for duplicates, fixed-size counters for the statistics, a reservoir
// sample for zxcvbn and a few hypotheses for the derivation searches. No plaintext is kept past add(),
// except the reservoir sample, which finish() drops.
import { randomBytes } from 'node:crypto';
import { builtInCorpus, type KnownDefaultCorpus } from './corpus.js';
import { DuplicateCheck, keyId, sha256 } from './duplicates.js';
import type { AnalyserState, KeyspacePolicy } from './analyser-state.js';
import { buildFindings } from './findings.js';
import { HypothesisSearch } from './hypothesis-search.js';
import { IdentifierCheck } from './identifier-check.js';
import { KeyspaceCheck } from './keyspace-check.js';
import { SequenceCheck } from './sequence-check.js';
import { StrengthCheck, seededRandom } from './strength-check.js';
import { Tally } from './tally.js';
import { discoverTransforms, verifyTransform, type TransformRow } from './transforms.js';
import { OUT_OF_SCOPE_TYPES, type BatchDeclaration, type CredentialRecord, type PasswordEvidence } from './types.js';
import { createVendorSearch } from './vendor-check.js';

export type { KeyspacePolicy } from './analyser-state.js';

export const ANALYSER_VERSION = '1.0.0';

export interface AnalyseOptions {
  declaration?: BatchDeclaration;
  /** Default: the built-in corpus. */
  corpus?: KnownDefaultCorpus;
  /** Key for the duplicate fingerprints; random per run unless given (give one to compare runs). */
  fingerprintKey?: Buffer;
  /** Passwords scored with zxcvbn (a reservoir sample). Default 100; 0 turns it off. */
  strengthSample?: number;
  /** Seed of the reservoir sampling. */
  seed?: number;
  /** A value on at least this share of the batch is "universal". Default 0.01. */
  universalShare?: number;
  /** A derivation must explain at least this share of the rows checked to FAIL. Default 0.01. */
  minMatchRate?: number;
  keyspace?: Partial<KeyspacePolicy>;
  /** Rows searched in full for derivations before switching to every `discoveryStride`-th row. */
  discoveryRows?: number;
  discoveryStride?: number;
}

export interface PasswordBatchAnalyser {
  add(record: CredentialRecord): void;
  finish(): Promise<PasswordEvidence>;
}

export function createPasswordBatchAnalyser(options: AnalyseOptions = {}): PasswordBatchAnalyser {
  const key = options.fingerprintKey ?? randomBytes(32);
  const corpus = options.corpus ?? builtInCorpus();
  const search = { discoveryRows: options.discoveryRows, stride: options.discoveryStride };
  const state: AnalyserState = {
    rows: 0,
    analysedRows: 0,
    fingerprintOnlyRows: 0,
    credentialTypes: new Map(),
    models: new Map(),
    outOfScope: new Tally(),
    m2m: new Tally(),
    knownDefault: new Tally(),
    duplicates: new DuplicateCheck(key),
    identifiers: new IdentifierCheck(),
    transforms: new HypothesisSearch<TransformRow>({
      discover: discoverTransforms,
      verify: verifyTransform,
      ...search,
    }),
    vendors: createVendorSearch(),
    sequence: new SequenceCheck(),
    keyspace: new KeyspaceCheck(),
    strength: new StrengthCheck(options.strengthSample ?? 100, seededRandom(options.seed ?? 1)),
  };
  let finished = false;

  return {
    add(record) {
      if (finished) throw new TypeError('add() after finish()');
      state.rows++;
      const type = record.credentialType;
      state.credentialTypes.set(type, (state.credentialTypes.get(type) ?? 0) + 1);
      if (record.model !== undefined && (state.models.has(record.model) || state.models.size < 1000)) {
        state.models.set(record.model, (state.models.get(record.model) ?? 0) + 1);
      }
      if (OUT_OF_SCOPE_TYPES.has(type)) {
        state.outOfScope.add(record.deviceId, undefined, type);
        return;
      }
      const { password, deviceId } = record;
      if (type === 'm2m') state.m2m.add(deviceId, password, type);
      if (password === undefined) {
        const digest = record.passwordSha256 ?? '';
        state.fingerprintOnlyRows++;
        state.duplicates.add(Buffer.from(digest, 'hex'), deviceId, undefined, type, record.line);
        if (corpus.hasSha256(digest)) state.knownDefault.add(deviceId, undefined, type);
        return;
      }
      state.analysedRows++;
      state.duplicates.add(sha256(password), deviceId, password, type, record.line);
      if (corpus.has(password)) state.knownDefault.add(deviceId, password, type);
      const row = { record, password, deviceId, credentialType: type };
      state.identifiers.add(record, password);
      state.transforms.add(row);
      state.vendors.add(row);
      state.sequence.add(record, password);
      state.keyspace.add(password);
      state.strength.add(record, password);
    },

    async finish() {
      finished = true;
      const declaration = options.declaration ?? {};
      const { findings, statistics, duplicates } = await buildFindings(state, {
        declaration,
        universalShare: options.universalShare ?? 0.01,
        minMatchRate: options.minMatchRate ?? 0.01,
        keyspace: { failBitsOffline: 40, failBitsOnline: 30, warnBits: 48, ...options.keyspace },
      });
      const verdict = findings.some((f) => f.severity === 'fail')
        ? 'fail'
        : findings.some((f) => f.severity === 'warn')
          ? 'warn'
          : 'pass';
      return {
        schemaVersion: 'iotlabel.password-evidence/v1',
        analyser: { name: 'iotlabel-passwords', version: ANALYSER_VERSION },
        declaration,
        verdict,
        findings,
        statistics,
        fingerprints: { algorithm: 'HMAC-SHA256/64', keyId: keyId(key), duplicates },
      };
    },
  };
}

/** Analyses a whole batch of rows (an array, generator or async generator). */
export async function analysePasswordBatch(
  records: Iterable<CredentialRecord> | AsyncIterable<CredentialRecord>,
  options: AnalyseOptions = {},
): Promise<PasswordEvidence> {
  const analyser = createPasswordBatchAnalyser(options);
  for await (const record of records) analyser.add(record);
  return analyser.finish();
}
