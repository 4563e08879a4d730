// Example declarations from examples/declarations, loaded for tests and changed one field at a time.
import { readFileSync } from 'node:fs';
import { parseDeclaration, assessAll, type Assessment, type Declaration } from '../../src/assessment/index.js';

export const AT = '2026-11-24';
export const UK = ['uk-2019-option-a', 'uk-2019-option-b', 'uk-2019-option-c', 'uk-2019-voluntary', 'uk-psti-2023'];

export function example(name: string): Declaration {
  return parseDeclaration(
    JSON.parse(readFileSync(new URL(`../../examples/declarations/${name}.json`, import.meta.url), 'utf8')),
  );
}

/** The good camera with `change` applied to a copy. */
export function goodWith(change: (d: Declaration) => void): Declaration {
  const d = structuredClone(example('good-camera'));
  change(d);
  return d;
}

export function byRegime(d: Declaration, options: Parameters<typeof assessAll>[1] = {}): Record<string, Assessment> {
  return Object.fromEntries(assessAll(d, { at: AT, ...options }).map((a) => [a.regime, a]));
}

/** outcome / sellable / shield per UK regime, for compact expectations. */
export function summary(d: Declaration): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, a] of Object.entries(byRegime(d, { regimes: UK })))
    out[id] = `${a.outcome} ${a.sellable ? 'sellable' : 'unsellable'} ${a.label ? a.label.shield : 'no-label'}`;
  return out;
}

export function requirement(a: Assessment, id: string) {
  const r = a.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no requirement ${id} in ${a.regime}`);
  return r;
}
