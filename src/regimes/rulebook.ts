// The rulebooks, loaded and compiled once when the module is first imported. The data is bundled with the
// code (JSON modules), so this pure module does no file-system I/O of its own.
import copData from './data/catalogs/uk-cop-2018.json' with { type: 'json' };
import tsData from './data/catalogs/etsi-ts-103645-2019.json' with { type: 'json' };
import en2Data from './data/catalogs/etsi-en-303645-v2.1.1.json' with { type: 'json' };
import en3Data from './data/catalogs/etsi-en-303645-v3.1.3.json' with { type: 'json' };
import optionA from './data/regimes/uk-2019-option-a.json' with { type: 'json' };
import optionB from './data/regimes/uk-2019-option-b.json' with { type: 'json' };
import optionC from './data/regimes/uk-2019-option-c.json' with { type: 'json' };
import voluntary from './data/regimes/uk-2019-voluntary.json' with { type: 'json' };
import psti from './data/regimes/uk-psti-2023.json' with { type: 'json' };
import tsRegime from './data/regimes/etsi-ts-103645-2019.json' with { type: 'json' };
import en2Regime from './data/regimes/etsi-en-303645-v2.1.1.json' with { type: 'json' };
import en3Regime from './data/regimes/etsi-en-303645-v3.1.3.json' with { type: 'json' };
import { compileCatalog } from './compile-catalog.js';
import { compileRegime } from './compile-regime.js';
import type { Catalog, CatalogId, Regime } from './types.js';

export interface Rulebook {
  catalogs: ReadonlyMap<CatalogId, Catalog>;
  /** In display order: the UK regimes first, then the ETSI conformance regimes. */
  regimes: ReadonlyMap<string, Regime>;
}

/** Compiles stored catalogs and regimes, validating each; exported so tests can feed it broken data. */
export function compileRulebook(catalogDocs: Record<string, unknown>, regimeDocs: Record<string, unknown>): Rulebook {
  const catalogs = new Map<CatalogId, Catalog>();
  for (const [file, doc] of Object.entries(catalogDocs)) {
    const catalog = compileCatalog(file, doc);
    catalogs.set(catalog.id, catalog);
  }
  const regimes = new Map<string, Regime>();
  for (const [file, doc] of Object.entries(regimeDocs)) {
    const regime = compileRegime(file, doc, catalogs);
    regimes.set(regime.id, regime);
  }
  return { catalogs, regimes };
}

let cached: Rulebook | undefined;

/** The bundled rulebook, compiled on first use. */
export function rulebook(): Rulebook {
  cached ??= compileRulebook(
    {
      'catalogs/uk-cop-2018.json': copData,
      'catalogs/etsi-ts-103645-2019.json': tsData,
      'catalogs/etsi-en-303645-v2.1.1.json': en2Data,
      'catalogs/etsi-en-303645-v3.1.3.json': en3Data,
    },
    {
      'regimes/uk-2019-option-a.json': optionA,
      'regimes/uk-2019-option-b.json': optionB,
      'regimes/uk-2019-option-c.json': optionC,
      'regimes/uk-2019-voluntary.json': voluntary,
      'regimes/uk-psti-2023.json': psti,
      'regimes/etsi-ts-103645-2019.json': tsRegime,
      'regimes/etsi-en-303645-v2.1.1.json': en2Regime,
      'regimes/etsi-en-303645-v3.1.3.json': en3Regime,
    },
  );
  return cached;
}
