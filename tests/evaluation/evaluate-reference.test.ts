import { describe, expect, it } from 'vitest';
import { GRADE_NONE } from '../../src/domain/enterprise-table.js';
import { createEvaluationOutput, evaluate, type EvaluationColumns, type GradeCounts } from '../../src/evaluation/evaluate.js';
import { INDICATOR_IDS, type EvaluationModel, type GroupModel, type IndicatorId, type IndicatorModel } from '../../src/evaluation/model.js';
import { quickselect } from '../../src/evaluation/quickselect.js';
import { createRng, type Rng } from '../../src/random/rng.js';

// The evaluation as it stood before its passes were fused (issue 15): a pass per group to list
// it, a pass per indicator for each reference and each score term, three quickselects over all
// scores, a chain of comparisons per grade, whole-array fills. The fused evaluate (a reference's
// sums in the pass adding the previous indicator's terms, cut-offs selected by buckets, grades
// counted from the cut-offs reached) must give the same scores and grades to the bit.

function referenceColumns(cols: EvaluationColumns, id: IndicatorId): { num: Float64Array; den: Float64Array; denFallback?: Float64Array } {
  switch (id) {
    case 'tax_per_mu':
      return { num: cols.tax, den: cols.landMu };
    case 'value_added_per_mu':
      return { num: cols.valueAdded, den: cols.landMu };
    case 'labor_productivity':
      return { num: cols.valueAdded, den: cols.employees };
    case 'value_added_per_energy':
      return { num: cols.valueAdded, den: cols.energyTce };
    case 'value_added_per_pollutant':
      return { num: cols.valueAdded, den: cols.pollutantT };
    case 'rd_ratio':
      return { num: cols.rdExpense, den: cols.revenue, denFallback: cols.output };
    case 'tax_per_energy':
      return { num: cols.tax, den: cols.energyTce };
    case 'tax_per_kwh':
      return { num: cols.tax, den: cols.electricity10kKwh };
  }
}

function referenceEvaluate(
  cols: EvaluationColumns,
  model: EvaluationModel,
  score: Float64Array,
  grade: Uint8Array,
  official?: Uint8Array,
): GradeCounts {
  const operating = (e: number) => cols.active === undefined || cols.active[e] === 1;
  score.fill(Number.NaN);
  grade.fill(GRADE_NONE);
  for (const above of [1, 0]) {
    const group = above ? model.aboveScale : model.belowScale;
    const members: number[] = [];
    for (let e = 0; e < cols.n; e++) if (cols.aboveScale[e] === above && cols.landMu[e] > 0 && operating(e)) members.push(e);
    const m = members.length;
    if (m === 0) continue;
    const ind = group.indicators.map((i) => referenceColumns(cols, i.id));
    const refs = group.indicators.map((i, k) => {
      if (!Number.isNaN(i.fixedReference)) return i.fixedReference;
      const { num, den, denFallback } = ind[k];
      let a = 0;
      let b = 0;
      for (const e of members) {
        const d = Number.isNaN(den[e]) && denFallback ? denFallback[e] : den[e];
        if (Number.isNaN(d) || Number.isNaN(num[e])) continue;
        a += num[e];
        b += d;
      }
      return b > 0 ? a / b : Number.NaN;
    });
    const sums = new Float64Array(m);
    const used = new Float64Array(m);
    group.indicators.forEach((indicator, k) => {
      if (!(refs[k] > 0)) return;
      const { num, den, denFallback } = ind[k];
      members.forEach((e, i) => {
        const a = num[e];
        let b = den[e];
        if (Number.isNaN(b) && denFallback) b = denFallback[e];
        if (Number.isNaN(a) || Number.isNaN(b)) return;
        const ratio = b > 0 ? a / b / refs[k] : a > 0 ? indicator.cap : 0;
        sums[i] += indicator.weight * Math.min(indicator.cap, ratio);
        used[i] += indicator.weight;
      });
    });
    members.forEach((e, i) => {
      score[e] = used[i] > 0 ? (100 * sums[i]) / used[i] : 0;
      sums[i] = score[e];
    });
    const thresholds = [Infinity, Infinity, Infinity];
    let cum = 0;
    for (let g = 0; g < 3; g++) {
      cum += group.shares[g];
      const k = Math.round(cum * m);
      thresholds[g] = k <= 0 ? Infinity : k >= m ? -Infinity : quickselect(sums, m, m - k);
    }
    for (const e of members) {
      const s = score[e];
      grade[e] = s >= thresholds[0] ? 1 : s >= thresholds[1] ? 2 : s >= thresholds[2] ? 3 : 4;
    }
  }
  const counts: GradeCounts = [0, 0, 0, 0, 0];
  for (let e = 0; e < cols.n; e++) {
    if (official !== undefined && official[e] !== GRADE_NONE && operating(e)) grade[e] = official[e];
    if (operating(e)) counts[grade[e]]++;
  }
  return counts;
}

