import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthSmallest, selectSmallest } from '../../src/policies/common.js';

/**
 * The rule of selectSmallest as a sort: the k candidates with the smallest keys, a NaN key
 * smallest of all (like -Infinity), ties (-0 and 0 included) in candidate order, returned in
 * candidate order.
 */
function reference(candidates: readonly number[], keys: readonly number[], k: number): number[] {
  const rankKey = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  const order = candidates.map((_, i) => i);
  order.sort((a, b) => {
    const x = rankKey(keys[a]);
    const y = rankKey(keys[b]);
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  return order
    .slice(0, Math.max(0, k))
    .sort((a, b) => a - b)
    .map((i) => candidates[i]);
}

function run(candidates: readonly number[], keys: readonly number[], k: number) {
  const count = candidates.length;
  const keyArray = Float64Array.from(keys);
  const out = new Int32Array(count + 1).fill(-1);
  const chosen = selectSmallest(Int32Array.from(candidates), keyArray, count, k, new Float64Array(count), out);
  return { chosen: Array.from(out.subarray(0, chosen)), keys: keyArray };
}

/** Keys with many ties, NaN, ±Infinity and both zeros, and any other double. */
const key = fc.oneof(fc.constantFrom(Number.NaN, -Infinity, Infinity, -0, 0, 1, -1, 2.5), fc.double());

describe('kthSmallest', () => {
  it('is the k-th of the sorted keys, NaN as -Infinity, and leaves the k smallest in the heap', () => {
    fc.assert(
      fc.property(
        fc
          .array(key, { minLength: 1, maxLength: 60 })
          .chain((keys) => fc.tuple(fc.constant(keys), fc.integer({ min: 1, max: keys.length }))),
        ([keys, k]) => {
          const sorted = keys.map((v) => (Number.isNaN(v) ? -Infinity : v)).sort((a, b) => a - b);
          const heap = new Float64Array(k);
          const kth = kthSmallest(Float64Array.from(keys), keys.length, k, heap);
          // == rather than toBe/toEqual, which tell -0 from 0: they tie in every comparison the selection makes
          expect(kth === sorted[k - 1]).toBe(true);
          const smallest = Array.from(heap).sort((a, b) => a - b);
          expect(smallest.every((v, i) => v === sorted[i])).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('selectSmallest', () => {
  it('chooses what a stable sort by key chooses, in candidate order (NaN first, ties in candidate order)', () => {
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 60 }).chain((keys) =>
          fc.tuple(
            fc.constant(keys),
            fc.shuffledSubarray(
              Array.from({ length: 200 }, (_, i) => i),
              { minLength: keys.length, maxLength: keys.length },
            ),
            fc.integer({ min: -2, max: keys.length + 2 }),
          ),
        ),
        ([keys, candidates, k]) => {
          expect(run(candidates, keys, k).chosen).toEqual(reference(candidates, keys, k));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('takes NaN keys first, and ties at the cut in candidate order', () => {
    // candidates 10 … 15; keys 3, NaN, 1, 1, NaN, 1: the two NaNs, then the first 1s in order
    const keys = [3, Number.NaN, 1, 1, Number.NaN, 1];
    const candidates = [10, 11, 12, 13, 14, 15];
    expect(run(candidates, keys, 1).chosen).toEqual([11]);
    expect(run(candidates, keys, 3).chosen).toEqual([11, 12, 14]);
    expect(run(candidates, keys, 4).chosen).toEqual([11, 12, 13, 14]);
    expect(run(candidates, keys, 5).chosen).toEqual([11, 12, 13, 14, 15]);
    // -0 and 0 tie: candidate order decides
    expect(run([7, 8, 9], [0, -0, 0], 2).chosen).toEqual([7, 8]);
  });

  it('takes every candidate when k reaches the count and none when k ≤ 0', () => {
    expect(run([4, 2, 9], [3, 2, 1], 3).chosen).toEqual([4, 2, 9]);
    expect(run([4, 2, 9], [3, 2, 1], 7).chosen).toEqual([4, 2, 9]);
    expect(run([4, 2, 9], [3, 2, 1], 0).chosen).toEqual([]);
    expect(run([4, 2, 9], [3, 2, 1], -1).chosen).toEqual([]);
  });

  it('replaces a NaN key by -Infinity in place when it selects', () => {
    expect(Array.from(run([1, 2, 3], [Number.NaN, 5, 4], 1).keys)).toEqual([-Infinity, 5, 4]);
  });
});
