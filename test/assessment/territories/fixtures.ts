// Declarations for the territory regimes (../shared/reference/territories.md), built from the good camera
// one change at a time, and a small way to read one assessment.
import { assessDeclaration, type Assessment, type Declaration } from '../../../src/assessment/index.js';
import { goodWith } from '../fixtures.js';

export { goodWith };

/** The good camera (a Class I product under the CRA) with `change` applied. */
export const camera = (change: (d: Declaration) => void = () => {}): Declaration => goodWith(change);

/**
 * A smart plug (a default-class product under the CRA) with every fact the CRA can check: first placed on
 * 11 December 2027, support for six years, an SBOM, a CVD policy and a postal address.
 */
export const plug = (change: (d: Declaration) => void = () => {}): Declaration =>
  goodWith((d) => {
    d.product.category = 'smart-plug';
    d.product.firstPlacedOnMarket = '2027-12-11';
    d.product.radioInterfaces = ['wifi'];
    d.supportPeriod = { endDate: '2033-12-31', publishedAt: 'https://acme.example/support' };
    d.sbom = { format: 'cyclonedx', url: 'https://acme.example/sbom.json' };
    change(d);
  });

export function assess(d: Declaration, regime: string, at: string): Assessment {
  return assessDeclaration(d, regime, at);
}

export function req(a: Assessment, id: string) {
  const r = a.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no requirement ${id} in ${a.regime} (has ${a.requirements.map((x) => x.id).join(', ')})`);
  return r;
}

/** "outcome sellable|unsellable": the two facts the laws-versus-voluntary contract is about. */
export const verdict = (a: Assessment): string => `${a.outcome} ${a.sellable ? 'sellable' : 'unsellable'}`;
