// Turns the analyser's counters into findings and batch statistics (pipeline steps 2-7 of the
// reference's analyser specification, after the rows have streamed through).
import type { AnalyserState, KeyspacePolicy } from './analyser-state.js';
import { declarationFindings } from './declaration-findings.js';
import type { Hypothesis } from './hypothesis-search.js';
import { makeFinding, share, Tally } from './tally.js';
import { describeTransform } from './transforms.js';
import {
  OFFLINE_TYPES,
  type BatchDeclaration,
  type BatchStatistics,
  type CredentialType,
  type PasswordFinding,
} from './types.js';
import { describeVendorKey } from './vendor-check.js';

export interface FindingPolicy {
  declaration: BatchDeclaration;
  universalShare: number;
  minMatchRate: number;
  keyspace: KeyspacePolicy;
}

export async function buildFindings(s: AnalyserState, policy: FindingPolicy) {
  const findings: PasswordFinding[] = [];
  const inScope = s.analysedRows + s.fingerprintOnlyRows;
  const analysed = s.analysedRows;

  if (s.outOfScope.count > 0) {
    findings.push(
      makeFinding('PW-OUT-OF-SCOPE', {
        tally: s.outOfScope,
        message: `${share(s.outOfScope.count, s.rows)} are keys, BLE pairing PINs or API keys, which PSTI does not treat as passwords; they were not analysed.`,
      }),
    );
  }
  if (s.m2m.count > 0) {
    findings.push(
      makeFinding('PW-M2M-PASSWORD', {
        tally: s.m2m,
        message: `${share(s.m2m.count, s.rows)} are passwords used for machine-to-machine authentication; EN 303 645 5.1-2A recommends keys or tokens instead.`,
      }),
    );
  }

  // Duplicates and universal values.
  const dup = s.duplicates.summary();
  const threshold = Math.max(2, Math.ceil(policy.universalShare * inScope));
  const universal = dup.top.filter((g) => g.count >= threshold && (g.count >= 3 || g.count === inScope));
  if (universal.length > 0) {
    const tally = new Tally();
    for (const g of universal)
      for (const id of s.duplicates.sample(g.fingerprint)?.deviceIds ?? [])
        if (tally.deviceIds.length < 10) tally.deviceIds.push(id);
    for (const g of universal) tally.examples.push(...(s.duplicates.sample(g.fingerprint)?.examples ?? []).slice(0, 1));
    const affected = universal.reduce((sum, g) => sum + g.count, 0);
    findings.push(
      makeFinding('PW-UNIVERSAL', {
        tally,
        affectedCount: affected,
        credentialTypes: s.duplicates.repeats.credentialTypes,
        message: `${universal.length === 1 ? 'One password is' : `${universal.length} passwords are`} used on ${share(affected, inScope)}; a value on ${threshold} or more devices counts as universal.`,
        evidence: { threshold, values: universal.slice(0, 10) },
      }),
    );
  }
  if (dup.groups > 0) {
    findings.push(
      makeFinding('PW-DUPLICATE', {
        tally: s.duplicates.repeats,
        affectedCount: dup.rows,
        message: `${dup.groups.toLocaleString('en-GB')} password value(s) are shared by more than one row: ${share(dup.rows, inScope)} are affected. Each device needs its own password.`,
        evidence: { groups: dup.groups, largestGroup: dup.top[0]?.count ?? 0, values: dup.top.slice(0, 10) },
      }),
    );
  }
  if (s.knownDefault.count > 0) {
    findings.push(
      makeFinding('PW-KNOWN-DEFAULT', {
        tally: s.knownDefault,
        message: `${share(s.knownDefault.count, inScope)} use a well-known default password (compared without regard to case).`,
      }),
    );
  }

  // Identifier-derived passwords.
  const idEvidence = {
    identifierForms: Object.fromEntries([...s.identifiers.labels].sort((a, b) => b[1] - a[1]).slice(0, 10)),
  };
  if (s.identifiers.equals.count > 0) {
    findings.push(
      makeFinding('PW-EQUALS-IDENTIFIER', {
        tally: s.identifiers.equals,
        message: `${share(s.identifiers.equals.count, analysed)} equal one of the device's own identifiers (serial, MAC, device or chip id).`,
        evidence: idEvidence,
      }),
    );
  }
  const rateRule = (count: number, of: number) =>
    count >= Math.min(3, of) && count >= policy.minMatchRate * of ? 'fail' : count >= 3 ? 'warn' : undefined;
  const contains = rateRule(s.identifiers.contains.count, analysed);
  if (contains) {
    findings.push(
      makeFinding('PW-CONTAINS-IDENTIFIER', {
        severity: contains,
        tally: s.identifiers.contains,
        message: `${share(s.identifiers.contains.count, analysed)} contain six or more characters of one of the device's identifiers (forwards or reversed).`,
        evidence: idEvidence,
      }),
    );
  }
  const publicInfo = rateRule(s.identifiers.publicInfo.count, analysed);
  if (publicInfo) {
    findings.push(
      makeFinding('PW-PUBLIC-INFO', {
        severity: publicInfo,
        tally: s.identifiers.publicInfo,
        message: `${share(s.identifiers.publicInfo.count, analysed)} equal or contain information that is broadcast or published: SSID, BSSID, model or production date.`,
        evidence: idEvidence,
      }),
    );
  }
  const derivation = (hypotheses: Hypothesis[]) => {
    const fail = hypotheses.filter(
      (h) => h.matched >= Math.min(3, analysed) && h.matched >= policy.minMatchRate * h.checked,
    );
    const warn = hypotheses.filter((h) => h.matched >= 3);
    return {
      severity: fail.length > 0 ? ('fail' as const) : warn.length > 0 ? ('warn' as const) : undefined,
      shown: (fail.length > 0 ? fail : warn).slice(0, 5),
    };
  };
  const unkeyed = derivation(s.transforms.ranked(2));
  if (unkeyed.severity) {
    const how = unkeyed.shown.map((h) => ({
      transform: describeTransform(h.key),
      matched: h.matched,
      checked: h.checked,
      matchRate: round(h.matched / h.checked),
    }));
    findings.push(
      makeFinding('PW-UNKEYED-TRANSFORM', {
        severity: unkeyed.severity,
        tally: s.transforms.rows,
        message: `${share(s.transforms.rows.count, analysed)} can be recomputed without any secret, e.g. as ${how[0]!.transform}. A keyed hash (HMAC with a secret key) would be allowed; an unkeyed one is not.`,
        evidence: { derivations: how },
      }),
    );
  }
  const vendor = derivation(s.vendors.ranked(2));
  if (vendor.severity) {
    const how = vendor.shown.map((h) => ({
      ...describeVendorKey(h.key),
      matched: h.matched,
      checked: h.checked,
      matchRate: round(h.matched / h.checked),
    }));
    findings.push(
      makeFinding('PW-KNOWN-VENDOR-ALGORITHM', {
        severity: vendor.severity,
        tally: s.vendors.rows,
        message: `${share(s.vendors.rows.count, analysed)} are reproduced exactly by a published vendor algorithm: ${how[0]!.title} (from ${how[0]!.input}).`,
        evidence: { algorithms: how },
      }),
    );
  }
  const sequences = s.sequence.results();
  if (sequences.length > 0) {
    const best = sequences.reduce((a, b) => (b.count > a.count ? b : a));
    findings.push(
      makeFinding('PW-SEQUENTIAL', {
        tally: s.sequence.tally,
        affectedCount: best.count,
        message: `Passwords follow a counter: ${best.detail}.`,
        evidence: { tests: sequences },
      }),
    );
  }

  // Keyspace, collisions, bias.
  const est = s.keyspace.estimate();
  const offline = [...s.credentialTypes.keys()].some((t) => OFFLINE_TYPES.has(t as CredentialType));
  const failBits = offline ? policy.keyspace.failBitsOffline : policy.keyspace.failBitsOnline;
  const birthday = dup.pairs > 0 && inScope > 1 ? Math.log2((inScope * (inScope - 1)) / (2 * dup.pairs)) : null;
  const structural = Math.min(est.positional, est.template);
  const enoughRows = analysed >= 50;
  if (enoughRows && structural < policy.keyspace.warnBits) {
    findings.push(
      makeFinding('PW-LOW-KEYSPACE', {
        severity: structural < failBits ? 'fail' : 'warn',
        affectedCount: analysed,
        credentialTypes: s.credentialTypes.keys(),
        message: `The passwords' structure allows about 2^${structural.toFixed(1)} values; the policy asks for at least 2^${structural < failBits ? failBits : policy.keyspace.warnBits} for ${offline ? 'credentials that can be attacked offline' : 'online credentials'}.`,
        evidence: {
          positionalBits: round(est.positional),
          templateBits: Number.isFinite(est.template) ? round(est.template) : null,
          failBits,
          warnBits: policy.keyspace.warnBits,
        },
      }),
    );
  }
  if (birthday !== null && birthday < failBits) {
    findings.push(
      makeFinding('PW-COLLISION-RATE', {
        affectedCount: dup.rows,
        credentialTypes: s.credentialTypes.keys(),
        message: `${dup.pairs.toLocaleString('en-GB')} colliding pair(s) among ${inScope.toLocaleString('en-GB')} rows suggest a keyspace of about 2^${birthday.toFixed(1)}, below 2^${failBits}.`,
        evidence: { collidingPairs: dup.pairs, rows: inScope, estimatedKeyspaceBits: round(birthday) },
      }),
    );
  }
  if (enoughRows && est.biasedPositions.length > 0) {
    findings.push(
      makeFinding('PW-STRUCTURED-BIAS', {
        affectedCount: analysed,
        credentialTypes: s.credentialTypes.keys(),
        message: `Characters at ${est.biasedPositions.length} position(s) are not evenly spread (chi-squared test), so some passwords are much likelier than others.`,
        evidence: { positions: est.biasedPositions.slice(0, 20) },
      }),
    );
  }

  // Strength on a sample.
  const strength = await s.strength.run();
  if (strength && strength.sampled > 0) {
    const weakShare = strength.weak.length / strength.sampled;
    const borderShare = strength.borderline.length / strength.sampled;
    const pick =
      weakShare >= 0.1 && strength.weak.length >= 2
        ? { list: strength.weak, severity: 'fail' as const }
        : borderShare >= 0.1 && strength.borderline.length >= 2
          ? { list: strength.borderline, severity: 'warn' as const }
          : undefined;
    if (pick) {
      const tally = new Tally();
      for (const w of pick.list) tally.add(w.deviceId, w.password, w.credentialType);
      findings.push(
        makeFinding('PW-DICTIONARY-WEAK', {
          severity: pick.severity,
          tally,
          affectedCount: pick.list.length,
          message: `${pick.list.length} of ${strength.sampled} sampled passwords are mostly words, dates, keyboard walks or repeats (zxcvbn score ${pick.severity === 'fail' ? '2 or lower' : '3'}).`,
          evidence: { sampled: strength.sampled, scores: strength.scores },
        }),
      );
    }
  }

  // Power of the tests.
  const reasons: string[] = [];
  if (analysed > 0 && analysed < 1000)
    reasons.push(`only ${analysed} rows: per-position statistics and the collision test have little power below 1,000`);
  const detectable = inScope > 1 ? Math.log2((inScope * (inScope - 1)) / 2) : 0;
  if (inScope > 0 && detectable < failBits)
    reasons.push(
      `the collision test can only show keyspaces below about 2^${detectable.toFixed(1)}; showing one below 2^${failBits} needs about ${Math.ceil(Math.sqrt(2 * 2 ** failBits)).toLocaleString('en-GB')} rows`,
    );
  if (s.fingerprintOnlyRows > 0)
    reasons.push(`${s.fingerprintOnlyRows} rows carry only a SHA-256: only duplicate and default checks ran on them`);
  if (reasons.length > 0)
    findings.push(
      makeFinding('PW-SAMPLE-INSUFFICIENT', {
        affectedCount: inScope,
        credentialTypes: s.credentialTypes.keys(),
        message: `Some tests had limited power: ${reasons.join('; ')}.`,
        evidence: { reasons },
      }),
    );

  findings.push(...declarationFindings(policy.declaration, findings, s.keyspace, analysed));
  const order = { fail: 0, warn: 1, info: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);

  const statistics: BatchStatistics = {
    rows: s.rows,
    analysedRows: analysed,
    outOfScopeRows: s.outOfScope.count,
    fingerprintOnlyRows: s.fingerprintOnlyRows,
    credentialTypes: Object.fromEntries(s.credentialTypes),
    models: Object.fromEntries([...s.models].sort((a, b) => b[1] - a[1]).slice(0, 20)),
    distinctValues: dup.distinct,
    duplicateGroups: dup.groups,
    rowsInDuplicateGroups: dup.rows,
    collidingPairs: dup.pairs,
    length: { min: analysed ? s.keyspace.minLength : 0, max: s.keyspace.maxLength, mostCommon: est.mostCommonLength },
    templates: s.keyspace.topTemplates(),
    keyspaceBits: {
      positional: round(est.positional),
      template: Number.isFinite(est.template) ? round(est.template) : null,
      birthday: birthday === null ? null : round(birthday),
      effective: round(Math.min(structural, birthday ?? Infinity)),
    },
    strength: strength && { sampled: strength.sampled, scores: strength.scores },
  };
  return { findings, statistics, duplicates: dup.top.slice(0, 20) };
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : n;
}
