// The verification steps that need no cryptography, shared by the Node verifier and the browser verifier
// so both explain a label in the same words. Each step returns its value and a sentence for people, or
// throws its own error. No Node imports.
import { isIotlabelError, type ErrorCode } from '../errors.js';
import { claimsToLabel, isObject, type Label, type LabelClaims } from './claims.js';
import { dateInWords, dayOfNumericDate } from '../calendar.js';
import {
  IssuerNotTrusted,
  LabelRevoked,
  RevocationNotChecked,
  LabelSuspended,
  StatusListInvalid,
  TokenClaimsInvalid,
  TokenKeyExpired,
  TokenMalformed,
} from './errors.js';
import type { LabelJwk } from './jwks.js';
import {
  readStatus,
  STATUS_REVOKED,
  STATUS_SUSPENDED,
  STATUS_VALID,
  statusListSize,
  type StatusList,
} from './status-bits.js';

export type CheckStep = 'parse' | 'signature' | 'claims' | 'trust' | 'key' | 'status' | 'support';
/** `info`: true and worth saying, not a failure (the support period has ended). */
export type CheckOutcome = 'pass' | 'fail' | 'info' | 'not-checked';

export interface LabelCheck {
  step: CheckStep;
  outcome: CheckOutcome;
  code?: ErrorCode;
  message: string;
}

/** What a page or the CLI shows: every check, in order, and whether the label is genuine and in force. */
export interface LabelReport {
  /** True when no check failed. A label whose support period ended is still genuine. */
  genuine: boolean;
  at: string;
  label: Label | null;
  checks: LabelCheck[];
}

/**
 * What the verifier expects and accepts. The key set given to the verifier is its trust material; these say
 * whom it belongs to and what else must hold. Nothing here may come from the scanned link except `gtin`.
 */
export interface LabelExpectations {
  /** The registry the verifier trusts for the key set given: the token's `iss` must name it. */
  issuer?: string;
  /** The GTIN in the scanned link's /01/ path: the token's must equal it. */
  gtin?: string;
  /**
   * False when the key set was fetched only to explain the label (the verifier has not said it trusts that
   * registry): a valid signature then reads "signed by <issuer>, which you have not said you trust".
   */
  trusted?: boolean;
  /**
   * Accept a label whose revocation could not be checked (no status list given). Without it such a label is
   * not genuine; with it the status check reads "Revocation not checked".
   */
  offline?: boolean;
  /** Why no status list is given (it could not be fetched, it is on another host), for the status message. */
  statusUnavailable?: string;
}

export interface StepResult<T> {
  value: T;
  message: string;
  outcome?: 'pass' | 'info' | 'not-checked';
}

export const CHECK_STEPS: readonly CheckStep[] = ['parse', 'signature', 'claims', 'trust', 'key', 'status', 'support'];

/** Header rules: EdDSA only, a key id, no `crit` extensions we would have to understand. */
export function checkJwsHeader(header: unknown, typ?: string): { kid: string } {
  if (!isObject(header)) throw new TokenMalformed('the token header is not a JSON object');
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519')
    throw new TokenMalformed(
      `the token uses algorithm ${JSON.stringify(header.alg)}; only EdDSA (Ed25519) is accepted`,
    );
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 128)
    throw new TokenMalformed('the token header has no key id ("kid")');
  if (header.crit !== undefined)
    throw new TokenMalformed('the token header has "crit" extensions this verifier does not understand');
  if (typ === undefined ? header.typ === 'statuslist+jwt' : header.typ !== typ) {
    throw new TokenMalformed(
      typ === undefined
        ? 'this is a status list token, not a label token'
        : `the token type is ${JSON.stringify(header.typ)}; expected "${typ}"`,
    );
  }
  return { kid: header.kid };
}

/** The claims agree with what the verifier expected. */
export function claimsStep(claims: LabelClaims, expect: LabelExpectations = {}): StepResult<Label> {
  if (expect.gtin !== undefined && claims.gtin !== expect.gtin) {
    throw new TokenClaimsInvalid(`the label is for GTIN ${claims.gtin} but the link names GTIN ${expect.gtin}`);
  }
  const label = claimsToLabel(claims);
  return {
    value: label,
    message: `Label ${claims.sub} for GTIN ${claims.gtin} under ${claims.reg}, issued ${dayOfNumericDate(claims.iat)}`,
  };
}

/**
 * The label comes from a registry the verifier trusts: the keys are its trust material (not fetched from a
 * host the link named) and, when the verifier names the registry, the token's issuer is that registry.
 */
export function trustStep(claims: LabelClaims, expect: LabelExpectations = {}): StepResult<string> {
  if (expect.trusted === false)
    throw new IssuerNotTrusted(`the label is signed by ${claims.iss}, which you have not said you trust`);
  if (expect.issuer !== undefined && !sameRegistry(claims.iss, expect.issuer))
    throw new IssuerNotTrusted(
      `the label was issued by ${claims.iss}, not by the registry whose keys were used (${expect.issuer})`,
    );
  return {
    value: claims.iss,
    message:
      expect.issuer === undefined
        ? `Issued by ${claims.iss}, signed with a key from the key set you trust`
        : `Issued by ${claims.iss}, a registry you trust`,
  };
}

