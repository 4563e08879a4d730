// Whether a "not applicable" statement stands: Table B.1 of each EN 303 645 version allows N/A only for a
// provision it makes conditional, and TS 103 701 rejects an N/A whose condition the product's own facts
// show to hold (5.1-1 N/A while the passwords section says passwords are used).
import type { Catalog, ConditionFact, Provision } from '../regimes/types.js';
import type { Declaration } from './declaration.js';

/** Catalogs whose conditions were transcribed from the version's own Table B.1. */
const TABLE_B1 = new Set(['etsi-en-303645-v2.1.1', 'etsi-en-303645-v3.1.3']);

/**
 * Why a not-applicable statement for `p` (a provision of `catalog`) is invalid, or null when it may stand.
 * `declared` is the catalog the declaration's statements are written against.
 */
export function invalidNotApplicable(
  d: Declaration,
  declared: Catalog | null,
  catalog: Catalog,
  p: Provision,
): string | null {
  if (!TABLE_B1.has(catalog.id)) return null;
  if (p.dependsOn.length === 0) return `${p.id} applies to every product and cannot be not applicable. Implement it.`;
  // N/A is valid when any one condition fails; it is refuted only when the facts show every condition holds.
  const held = p.dependsOn.map((c) => (c.fact ? holds(d, declared, c.fact) : null));
  if (held.some((h) => h === null)) return null;
  const because = held.map((h, i) => `${h!} (so ${p.dependsOn[i]!.text})`).join('; ');
  return `${p.id} is declared not applicable, but ${because}. A provision is not applicable only when its condition does not hold: implement it, or correct whichever statement is wrong.`;
}

/** The declaration statement that shows `fact` holds, in words, or null when the declaration does not show it. */
function holds(d: Declaration, declared: Catalog | null, fact: ConditionFact): string | null {
  const pw = d.passwords;
  switch (fact) {
    case 'passwords-used':
      return pw.usesPasswords ? 'the passwords section says the product uses passwords' : null;
    case 'preinstalled-unique-passwords':
      return pw.usesPasswords && pw.scheme === 'unique-per-device'
        ? 'the passwords section declares pre-installed unique per-device passwords'
        : null;
    case 'update-mechanism': {
      const by = declared?.provisions.find(
        (q) => q.establishes === fact && d.provisions?.statements[q.id]?.status === 'implemented',
      );
      return by ? `${by.id} (a secure update mechanism) is declared implemented` : null;
    }
  }
}
