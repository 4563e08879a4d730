// The label verifier for web pages: the page the QR code opens reads the token from its link and checks it
// here, in the browser, with WebCrypto Ed25519, TextDecoder and DecompressionStream.
// NO Node imports, here or in anything imported (a test walks the graph): served from dist/ as ES modules.
import { decodeBase64Url, encodeBase64Url } from '../../encoding/base64.js';
import { checkLabelClaims } from '../claims.js';
import {
  CheckRecorder,
  checkJwsHeader,
  claimsStep,
  keyStep,
  statusStep,
  supportStep,
  trustStep,
  type LabelExpectations,
  type LabelReport,
  type StepResult,
} from '../checks.js';
import { isCalendarDate } from '../../calendar.js';
import {
  LabelInputInvalid,
  KeyInvalid,
  StatusListInvalid,
  TokenKeyUnknown,
  TokenMalformed,
  TokenSignatureInvalid,
} from '../errors.js';
import { parseJwks, type LabelJwk, type LabelJwks } from '../jwks.js';
import { STATUS_BITS, type StatusBits, type StatusList } from '../status-bits.js';
import { parseLabelLink } from '../label-link.js';

export interface BrowserVerifyOptions extends LabelExpectations {
  /** The trusted registry's key set: the page's own /.well-known/iotlabel/keys, never the link's host. */
  keys: unknown;
  /** The day of the check, YYYY-MM-DD. */
  at: string;
  /** A status list token as served at /v1/status-lists/{n}, or a decoded list. */
  statusList?: string | StatusList;
}

const MAX_TOKEN = 4096;
const MAX_LIST_TOKEN = 12 * 1024 * 1024;
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

interface Jws {
  header: unknown;
  payload: unknown;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/** Verifies a label token; resolves to the same report the Node `checkLabel` gives. */
export async function verifyLabelInBrowser(token: string, options: BrowserVerifyOptions): Promise<LabelReport> {
  if (!isCalendarDate(options.at))
    throw new LabelInputInvalid(`"at" must be a date YYYY-MM-DD, not ${JSON.stringify(options.at)}`);
  const keys = parseJwks(options.keys);
  const r = new CheckRecorder();
  const parsed = r.run('parse', () => parseStep(token, MAX_TOKEN));
  const jwk = await r.runAsync('signature', () => signatureStep(parsed!.jws, parsed!.kid, keys));
  const claims = r.run('claims', () => {
    const checked = checkLabelClaims(parsed!.jws.payload);
    return { ...claimsStep(checked, options), value: checked };
  });
  r.run('trust', () => trustStep(claims!, options));
  r.run('key', () => keyStep(jwk!, claims!));
  await r.runAsync('status', async () =>
    statusStep(claims!, await resolveStatusList(options.statusList, keys, options.at), options),
  );
  r.run('support', () => supportStep(claims!, options.at));
  return {
    genuine: r.ok,
    at: options.at,
    label: claims === undefined ? null : claimsStep(claims).value,
    checks: r.checks,
  };
}

/**
 * Verifies the label in a scanned link `https://HOST/01/<GTIN-14>?label=<token>` (or the older `#<token>`);
 * the GTIN must match. A link that is not a label link throws LabelLinkInvalid.
 */
export async function verifyLabelLink(href: string, options: BrowserVerifyOptions): Promise<LabelReport> {
  const link = parseLabelLink(href);
  return verifyLabelInBrowser(link.token, { ...options, gtin: link.gtin });
}

function parseStep(token: unknown, maxLength: number): StepResult<{ jws: Jws; kid: string }> {
  const jws = parseCompactJws(token, maxLength);
  return {
    value: { jws, kid: checkJwsHeader(jws.header).kid },
    message: 'The token is a compact JWS signed with EdDSA (Ed25519)',
  };
}

async function signatureStep(jws: Jws, kid: string, keys: LabelJwks): Promise<StepResult<LabelJwk>> {
  const jwk = keys.keys.find((k) => k.kid === kid);
  if (jwk === undefined)
    throw new TokenKeyUnknown(`the label was signed with key ${kid}, which is not in the registry's key set`);
  if (!(await verifyEd25519(jwk, jws)))
    throw new TokenSignatureInvalid(
      `the signature does not verify with registry key ${kid}: the label was altered or forged`,
    );
  return { value: jwk, message: `The signature verifies with registry key ${kid}` };
}

function parseCompactJws(token: unknown, maxLength: number): Jws {
  if (typeof token !== 'string') throw new TokenMalformed('the token is not a string');
  if (token.length > maxLength)
    throw new TokenMalformed(`the token is ${token.length} characters long; at most ${maxLength} are accepted`);
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !SEGMENT.test(p)))
    throw new TokenMalformed('the token is not three base64url segments separated by "."');
  const [h, p, s] = parts as [string, string, string];
  const signature = decodeBase64Url(s);
  if (signature === null || signature.length !== 64)
    throw new TokenMalformed('the signature segment is not 64 bytes in canonical base64url');
  return {
    header: jsonSegment(h, 'header'),
    payload: jsonSegment(p, 'payload'),
    signingInput: new TextEncoder().encode(`${h}.${p}`),
    signature,
  };
}

