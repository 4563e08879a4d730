// The label's signed claims. Names are short because the token travels in a QR code; `Label` is the same
// facts with domain names, which is what callers build and read. No Node imports (browser too).
import { gtinProblem } from '../gs1/gtin.js';
import { isCalendarDate } from '../calendar.js';
import { TokenClaimsInvalid } from './errors.js';

/** The id of a regime with a label rule (labellingRegimeIds() in src/regimes lists them). */
export type LabelRegime = string;

/** tick: unique passwords and a vulnerability disclosure policy; cross: not both. */
export type Shield = 'tick' | 'cross';

/** The IETF Token Status List reference a label carries. */
export interface StatusReference {
  status_list: { idx: number; uri: string };
}

/** The JWT claims set exactly as signed. */
export interface LabelClaims {
  iss: string;
  /** The label id. */
  sub: string;
  /** GTIN-14 with a valid check digit. */
  gtin: string;
  /** Regime id. */
  reg: LabelRegime;
  /** Shield: 't' tick, 'x' cross. */
  sh: 't' | 'x';
  /** Security updates until (YYYY-MM-DD). */
  sup: string;
  iat: number;
  status: StatusReference;
  /** Transparency-log leaf index, once the log exists. */
  log?: number;
}

/** The facts on a label, in domain words. */
export interface Label {
  issuer: string;
  labelId: string;
  gtin: string;
  regime: LabelRegime;
  shield: Shield;
  supportEndDate: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  statusList: { uri: string; index: number };
  logIndex?: number;
}

const LABEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REGIME_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const MAX_URI = 512;

export function labelToClaims(label: Label): LabelClaims {
  const claims: LabelClaims = {
    iss: label.issuer,
    sub: label.labelId,
    gtin: label.gtin,
    reg: label.regime,
    sh: label.shield === 'tick' ? 't' : 'x',
    sup: label.supportEndDate,
    iat: label.issuedAt,
    status: { status_list: { idx: label.statusList.index, uri: label.statusList.uri } },
  };
  if (label.logIndex !== undefined) claims.log = label.logIndex;
  return claims;
}

export function claimsToLabel(claims: LabelClaims): Label {
  const label: Label = {
    issuer: claims.iss,
    labelId: claims.sub,
    gtin: claims.gtin,
    regime: claims.reg,
    shield: claims.sh === 't' ? 'tick' : 'cross',
    supportEndDate: claims.sup,
    issuedAt: claims.iat,
    statusList: { uri: claims.status.status_list.uri, index: claims.status.status_list.idx },
  };
  if (claims.log !== undefined) label.logIndex = claims.log;
  return label;
}

/**
 * Checks a decoded payload is a label claims set and returns it typed. Unknown members are ignored so
 * that later versions can add claims. `labellingRegimes` (from the rulebooks: labellingRegimeIds()) is the
 * list "reg" must be in; without it (the browser verifier, which carries no rulebooks) "reg" must be a
 * regime id. Throws TokenClaimsInvalid naming the first bad claim.
 */
export function checkLabelClaims(payload: unknown, labellingRegimes?: readonly string[]): LabelClaims {
  const problem = labelClaimsProblem(payload, labellingRegimes);
  if (problem !== null) throw new TokenClaimsInvalid(problem);
  return payload as LabelClaims;
}

function labelClaimsProblem(p: unknown, labellingRegimes: readonly string[] | undefined): string | null {
  if (!isObject(p)) return 'the payload is not a JSON object';
  if (typeof p.iss !== 'string' || p.iss.length === 0 || p.iss.length > MAX_URI)
    return 'claim "iss" must be a non-empty string';
  if (typeof p.sub !== 'string' || !LABEL_ID.test(p.sub))
    return 'claim "sub" must be a label id (letters, digits, ".", "_", "-", at most 64)';
  if (typeof p.gtin !== 'string') return 'claim "gtin" must be a string of 14 digits';
  const gtin = gtinProblem(p.gtin);
  if (gtin !== null) return `claim "gtin": ${gtin}`;
  if (p.gtin.length !== 14) return 'claim "gtin" must have 14 digits';
  if (labellingRegimes !== undefined && !(typeof p.reg === 'string' && labellingRegimes.includes(p.reg)))
    return `claim "reg" must be one of ${labellingRegimes.join(', ')}`;
  if (typeof p.reg !== 'string' || !REGIME_ID.test(p.reg)) return 'claim "reg" must be a regime id';
  if (p.sh !== 't' && p.sh !== 'x') return 'claim "sh" (shield) must be "t" or "x"';
  if (!isCalendarDate(p.sup)) return 'claim "sup" (security updates until) must be a date YYYY-MM-DD';
  if (!isNumericDate(p.iat)) return 'claim "iat" must be a whole number of seconds since 1970';
  if (!isObject(p.status) || !isObject(p.status.status_list))
    return 'claim "status" must be {"status_list":{"idx":n,"uri":"..."}}';
  const { idx, uri } = p.status.status_list;
  if (!Number.isSafeInteger(idx) || (idx as number) < 0)
    return 'claim "status.status_list.idx" must be a whole number >= 0';
  if (typeof uri !== 'string' || !/^https?:\/\/\S+$/.test(uri) || uri.length > MAX_URI)
    return 'claim "status.status_list.uri" must be an http(s) URI';
  if (p.log !== undefined && (!Number.isSafeInteger(p.log) || (p.log as number) < 0))
    return 'claim "log" must be a whole number >= 0';
  return null;
}

/** Checks label facts before signing, so that the registry can never issue a token verifiers reject. */
export function labelProblem(label: Label, labellingRegimes?: readonly string[]): string | null {
  return labelClaimsProblem(labelToClaims(label), labellingRegimes);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNumericDate(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
