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
  let lo = 0;
  let hi = length - 1;
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
