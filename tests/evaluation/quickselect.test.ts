import { describe, expect, it } from 'vitest';
import { quickselect } from '../../src/evaluation/quickselect.js';
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
