// The rulebooks: catalogs of provisions and the regimes built on them, as data.
export { listRegimes, listRulebooks, findRegimeSummary, ukRegimeIds } from './list-regimes.js';
export {
  labellingRegimeIds,
  labelPreferenceOrder,
  defaultRetailRegime,
  compareForDisplay,
  regimesInDisplayOrder,
  regimeShortName,
  declarationCatalogs,
  defaultDeclarationCatalog,
  whatIfCatalogs,
  statementOfComplianceRegime,
} from './roles.js';
export { getRegime, getCatalog } from './get-regime.js';
export { compileRulebook, registerRegime, unregisterRegime, type Rulebook } from './rulebook.js';
export { RegimeUnknown, RegimeDataInvalid } from './errors.js';
export {
  CATALOG_IDS,
  type Catalog,
  type CatalogId,
  type Provision,
  type ProvisionStatus,
  type ProvisionTopic,
  type Regime,
  type RegimeKind,
  type RegimeRoles,
  type RegimeSummary,
  type RequirementRule,
  type LabelRule,
  type MarkRule,
  type Obligation,
  type RegimeNature,
  type RegimeVersion,
} from './types.js';
export { exportOscalCatalog, exportOscalRegime } from './oscal/export-oscal.js';
export { exportOscalCrosswalk, CROSSWALK_CATALOGS } from './oscal/export-crosswalk.js';
export { nameUuid } from './oscal/uuid.js';
export {
  listMarkets,
  getMarket,
  listRecognitions,
  marketLaws,
  bindsOn,
  marketLabels,
  type BindingLaw,
  type Market,
  type MarketLaw,
  type Recognition,
} from './markets.js';
export { compileMarkets, type MarketBook } from './compile-markets.js';
export { MarketUnknown } from './errors.js';
export { crosswalkRows, type CrosswalkRow, type CrosswalkBasis } from './crosswalk.js';
