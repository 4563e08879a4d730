// Checks a stored regime's "roles" (how adapters list and use it) and fills in the defaults, so a regime
// file may leave out every role it does not play.
import type { RegimeRoles } from './types.js';

interface StoredRoles {
  shortName?: unknown;
  displayOrder?: unknown;
  jurisdiction?: unknown;
  labelPreference?: unknown;
  defaultRegime?: unknown;
  statementOfCompliance?: { deemingStandard?: { number?: unknown; version?: unknown; date?: unknown } };
}

const order = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function compileRoles(stored: unknown, title: string, labelling: boolean, problems: string[]): RegimeRoles {
  if (stored !== undefined && (typeof stored !== 'object' || stored === null || Array.isArray(stored))) {
    problems.push('roles must be an object');
    stored = {};
  }
  const r = (stored ?? {}) as StoredRoles;
  if (r.shortName !== undefined && (typeof r.shortName !== 'string' || r.shortName.trim() === ''))
    problems.push('roles.shortName must be a non-empty string');
  if (r.displayOrder !== undefined && !order(r.displayOrder))
    problems.push('roles.displayOrder must be a whole number >= 0');
  if (r.jurisdiction !== undefined && typeof r.jurisdiction !== 'string')
    problems.push('roles.jurisdiction must be a string');
  if (r.labelPreference !== undefined && !(order(r.labelPreference) && labelling))
    problems.push('roles.labelPreference must be a whole number >= 0, on a regime with a label rule');
  if (r.defaultRegime !== undefined && typeof r.defaultRegime !== 'boolean')
    problems.push('roles.defaultRegime must be true or false');
  const standard = r.statementOfCompliance?.deemingStandard;
  if (
    r.statementOfCompliance !== undefined &&
    !(
      typeof standard?.number === 'string' &&
      typeof standard.version === 'string' &&
      typeof standard.date === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(standard.date)
    )
  )
    problems.push('roles.statementOfCompliance.deemingStandard needs number, version and date (YYYY-MM-DD)');
  return {
    shortName: typeof r.shortName === 'string' ? r.shortName : title,
    displayOrder: order(r.displayOrder) ? r.displayOrder : null,
    jurisdiction: typeof r.jurisdiction === 'string' ? r.jurisdiction : null,
    labelPreference: order(r.labelPreference) ? r.labelPreference : null,
    defaultRegime: r.defaultRegime === true,
    statementOfCompliance:
      r.statementOfCompliance === undefined || standard === undefined
        ? null
        : {
            deemingStandard: {
              number: String(standard.number),
              version: String(standard.version),
              date: String(standard.date),
            },
          },
  };
}
