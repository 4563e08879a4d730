// The compiled, validated form of the rulebooks. The data files under data/ are OSCAL-shaped JSON; these
// are the shapes the assessment engine works with after loading them once.

export type CatalogId = 'uk-cop-2018' | 'etsi-ts-103645-2019' | 'etsi-en-303645-v2.1.1' | 'etsi-en-303645-v3.1.3';
export const CATALOG_IDS: readonly CatalogId[] = [
  'uk-cop-2018',
  'etsi-ts-103645-2019',
  'etsi-en-303645-v2.1.1',
  'etsi-en-303645-v3.1.3',
];

/** M = mandatory, R = recommendation, withdrawn = void in this version (see `replacedBy`). */
export type ProvisionStatus = 'M' | 'R' | 'withdrawn';

/** Which top-three fact a provision states, so the engine can spot a declaration that contradicts itself. */
export type ProvisionTopic =
  | 'passwords-unique'
  | 'passwords-generation'
  | 'vulnerability-disclosure'
  | 'support-period'
  | 'recommendation-justifications';

/** A fact of the declaration that settles a condition, so a not-applicable claim can be checked against it. */
export type ConditionFact = 'passwords-used' | 'preinstalled-unique-passwords' | 'update-mechanism';

/** One condition (C) or feature (F) as the provision's own version numbers and words it. */
export interface ProvisionCondition {
  kind: 'condition' | 'feature';
  code: string;
  /** The condition in words, from the version's Table B.1. */
  text: string;
  /** The declaration fact that tells whether it holds, where the engine can tell. */
  fact?: ConditionFact;
}

export interface Provision {
  /** The id as the standard writes it, e.g. "5.1-1"; the key in a declaration's statements. */
  id: string;
  /** The OSCAL control id, e.g. "etsi-5.1-1". */
  oscalId: string;
  title: string;
  status: ProvisionStatus;
  /** Numbered conditions (C) and features (F) the provision depends on; empty = applies to every product. */
  conditions: string[];
  features: string[];
  /** The same conditions and features with their wording, in the order the catalog lists them. */
  dependsOn: ProvisionCondition[];
  /** A condition fact that holds when this provision is declared implemented (5.3-2: an update mechanism). */
  establishes?: ConditionFact;
  /** Plain-English applicability, when conditional. */
  applicability?: string;
  /** The Code of Practice guideline (1..13) the provision serves; null for clause 5.0. */
  guideline: number | null;
  topic?: ProvisionTopic;
  /** For withdrawn provisions: the ids that took their place. */
  replacedBy: string[];
}

export interface Catalog {
  id: CatalogId;
  title: string;
  version: string;
  /** Publication date, YYYY-MM-DD. */
  published: string;
  provisions: readonly Provision[];
  byId: ReadonlyMap<string, Provision>;
  /** For a provision that replaced a withdrawn one (5.13-1A), the withdrawn provision (5.13-1). */
  replaces: ReadonlyMap<string, Provision>;
  /** Position in the declaration form's list of catalogs (lower first), or null when not offered there. */
  declarationOrder: number | null;
  /** Position in the regulator's "what if this provision were mandatory" list, or null when not offered. */
  whatIfOrder: number | null;
  /** For a catalog that is itself a rulebook (the Code of Practice): its market and nature, for listings. */
  territory: string | null;
  nature: RegimeNature | null;
  /** The OSCAL catalog document as stored. */
  oscal: unknown;
}

export type RegimeKind = 'labelling' | 'self-declaration' | 'conformance' | 'law';

export type CheckKind =
  | 'passwords'
  | 'disclosure-contact'
  | 'support-period'
  | 'guideline'
  | 'provision'
  | 'psti-passwords'
  | 'psti-reporting'
  | 'psti-support-period'
  | 'psti-statement'
  // Territory checks (docs/rulebooks.md "Territories"): one meaning each, shared by the regimes that use them.
  | 'unique-passwords'
  | 'disclosure-policy'
  | 'cvd-policy'
  | 'support-minimum'
  | 'crosswalk'
  | 'lab-report'
  | 'statement-of-compliance'
  | 'manufacturer-contact'
  | 'sbom'
  | 'scheme-closed'
  | 'cra-conformity'
  | 'unstated';

export interface RequirementRule {
  id: string;
  title: string;
  check: CheckKind;
  /** For check "guideline". */
  guideline?: number;
  /** For check "provision": the provision of the regime's catalog. */
  provision?: Provision;
  /** The rule applies only from this day (YYYY-MM-DD): before it, the assessment leaves it out. */
  from?: string;
  /** For check "crosswalk": the EN 303 645 provisions the requirement maps onto, or every mandatory one. */
  crosswalk?: { catalog: Catalog; provisions: readonly Provision[] | 'mandatory' };
  /** For check "lab-report" (and "cra-conformity"): the scheme a lab test report must name. */
  scheme?: string;
  /** For check "support-minimum": the shortest support period, in years, counted from placing on the market. */
  minimumYears?: number;
  /** For a levelled regime: the level this requirement belongs to (1 = lowest). */
  level?: number;
  /** The rule applies only to these product categories / never to these (not-applicable otherwise). */
  onlyCategories?: readonly string[];
  exceptCategories?: readonly string[];
  /** What the requirement needs, in words, for checks that cannot judge it from the declaration ("unstated"). */
  needs?: string;
  /** Our reading where the source could not be confirmed (⚠); shown with the requirement's reasons. */
  unconfirmed?: string;
}

