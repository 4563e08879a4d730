// Shared test material: one key set with an active and a retired key, and a label's facts.
import { createPrivateKey } from 'node:crypto';
import { generateLabelKey, importLabelKey, publicLabelJwk, type LabelSigningKey } from '../../src/labels/keys.js';
import { jwksDocument, type LabelJwks } from '../../src/labels/jwks.js';
import type { Label } from '../../src/labels/claims.js';

export const ISSUED_AT = Date.parse('2026-11-20T10:00:00Z') / 1000;
export const RETIRED_AT = Date.parse('2026-06-01T00:00:00Z') / 1000;
export const STATUS_URI = 'https://labels.example/v1/status-lists/1';

export const activeKey: LabelSigningKey = generateLabelKey();
export const retiredKey: LabelSigningKey = generateLabelKey();
export const strangerKey: LabelSigningKey = generateLabelKey();

/** A fixed Ed25519 key from a one-byte seed (PKCS #8 around 32 seed bytes), for tests whose bytes must repeat. */
export function labelKeyFromSeed(seed: number): LabelSigningKey {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, seed)]);
  const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return importLabelKey({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d });
}

export const jwks: LabelJwks = jwksDocument([
  publicLabelJwk(activeKey),
  publicLabelJwk(retiredKey, 'retired', RETIRED_AT),
]);

export function sampleLabel(overrides: Partial<Label> = {}): Label {
  return {
    issuer: 'https://labels.example',
    labelId: '7K2Q9M4XRT',
    gtin: '05012345678900',
    regime: 'uk-2019-option-a',
    shield: 'tick',
    supportEndDate: '2030-12-31',
    issuedAt: ISSUED_AT,
    statusList: { uri: STATUS_URI, index: 1234 },
    logIndex: 42,
    ...overrides,
  };
}

/** The `code` of whatever `fn` throws, or undefined when it does not throw: tests assert codes, not messages. */
export function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
