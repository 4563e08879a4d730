import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateNoteKey, noteKeyId, parseSignerKey, parseVerifierKey } from '../../src/tlog/note-key.js';
import { signNote } from '../../src/tlog/sign-note.js';
import { openNote, MAX_NOTE_SIGNATURES } from '../../src/tlog/open-note.js';
import { IotlabelError } from '../../src/errors.js';
import { isCode } from './helpers.js';

// c2sp.org/signed-note, "Example" and "Verifier keys": a public vector, not ours.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const alice = generateNoteKey('alice.example/log');
const bob = generateNoteKey('bob.example/witness');
const aliceSigner = parseSignerKey(alice.signerKey);
const aliceVerifier = parseVerifierKey(alice.verifierKey);
const bobSigner = parseSignerKey(bob.signerKey);
const bobVerifier = parseVerifierKey(bob.verifierKey);
const TEXT = 'registry.example/log\n5\nAAAA\n';

test('the signed-note spec example verifies and its key ID is the one its name and key give', () => {
  const verifier = parseVerifierKey(SPEC_VKEY);
  assert.equal(verifier.keyId, 0x530d903a);
  const publicKey = Buffer.from('AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k', 'base64').subarray(1);
  assert.equal(noteKeyId('example.com/foo', publicKey), 0x530d903a);
  const opened = openNote(SPEC_NOTE, [verifier]);
  assert.equal(opened.text, 'This is an example message.\n');
  assert.deepEqual(opened.verified, [{ name: 'example.com/foo', keyId: 0x530d903a }]);
  assert.deepEqual(openNote(Buffer.from(SPEC_NOTE), [verifier]).text, opened.text);
});

test('sign then open; several signatures; unknown signers are ignored', () => {
  const note = signNote(TEXT, [aliceSigner, bobSigner]);
  assert.match(
    note,
    /^registry\.example\/log\n5\nAAAA\n\n\u2014 alice\.example\/log [A-Za-z0-9+/]+=*\n\u2014 bob\.example\/witness [A-Za-z0-9+/]+=*\n$/,
  );
  const both = openNote(note, [aliceVerifier, bobVerifier]);
  assert.equal(both.verified.length, 2);
  const onlyAlice = openNote(note, [aliceVerifier]);
  assert.deepEqual(
    onlyAlice.verified.map((s) => s.name),
    ['alice.example/log'],
  );
  assert.deepEqual(
    onlyAlice.unverified.map((s) => s.name),
    ['bob.example/witness'],
  );
  // A repeated signature line counts once.
  const repeated = note + note.split('\n\n')[1]!.split('\n')[0]! + '\n';
  assert.equal(openNote(repeated, [aliceVerifier, bobVerifier]).verified.length, 2);
  // Text may hold blank lines: the last blank line separates the signatures.
  const withBlank = signNote('a\n\nb\n', [aliceSigner]);
  assert.equal(openNote(withBlank, [aliceVerifier]).text, 'a\n\nb\n');
});

test('tampering is caught, each with its code', () => {
  const note = signNote(TEXT, [aliceSigner]);
  assert.throws(() => openNote(note.replace('\n5\n', '\n6\n'), [aliceVerifier]), isCode('TLOG_NOTE_SIGNATURE_INVALID'));
  assert.throws(() => openNote(note, [bobVerifier]), isCode('TLOG_NOTE_KEY_UNKNOWN'));
  // Same name, other key: a different key ID, so the signature is from an unknown key.
  const impostor = parseVerifierKey(generateNoteKey('alice.example/log').verifierKey);
  assert.throws(() => openNote(note, [impostor]), isCode('TLOG_NOTE_KEY_UNKNOWN'));
  // A forged signature under the trusted key ID must fail, not be skipped.
  const forged = signNote(TEXT, [
    {
      ...parseSignerKey(generateNoteKey('alice.example/log').signerKey),
      keyId: aliceVerifier.keyId,
      name: 'alice.example/log',
    },
  ]);
  assert.throws(() => openNote(forged, [aliceVerifier]), isCode('TLOG_NOTE_SIGNATURE_INVALID'));
  assert.throws(() => openNote(note.replace('\n\n', '\n'), [aliceVerifier]), isCode('TLOG_NOTE_MALFORMED'));
  assert.throws(() => openNote(note.replace('\n\n', '\n\n\n'), [aliceVerifier]), isCode('TLOG_NOTE_SIGNATURE_INVALID'));
  assert.throws(() => openNote(note.slice(0, -1), [aliceVerifier]), isCode('TLOG_NOTE_MALFORMED'));
  assert.throws(() => openNote(note + '\n', [aliceVerifier]), isCode('TLOG_NOTE_MALFORMED'));
});

