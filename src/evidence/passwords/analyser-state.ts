// The analyser's running state and keyspace policy: shared by the analyser (which fills them) and the findings
// builder (which reads them), in their own file so that neither imports the other.
import type { DuplicateCheck } from './duplicates.js';
import type { HypothesisSearch } from './hypothesis-search.js';
import type { IdentifierCheck } from './identifier-check.js';
import type { KeyspaceCheck } from './keyspace-check.js';
import type { SequenceCheck } from './sequence-check.js';
import type { StrengthCheck } from './strength-check.js';
import type { Tally } from './tally.js';
import type { TransformRow } from './transforms.js';
import type { createVendorSearch } from './vendor-check.js';

export interface KeyspacePolicy {
  /** FAIL below this many bits when a credential can be attacked offline (Wi-Fi PSK). */
  failBitsOffline: number;
  /** FAIL below this many bits for online-only credentials (rate-limited logins, EN 303 645 5.1-5). */
  failBitsOnline: number;
  /** WARN below this many bits. */
  warnBits: number;
}

/** State the findings are built from. */
export interface AnalyserState {
  rows: number;
  analysedRows: number;
  fingerprintOnlyRows: number;
  credentialTypes: Map<string, number>;
  models: Map<string, number>;
  outOfScope: Tally;
  m2m: Tally;
  knownDefault: Tally;
  duplicates: DuplicateCheck;
  identifiers: IdentifierCheck;
  transforms: HypothesisSearch<TransformRow>;
  vendors: ReturnType<typeof createVendorSearch>;
  sequence: SequenceCheck;
  keyspace: KeyspaceCheck;
  strength: StrengthCheck;
}
