import { analysePasswordBatch } from '../../../src/evidence/passwords/index.js';
import { WEAK, GOOD, batch } from './fixtures/generators.js';
for (const s of [...WEAK, ...GOOD]) {
  const t = performance.now();
  const r = await analysePasswordBatch(batch(s, Number(process.env.N ?? 1000)), {
    strengthSample: 0,
    declaration: s.declared ? { method: s.declared } : {},
  });
  console.log(
    s.name.padEnd(50),
    (performance.now() - t).toFixed(0).padStart(6),
    r.findings.map((f) => `${f.code}:${f.severity}:${f.affectedCount}`).join(' '),
  );
}