test('malformed notes are refused before any signature is checked', () => {
  const note = signNote(TEXT, [aliceSigner]);
  const sig = note.split('\n\n')[1]!;
  const cases: [string, RegExp][] = [
    [TEXT + '\n' + sig.replace('\u2014', '-'), /em dash/],
    [TEXT + '\n' + sig.replace(' ', '  '), /invalid key name/],
    [TEXT + '\n\u2014 alice.example/log\n', /not base64/],
    [TEXT + '\n\u2014 alice.example/log AAAA\n', /not base64 of a key ID/],
    [TEXT + '\n\u2014 alice.example/log AAAA!AAA\n', /not base64/],
    [TEXT.replace('5', '5\t') + '\n' + sig, /control character/],
    [TEXT + '\n' + sig.repeat(MAX_NOTE_SIGNATURES + 1), /more than 100/],
    ['x'.repeat(1 << 20) + '\n\n' + sig, /larger than/],
    ['a\ud800\n\n' + sig, /UTF-8/],
  ];
  for (const [bad, message] of cases)
    assert.throws(
      () => openNote(bad, [aliceVerifier]),
      (e: unknown) => isCode('TLOG_NOTE_MALFORMED')(e) && message.test((e as Error).message),
      String(message),
    );
  assert.throws(
    () => openNote(Uint8Array.from([0x61, 0xff, 0x0a, 0x0a]), [aliceVerifier]),
    isCode('TLOG_NOTE_MALFORMED'),
  );
});

test('signing refuses text that cannot be a note', () => {
  assert.throws(() => signNote('no newline', [aliceSigner]), isCode('TLOG_NOTE_MALFORMED'));
  assert.throws(() => signNote('', [aliceSigner]), isCode('TLOG_NOTE_MALFORMED'));
  assert.throws(() => signNote('bell\u0007\n', [aliceSigner]), isCode('TLOG_NOTE_MALFORMED'));
  assert.throws(() => signNote('lone \ud800\n', [aliceSigner]), isCode('TLOG_NOTE_MALFORMED'));
  assert.throws(() => signNote(TEXT, []), isCode('TLOG_NOTE_MALFORMED'));
});

test('keys: strict parsing of verifier and signer keys', () => {
  const [name, id, key] = alice.verifierKey.split('+') as [string, string, string];
  const bad = [
    'nokey',
    `${name}+${id}`,
    `+${id}+${key}`,
    `a b+${id}+${key}`,
    `${name}+${id.toUpperCase()}+${key}`,
    `${name}+${id}+${key}!`,
    `${name}+${id}+${Buffer.concat([Buffer.from([2]), Buffer.from(key, 'base64').subarray(1)]).toString('base64')}`,
    `${name}+${id}+${Buffer.from(key, 'base64').subarray(0, 20).toString('base64')}`,
    `${name}+00000000+${key}`,
    `other.example+${id}+${key}`,
  ];
  for (const vkey of bad) assert.throws(() => parseVerifierKey(vkey), isCode('TLOG_KEY_INVALID'), vkey);
  assert.throws(() => parseSignerKey(alice.verifierKey), isCode('TLOG_KEY_INVALID'));
  assert.throws(
    () => parseSignerKey(alice.signerKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')),
    isCode('TLOG_KEY_INVALID'),
  );
  assert.throws(() => generateNoteKey('has+plus'), isCode('TLOG_KEY_INVALID'));
  assert.throws(() => generateNoteKey(''), isCode('TLOG_KEY_INVALID'));
  assert.equal(aliceVerifier.verify(Buffer.from('x'), new Uint8Array(10)), false);
});

test('property: opening arbitrary text never throws anything but a TLOG_NOTE_* error', () => {
  const sig = signNote(TEXT, [aliceSigner]).split('\n\n')[1]!;
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-composite' }), fc.boolean(), (text, withSig) => {
      try {
        openNote(withSig ? `${text}\n\n${sig}` : text, [aliceVerifier]);
        return text === TEXT.slice(0, -1);
      } catch (error) {
        return error instanceof IotlabelError && error.code.startsWith('TLOG_NOTE_');
      }
    }),
  );
});
