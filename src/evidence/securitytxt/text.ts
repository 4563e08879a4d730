// Turns the raw input into text: size measured in UTF-8 bytes, one leading byte-order mark removed, UTF-8 checked.

const BOM_BYTES = [0xef, 0xbb, 0xbf];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** UTF-8 length of a string without encoding it (lone surrogates count as the 3-byte replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export interface DecodedText {
  text: string;
  bom: boolean;
  utf8: boolean;
}

export function decodeText(input: string | Uint8Array): DecodedText {
  if (typeof input === 'string') {
    const bom = input.startsWith('\uFEFF');
    const text = bom ? input.slice(1) : input;
    return { text, bom, utf8: !LONE_SURROGATE.test(text) };
  }
  const bom = BOM_BYTES.every((b, i) => input[i] === b);
  const bytes = bom ? input.subarray(3) : input;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), bom, utf8: true };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), bom, utf8: false };
  }
}
