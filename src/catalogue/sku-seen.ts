// Remembers which SKUs a catalogue has already used, in bounded memory: an open-addressing table of 64-bit
// hashes (two 32-bit multiplicative hashes) with the line each was first seen on: 12 bytes a slot, at most
// about 25 MB per million SKUs. A false "duplicate" needs a 64-bit collision: odds about n^2 / 2^65, i.e.
// 3 in 10^8 for a million SKUs.

const INITIAL_SLOTS = 1 << 16;

export class SkuSeen {
  private hi = new Uint32Array(INITIAL_SLOTS);
  private lo = new Uint32Array(INITIAL_SLOTS);
  private lines = new Uint32Array(INITIAL_SLOTS);
  private used = 0;

  /** Records `sku` as seen on `line`; returns the line it was first seen on, or 0 if it is new. */
  firstSeen(sku: string, line: number): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ sku.length;
    for (let i = 0; i < sku.length; i++) {
      const c = sku.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 >>>= 0;
    h2 >>>= 0;
    if (h1 === 0 && h2 === 0) h2 = 1; // (0, 0) marks an empty slot
    const found = this.probe(h1, h2);
    if (found >= 0) return this.lines[found]!;
    this.insert(h1, h2, line);
    if (++this.used * 4 > this.hi.length * 3) this.grow();
    return 0;
  }

  private probe(h1: number, h2: number): number {
    const mask = this.hi.length - 1;
    for (let slot = h2 & mask; ; slot = (slot + 1) & mask) {
      if (this.hi[slot] === 0 && this.lo[slot] === 0) return -1;
      if (this.hi[slot] === h1 && this.lo[slot] === h2) return slot;
    }
  }

  private insert(h1: number, h2: number, line: number): void {
    const mask = this.hi.length - 1;
    let slot = h2 & mask;
    while (this.hi[slot] !== 0 || this.lo[slot] !== 0) slot = (slot + 1) & mask;
    this.hi[slot] = h1;
    this.lo[slot] = h2;
    this.lines[slot] = line;
  }

  private grow(): void {
    const { hi, lo, lines } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.lines = new Uint32Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!, lines[i]!);
    }
  }
}
