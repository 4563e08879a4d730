// How far V8 lets its heap grow past what was live after a full collection, set by `serve` for itself.
//
// By default V8 lets the old generation grow to up to four times the live heap before its next full
// collection when garbage is made fast, which is what the warm does (a market report per product): at
// 100,000 products a server with 200 MiB live reached 1.2 GB RSS while warming and gave it back only minutes
// later. A fixed factor of 2 keeps it near twice what is live. 1.5 kept it lower still but made V8 mark the
// whole live heap so often under load that a look-up cost twice the server CPU (65 against 25-31 µs for an
// unknown GTIN at 100,000 products; V8's own heuristic 40 µs and 1.2 GB): docs/till-benchmark.md (Memory).
// It is not a cap: the heap still grows as far as the live data needs, so nothing runs out of memory.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

/** Sets the growth factor unless the process was started with its own (`--heap-growing-percent`). */
export function limitHeapGrowth(
  flags: readonly string[] = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)],
): boolean {
  if (flags.some((f) => /^--heap[-_]growing[-_]percent\b/.test(f))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
