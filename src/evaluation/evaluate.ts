import type { EconomicColumns } from '../accounting/indicators.js';
import { GRADE_NONE, type EnterpriseTable } from '../domain/enterprise-table.js';
import type { EvaluationModel, GroupModel, IndicatorId } from './model.js';
import { quickselect } from './quickselect.js';

/** The columns the evaluation reads (the registry, or the engine's state of a year). */
export type EvaluationColumns = EconomicColumns &
  Pick<EnterpriseTable, 'revenue' | 'rdExpense' | 'pollutantT'> & {
    readonly electricity10kKwh: Float64Array;
    /** Energy per firm on the basis the model names (from accounting), tce. */
    readonly energyTce: Float64Array;
  };

/** Scores and grades, written into caller-owned arrays. */
export interface EvaluationOutput {
  /** Weighted score, 0 … 100 × cap; NaN for firms not evaluated. */
  readonly score: Float64Array;
  /** 0 none, 1 A … 4 D. */
  readonly grade: Uint8Array;
  /** Scratch space of length n for the cut-off selection. */
  readonly scratch: Float64Array;
  /** Scratch space of length n for the firms of a group. */
  readonly members: Int32Array;
  /** Scratch space of length n for the weights a firm's score uses. */
  readonly weightsUsed: Float64Array;
}

/** Allocates output arrays once for `n` firms. */
export function createEvaluationOutput(n: number): EvaluationOutput {
  return {
    score: new Float64Array(n),
    grade: new Uint8Array(n),
    scratch: new Float64Array(n),
    members: new Int32Array(n),
    weightsUsed: new Float64Array(n),
  };
}

/** Grade counts (index 0 = not graded, 1 = A … 4 = D). */
export type GradeCounts = [none: number, a: number, b: number, c: number, d: number];

/**
 * Where an indicator's numerator and denominator live. A NaN numerator or denominator means the
 * data are not given: the indicator is left out for that firm and the other weights rescale.
 * The R&D ratio falls back to gross output when revenue is not given.
 */
interface IndicatorColumns {
  readonly num: Float64Array;
  readonly den: Float64Array;
  readonly denFallback?: Float64Array;
}

function columnsOf(cols: EvaluationColumns, id: IndicatorId): IndicatorColumns {
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

/** Lists the operating firms with land of one group (规上 or 规下) into `out.members`; returns how many. */
function listGroup(cols: EvaluationColumns, above: number, members: Int32Array): number {
  const { aboveScale, landMu, active } = cols;
  let m = 0;
  for (let e = 0; e < cols.n; e++) {
    if (aboveScale[e] === above && landMu[e] > 0 && (active === undefined || active[e] === 1)) members[m++] = e;
  }
  return m;
}

function scoreGroup(cols: EvaluationColumns, group: GroupModel, members: Int32Array, count: number, out: EvaluationOutput): void {
  const ind = group.indicators.map((i) => columnsOf(cols, i.id));
  const weights = group.indicators.map((i) => i.weight);
  const caps = group.indicators.map((i) => i.cap);
  const refs = group.indicators.map((i, k) => {
    if (!Number.isNaN(i.fixedReference)) return i.fixedReference;
    const { num, den, denFallback } = ind[k];
    let a = 0;
    let b = 0;
    for (let i = 0; i < count; i++) {
      const e = members[i];
      const d = Number.isNaN(den[e]) && denFallback ? denFallback[e] : den[e];
      if (Number.isNaN(d) || Number.isNaN(num[e])) continue;
      a += num[e];
      b += d;
    }
    return b > 0 ? a / b : Number.NaN;
  });
  // indicator by indicator over the group (monomorphic loops); scratch collects Σ weight × ratio, weightsUsed Σ weight
  const sums = out.scratch;
  const used = out.weightsUsed;
  sums.fill(0, 0, count);
  used.fill(0, 0, count);
  for (let k = 0; k < ind.length; k++) {
    const ref = refs[k];
    if (!(ref > 0)) continue; // no reference: the weight rescales
    const { num, den, denFallback } = ind[k];
    const cap = caps[k];
    const w = weights[k];
    for (let i = 0; i < count; i++) {
      const e = members[i];
      const a = num[e];
      let b = den[e];
      if (Number.isNaN(b) && denFallback) b = denFallback[e];
      if (Number.isNaN(a) || Number.isNaN(b)) continue; // not given for this firm: the weight rescales
      const ratio = b > 0 ? a / b / ref : a > 0 ? cap : 0; // no energy/pollutant with output: the best
      sums[i] += w * Math.min(cap, ratio);
      used[i] += w;
    }
  }
  for (let i = 0; i < count; i++) {
    const score = used[i] > 0 ? (100 * sums[i]) / used[i] : 0;
    out.score[members[i]] = score;
    sums[i] = score;
  }
}

/**
 * Scores every operating firm with land by Σ weight × min(cap, indicator ÷ reference), 规上 and
 * 规下 on their own indicators (浙政发〔2018〕5号), and grades each group by rank shares: the top
 * share A, the next B, then C, the rest D. Cut-offs come from O(n) selection (no sort); a firm
 * tied with the cut-off gets the better grade. `official` grades (non-zero) replace the computed
 * ones, as a registry's base-year grades do.
 */
export function evaluate(cols: EvaluationColumns, model: EvaluationModel, out: EvaluationOutput, official?: Uint8Array): GradeCounts {
  out.score.fill(Number.NaN);
  out.grade.fill(GRADE_NONE);
  for (const above of [1, 0]) {
    const group = above ? model.aboveScale : model.belowScale;
    const m = listGroup(cols, above, out.members);
    if (m === 0) continue;
    scoreGroup(cols, group, out.members, m, out);
    // thresholds: the k-th largest score for k = round(cumulative share × m)
    const thresholds = [Infinity, Infinity, Infinity];
    let cum = 0;
    for (let g = 0; g < 3; g++) {
      cum += group.shares[g];
      const k = Math.round(cum * m);
      thresholds[g] = k <= 0 ? Infinity : k >= m ? -Infinity : quickselect(out.scratch, m, m - k);
    }
    for (let i = 0; i < m; i++) {
      const e = out.members[i];
      const s = out.score[e];
      out.grade[e] = s >= thresholds[0] ? 1 : s >= thresholds[1] ? 2 : s >= thresholds[2] ? 3 : 4;
    }
  }
  const counts: GradeCounts = [0, 0, 0, 0, 0];
  for (let e = 0; e < cols.n; e++) {
    if (official !== undefined && official[e] !== GRADE_NONE && (cols.active === undefined || cols.active[e] === 1))
      out.grade[e] = official[e];
    if (cols.active === undefined || cols.active[e] === 1) counts[out.grade[e]]++;
  }
  return counts;
}
