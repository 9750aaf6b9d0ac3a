/**
 * Bounded top-k selection in the engine's total order: key descending, then region order ascending, then id
 * rank ascending. A binary heap whose root is the worst entry kept; entries live in typed arrays, so offering
 * a document allocates nothing.
 */
export class TopK {
  readonly capacity: number;
  size = 0;
  private readonly key: Float64Array;
  private readonly region: Int32Array;
  private readonly rank: Uint32Array;
  private readonly doc: Int32Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.key = new Float64Array(capacity);
    this.region = new Int32Array(capacity);
    this.rank = new Uint32Array(capacity);
    this.doc = new Int32Array(capacity);
  }

  /** Entry i ranks after entry j. */
  private after(i: number, j: number): boolean {
    const ki = this.key[i]!;
    const kj = this.key[j]!;
    if (ki !== kj) return ki < kj;
    const ri = this.region[i]!;
    const rj = this.region[j]!;
    if (ri !== rj) return ri > rj;
    return this.rank[i]! > this.rank[j]!;
  }

  private swap(i: number, j: number): void {
    const k = this.key[i]!;
    this.key[i] = this.key[j]!;
    this.key[j] = k;
    const r = this.region[i]!;
    this.region[i] = this.region[j]!;
    this.region[j] = r;
    const n = this.rank[i]!;
    this.rank[i] = this.rank[j]!;
    this.rank[j] = n;
    const d = this.doc[i]!;
    this.doc[i] = this.doc[j]!;
    this.doc[j] = d;
  }

  offer(key: number, region: number, rank: number, doc: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.key[i] = key;
      this.region[i] = region;
      this.rank[i] = rank;
      this.doc[i] = doc;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.after(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // Full: replace the root (the worst kept) if the new entry ranks before it.
    const k0 = this.key[0]!;
    if (
      key < k0 ||
      (key === k0 && (region > this.region[0]! || (region === this.region[0]! && rank > this.rank[0]!)))
    )
      return;
    this.key[0] = key;
    this.region[0] = region;
    this.rank[0] = rank;
    this.doc[0] = doc;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.size && this.after(left, worst)) worst = left;
      if (right < this.size && this.after(right, worst)) worst = right;
      if (worst === i) break;
      this.swap(i, worst);
      i = worst;
    }
  }

  /**
   * Offer documents `docs[0..count)` of one region with keys `keys[0..count)`, skipping those not strictly
   * after `after` (a cursor position). Returns how many were after it.
   */
  offerBatch(
    region: number,
    idRank: Uint32Array,
    docs: Int32Array,
    keys: Float64Array,
    count: number,
    after: { key: number; region: number; rank: number } | null,
  ): number {
    let remaining = 0;
    for (let i = 0; i < count; i++) {
      const d = docs[i]!;
      const key = keys[i]!;
      const rank = idRank[d]!;
      if (after && key >= after.key) {
        if (key > after.key) continue;
        if (region < after.region || (region === after.region && rank <= after.rank)) continue;
      }
      remaining++;
      if (this.size === this.capacity) {
        const k0 = this.key[0]!;
        if (
          key < k0 ||
          (key === k0 && (region > this.region[0]! || (region === this.region[0]! && rank > this.rank[0]!)))
        )
          continue;
      }
      this.offer(key, region, rank, d);
    }
    return remaining;
  }

  /** The entries kept, best first. */
  drain(): { key: number; region: number; doc: number }[] {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) =>
      this.after(a, b) ? 1 : this.after(b, a) ? -1 : 0,
    );
    return order.map((i) => ({ key: this.key[i]!, region: this.region[i]!, doc: this.doc[i]! }));
  }
}
