// The assessment result (DESIGN.md "Assessment result"), plus findings and recommendations.
import type { MarkRule } from '../regimes/types.js';

export type Outcome = 'pass' | 'fail' | 'out-of-scope';
export type RequirementStatus = 'met' | 'not-met' | 'not-applicable' | 'not-declared';

export interface Requirement {
  id: string;
  title: string;
  status: RequirementStatus;
  /** Plain sentences: for a requirement not met, what to do about it; for one met, on what basis. */
  reasons: string[];
  /** PSTI only: how the requirement is met, e.g. "Schedule 2 paragraph 1 (ETSI EN 303 645 V2.1.1 5.1-1, 5.1-2)". */
  route?: string;
}

export interface Label {
  shield: 'tick' | 'cross';
  supportEndDate: string;
}

/** A place where the declaration contradicts itself. Reported, never silently resolved. */
export interface Finding {
  code: string;
  message: string;
  /** JSON pointers into the declaration of the statements that disagree. */
  paths: string[];
}

/** A recommended provision that is not implemented (or not declared). Never fails a regime. */
export interface Recommendation {
  id: string;
  title: string;
  status: 'not-implemented' | 'not-declared' | 'not-applicable';
  justification?: string;
}

export interface Assessment {
  regime: string;
  /** The day assessed, YYYY-MM-DD. */
  at: string;
  outcome: Outcome;
  sellable: boolean;
  /** The registry's shield label (the UK labelling regimes); a territory's own mark is in `mark`. */
  label: Label | null;
  requirements: Requirement[];
  findings: Finding[];
  recommendations: Recommendation[];
  /** The dated version of the regime's rules applied, for regimes whose data has versions. */
  version?: { id: string; from: string; by: string };
  /** Levelled schemes (sg-cls, jp-jcstar): the highest level the declaration reaches (0 = none). */
  level?: number;
  /** The mark a pass gives under a territory regime (form, who verifies, validity); null when not earned. */
  mark?: TerritoryMark | null;
  /** Duties in force on the day that a declaration cannot show (e.g. CRA Article 14 reporting). */
  obligations?: { id: string; from: string; title: string; text: string }[];
  /** EU CRA: the product's class and the conformity routes open to it. */
  conformity?: CraConformity;
}

export interface TerritoryMark {
  form: MarkRule['form'];
  verifier: MarkRule['verifier'];
  validity: string;
  validityYears?: number;
  gives: string;
  level?: number;
}

/** What the evidence analysers found (issue 7): passed in, never fetched here. */
export interface EvidenceSummary {
  passwords?: { findings: { code: string; severity: 'fail' | 'warn' | 'info'; message: string }[] };
  securityTxt?: { valid: boolean; expired: boolean; contacts: string[]; problems: { code: string; message: string }[] };
}

/** EU CRA product classes (Annexes III and IV). */
export type CraClass = 'default' | 'important-class-i' | 'important-class-ii' | 'critical';

export interface CraConformity {
  productClass: CraClass;
  /** The Annex entry that puts the product in its class, e.g. "Annex III Class I point 17". */
  annexEntry: string | null;
  /** The Article 32 routes open to the product on the day. */
  routes: string[];
  reason: string;
}
