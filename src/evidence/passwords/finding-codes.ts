// The finding catalogue: every code the analyser emits, its usual severity and the requirements it
// maps to (PSTI Regulations 2023 Schedule 1 paragraph 1; ETSI EN 303 645 clause 5.1; TS 103 701 units).
import type { FindingSeverity } from './types.js';

interface FindingKind {
  severity: FindingSeverity;
  title: string;
  requirementRefs: string[];
}

export const FINDING_CODES = {
  'PW-UNIVERSAL': {
    severity: 'fail',
    title: 'One password on many devices',
    requirementRefs: ['PSTI Sch.1 §1(2)', 'EN 303 645 5.1-1'],
  },
  'PW-DUPLICATE': {
    severity: 'fail',
    title: 'Password shared by several devices',
    requirementRefs: ['PSTI Sch.1 §1(2)(a)', 'EN 303 645 5.1-1'],
  },
  'PW-KNOWN-DEFAULT': {
    severity: 'fail',
    title: 'Well-known default password',
    requirementRefs: ['PSTI Sch.1 §1(3)(d)', 'EN 303 645 5.1-1', 'EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit B'],
  },
  'PW-DICTIONARY-WEAK': {
    severity: 'fail',
    title: 'Guessable words or patterns',
    requirementRefs: ['PSTI Sch.1 §1(3)(d)', 'EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit B'],
  },
  'PW-SEQUENTIAL': {
    severity: 'fail',
    title: 'Passwords follow a counter',
    requirementRefs: ['PSTI Sch.1 §1(3)(a)', 'EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit A'],
  },
  'PW-EQUALS-IDENTIFIER': {
    severity: 'fail',
    title: 'Password is a device identifier',
    requirementRefs: ['PSTI Sch.1 §1(3)(c)', 'EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit C'],
  },
  'PW-CONTAINS-IDENTIFIER': {
    severity: 'fail',
    title: 'Password contains part of a device identifier',
    requirementRefs: ['PSTI Sch.1 §1(3)(b)', 'PSTI Sch.1 §1(3)(c)', 'EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit C'],
  },
  'PW-UNKEYED-TRANSFORM': {
    severity: 'fail',
    title: 'Password is an unkeyed hash or encoding of an identifier',
    requirementRefs: ['PSTI Sch.1 §1(3)(c)', 'EN 303 645 5.1-2'],
  },
  'PW-KNOWN-VENDOR-ALGORITHM': {
    severity: 'fail',
    title: 'Password made by a published vendor algorithm',
    requirementRefs: ['PSTI Sch.1 §1(3)(b)', 'PSTI Sch.1 §1(3)(c)', 'EN 303 645 5.1-2'],
  },
  'PW-PUBLIC-INFO': {
    severity: 'fail',
    title: 'Password derived from public information',
    requirementRefs: ['PSTI Sch.1 §1(3)(b)', 'EN 303 645 5.1-2'],
  },
  'PW-LOW-KEYSPACE': {
    severity: 'fail',
    title: 'Too few possible passwords',
    requirementRefs: ['PSTI Sch.1 §1(3)(d)', 'EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit D'],
  },
  'PW-COLLISION-RATE': {
    severity: 'fail',
    title: 'Passwords collide more often than a large keyspace allows',
    requirementRefs: ['PSTI Sch.1 §1(3)(d)', 'EN 303 645 5.1-2'],
  },
  'PW-STRUCTURED-BIAS': {
    severity: 'warn',
    title: 'Characters are not evenly spread',
    requirementRefs: ['EN 303 645 5.1-2', 'TS 103 701 5.1-2-1 unit A'],
  },
  'PW-DECLARATION-MISMATCH': {
    severity: 'fail',
    title: 'Passwords do not match the declared generator',
    requirementRefs: ['EN 303 645 5.1-2', 'TS 103 701 5.1-2-2'],
  },
  'PW-DECLARED-WEAK-METHOD': {
    severity: 'fail',
    title: 'Declared generation method is not allowed',
    requirementRefs: ['PSTI Sch.1 §1(3)(a)', 'PSTI Sch.1 §1(3)(c)', 'EN 303 645 5.1-2'],
  },
  'PW-KEYED-DERIVATION-DECLARED': {
    severity: 'info',
    title: 'Keyed derivation declared',
    requirementRefs: ['PSTI Sch.1 §1(3)(c)', 'EN 303 645 5.5-8'],
  },
  'PW-OUT-OF-SCOPE': {
    severity: 'info',
    title: 'Credentials that are not passwords',
    requirementRefs: ['PSTI Sch.1 §1(4)'],
  },
  'PW-M2M-PASSWORD': {
    severity: 'warn',
    title: 'Password used for machine-to-machine authentication',
    requirementRefs: ['EN 303 645 5.1-2A'],
  },
  'PW-SAMPLE-INSUFFICIENT': {
    severity: 'info',
    title: 'Batch too small for some tests',
    requirementRefs: ['methodology'],
  },
} as const satisfies Record<string, FindingKind>;

export type FindingCode = keyof typeof FINDING_CODES;
