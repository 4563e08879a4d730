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

  /** BASE^(window-1), modulo 2^30: what the oldest character of a run contributes to its hash. */
  private readonly top: number;

  constructor(private readonly window = 6) {
    let top = 1;
    for (let i = 1; i < window; i++) top = Math.imul(top, BASE) & MASK;
    this.top = top;
  }

  add(record: CredentialRecord, password: string): void {
    const p = normalise(password);
    if (p.length < 4) return;
    const forms = identifierForms(record);
    this.indexPassword(p);
    // Fast path: is any form equal to, or sharing a run with, the password? Which forms, and how, is
    // worked out only for the (rare) rows that match.
    let hit = false;
    for (const f of forms) {
      if (f.value === p || this.shares(f.value)) {
        hit = true;
        break;
      }
    }
    if (!hit) return;
    let equalsId = false;
    let containsId = false;
    let isPublic = false;
    for (const form of forms) {
      const isPub = PUBLIC_KINDS.has(form.kind);
      if (p !== form.value && !this.shares(form.value)) continue;
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

  // The password's runs of `window` characters, forwards and reversed, go into a set as 30-bit rolling
  // hashes (small integers: no strings made, no boxed numbers); an identifier's runs are hashed the same
  // way and looked up, and only a hit is confirmed by comparing text. (A reversed run of the identifier
  // inside the password is a forward run of the reversed password inside the identifier.)
  // An open-addressing set reused for every row (a stamp per slot says which row filled it): no garbage.
  private slots = new Int32Array(256);
  private stamps = new Int32Array(256);
  private stamp = 0;
  private count = 0;
  private reversed = '';
  private password = '';

  private indexPassword(p: string): void {
    this.stamp++;
    this.count = 0;
    const need = 4 * 2 * p.length;
    if (need > this.slots.length) {
      let size = this.slots.length;
      while (size < need) size *= 2;
      this.slots = new Int32Array(size);
      this.stamps = new Int32Array(size);
      this.stamp = 1;
    }
    this.password = p;
    this.reversed = '';
    if (p.length < this.window) return;
    let reversed = '';
    for (let i = p.length - 1; i >= 0; i--) reversed += p[i];
    this.reversed = reversed;
    this.addGrams(p);
    this.addGrams(reversed);
  }

  private addGrams(text: string): void {
    const w = this.window;
    let h = 0;
    for (let i = 0; i < text.length; i++) {
      if (i >= w) h = (h - Math.imul(text.charCodeAt(i - w), this.top)) & MASK;
      h = (Math.imul(h, BASE) + text.charCodeAt(i)) & MASK;
      if (i >= w - 1) this.insert(h);
    }
  }

  private insert(h: number): void {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.stamps[slot] === this.stamp) {
      if (this.slots[slot] === h) return;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.stamp;
    this.slots[slot] = h;
    this.count++;
  }

  private has(h: number): boolean {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.stamps[slot] === this.stamp) {
      if (this.slots[slot] === h) return true;
      slot = (slot + 1) & mask;
    }
    return false;
  }

  private shares(id: string): boolean {
    const w = this.window;
    if (id.length < w || this.count === 0) return false;
    let h = 0;
    for (let i = 0; i < id.length; i++) {
      if (i >= w) h = (h - Math.imul(id.charCodeAt(i - w), this.top)) & MASK;
      h = (Math.imul(h, BASE) + id.charCodeAt(i)) & MASK;
      if (i >= w - 1 && this.has(h)) {
        const run = id.slice(i - w + 1, i + 1);
        if (this.password.includes(run) || this.reversed.includes(run)) return true;
      }
    }
    return false;
  }
}

const BASE = 31;
const MASK = 0x3fffffff;
