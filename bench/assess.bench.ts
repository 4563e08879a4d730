// Assessments per second of a full declaration (every EN 303 645 V2.1.1 provision stated) against every
// regime, against a baseline of JSON.parse + JSON.stringify of the same declaration in the same run.
import { readFileSync } from 'node:fs';
import { assessAll, parseDeclaration } from '../src/assessment/index.js';
import { listRegimes } from '../src/regimes/index.js';
import { opsPerSecond, type BenchFigure } from './harness.js';

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const text = readFileSync(new URL('../examples/declarations/good-camera.json', import.meta.url), 'utf8');
  const declaration = parseDeclaration(JSON.parse(text));
  const regimes = listRegimes().map((r) => r.id);
  const ms = quick ? 300 : 2000;
  let sink = 0;
  const baseline = opsPerSecond(() => void (sink += JSON.stringify(JSON.parse(text)).length), ms);
  const assess = opsPerSecond(() => void (sink += assessAll(declaration, { regimes, at: '2026-11-24' }).length), ms);
  const parseAndAssess = opsPerSecond(
    () => void (sink += assessAll(parseDeclaration(JSON.parse(text)), { regimes, at: '2026-11-24' }).length),
    ms,
  );
  if (sink === 0) throw new Error('unreachable: keeps the work observable');
  const base = { name: 'JSON.parse + JSON.stringify of the same declaration', value: baseline, unit: 'ops/s' };
  const notes = {
    regimes: regimes.length,
    declarationBytes: text.length,
    statements: Object.keys(declaration.provisions?.statements ?? {}).length,
  };
  return [
    {
      name: 'assess: full declaration x all regimes',
      value: assess,
      unit: 'declarations/s',
      baseline: base,
      ratio: assess / baseline,
      ratioMeaning: 'assessments of all regimes per JSON round trip',
      notes: { ...notes, assessmentsPerSecond: Math.round(assess * regimes.length) },
    },
    {
      name: 'assess: JSON.parse + parseDeclaration + all regimes',
      value: parseAndAssess,
      unit: 'declarations/s',
      baseline: base,
      ratio: parseAndAssess / baseline,
      ratioMeaning: 'per JSON round trip',
    },
  ];
}
