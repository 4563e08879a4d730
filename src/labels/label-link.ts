// The link a label's QR code carries: a GS1 Digital Link for the product's GTIN on the registry's domain,
// with the signed label token in the query attribute "label": https://HOST/01/<GTIN-14>?label=<token>.
// GS1's grammar has no fragment, so the older form https://HOST/01/<GTIN-14>#<token> does not parse in GS1's
// own toolkit (it folds the token into the GTIN); a non-GS1 query attribute does, and tills ignore it.
// Labels printed in the older form are still read. No Node imports (the browser verifier uses this).
import { gtinDigitalLink, parseGtinDigitalLink } from '../gs1/digital-link.js';
import { LabelLinkInvalid } from './errors.js';

/** The query attribute that carries the token. Not a GS1 AI (those are digits), so GS1 resolvers ignore it. */
export const LABEL_TOKEN_ATTRIBUTE = 'label';

export interface LabelLink {
  /** Scheme, host and any path before /01/. */
  stem: string;
  /** GTIN-14 with a valid check digit, from the /01/ path segment. */
  gtin: string;
  token: string;
  /** Where the token was: the query attribute (today's links) or the fragment (links printed before). */
  form: 'query' | 'fragment';
}

/** `https://reg.example` + GTIN + token -> `https://reg.example/01/05012345678900?label=<token>`. */
export function labelLink(base: string, gtin: string, token: string): string {
  return `${gtinDigitalLink(base, gtin)}?${LABEL_TOKEN_ATTRIBUTE}=${encodeURIComponent(token)}`;
}

/**
 * Reads a scanned label link in either form. Throws LabelLinkInvalid when the path holds no /01/<GTIN-14>
 * with a valid check digit or the link carries no token: such a link is not a label link.
 */
export function parseLabelLink(uri: string): LabelLink {
  const hashAt = uri.indexOf('#');
  const beforeHash = hashAt === -1 ? uri : uri.slice(0, hashAt);
  let parsed;
  try {
    parsed = parseGtinDigitalLink(beforeHash);
  } catch (error) {
    throw new LabelLinkInvalid(`not a label link: ${(error as Error).message}`, { cause: error });
  }
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  const fromQuery = query === '' ? null : new URLSearchParams(query).get(LABEL_TOKEN_ATTRIBUTE);
  if (fromQuery !== null && fromQuery !== '')
    return { stem: parsed.stem, gtin: parsed.gtin, token: fromQuery, form: 'query' };
  const fragment = hashAt === -1 ? '' : safeDecode(uri.slice(hashAt + 1));
  if (fragment !== '') return { stem: parsed.stem, gtin: parsed.gtin, token: fragment, form: 'fragment' };
  throw new LabelLinkInvalid(
    `not a label link: "${beforeHash}" carries no label token (no "${LABEL_TOKEN_ATTRIBUTE}=" attribute or "#")`,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
