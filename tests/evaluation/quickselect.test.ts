import { describe, expect, it } from 'vitest';
import { MAX_RANKS, quickselect, selectRanks } from '../../src/evaluation/quickselect.js';
import { createRng } from '../../src/random/rng.js';

describe('quickselect', () => {
  it('returns the k-th smallest for every k, matching a sort (random arrays with ties)', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rng.next() * 60);
      const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 10));
      const sorted = [...values].sort((a, b) => a - b);
      for (let k = 0; k < n; k++) expect(quickselect(Float64Array.from(values), n, k)).toBe(sorted[k]);
    }
  });

  it('leaves smaller values before k and larger after it, so a lower rank is found among the first k', () => {
    const rng = createRng(8);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng.next() * 80);
      const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 12));
      const sorted = [...values].sort((a, b) => a - b);
      const k = Math.floor(rng.next() * n);
      const v = quickselect(values, n, k);
      for (let i = 0; i < k; i++) expect(values[i]).toBeLessThanOrEqual(v);
      for (let i = k + 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(v);
      if (k > 0) {
        const lower = Math.floor(rng.next() * k);
        expect(quickselect(values, k, lower)).toBe(sorted[lower]);
      }
    }
  });

  it('uses only the first `length` entries', () => {
    expect(quickselect(Float64Array.from([5, 1, 3, -100]), 3, 0)).toBe(1);
  });

  it('refuses k outside the range', () => {
    expect(() => quickselect(new Float64Array(3), 3, 3)).toThrow(RangeError);
  });
});

describe('selectRanks', () => {
  it('gives each rank the value a sort puts there, whatever the range and the buckets (ties, ±∞, values outside)', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + Math.floor(rng.next() * (trial % 20 === 0 ? 3000 : 120));
      const levels = 1 + Math.floor(rng.next() * 50); // few levels: many ties, bunched buckets
      const values = Float64Array.from({ length: n }, () => {
        const u = rng.next();
        if (u < 0.02) return u < 0.01 ? Infinity : -Infinity;
        if (u < 0.1) return -rng.next() * 50; // below the range
        if (u < 0.15) return 200 + rng.next() * 1e6; // above it
        return u < 0.6 ? Math.floor(rng.next() * levels) * 3 : rng.next() * 200;
      });
      const before = Float64Array.from(values);
      const sorted = [...values].sort((a, b) => a - b);
      // the range the evaluation gives, or a narrow, empty or reversed one
      const low = [0, 0, 50, 100, 0][trial % 5];
      const high = [200, 1, 50.5, 100, -1][trial % 5];
      const count = Math.floor(rng.next() * (MAX_RANKS + 1));
      const ranks = Int32Array.from({ length: count }, () => Math.floor(rng.next() * n));
      const result = new Float64Array(MAX_RANKS);
      const buckets = new Int32Array(16 + Math.floor(rng.next() * 2000));
      selectRanks(values, n, low, high, ranks, count, result, new Float64Array(n), buckets);
      for (let t = 0; t < count; t++) expect(result[t]).toBe(sorted[ranks[t]]);
      expect(Array.from(values)).toEqual(Array.from(before));
    }
  });

  it('refuses a rank outside the values and more than three ranks', () => {
    const args = [new Float64Array(3), new Float64Array(3), new Int32Array(16)] as const;
    expect(() => selectRanks(Float64Array.from([1, 2, 3]), 3, 0, 1, [3], 1, ...args)).toThrow(RangeError);
    expect(() => selectRanks(Float64Array.from([1, 2, 3]), 3, 0, 1, [0, 1, 2, 0], 4, ...args)).toThrow(RangeError);
  });
});
