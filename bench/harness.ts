// Shared shape of a benchmark figure. Every budget in DESIGN.md is a ratio against a baseline measured in
// the same process and the same minute, because these machines are shared and noisy.

export interface BenchFigure {
  /** e.g. "assess: full declaration x all regimes" */
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, when the budget is a ratio. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value (or the inverse for time-based figures; say which in `ratioMeaning`). */
  ratio?: number;
  ratioMeaning?: string;
  /** The budget, e.g. ">= 0.5" or "<= 2.5"; and whether this run met it. */
  target?: string;
  met?: boolean;
  /** Anything else worth recording: peak RSS, row counts, ... */
  notes?: Record<string, number | string>;
}

export type BenchModule = { run(options: { quick: boolean }): Promise<BenchFigure[]> };

/** Calls `fn` repeatedly for at least `ms` milliseconds and returns operations per second. */
export function opsPerSecond(fn: () => void, ms = 1000): number {
  // Warm up so the JIT has settled before we count.
  const warmEnd = performance.now() + Math.min(200, ms / 4);
  while (performance.now() < warmEnd) fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i++) fn();
    ops += 64;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Async variant of opsPerSecond. */
export async function opsPerSecondAsync(fn: () => Promise<unknown>, ms = 1000): Promise<number> {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    ops++;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}
