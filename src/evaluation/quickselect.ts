/**
 * Returns the k-th smallest value (0-based) of `values[0..length)` in expected O(n), reordering
 * `values` in place (Hoare partition, median-of-three pivot; no randomness, so the result and
 * the work are the same on every run). Used for grade cut-offs instead of a full sort (DESIGN §7).
 * On return `values[0 .. k)` are ≤ the result and `values[k + 1 .. length)` ≥ it (each step keeps
 * the range holding rank k between smaller and larger values), so a lower rank can then be
 * selected among the first k values alone.
 */
export function quickselect(values: Float64Array, length: number, k: number): number {
  if (k < 0 || k >= length) throw new RangeError(`quickselect: k=${k} outside 0..${length - 1}`);
  return selectBetween(values, 0, length - 1, k);
}

/** Quickselect's loop on `values[lo .. hi]`, for a k in that range. */
function selectBetween(values: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to position a good pivot at mid
    if (values[mid] < values[lo]) swap(values, mid, lo);
    if (values[hi] < values[lo]) swap(values, hi, lo);
    if (values[hi] < values[mid]) swap(values, hi, mid);
    const pivot = values[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The most ranks one `selectRanks` call takes (the A, B and C cut-offs). */
export const MAX_RANKS = 3;

// Per rank of a `selectRanks` call: its bucket, and how many values lie in lower buckets. Scratch
// of the call (it calls nothing that could call it again), kept here so a call allocates nothing.
const rankBucket = new Int32Array(MAX_RANKS);
const rankBelow = new Int32Array(MAX_RANKS);

/**
 * Sets `result[t]` to the `ranks[t]`-th smallest value (0-based) of `values[0 .. length)` for
 * t < `count` ≤ 3 (ranks in any order), leaving `values` as they are; `work` (length ≥ `length`)
 * and `buckets` (length ≥ 16, bounding the number of buckets) are scratch. `values` must hold no
 * NaN (a NaN has no rank). A bucketed selection: a pass counts the values per bucket of
 * [low, high) (values outside go to the end buckets, so the buckets still follow the order of
 * the values), a scan of the counts finds each rank's bucket and its rank there, a second pass
 * copies those buckets' values into `work`, and quickselect finds each rank among them. Two cheap
 * passes replace quickselect's partitions over all values (a swap and a mispredicted branch at
 * every step); the result is a rank's value, the same double whichever way it is selected.
 * Values bunched in one bucket (ties, or a range that misses them) only make its quickselect
 * longer; they never change the result.
 */
export function selectRanks(
  values: Float64Array,
  length: number,
  low: number,
  high: number,
  ranks: ArrayLike<number>,
  count: number,
  result: Float64Array,
  work: Float64Array,
  buckets: Int32Array,
): void {
  if (count > MAX_RANKS) throw new RangeError(`selectRanks: ${count} ranks, at most ${MAX_RANKS}`);
  for (let t = 0; t < count; t++) {
    if (ranks[t] < 0 || ranks[t] >= length) throw new RangeError(`selectRanks: k=${ranks[t]} outside 0..${length - 1}`);
  }
  if (count === 0) return;
  // about four values a bucket, so the scan of the counts stays short next to the passes
  const nb = Math.min(buckets.length, Math.max(16, length >>> 2));
  const last = nb - 1;
  const scale = high > low ? nb / (high - low) : 0; // no range: one bucket holds all
  buckets.fill(0, 0, nb);
  for (let i = 0; i < length; i++) {
    const x = (values[i] - low) * scale;
    buckets[x <= 0 ? 0 : x >= last ? last : x | 0]++;
  }
  // Each rank's bucket: one scan of the counts. The target buckets (at most three, ascending)
  // get stretches of `work` in that order: d0 from 0, d1 after d0's values, d2 after d1's.
  let d0 = -1;
  let d1 = -1;
  let d2 = -1;
  for (let b = 0, below = 0, found = 0; found < count; b++) {
    const through = below + buckets[b];
    for (let t = 0; t < count; t++) {
      const r = ranks[t];
      if (r < below || r >= through) continue;
      found++;
      rankBucket[t] = b;
      rankBelow[t] = below;
      if (d0 === -1) d0 = b;
      else if (d0 !== b && d1 === -1) d1 = b;
      else if (d0 !== b && d1 !== b) d2 = b;
    }
    below = through;
  }
  const start1 = d0 === -1 ? 0 : buckets[d0];
  const start2 = start1 + (d1 === -1 ? 0 : buckets[d1]);
  let i0 = 0;
  let i1 = start1;
  let i2 = start2;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    const x = (v - low) * scale;
    const b = x <= 0 ? 0 : x >= last ? last : x | 0;
    if (b === d0) work[i0++] = v;
    else if (b === d1) work[i1++] = v;
    else if (b === d2) work[i2++] = v;
  }
  for (let t = 0; t < count; t++) {
    const b = rankBucket[t];
    const from = b === d0 ? 0 : b === d1 ? start1 : start2;
    result[t] = selectBetween(work, from, from + buckets[b] - 1, from + ranks[t] - rankBelow[t]);
  }
}