function jsonSegment(segment: string, what: string): unknown {
  const bytes = decodeBase64Url(segment);
  try {
    if (bytes === null) throw new TypeError('bad base64url');
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new TokenMalformed(`the token ${what} is not base64url-encoded JSON`, { cause: error });
  }
}

// Imported keys are cached per key set object: importing costs about as much as verifying.
const cryptoKeys = new WeakMap<LabelJwk, Promise<CryptoKey>>();

async function verifyEd25519(jwk: LabelJwk, jws: Jws): Promise<boolean> {
  let key = cryptoKeys.get(jwk);
  if (key === undefined) {
    key = importKey(jwk);
    cryptoKeys.set(jwk, key);
  }
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    await key,
    jws.signature as BufferSource,
    jws.signingInput as BufferSource,
  );
}

async function importKey(jwk: LabelJwk): Promise<CryptoKey> {
  // The kid must be the key's RFC 7638 thumbprint, as the Node verifier insists.
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })),
  );
  if (encodeBase64Url(new Uint8Array(digest)) !== jwk.kid)
    throw new KeyInvalid(`key "${jwk.kid}" does not match its RFC 7638 thumbprint`);
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false, [
    'verify',
  ]);
}

async function resolveStatusList(
  input: string | StatusList | undefined,
  keys: LabelJwks,
  at: string,
): Promise<StatusList | undefined> {
  if (input === undefined || typeof input !== 'string') return input;
  let jws: Jws;
  let kid: string;
  try {
    jws = parseCompactJws(input, MAX_LIST_TOKEN);
    kid = checkJwsHeader(jws.header, 'statuslist+jwt').kid;
  } catch (error) {
    throw new StatusListInvalid(`status list token: ${(error as Error).message}`, { cause: error });
  }
  const jwk = keys.keys.find((k) => k.kid === kid);
  if (jwk === undefined)
    throw new StatusListInvalid(`status list token: signed with key ${kid}, which is not in the key set`);
  if (!(await verifyEd25519(jwk, jws))) throw new StatusListInvalid('the status list signature does not verify');
  const p = jws.payload as Record<string, unknown> | null;
  const encoded = p?.status_list as Record<string, unknown> | undefined;
  if (
    typeof p?.sub !== 'string' ||
    !Number.isSafeInteger(p.iat) ||
    typeof encoded?.lst !== 'string' ||
    !STATUS_BITS.includes(encoded.bits as StatusBits)
  ) {
    throw new StatusListInvalid('the status list token needs "sub", "iat" and "status_list": {"bits", "lst"}');
  }
  if (jwk.retired_at !== undefined && (p.iat as number) >= jwk.retired_at)
    throw new StatusListInvalid(`the status list claims to be issued after its key ${kid} was retired`);
  if (p.exp !== undefined && Date.parse(`${at}T00:00:00Z`) / 1000 > (p.exp as number))
    throw new StatusListInvalid('the status list has expired: fetch a fresh one');
  const compressed = decodeBase64Url(encoded.lst);
  if (compressed === null) throw new StatusListInvalid('"status_list.lst" is not base64url');
  return { bits: encoded.bits as StatusBits, bytes: await inflate(compressed), uri: p.sub, iat: p.iat as number };
}

/** zlib inflate with DecompressionStream('deflate'), refusing output beyond the size limit. */
async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // A reader loop rather than `for await`: not every browser can iterate a ReadableStream.
    const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      total += chunk.length;
      if (total > MAX_LIST_BYTES) {
        await reader.cancel();
        throw new StatusListInvalid('the status list inflates beyond the size limit');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof StatusListInvalid) throw error;
    throw new StatusListInvalid('"status_list.lst" is not zlib-compressed data', { cause: error });
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
