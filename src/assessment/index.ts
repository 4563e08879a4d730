// Declarations and their assessment against the rulebooks. Pure: values in, values out.
export { parseDeclaration } from './parse-declaration.js';
export { decodeDeclarationJson } from './declaration-text.js';
export { declarationJsonSchema } from './declaration-schema.js';
export { assessDeclaration } from './assess-declaration.js';
export { assessAll, type AssessAllOptions } from './assess-all.js';
export { DeclarationInvalid, type DeclarationProblem } from './errors.js';
export {
  DECLARATION_SCHEMA_VERSION,
  PRODUCT_CATEGORIES,
  PASSWORD_SCHEMES,
  PASSWORD_GENERATIONS,
  type Declaration,
  type ProductCategory,
  type PasswordScheme,
  type PasswordGeneration,
  type ProvisionStatement,
  type StatementStatus,
} from './declaration.js';
export type {
  Assessment,
  Requirement,
  RequirementStatus,
  Outcome,
  Label,
  Finding,
  Recommendation,
  EvidenceSummary,
} from './assessment.js';
export { exportComponentDefinition } from './export-component-definition.js';
export {
  provisionIfMandatory,
  disclosureContactVerdict,
  supportMinimumIfAdopted,
  supportMinimumRule,
  type ProvisionVerdict,
  type SupportMinimumWhatIf,
} from './what-if.js';
export {
  assessMarkets,
  type AssessMarketsOptions,
  type MarketVerdict,
  type MarketLawVerdict,
  type MarketLabelVerdict,
  type RecognitionApplied,
  type Gap,
} from './assess-market.js';
export {
  marketReport,
  topicOf,
  type MarketReport,
  type MarketReportEntry,
  type Divergence,
  type PlanStep,
  type Topic,
} from './market-report.js';
export {
  upcomingDates,
  type UpcomingDate,
  type UpcomingKind,
  type HeldLabel,
  type UpcomingOptions,
} from './upcoming-dates.js';
