// GS1 Digital Link URIs for a GTIN (AI 01), as the label's QR code carries them:
// https://HOST/01/<GTIN-14>[#fragment]. We always emit 14-digit GTINs (GS1 DL 1.2 rejects shorter ones
// unless zero-suppressed GTINs are permitted).
import { GtinInvalid } from './errors.js';
import { normalizeGtin } from './gtin.js';

/** `https://example.org` + GTIN -> `https://example.org/01/05012345678900`. A trailing slash on the base is trimmed. */
export function gtinDigitalLink(base: string, gtin: string, fragment?: string): string {
  const stem = base.replace(/\/+$/, '');
  const uri = `${stem}/01/${normalizeGtin(gtin)}`;
  return fragment === undefined ? uri : `${uri}#${fragment}`;
}

export interface ParsedGtinLink {
  /** Everything before `/01/`: scheme, host and any stem path. */
  stem: string;
  gtin: string;
  /** Serial number (AI 21) when the path carries one. */
  serial?: string;
  /** The fragment without '#', or undefined. */
  fragment?: string;
}

/** Parses a Digital Link URI whose primary key is a GTIN. Throws GtinInvalid naming what is wrong. */
export function parseGtinDigitalLink(uri: string): ParsedGtinLink {
  const hashAt = uri.indexOf('#');
  const fragment = hashAt === -1 ? undefined : uri.slice(hashAt + 1);
  const withoutFragment = hashAt === -1 ? uri : uri.slice(0, hashAt);
  const match = /^(https?:\/\/[^/?#]+(?:\/[^?#]*?)?)\/01\/([0-9]{14})(?:\/21\/([^/?#]{1,20}))?\/?(?:\?[^#]*)?$/.exec(withoutFragment);
  if (!match || !/^(http|https|HTTP|HTTPS):/.test(withoutFragment)) {
    throw new GtinInvalid(`"${withoutFragment}" is not a GS1 Digital Link URI of the form https://host/01/<14-digit GTIN>`);
  }
  const gtin = normalizeGtin(match[2]!);
  const result: ParsedGtinLink = { stem: match[1]!, gtin };
  if (match[3] !== undefined) result.serial = decodeURIComponent(match[3]);
  if (fragment !== undefined) result.fragment = fragment;
  return result;
}
