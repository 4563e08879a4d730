// Password-batch analysis at 1,000,000 rows (DESIGN.md: under 60 s on one core, strength estimation on a
// sample only). The baseline is only parsing the same generated CSV in the same run; peak RSS is reported.
import { createPasswordBatchAnalyser, readCredentialCsv } from '../src/evidence/passwords/index.js';
import type { BenchFigure } from './harness.js';

const CHUNK_ROWS = 5000;
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The same CSV every time it is called: a good batch (random base32 passwords) with 0.1 % duplicates. */
function* csv(rows: number): Generator<string> {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  let previous = '';
  yield 'device_id,credential_type,password,serial_number,mac_addresses,wifi_ssid,model,production_date\n';
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    let chunk = '';
    for (let i = start; i < Math.min(rows, start + CHUNK_ROWS); i++) {
      let password = '';
      for (let k = 0; k < 16; k++) password += B32[next() & 31];
      if (i % 1000 === 999) password = previous;
      previous = password;
      const mac = (0x3c5a37000000 + i).toString(16).toUpperCase();
      chunk += `DEV-${i},wifi_psk,${password},SN25${String(i).padStart(8, '0')},${mac},AcmeNet-${(next() & 0xffffff).toString(16)},CAM-200,2026-03-14\n`;
    }
    yield chunk;
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const rows = quick ? 100_000 : 1_000_000;

  let start = performance.now();
  let parsed = 0;
  for await (const item of readCredentialCsv(csv(rows))) if ('record' in item) parsed++;
  const parseSeconds = (performance.now() - start) / 1000;

  start = performance.now();
  const analyser = createPasswordBatchAnalyser({ strengthSample: 100, fingerprintKey: Buffer.alloc(32, 1) });
  for await (const item of readCredentialCsv(csv(rows))) if ('record' in item) analyser.add(item.record);
  const evidence = await analyser.finish();
  const seconds = (performance.now() - start) / 1000;
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);

  return [
    {
      name: `passwords: analyse ${rows.toLocaleString('en-GB')} CSV rows (zxcvbn on a 100-row sample)`,
      value: rows / seconds,
      unit: 'rows/s',
      baseline: { name: 'only parse the same CSV', value: parsed / parseSeconds, unit: 'rows/s' },
      ratio: seconds / parseSeconds,
      ratioMeaning: 'analysis time / parse-only time',
      target: '< 60 s for 1,000,000 rows',
      met: quick ? undefined : seconds < 60,
      notes: {
        seconds: Number(seconds.toFixed(2)),
        parseSeconds: Number(parseSeconds.toFixed(2)),
        projectedSecondsPer1M: Number(((seconds * 1_000_000) / rows).toFixed(1)),
        peakRssMiB,
        heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
        verdict: evidence.verdict,
        findings: evidence.findings.map((f) => f.code).join(' '),
      },
    },
  ];
}
