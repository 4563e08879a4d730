// Builds a genuinely signed security.txt for tests with a fresh OpenPGP key (no external test data).
import * as openpgp from 'openpgp';

export interface SignedFixture {
  body: string;
  signed: string;
  publicKey: string;
  otherPublicKey: string;
}

export async function makeSignedFixture(body: string): Promise<SignedFixture> {
  const make = () =>
    openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'security@example.com' }],
      format: 'object',
      date: new Date('2020-01-01T00:00:00Z'),
    });
  const [{ privateKey, publicKey }, other] = await Promise.all([make(), make()]);
  const message = await openpgp.createCleartextMessage({ text: body });
  const signed = await openpgp.sign({ message, signingKeys: privateKey, date: new Date('2026-01-01T00:00:00Z') });
  return { body, signed, publicKey: publicKey.armor(), otherPublicKey: other.publicKey.armor() };
}