/** A value from a few levels (ties), sometimes NaN (not given), zero, negative or, if `infinite`, ±∞. */
function cell(rng: Rng, infinite: boolean): number {
  const u = rng.next();
  if (u < 0.1) return Number.NaN;
  if (u < 0.15) return 0;
  if (u < 0.18) return -Math.floor(rng.next() * 5);
  if (infinite && u < 0.2) return rng.next() < 0.7 ? Infinity : -Infinity;
  return u < 0.5 ? 1 + Math.floor(rng.next() * 8) : rng.next() * 100;
}

function randomColumns(rng: Rng, n: number, infinite: boolean): EvaluationColumns {
  const col = () => Float64Array.from({ length: n }, () => cell(rng, infinite));
  return {
    n,
    aboveScale: Uint8Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : rng.next() < 0.95 ? 0 : 2)),
    landMu: Float64Array.from({ length: n }, () =>
      rng.next() < 0.15 ? 0 : rng.next() < 0.05 ? Number.NaN : 1 + Math.floor(rng.next() * 20),
    ),
    output: col(),
    valueAdded: col(),
    tax: col(),
    employees: col(),
    revenue: col(),
    rdExpense: col(),
    pollutantT: col(),
    electricity10kKwh: col(),
    energyTce: col(),
    ...(rng.next() < 0.8 ? { active: Uint8Array.from({ length: n }, () => (rng.next() < 0.85 ? 1 : 0)) } : {}),
  };
}

function randomGroup(rng: Rng): GroupModel {
  const indicators: IndicatorModel[] = [];
  for (const id of INDICATOR_IDS) {
    if (rng.next() < 0.4 && indicators.length > 0) continue;
    indicators.push({
      id,
      weight: 1 + Math.floor(rng.next() * 30),
      fixedReference: rng.next() < 0.3 ? 0.5 + Math.floor(rng.next() * 10) : Number.NaN,
      cap: rng.next() < 0.5 ? 2 : 0.5 + rng.next() * 3,
    });
  }
  // shares with zeros, so cut-offs coincide or take none or all
  const raw = [0, 1, 2, 3].map(() => (rng.next() < 0.25 ? 0 : rng.next()));
  const total = raw.reduce((a, b) => a + b, 0) || 1;
  const shares = raw.map((x) => x / total) as [number, number, number, number];
  // now and then a negative share (a hand-built model; the schema refuses one): a cut-off rank rises
  if (rng.next() < 0.1) shares[1] = -shares[1];
  return { indicators, shares };
}

describe('evaluate against the former per-indicator evaluation', () => {
  it('gives the same scores, grades and counts to the bit on random registries', () => {
    const rng = createRng(15);
    for (let trial = 0; trial < 300; trial++) {
      const n = trial < 20 ? trial : 1 + Math.floor(rng.next() * (trial % 10 === 0 ? 2000 : 150));
      const cols = randomColumns(rng, n, trial % 3 === 0);
      const model: EvaluationModel = { name: 'random', energy: 'gross', aboveScale: randomGroup(rng), belowScale: randomGroup(rng) };
      const official =
        rng.next() < 0.5 ? Uint8Array.from({ length: n }, () => (rng.next() < 0.8 ? 0 : 1 + Math.floor(rng.next() * 4))) : undefined;
      // arrays longer than the columns (an engine's capacity), holding an earlier call's values
      const extra = Math.floor(rng.next() * 3);
      const out = createEvaluationOutput(n + extra);
      out.score.fill(7);
      out.grade.fill(3);
      const score = new Float64Array(n + extra);
      const grade = new Uint8Array(n + extra);
      // a second year on the same columns and model (contents changed), as the engine calls it
      for (let year = 0; year < 2; year++) {
        if (year === 1) for (let e = 0; e < n; e++) if (rng.next() < 0.3) cols.valueAdded[e] = cell(rng, false);
        const counts = evaluate(cols, model, out, official);
        const expected = referenceEvaluate(cols, model, score, grade, official);
        expect(counts).toEqual(expected);
        expect(Array.from(out.grade)).toEqual(Array.from(grade));
        for (let e = 0; e < n + extra; e++)
          if (!Object.is(out.score[e], score[e])) expect.fail(`trial ${trial} firm ${e}: score ${out.score[e]} ≠ ${score[e]}`);
      }
    }
  });
});
