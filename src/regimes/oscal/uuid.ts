import { createHash } from 'node:crypto';

/** A name-based (version 5 style, SHA-1) UUID, so the same input always exports the same OSCAL document. */
export function nameUuid(name: string): string {
  const h = createHash('sha1').update(`iotlabel:${name}`).digest('hex');
  const variant = (8 + (parseInt(h[16]!, 16) & 3)).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
