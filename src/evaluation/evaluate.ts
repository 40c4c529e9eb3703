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
}

/** Allocates output arrays once for `n` firms. */
export function createEvaluationOutput(n: number): EvaluationOutput {
  return { score: new Float64Array(n), grade: new Uint8Array(n), scratch: new Float64Array(n) };
}

/** Grade counts (index 0 = not graded, 1 = A … 4 = D). */
export type GradeCounts = [none: number, a: number, b: number, c: number, d: number];

/** Returns the numerator of an indicator for firm e. */
function numerator(cols: EvaluationColumns, id: IndicatorId, e: number): number {
  switch (id) {
    case 'tax_per_mu':
    case 'tax_per_energy':
    case 'tax_per_kwh':
      return cols.tax[e];
    case 'value_added_per_mu':
    case 'labor_productivity':
    case 'value_added_per_energy':
    case 'value_added_per_pollutant':
      return cols.valueAdded[e];
    case 'rd_ratio':
      return Number.isNaN(cols.rdExpense[e]) ? 0 : cols.rdExpense[e];
  }
}

/**
 * Returns the denominator of an indicator for firm e; NaN means the data are not given (the
 * indicator is left out for that firm and the other weights rescale).
 */
function denominator(cols: EvaluationColumns, id: IndicatorId, e: number): number {
  switch (id) {
    case 'tax_per_mu':
    case 'value_added_per_mu':
      return cols.landMu[e];
    case 'labor_productivity':
      return cols.employees[e];
    case 'value_added_per_energy':
    case 'tax_per_energy':
      return cols.energyTce[e];
    case 'value_added_per_pollutant':
      return cols.pollutantT[e];
    case 'tax_per_kwh':
      return cols.electricity10kKwh[e];
    case 'rd_ratio':
      return Number.isNaN(cols.rdExpense[e]) ? Number.NaN : Number.isNaN(cols.revenue[e]) ? cols.output[e] : cols.revenue[e];
  }
}

const inGroup = (cols: EvaluationColumns, e: number, above: number): boolean =>
  cols.aboveScale[e] === above && cols.landMu[e] > 0 && (cols.active === undefined || cols.active[e] === 1);

function scoreGroup(cols: EvaluationColumns, group: GroupModel, above: number, out: EvaluationOutput): number {
  const refs = group.indicators.map((ind) => {
    if (!Number.isNaN(ind.fixedReference)) return ind.fixedReference;
    let num = 0;
    let den = 0;
    for (let e = 0; e < cols.n; e++) {
      if (!inGroup(cols, e, above)) continue;
      const b = denominator(cols, ind.id, e);
      if (!Number.isNaN(b)) {
        num += numerator(cols, ind.id, e);
        den += b;
      }
    }
    return den > 0 ? num / den : Number.NaN;
  });
  let m = 0;
  for (let e = 0; e < cols.n; e++) {
    if (!inGroup(cols, e, above)) continue;
    let sum = 0;
    let weights = 0;
    for (let k = 0; k < group.indicators.length; k++) {
      const ind = group.indicators[k];
      const ref = refs[k];
      const a = numerator(cols, ind.id, e);
      const b = denominator(cols, ind.id, e);
      if (Number.isNaN(b) || !(ref > 0)) continue; // not given for this firm, or no reference: weight rescales
      const ratio = b > 0 ? a / b / ref : a > 0 ? ind.cap : 0; // no energy/pollutant with output: best
      sum += ind.weight * Math.min(ind.cap, ratio);
      weights += ind.weight;
    }
    const score = weights > 0 ? (100 * sum) / weights : 0;
    out.score[e] = score;
    out.scratch[m++] = score;
  }
  return m;
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
    const m = scoreGroup(cols, group, above, out);
    if (m === 0) continue;
    // thresholds: the k-th largest score for k = round(cumulative share × m)
    const thresholds = [Infinity, Infinity, Infinity];
    let cum = 0;
    for (let g = 0; g < 3; g++) {
      cum += group.shares[g];
      const k = Math.round(cum * m);
      thresholds[g] = k <= 0 ? Infinity : k >= m ? -Infinity : quickselect(out.scratch, m, m - k);
    }
    for (let e = 0; e < cols.n; e++) {
      if (!inGroup(cols, e, above)) continue;
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
