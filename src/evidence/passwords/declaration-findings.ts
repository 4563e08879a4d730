// Reconciles the findings with what the manufacturer declared (TS 103 701 functional test 5.1-2-2: the
// passwords on real units match the documented generation mechanism).
import type { KeyspaceCheck } from './keyspace-check.js';
import { makeFinding } from './tally.js';
import type { BatchDeclaration, PasswordFinding } from './types.js';

const DERIVATION_CODES = new Set([
  'PW-UNKEYED-TRANSFORM',
  'PW-KNOWN-VENDOR-ALGORITHM',
  'PW-SEQUENTIAL',
  'PW-EQUALS-IDENTIFIER',
  'PW-CONTAINS-IDENTIFIER',
  'PW-PUBLIC-INFO',
  'PW-UNIVERSAL',
]);

export function declarationFindings(
  declaration: BatchDeclaration,
  findings: PasswordFinding[],
  keyspace: KeyspaceCheck,
  analysed: number,
): PasswordFinding[] {
  const out: PasswordFinding[] = [];
  const method = declaration.method;
  if (method === 'incremental' || method === 'derived-from-identifier') {
    out.push(
      makeFinding('PW-DECLARED-WEAK-METHOD', {
        affectedCount: analysed,
        message: `The declared method "${method}" is what PSTI Schedule 1 §1(3) rules out: passwords must not come from counters or from identifiers without a secret key.`,
        evidence: { method },
      }),
    );
  }
  if (method === 'keyed-hash' || method === 'encryption') {
    const kd = declaration.keyedDerivation;
    const documented = kd?.keyCustody !== undefined && kd.evidenceRef !== undefined;
    out.push(
      makeFinding('PW-KEYED-DERIVATION-DECLARED', {
        severity: documented ? 'info' : 'warn',
        affectedCount: analysed,
        message: documented
          ? `Passwords are declared as a ${method} of device identifiers, with key custody "${kd!.keyCustody}". A keyed derivation looks random and cannot be verified statistically; the key-custody evidence (${kd!.evidenceRef}) is what supports the claim.`
          : `Passwords are declared as a ${method} of device identifiers. That looks random and cannot be verified statistically: attach evidence of how the key is generated and held (keyedDerivation.keyCustody and evidenceRef).`,
        evidence: { method, ...(kd ?? {}) },
      }),
    );
  }
  const contradicted = findings.filter((f) => f.severity === 'fail' && DERIVATION_CODES.has(f.code));
  if ((method === 'csprng' || method === 'keyed-hash' || method === 'encryption') && contradicted.length > 0) {
    out.push(
      makeFinding('PW-DECLARATION-MISMATCH', {
        affectedCount: Math.max(...contradicted.map((f) => f.affectedCount)),
        message: `Declared "${method}", but the passwords are reproducible: ${contradicted.map((f) => f.code).join(', ')}.`,
        evidence: { declared: method, contradictedBy: contradicted.map((f) => f.code) },
      }),
    );
  }
  if (analysed > 0 && declaration.alphabet !== undefined) {
    const allowed = new Set(declaration.alphabet);
    const outside = [...keyspace.observedAlphabet()].filter((c) => !allowed.has(c));
    if (outside.length > 0)
      out.push(
        makeFinding('PW-DECLARATION-MISMATCH', {
          affectedCount: analysed,
          message: `${outside.length} character(s) outside the declared alphabet occur in the passwords.`,
          evidence: { declaredAlphabetSize: allowed.size, charactersOutside: outside.length },
        }),
      );
  }
  if (
    analysed > 0 &&
    declaration.length !== undefined &&
    (keyspace.minLength !== declaration.length || keyspace.maxLength !== declaration.length)
  ) {
    out.push(
      makeFinding('PW-DECLARATION-MISMATCH', {
        affectedCount: analysed,
        message: `Declared length ${declaration.length}, but lengths range from ${keyspace.minLength} to ${keyspace.maxLength}.`,
        evidence: { declaredLength: declaration.length, minLength: keyspace.minLength, maxLength: keyspace.maxLength },
      }),
    );
  }
  return out;
}
