// Turns a byte stream into text without ever holding more than one chunk. Bytes that are not UTF-8 become
// U+FFFD, which the row readers then report as 'encoding-invalid' on the row that contains them.
import { CatalogueUnreadable } from './errors.js';

export const REPLACEMENT_CHAR = '\uFFFD';

export type TextSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export async function* decodeText(input: TextSource): AsyncGenerator<string> {
  // ignoreBOM: false strips a leading byte-order mark, which spreadsheet exports often add.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  try {
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield text;
    }
  } catch (error) {
    if (error instanceof CatalogueUnreadable) throw error;
    throw new CatalogueUnreadable(
      `the catalogue could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
