// "What if this provision became mandatory?" for a regulator: one declaration judged against one provision
// as if its status were M, by the same provision rule the regimes use (evaluateProvision), and the
// declaration's disclosure-contact verdict. Pure: values in, values out.
import { getCatalog } from '../regimes/get-regime.js';
import type { CatalogId } from '../regimes/types.js';
import type { EvidenceSummary, Requirement } from './assessment.js';
import type { Declaration } from './declaration.js';
import { deriveFacts } from './facts.js';
import { evaluateProvision } from './provisions.js';

export type ProvisionVerdict = Pick<Requirement, 'status' | 'reasons'>;

/** The declaration against provision `provisionId` of `catalogId` made mandatory. Throws REGIME_UNKNOWN for an unknown catalog. */
export function provisionIfMandatory(
  declaration: Declaration,
  catalogId: CatalogId,
  provisionId: string,
  evidence?: EvidenceSummary,
): ProvisionVerdict | null {
  const catalog = getCatalog(catalogId);
  const provision = catalog.byId.get(provisionId);
  if (provision === undefined || provision.status === 'withdrawn') return null;
  return evaluateProvision(deriveFacts(declaration, evidence), catalog, { ...provision, status: 'M' });
}

/** Whether the declaration names a working way to report security problems (and why not). */
export function disclosureContactVerdict(
  declaration: Declaration,
  evidence?: EvidenceSummary,
): { ok: boolean; reasons: string[] } {
  return deriveFacts(declaration, evidence).contact;
}
