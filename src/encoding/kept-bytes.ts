// Bytes meant to be kept for a long time (a cached page, its gzipped form) in a memory block of their own.
//
// A small Buffer made by Buffer.from(string) is a view into Node's shared 8 KiB pool slab, and gzipSync's
// output is a view into the 16 KiB chunk zlib wrote it to; while the view is kept, the whole block is.
// Thousands of kept 2 KB pages held that way hold 8 to 16 KB each, uncounted by their byteLength.

/** `data` (a string as UTF-8, or bytes) in a block exactly its size, shared with nothing. */
export function keptBytes(data: string | Uint8Array): Buffer {
  const source = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (source.byteOffset === 0 && source.buffer.byteLength === source.byteLength && Buffer.isBuffer(source))
    return source;
  const own = Buffer.allocUnsafeSlow(source.byteLength);
  own.set(source);
  return own;
}
