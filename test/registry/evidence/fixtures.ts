// Evidence documents for the registry and HTTP tests: password analyses made by the real analyser over the
// password tests' generated batches, and security.txt files.
import { analysePasswordBatch, type PasswordEvidence } from '../../../src/evidence/passwords/index.js';
import { batch, GOOD, WEAK } from '../../evidence/passwords/fixtures/generators.js';

const cache = new Map<string, PasswordEvidence>();

async function analysed(name: string, scenarios: typeof WEAK): Promise<PasswordEvidence> {
  let doc = cache.get(name);
  if (!doc) {
    const scenario = scenarios.find((s) => s.name === name)!;
    doc = await analysePasswordBatch(batch(scenario, 300), {
      strengthSample: 0,
      declaration: scenario.declared ? { method: scenario.declared } : {},
      fingerprintKey: Buffer.alloc(32, 3),
    });
    cache.set(name, doc);
  }
  return structuredClone(doc);
}

/** A counter batch: PW-SEQUENTIAL fails. */
export const failingPasswords = () => analysed('counter password1, password2, ...', WEAK);
/** A CSPRNG batch: no FAIL. */
export const goodPasswords = () => analysed('CSPRNG base32, 16 characters', GOOD);

/** A security.txt listing `contacts`, expiring at `expires`. */
export function securityTxt(contacts: readonly string[], expires = '2027-06-30T00:00:00.000Z'): string {
  return [...contacts.map((c) => `Contact: ${c}`), `Expires: ${expires}`, 'Preferred-Languages: en', ''].join('\n');
}

/** The good camera example's contacts. */
export const CAMERA_CONTACTS = ['mailto:security@acme.example', 'https://acme.example/security/report'];
