// The minimal typed-array kernel `npm run bench` runs beside dcsim (issue 15): the same shape of
// work as a draw — every firm grows, is accounted, scored, three selections pick firms, the year
// is summed — with nothing else (no policies' rules, no audit trail, no evaluation groups). Its
// speed is the context for dcsim's: how far the engine is from the plain loops, not a goal.

const CARRIERS = 13;

/** Returns the k-th smallest of a[0..n) (reorders a). */
function select(a, n, k) {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Runs `draws` draws of `years` years over `n` firms; returns enterprise-years per second. */
export function runKernel(n, years, draws) {
  const base = Array.from({ length: CARRIERS + 6 }, (_, c) => Float64Array.from({ length: n }, (_, e) => 1 + ((e * 7919 + c * 104729) % 1000)));
  const cols = base.map((b) => new Float64Array(b));
  const [land, va, tax] = cols.slice(CARRIERS);
  const active = new Uint8Array(n);
  const factor = new Float64Array(n);
  const energy = new Float64Array(n);
  const co2 = new Float64Array(n);
  const score = new Float64Array(n);
  const scratch = new Float64Array(n);
  const tce = Float64Array.from({ length: CARRIERS }, (_, c) => 0.5 + c / 10);
  const co2PerUnit = Float64Array.from({ length: CARRIERS }, (_, c) => 1 + c / 7);
  let checksum = 0;
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const started = performance.now();
  for (let d = 0; d < draws; d++) {
    for (let c = 0; c < cols.length; c++) cols[c].set(base[c]);
    active.fill(1);
    for (let y = 0; y < years; y++) {
      const g = 0.03 + 0.04 * rand();
      for (let e = 0; e < n; e++) factor[e] = active[e] === 1 ? 1 + g : 1;
      for (let c = 0; c < cols.length; c++) {
        const a = cols[c];
        for (let e = 0; e < n; e++) a[e] *= factor[e];
      }
      // accounting (the fossil carriers, electricity and heat), and the group average of the score
      let sumTax = 0;
      let sumLand = 0;
      const [q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, elec, heat] = cols;
      const [t0_, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12] = tce;
      const [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11] = co2PerUnit;
      for (let e = 0; e < n; e++) {
        energy[e] =
          q0[e] * t0_ + q1[e] * t1 + q2[e] * t2 + q3[e] * t3 + q4[e] * t4 + q5[e] * t5 + q6[e] * t6 + q7[e] * t7 + q8[e] * t8 + q9[e] * t9 + q10[e] * t10 + elec[e] * t11 + heat[e] * t12;
        co2[e] =
          q0[e] * f0 + q1[e] * f1 + q2[e] * f2 + q3[e] * f3 + q4[e] * f4 + q5[e] * f5 + q6[e] * f6 + q7[e] * f7 + q8[e] * f8 + q9[e] * f9 + q10[e] * f10 + elec[e] * f11;
        if (active[e] === 1) {
          sumTax += tax[e];
          sumLand += land[e];
        }
      }
      const ref = sumTax / sumLand;
      for (let e = 0; e < n; e++) score[e] = active[e] === 1 ? Math.min(2, tax[e] / land[e] / ref) * 50 + Math.min(2, va[e] / energy[e]) * 50 : Infinity;
      // three selections: the worst 1 % by score close; the largest users and the best scores are picked
      let count = 0;
      for (let e = 0; e < n; e++) if (active[e] === 1) scratch[count++] = score[e];
      let cut = select(scratch, count, Math.ceil(count / 100));
      for (let e = 0; e < n; e++) if (score[e] < cut) active[e] = 0;
      count = 0;
      for (let e = 0; e < n; e++) if (active[e] === 1) scratch[count++] = -energy[e];
      cut = select(scratch, count, Math.ceil(count / 200));
      let picked = 0;
      for (let e = 0; e < n; e++) if (active[e] === 1 && -energy[e] < cut) picked++;
      count = 0;
      for (let e = 0; e < n; e++) if (active[e] === 1) scratch[count++] = -score[e];
      cut = select(scratch, count, Math.ceil(count / 400));
      for (let e = 0; e < n; e++) if (active[e] === 1 && -score[e] < cut) picked++;
      checksum += picked;
      let total = 0;
      for (let e = 0; e < n; e++) if (active[e] === 1) total += energy[e] + co2[e] + va[e];
      checksum += total;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (!Number.isFinite(checksum)) throw new Error('kernel checksum is not finite');
  return (n * years * draws) / seconds;
}
