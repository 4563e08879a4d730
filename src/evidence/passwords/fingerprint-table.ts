// An open-addressing hash table of 64-bit keyed fingerprints with a count and the first source line
// each: about 24 bytes per distinct password, so a million rows fit in a few tens of megabytes and no
// password is ever kept.

export class FingerprintTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private counts: Uint32Array;
  private lines: Uint32Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  /** Adds one occurrence; returns the count after adding. */
  add(hi: number, lo: number, line: number): number {
    if ((this.used + 1) * 10 > this.hi.length * 7) this.grow();
    const slot = this.find(hi, lo);
    if (this.counts[slot] === 0) {
      this.hi[slot] = hi;
      this.lo[slot] = lo;
      this.lines[slot] = line;
      this.used++;
    }
    return ++this.counts[slot]!;
  }

  /** Every fingerprint seen more than once. */
  *repeated(): Generator<{ hi: number; lo: number; count: number; firstLine: number }> {
    for (let i = 0; i < this.counts.length; i++) {
      const count = this.counts[i]!;
      if (count > 1) yield { hi: this.hi[i]!, lo: this.lo[i]!, count, firstLine: this.lines[i]! };
    }
  }

  private find(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.counts[slot] !== 0 && (this.hi[slot] !== hi || this.lo[slot] !== lo)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi, lo, counts, lines } = this;
    const capacity = hi.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
    for (let i = 0; i < hi.length; i++) {
      if (counts[i] === 0) continue;
      const slot = this.find(hi[i]!, lo[i]!);
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.counts[slot] = counts[i]!;
      this.lines[slot] = lines[i]!;
    }
  }
}