/** law: restricts sale; voluntary: restricts nothing; proposal: never enacted; standard: conformance only. */
export type RegimeNature = 'law' | 'voluntary' | 'proposal' | 'standard';

/** A dated entry of a regime's rules: an amendment is a new entry, never an edit of an old one. */
export interface RegimeVersion {
  id: string;
  /** First day this version applies, YYYY-MM-DD. */
  from: string;
  /** The instrument that made it. */
  by: string;
  summary: string;
}

/** A duty the regime puts on the manufacturer that a declaration cannot show (reported, never assessed). */
export interface Obligation {
  id: string;
  from: string;
  title: string;
  text: string;
}

/** The mark a pass gives, who checks it and for how long (shown, not issued by this registry). */
export interface MarkRule {
  form: 'none' | 'ce' | 'mark-qr' | 'asterisks' | 'stars-registration' | 'label-qr' | 'label';
  verifier: 'self' | 'lab-review' | 'lab-test' | 'notified-body' | 'authority-check' | 'inspection-body';
  /** How long a mark lasts, in words. */
  validity: string;
  /** The longest a mark lasts from its issue, in whole years, where the scheme's data states one (BSI, JC-STAR, CLS). */
  validityYears?: number;
  /** What a pass gives, in words. */
  gives: string;
}

/** A group of products the regime does not cover, by declaration category, with the source's words. */
export interface Exclusion {
  categories: readonly string[];
  reason: string;
}

export interface LabelRule {
  /** Requirement ids that must be met for a label to exist at all. */
  issuedWhen: readonly string[];
  /** Requirement ids that must be met for the shield to show a tick. */
  tickWhen: readonly string[];
  /** The scheme's name as the label face prints it, e.g. "UK IoT security label". */
  scheme: string;
}

export interface Regime {
  id: string;
  title: string;
  kind: RegimeKind;
  summary: string;
  /** First day the regime applies (YYYY-MM-DD), when it is law. */
  effectiveFrom?: string;
  /** Rules inserted by a later amendment, by rule id: they apply only from that date, as data. */
  inForce?: Readonly<Record<string, { from: string; by: string }>>;
  requirements: readonly RequirementRule[];
  label: LabelRule | null;
  /** none: anything may be sold; labelled: only labelled products; pass: only products that pass. */
  salesRestriction: 'none' | 'labelled' | 'pass';
  scope: 'all' | 'psti-schedule-3' | 'territory';
  /** law / voluntary / proposal / standard: whether failing restricts a sale (RegimeSummary.nature). */
  nature: RegimeNature;
  /** Last day the regime applies, when it has ended or is closed to new products. */
  until?: string;
  /** The dated versions of the rules, oldest first; the assessment names the one it applied. */
  versions: readonly RegimeVersion[];
  obligations: readonly Obligation[];
  exclusions: readonly Exclusion[];
  /** "presumed": the regime covers radio equipment only, and a product is presumed to have a radio. */
  radio: 'presumed' | null;
  /** A levelled scheme (sg-cls, jp-jcstar): the result carries the highest level reached. */
  levelled: boolean;
  mark: MarkRule | null;
  /** Harmonised standards cited in the Official Journal for the regime, with the day each was cited. */
  citedStandards: readonly { reference: string; from: string }[];
  /** Catalog whose recommendations are listed: the regime's own (conformance) or the declaration's. */
  catalog?: Catalog;
  /** Guidelines whose unmet recommendations are listed, or 'all'. */
  recommendationsFor: readonly number[] | 'all';
  deemedCompliance?: { catalog: CatalogId; standard: string; alternativeForReporting: string };
  /** How the adapters list and use the regime, from its data (so adding a regime changes no adapter). */
  roles: RegimeRoles;
  /** The OSCAL profile document as stored. */
  profile: unknown;
}

/** The stored "roles" of a regime: presentation and the parts it plays at the edges. */
export interface RegimeRoles {
  /** A short name for tables and menus. Defaults to the title. */
  shortName: string;
  /** Position in lists of assessments (lower first); regimes without one come last, by id. */
  displayOrder: number | null;
  /** The market whose rules these are (e.g. "UK"); null for a standard. */
  jurisdiction: string | null;
  /** For a labelling regime: which label a page shows first when a product has several (lower first). */
  labelPreference: number | null;
  /** The regime used when none is named: retail catalogue checks, the regulator's dashboard. */
  defaultRegime: boolean;
  /** Present for the regime whose statement of compliance a declaration gets (PSTI Schedule 4). */
  statementOfCompliance: { deemingStandard: { number: string; version: string; date: string } } | null;
}

export interface RegimeSummary {
  id: string;
  title: string;
  kind: RegimeKind;
  /** True when the regime gives the product a label. */
  labelling: boolean;
  /** True when products that fail may not be sold. */
  salesRestriction: boolean;
  /** The market whose rules these are (UK, EU, AU, US, SG, DE, FI, JP); null for a standard. */
  territory: string | null;
  nature: RegimeNature;
  /** First day the regime applies, and its last day when it has ended (YYYY-MM-DD). */
  effectiveFrom: string | null;
  until: string | null;
  /** The dated versions: when each took effect. */
  versions: { id: string; from: string }[];
}
