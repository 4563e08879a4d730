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
import auRegime from './data/regimes/au-smart-devices-2025.json' with { type: 'json' };
import craRegime from './data/regimes/eu-cra.json' with { type: 'json' };
import redRegime from './data/regimes/eu-red-2025.json' with { type: 'json' };
import ctmRegime from './data/regimes/us-cyber-trust-mark.json' with { type: 'json' };
import clsRegime from './data/regimes/sg-cls.json' with { type: 'json' };
import bsiRegime from './data/regimes/de-bsi-itsik.json' with { type: 'json' };
import traficomRegime from './data/regimes/fi-traficom.json' with { type: 'json' };
import jcstarRegime from './data/regimes/jp-jcstar.json' with { type: 'json' };
import { compileCatalog } from './compile-catalog.js';
import { compileRegime } from './compile-regime.js';
import { RegimeDataInvalid } from './errors.js';
import type { Catalog, CatalogId, Regime } from './types.js';

export interface Rulebook {
  catalogs: ReadonlyMap<CatalogId, Catalog>;
  /** In listing order: the UK regimes, the ETSI conformance regimes, the other territories, then registered ones. */
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
  checkSingleRoles('rulebook', regimes);
  return { catalogs, regimes };
}

let cached: Rulebook | undefined;
const registered = new Map<string, Regime>();
let withRegistered: Rulebook | undefined;

/** The bundled rulebook plus any regime registered at run time, compiled on first use. */
export function rulebook(): Rulebook {
  const bundled = bundledRulebook();
  if (registered.size === 0) return bundled;
  withRegistered ??= { catalogs: bundled.catalogs, regimes: new Map([...bundled.regimes, ...registered]) };
  return withRegistered;
}

/**
 * Adds a regime from its stored document (the same shape as a file under data/regimes, over the bundled
 * catalogs) for the rest of the process, listed after the bundled ones. Throws REGIME_DATA_INVALID when the
 * document is not valid, its id is taken, or it claims a role only one regime may have.
 */
export function registerRegime(document: unknown, file = 'registered regime'): Regime {
  const book = rulebook();
  const regime = compileRegime(file, document, book.catalogs);
  if (book.regimes.has(regime.id) || book.catalogs.has(regime.id as CatalogId))
    throw new RegimeDataInvalid(file, [`id "${regime.id}" is already a regime or catalog`]);
  checkSingleRoles(file, new Map([...book.regimes, [regime.id, regime]]));
  registered.set(regime.id, regime);
  withRegistered = undefined;
  return regime;
}

/** Removes a regime added with registerRegime (tests call it in `after`); bundled regimes stay. */
export function unregisterRegime(id: string): void {
  if (registered.delete(id)) withRegistered = undefined;
}

// The default regime and the statement-of-compliance regime are each one regime, or the adapters would
// have to choose between them.
function checkSingleRoles(file: string, regimes: ReadonlyMap<string, Regime>): void {
  const problems: string[] = [];
  const all = [...regimes.values()];
  for (const [role, has] of [
    ['defaultRegime', (r: Regime) => r.roles.defaultRegime],
    ['statementOfCompliance', (r: Regime) => r.roles.statementOfCompliance !== null],
  ] as const) {
    const ids = all.filter(has).map((r) => r.id);
    if (ids.length > 1) problems.push(`roles.${role} is claimed by ${ids.join(', ')}; one regime at most`);
  }
  if (problems.length > 0) throw new RegimeDataInvalid(file, problems);
}

function bundledRulebook(): Rulebook {
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
      'regimes/au-smart-devices-2025.json': auRegime,
      'regimes/eu-cra.json': craRegime,
      'regimes/eu-red-2025.json': redRegime,
      'regimes/us-cyber-trust-mark.json': ctmRegime,
      'regimes/sg-cls.json': clsRegime,
      'regimes/de-bsi-itsik.json': bsiRegime,
      'regimes/fi-traficom.json': traficomRegime,
      'regimes/jp-jcstar.json': jcstarRegime,
    },
  );
  return cached;
}
