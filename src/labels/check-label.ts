// checkLabel: the same steps as verifyLabel, but never throwing for a bad label: a report of every check
// in words, for the CLI and pages to explain ("signature verifies", "support period ended on ...").
import { CheckRecorder, keyStep, statusStep, supportStep, trustStep, type LabelReport } from './checks.js';
import { keyringOf } from './keyring.js';
import {
  checkOptions,
  nodeClaimsStep,
  parseStep,
  resolveStatusList,
  signatureStep,
  type VerifyLabelOptions,
} from './verify-steps.js';

/** Throws only for bad options (a date that is not YYYY-MM-DD, an invalid key set); a bad token is a report. */
export function checkLabel(token: string, options: VerifyLabelOptions): LabelReport {
  checkOptions(options);
  const ring = keyringOf(options.keys);
  const r = new CheckRecorder();
  const parsed = r.run('parse', () => parseStep(token));
  const entry = r.run('signature', () => signatureStep(parsed!.jws, parsed!.kid, ring));
  const verified = r.run('claims', () => nodeClaimsStep(parsed!.jws.payload, options));
  r.run('trust', () => trustStep(verified!.claims, options));
  r.run('key', () => keyStep(entry!.jwk, verified!.claims));
  r.run('status', () => statusStep(verified!.claims, resolveStatusList(options.statusList, options), options));
  r.run('support', () => supportStep(verified!.claims, options.at));
  return { genuine: r.ok, at: options.at, label: verified?.label ?? null, checks: r.checks };
}
