// What a submitted document becomes before it reaches the writer: its parsed declaration, canonical text and
// hash, and its assessment results for the day, each as the JSON text stored and that text's hash. Pure, so
// a worker thread can do it (./prepare-pool.ts) while the one writer thread stores the previous documents.
import type { AssessmentEngine, Declaration } from '../engine.js';
import { canonicalJson, sha256Hex } from '../log/canonical-json.js';

/** One regime's result: the columns the registry queries, and the whole result as stored. */
export interface PreparedResult {
  regime: string;
  at: string;
  outcome: string;
  sellable: boolean;
  /** The assessment result as JSON (DESIGN.md's assessment result). */
  json: string;
  sha256: string;
}

export interface PreparedDocument {
  declaration: Declaration;
  canonical: string;
  sha256: string;
  supportEndDate: string | null;
  /** The day the results are for. */
  at: string;
  results: PreparedResult[];
}

/** Assesses `declaration` on `at` against every regime. */
export function assessForStorage(engine: AssessmentEngine, declaration: Declaration, at: string): PreparedResult[] {
  return engine.assessAll(declaration, { at }).map((a) => {
    const json = JSON.stringify(a);
    return { regime: a.regime, at: a.at, outcome: a.outcome, sellable: a.sellable, json, sha256: sha256Hex(json) };
  });
}

/** Throws DECLARATION_INVALID (with its problems) when `document` is not a valid declaration. */
export function prepareDocument(engine: AssessmentEngine, document: unknown, at: string): PreparedDocument {
  const declaration = engine.parseDeclaration(document);
  const canonical = canonicalJson(document);
  return {
    declaration,
    canonical,
    sha256: sha256Hex(canonical),
    supportEndDate: declaration.supportPeriod?.endDate ?? null,
    at,
    results: assessForStorage(engine, declaration, at),
  };
}
