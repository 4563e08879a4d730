// What c2sp.org/signed-note allows as note text: valid UTF-8, no ASCII control character other than newline,
// non-empty and ending in a newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

/** A sentence naming the problem, or null when the text may be signed. */
export function checkNoteText(text: string): string | null {
  if (text.length === 0 || !text.endsWith('\n')) return 'note text must end with a newline';
  if (!isWellFormedText(text)) return 'note text is not valid UTF-8';
  if (CONTROL.test(text)) return 'note text contains a control character other than newline';
  return null;
}

// String.prototype.isWellFormed is not in the ES2023 library types; a lone surrogate cannot be written as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string encodes to valid UTF-8 (no lone surrogates). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