/** Registry URLs compare without a trailing slash and with a lower-case scheme and host. */
export function sameRegistry(a: string, b: string): boolean {
  return registryUrl(a) === registryUrl(b);
}

/** The canonical form of a registry URL: no trailing slash, lower-case scheme and host (as WHATWG URL writes). */
export function registryUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/** The signing key was in service when the label was issued. */
export function keyStep(jwk: LabelJwk, claims: LabelClaims): StepResult<LabelJwk> {
  if (jwk.status === 'retired' && jwk.retired_at !== undefined && claims.iat >= jwk.retired_at) {
    throw new TokenKeyExpired(
      `key ${jwk.kid} was retired on ${dayOfNumericDate(jwk.retired_at)} but the label claims to be issued on ${dayOfNumericDate(claims.iat)}`,
    );
  }
  const state =
    jwk.status === 'active'
      ? 'is in service'
      : `was in service when the label was issued (retired ${dayOfNumericDate(jwk.retired_at ?? 0)})`;
  return { value: jwk, message: `Registry key ${jwk.kid} ${state}` };
}

/** The label's entry in the status list, when a list is given. */
export function statusStep(
  claims: LabelClaims,
  list: StatusList | undefined,
  expect: LabelExpectations = {},
): StepResult<'valid' | 'unknown'> {
  if (list === undefined) {
    const why = expect.statusUnavailable ?? `no status list was given for ${claims.status.status_list.uri}`;
    // Not knowing whether a label was withdrawn is not "genuine": only a verifier that says so accepts it.
    if (expect.offline !== true) throw new RevocationNotChecked(`revocation not checked: ${why}`);
    return { value: 'unknown', outcome: 'not-checked', message: `Revocation not checked: ${why}` };
  }
  const { idx, uri } = claims.status.status_list;
  if (list.uri !== undefined && list.uri !== uri) {
    throw new StatusListInvalid(`the status list given is ${list.uri} but the label refers to ${uri}`);
  }
  const size = statusListSize(list);
  if (idx >= size)
    throw new StatusListInvalid(`the label's index ${idx} is beyond the end of the status list (${size} entries)`);
  const status = readStatus(list, idx);
  const when = list.iat === undefined ? '' : ` issued ${dayOfNumericDate(list.iat)}`;
  if (status === STATUS_REVOKED)
    throw new LabelRevoked(`label ${claims.sub} is revoked (status list ${uri}${when}, index ${idx})`);
  if (status === STATUS_SUSPENDED)
    throw new LabelSuspended(`label ${claims.sub} is suspended (status list ${uri}${when}, index ${idx})`);
  if (status !== STATUS_VALID)
    throw new StatusListInvalid(`the status list gives the label an unknown status ${status}`);
  return { value: 'valid', message: `Not revoked or suspended (status list${when}, index ${idx})` };
}

/** The support period: ended is information for the buyer, not a sign of forgery. */
export function supportStep(claims: LabelClaims, at: string): StepResult<boolean> {
  const words = dateInWords(claims.sup);
  if (at > claims.sup) {
    return {
      value: false,
      outcome: 'info',
      message: `The support period ended on ${words}: the product no longer gets security updates`,
    };
  }
  return { value: true, message: `Security updates until ${words}` };
}

/** Records steps in order; after the first failure the remaining steps are marked not checked. */
export class CheckRecorder {
  readonly checks: LabelCheck[] = [];
  private failed = false;

  /** Runs `fn` unless an earlier step failed; returns its value, or undefined when it failed or was skipped. */
  run<T>(step: CheckStep, fn: () => StepResult<T>): T | undefined {
    if (this.failed) {
      this.checks.push({ step, outcome: 'not-checked', message: 'Not checked because an earlier check failed' });
      return undefined;
    }
    try {
      const result = fn();
      this.checks.push({ step, outcome: result.outcome ?? 'pass', message: result.message });
      return result.value;
    } catch (error) {
      this.fail(step, error);
      return undefined;
    }
  }

  /** `run` for a step that awaits (WebCrypto in the browser). */
  async runAsync<T>(step: CheckStep, fn: () => Promise<StepResult<T>>): Promise<T | undefined> {
    if (this.failed) return this.run(step, () => ({ value: undefined as T, message: '' }));
    try {
      const result = await fn();
      this.checks.push({ step, outcome: result.outcome ?? 'pass', message: result.message });
      return result.value;
    } catch (error) {
      this.fail(step, error);
      return undefined;
    }
  }

  private fail(step: CheckStep, error: unknown): void {
    if (!isIotlabelError(error)) throw error;
    this.failed = true;
    this.checks.push({ step, outcome: 'fail', code: error.code, message: sentence(error.message) });
  }

  get ok(): boolean {
    return !this.failed;
  }
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
