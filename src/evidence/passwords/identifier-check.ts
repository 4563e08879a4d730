// PW-EQUALS-IDENTIFIER, PW-CONTAINS-IDENTIFIER and PW-PUBLIC-INFO: the password equals, or contains a
// run of at least `window` characters (forwards or reversed) of, one of the device's identifier forms.
import { identifierForms, normalise, PUBLIC_KINDS } from './identifiers.js';
import { Tally } from './tally.js';
import type { CredentialRecord } from './types.js';

export class IdentifierCheck {
  readonly equals = new Tally();
  readonly contains = new Tally();
  readonly publicInfo = new Tally();
  /** How often each identifier form was involved, for the evidence. */
  readonly labels = new Map<string, number>();

  constructor(private readonly window = 6) {}

  add(record: CredentialRecord, password: string): void {
    const p = normalise(password);
    if (p.length < 4) return;
    const forms = identifierForms(record);
    // Fast path: one search over all per-device forms and one over all public forms; which form matched
    // is worked out only for the (rare) rows that match.
    let ids = '';
    let pub = '';
    let equal = false;
    for (const f of forms) {
      if (PUBLIC_KINDS.has(f.kind)) pub += `${f.value}|`;
      else ids += `${f.value}|`;
      if (f.value === p) equal = true;
    }
    const windows = this.windows(p);
    const inIds = this.shares(windows, ids);
    const inPub = this.shares(windows, pub);
    if (!equal && !inIds && !inPub) return;
    let equalsId = false;
    let containsId = false;
    let isPublic = false;
    for (const form of forms) {
      const isPub = PUBLIC_KINDS.has(form.kind);
      const hit = p === form.value || this.shares(windows, form.value);
      if (!hit) continue;
      if (isPub) isPublic = true;
      else if (p === form.value) equalsId = true;
      else containsId = true;
      this.labels.set(form.label, (this.labels.get(form.label) ?? 0) + 1);
    }
    const { deviceId, credentialType } = record;
    if (equalsId) this.equals.add(deviceId, password, credentialType);
    else if (containsId) this.contains.add(deviceId, password, credentialType);
    if (isPublic) this.publicInfo.add(deviceId, password, credentialType);
  }

  /** The password's runs of `window` characters, forwards and reversed (a reversed run of the
   * identifier inside the password is a forward run of the reversed password inside the identifier). */
  private windows(p: string): string[] {
    const w = this.window;
    const reversed = [...p].reverse().join('');
    const out: string[] = [];
    for (let i = 0; i + w <= p.length; i++) out.push(p.slice(i, i + w), reversed.slice(i, i + w));
    return out;
  }

  private shares(windows: string[], id: string): boolean {
    if (id.length < this.window) return false;
    for (const piece of windows) if (id.includes(piece)) return true;
    return false;
  }
}
