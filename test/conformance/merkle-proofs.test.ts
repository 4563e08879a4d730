// Every inclusion and consistency probe of transparency-dev/merkle (testdata/, copied to
// ../shared/conformance/merkle) run through our verifiers. As upstream's proof/verify_test.go does, the test
// walks the folders, collects every failure and reports "N out of M".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { conformanceDir } from './dir.js';
import { verifyInclusion } from '../../src/tlog/verify-inclusion.js';
import { verifyConsistency } from '../../src/tlog/verify-consistency.js';
import { IotlabelError } from '../../src/errors.js';

const testdata = join(conformanceDir, 'merkle', 'testdata');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
    });
}

// Sizes are uint64 upstream and two probes hold 2^64-1, which JSON.parse would round to a different number.
// Quote every size before parsing and read it back as a bigint, so the value reaches the verifier exactly.
function readProbe(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8').replace(/("(?:leafIdx|treeSize|size1|size2)"\s*:\s*)(\d+)/g, '$1"$2"');
  return JSON.parse(text) as Record<string, unknown>;
}

// Go's encoding/json writes []byte as standard base64; null and "" are both the empty byte string.
const bytes = (value: unknown): Uint8Array => Buffer.from(typeof value === 'string' ? value : '', 'base64');
const hashes = (value: unknown): Uint8Array[] => (Array.isArray(value) ? value.map(bytes) : []);

function runProbes(kind: 'inclusion' | 'consistency', check: (probe: Record<string, unknown>) => void): void {
  const files = jsonFiles(join(testdata, kind));
  assert.ok(files.length >= 98, `expected at least 98 ${kind} probes, found ${files.length}`);
  const failures: string[] = [];
  for (const file of files) {
    const probe = readProbe(file);
    const name = relative(testdata, file);
    let error: unknown = null;
    try {
      check(probe);
    } catch (caught) {
      error = caught;
    }
    if (error !== null && !(error instanceof IotlabelError))
      failures.push(`${name}: threw a non-domain error: ${String(error)}`);
    else if (probe.wantErr === true && error === null)
      failures.push(`${name}: verified, want an error (${String(probe.desc)})`);
    else if (probe.wantErr === false && error !== null)
      failures.push(`${name}: ${(error as Error).message}, want success`);
  }
  assert.equal(
    failures.length,
    0,
    `${failures.length} out of ${files.length} ${kind} probes failed:\n${failures.join('\n')}`,
  );
}

test('transparency-dev/merkle inclusion probes', () => {
  runProbes('inclusion', (p) =>
    verifyInclusion(
      BigInt(p.leafIdx as string),
      BigInt(p.treeSize as string),
      bytes(p.leafHash),
      hashes(p.proof),
      bytes(p.root),
    ),
  );
});

test('transparency-dev/merkle consistency probes', () => {
  runProbes('consistency', (p) =>
    verifyConsistency(
      BigInt(p.size1 as string),
      BigInt(p.size2 as string),
      hashes(p.proof),
      bytes(p.root1),
      bytes(p.root2),
    ),
  );
});

test('failing probes fail with the proof codes', () => {
  const probe = readProbe(join(testdata, 'inclusion', '1', 'wrong-leaf.json'));
  assert.throws(
    () =>
      verifyInclusion(
        BigInt(probe.leafIdx as string),
        BigInt(probe.treeSize as string),
        bytes(probe.leafHash),
        hashes(probe.proof),
        bytes(probe.root),
      ),
    (e: unknown) => e instanceof IotlabelError && e.code === 'TLOG_INCLUSION_PROOF_INVALID',
  );
  const wrapped = readProbe(join(testdata, 'inclusion', '0', 'leafIdx-sub-@1.json'));
  assert.equal(wrapped.leafIdx, '18446744073709551615');
  const swapped = readProbe(join(testdata, 'consistency', '1', 'swapped-roots.json'));
  assert.throws(
    () =>
      verifyConsistency(
        BigInt(swapped.size1 as string),
        BigInt(swapped.size2 as string),
        hashes(swapped.proof),
        bytes(swapped.root1),
        bytes(swapped.root2),
      ),
    (e: unknown) => e instanceof IotlabelError && e.code === 'TLOG_CONSISTENCY_PROOF_INVALID',
  );
});
