// Signs a note text (c2sp.org/signed-note): the text, a blank line, one "— name base64(keyID || sig)" line per key.
import { NoteMalformed } from './errors.js';
import type { NoteSigner } from './note-key.js';
import { checkNoteText } from './lib/note-text.js';
import { encodeBase64 } from '../encoding/base64.js';

/** Returns the signed note. The text must end in a newline and hold no control character but newline. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const problem = checkNoteText(text);
  if (problem !== null) throw new NoteMalformed(problem);
  if (signers.length === 0) throw new NoteMalformed('a note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    return `\u2014 ${signer.name} ${encodeBase64(Buffer.concat([id, signer.sign(message)]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}
