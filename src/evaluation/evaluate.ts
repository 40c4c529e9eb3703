import type { EconomicColumns } from '../accounting/indicators.js';
import { GRADE_NONE, type EnterpriseTable } from '../domain/enterprise-table.js';
import type { EvaluationModel, GroupModel, IndicatorId } from './model.js';
import { quickselect, selectRanks } from './quickselect.js';

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
  /** Scratch space of length n for a group's sums by member, then its scores (cut-offs and grades read them). */
  readonly scratch: Float64Array;
  /** Scratch space of length n for the firms of both groups (规上 from the start, 规下 at the end). */
  readonly members: Int32Array;
  /** Scratch space of length n for the weights a member's score uses, then the cut-off selection's. */
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
 * The R&D ratio falls back to gross output when revenue is not given; an indicator without a
 * fallback names its own denominator there, so a NaN denominator stays NaN (no branch per firm).
 */
interface IndicatorColumns {
  readonly num: Float64Array;
  readonly den: Float64Array;
  readonly denFallback: Float64Array;
}

function columnsOf(cols: EvaluationColumns, id: IndicatorId): IndicatorColumns {
  switch (id) {
    case 'tax_per_mu':
      return { num: cols.tax, den: cols.landMu, denFallback: cols.landMu };
    case 'value_added_per_mu':
      return { num: cols.valueAdded, den: cols.landMu, denFallback: cols.landMu };
    case 'labor_productivity':
      return { num: cols.valueAdded, den: cols.employees, denFallback: cols.employees };
    case 'value_added_per_energy':
      return { num: cols.valueAdded, den: cols.energyTce, denFallback: cols.energyTce };
    case 'value_added_per_pollutant':
      return { num: cols.valueAdded, den: cols.pollutantT, denFallback: cols.pollutantT };
    case 'rd_ratio':
      return { num: cols.rdExpense, den: cols.revenue, denFallback: cols.output };
    case 'tax_per_energy':
      return { num: cols.tax, den: cols.energyTce, denFallback: cols.energyTce };
    case 'tax_per_kwh':
      return { num: cols.tax, den: cols.electricity10kKwh, denFallback: cols.electricity10kKwh };
  }
}

/**
 * A group's indicators resolved once against one set of columns (index k = the model's
 * indicator order), with the small scratch arrays a call fills.
 */
interface GroupPlan {
  readonly num: Float64Array[];
  readonly den: Float64Array[];
  readonly denFallback: Float64Array[];
  readonly weight: Float64Array;
  readonly cap: Float64Array;
  /** The model's reference; NaN = the district average of the call's group. */
  readonly fixedReference: Float64Array;
  readonly shares: GroupModel['shares'];
  /** Per call: the reference of each indicator. */
  readonly reference: Float64Array;
  /** Per call: an indicator's Σ numerator and Σ denominator over the members that give both. */
  readonly totals: Float64Array;
  /** Per call: the A, B and C cut-offs. */
  readonly cutOff: Float64Array;
  /** The largest cap: scores lie in [0, 100 × maxCap] unless data are negative. */
  readonly maxCap: number;
  /** Per call: the cut-off ranks to select (ascending scores), their grade index, their values. */
  readonly ranks: Int32Array;
  readonly rankOf: Int32Array;
  readonly selected: Float64Array;
  /** Scratch for the bucketed selection of the cut-offs. */
  readonly buckets: Int32Array;
}

interface EvaluationPlan {
  readonly aboveScale: GroupPlan;
  readonly belowScale: GroupPlan;
}

/** The most buckets the cut-off selection uses (it uses about one per four members). */
const SELECTION_BUCKETS = 4096;

function compileGroup(cols: EvaluationColumns, group: GroupModel): GroupPlan {
  const ind = group.indicators;
  const columns = ind.map((i) => columnsOf(cols, i.id));
  const count = ind.length;
  return {
    num: columns.map((c) => c.num),
    den: columns.map((c) => c.den),
    denFallback: columns.map((c) => c.denFallback),
    weight: Float64Array.from(ind, (i) => i.weight),
    cap: Float64Array.from(ind, (i) => i.cap),
    fixedReference: Float64Array.from(ind, (i) => i.fixedReference),
    shares: group.shares,
    reference: new Float64Array(count),
    totals: new Float64Array(2),
    cutOff: new Float64Array(3),
    maxCap: Math.max(0, ...ind.map((i) => i.cap)),
    ranks: new Int32Array(3),
    rankOf: new Int32Array(3),
    selected: new Float64Array(3),
    buckets: new Int32Array(SELECTION_BUCKETS),
  };
}

// Plans by model and columns object. Both are read-only (their arrays' contents change from
// year to year, never which arrays they are), so a plan stays valid as long as both objects live.
const plans = new WeakMap<EvaluationModel, WeakMap<EvaluationColumns, EvaluationPlan>>();

function planFor(cols: EvaluationColumns, model: EvaluationModel): EvaluationPlan {
  let byColumns = plans.get(model);
  if (byColumns === undefined) {
    byColumns = new WeakMap();
    plans.set(model, byColumns);
  }
  let plan = byColumns.get(cols);
  if (plan === undefined) {
    plan = { aboveScale: compileGroup(cols, model.aboveScale), belowScale: compileGroup(cols, model.belowScale) };
    byColumns.set(cols, plan);
  }
  return plan;
}

/**
 * Sets each indicator's reference for the group `members[start .. start + m)` and scores the
 * members into `out.score` (by firm) and `out.scratch` (by member) with
 * 100 × Σ weight × min(cap, indicator ÷ reference) ÷ Σ weight. The reference is the fixed one,
 * or Σ numerator ÷ Σ denominator over the members that give both, added in firm order; an
 * indicator without a usable (positive) reference is left out (its weight rescales). A score
 * needs its indicator's reference, so the terms of one indicator are added in the pass that sums
 * the next one's columns: a pass per indicator (and one to add the last), not two, each reading
 * `members` once (each indicator's sums and each member's terms add in the same order as with a
 * pass per sum and per term, so to the bit). Returns whether a score is NaN (only infinite data
 * make one).
 */
function scoreMembers(p: GroupPlan, out: EvaluationOutput, start: number, m: number): boolean {
  const { num, den, denFallback, reference, fixedReference, cap, weight, totals } = p;
  const { score, members } = out;
  const sums = out.scratch; // Σ weight × ratio by member, then the score
  const used = out.weightsUsed; // Σ weight of the indicators given, by member
  sums.fill(0, 0, m);
  used.fill(0, 0, m);
  let pending = -1; // the usable indicator whose terms are still to add
  for (let k = 0; k < reference.length; k++) {
    let ref = fixedReference[k];
    if (ref !== ref) {
      if (pending >= 0) {
        const q = pending;
        addAndSum(
          num[q],
          den[q],
          denFallback[q],
          reference[q],
          cap[q],
          weight[q],
          num[k],
          den[k],
          denFallback[k],
          members,
          start,
          m,
          sums,
          used,
          totals,
        );
        pending = -1;
      } else sumGiven(num[k], den[k], denFallback[k], members, start, m, totals);
      ref = totals[1] > 0 ? totals[0] / totals[1] : Number.NaN;
    }
    reference[k] = ref;
    if (ref > 0) {
      if (pending >= 0) {
        const q = pending;
        addIndicator(num[q], den[q], denFallback[q], reference[q], cap[q], weight[q], members, start, m, sums, used);
      }
      pending = k;
    }
  }
  if (pending >= 0) {
    const q = pending;
    addIndicator(num[q], den[q], denFallback[q], reference[q], cap[q], weight[q], members, start, m, sums, used);
  }
  let nan = false;
  for (let i = 0; i < m; i++) {
    const s = used[i] > 0 ? (100 * sums[i]) / used[i] : 0;
    score[members[start + i]] = s;
    sums[i] = s;
    if (s !== s) nan = true;
  }
  return nan;
}

/** Sets `totals` to Σ numerator and Σ denominator over the members that give both (in order). */
function sumGiven(
  num: Float64Array,
  den: Float64Array,
  denFallback: Float64Array,
  members: Int32Array,
  start: number,
  m: number,
  totals: Float64Array,
): void {
  let sumNum = 0;
  let sumDen = 0;
  for (let i = 0; i < m; i++) {
    const e = members[start + i];
    const a = num[e];
    let b = den[e];
    if (b !== b) b = denFallback[e];
    if (a !== a || b !== b) continue; // not given: out of the average
    sumNum += a;
    sumDen += b;
  }
  totals[0] = sumNum;
  totals[1] = sumDen;
}

/** Adds one indicator's weight × min(cap, ratio) and its weight to each member that gives it. */
function addIndicator(
  num: Float64Array,
  den: Float64Array,
  denFallback: Float64Array,
  ref: number,
  cap: number,
  weight: number,
  members: Int32Array,
  start: number,
  m: number,
  sums: Float64Array,
  used: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    const e = members[start + i];
    const a = num[e];
    let b = den[e];
    if (b !== b) b = denFallback[e];
    if (a !== a || b !== b) continue; // not given for this firm: the weight rescales
    const ratio = b > 0 ? a / b / ref : a > 0 ? cap : 0; // no energy/pollutant with output: the best
    sums[i] += weight * Math.min(cap, ratio);
    used[i] += weight;
  }
}

/**
 * `addIndicator` for one indicator and `sumGiven` for another in one pass over the members. Their
 * loop bodies are written out again on purpose: calling them per member as shared helpers was not
 * inlined by V8 and the pass got slower than the two passes it replaces.
 */
function addAndSum(
  num: Float64Array,
  den: Float64Array,
  denFallback: Float64Array,
  ref: number,
  cap: number,
  weight: number,
  sumNumOf: Float64Array,
  sumDenOf: Float64Array,
  sumDenFallback: Float64Array,
  members: Int32Array,
  start: number,
  m: number,
  sums: Float64Array,
  used: Float64Array,
  totals: Float64Array,
): void {
  let sumNum = 0;
  let sumDen = 0;
  for (let i = 0; i < m; i++) {
    const e = members[start + i];
    const a = num[e];
    let b = den[e];
    if (b !== b) b = denFallback[e];
    if (a === a && b === b) {
      const ratio = b > 0 ? a / b / ref : a > 0 ? cap : 0;
      sums[i] += weight * Math.min(cap, ratio);
      used[i] += weight;
    }
    const c = sumNumOf[e];
    let d = sumDenOf[e];
    if (d !== d) d = sumDenFallback[e];
    if (c === c && d === d) {
      sumNum += c;
      sumDen += d;
    }
  }
  totals[0] = sumNum;
  totals[1] = sumDen;
}

/**
 * Sets the A, B and C cut-offs: the k-th largest score for k = round(cumulative share × m), ±∞
 * when k takes none or all. `scores[0 .. m)` holds the scores by member and is left as it is;
 * `work` is scratch of length m. Without NaN the ranks are selected together by buckets of
 * [0, 100 × the largest cap], where the scores lie unless data are negative (`selectRanks`).
 * A NaN score has no rank: then, as before the bucketed selection, every cut-off is quickselected
 * over all scores (copied to `work`, in member order), in turn, for the same values.
 */
function setCutOffs(p: GroupPlan, scores: Float64Array, work: Float64Array, m: number, nan: boolean): void {
  const { shares, cutOff, ranks, rankOf } = p;
  let cum = 0;
  let count = 0;
  if (nan) work.set(scores.subarray(0, m));
  for (let g = 0; g < 3; g++) {
    cum += shares[g];
    const k = Math.round(cum * m);
    if (k <= 0) cutOff[g] = Infinity;
    else if (k >= m) cutOff[g] = -Infinity;
    else if (nan) cutOff[g] = quickselect(work, m, m - k);
    else {
      rankOf[count] = g;
      ranks[count++] = m - k;
    }
  }
  if (count === 0) return;
  const selected = p.selected;
  selectRanks(scores, m, 0, 100 * p.maxCap, ranks, count, selected, work, p.buckets);
  for (let t = 0; t < count; t++) cutOff[rankOf[t]] = selected[t];
}

/** Scores and grades one group `members[start .. start + m)`, counting its grades. */
function evaluateGroup(
  p: GroupPlan,
  out: EvaluationOutput,
  start: number,
  m: number,
  official: Uint8Array | undefined,
  counts: GradeCounts,
): void {
  if (m === 0) return;
  const nan = scoreMembers(p, out, start, m);
  setCutOffs(p, out.scratch, out.weightsUsed, m, nan);
  gradeMembers(p.cutOff, out, start, m, official, counts);
}

/**
 * Grades the members by the cut-offs (a tie with a cut-off gets the better grade) and counts the
 * grades. Members operate, so an official grade replaces theirs. `out.scratch` still holds the
 * scores by member (the selection leaves them in place): read in order, not through `members`.
 */
function gradeMembers(
  cutOff: Float64Array,
  out: EvaluationOutput,
  start: number,
  m: number,
  official: Uint8Array | undefined,
  counts: GradeCounts,
): void {
  const a = cutOff[0];
  const b = cutOff[1];
  const c = cutOff[2];
  const { grade, members } = out;
  const scores = out.scratch;
  if (official === undefined && a >= b && b >= c) {
    // Ordered cut-offs (the usual case: shares ≥ 0): the grade is 4 less the cut-offs reached.
    // Counting them beats a chain of branches, which scores in no order mispredict, and the
    // counts follow from how many reach each cut-off.
    let reachA = 0;
    let reachB = 0;
    let reachC = 0;
    for (let i = 0; i < m; i++) {
      const s = scores[i];
      const ra = +(s >= a);
      const rb = +(s >= b);
      const rc = +(s >= c);
      grade[members[start + i]] = 4 - ra - rb - rc;
      reachA += ra;
      reachB += rb;
      reachC += rc;
    }
    counts[1] += reachA;
    counts[2] += reachB - reachA;
    counts[3] += reachC - reachB;
    counts[4] += m - reachC;
    return;
  }
  for (let i = 0; i < m; i++) {
    const e = members[start + i];
    const s = scores[i];
    let g = s >= a ? 1 : s >= b ? 2 : s >= c ? 3 : 4;
    if (official !== undefined && official[e] !== GRADE_NONE) g = official[e];
    grade[e] = g;
    counts[g]++;
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
  const plan = planFor(cols, model);
  const counts: GradeCounts = [0, 0, 0, 0, 0];
  const { score, grade, members } = out;
  const { n, aboveScale, landMu, active } = cols;
  // beyond the columns' firms nothing is evaluated
  score.fill(Number.NaN, n);
  grade.fill(GRADE_NONE, n);
  // One pass lists both groups (规上 forwards from 0, 规下 backwards from n − 1: together at most
  // n firms) and settles every other firm: no score, and its official grade if it operates.
  let above = 0;
  let below = 0;
  for (let e = 0; e < n; e++) {
    const operating = active === undefined || active[e] === 1;
    if (operating && landMu[e] > 0) {
      const s = aboveScale[e];
      if (s === 1) {
        members[above++] = e;
        continue;
      }
      if (s === 0) {
        members[n - 1 - below++] = e;
        continue;
      }
    }
    score[e] = Number.NaN;
    if (operating) {
      const g = official === undefined ? GRADE_NONE : official[e];
      grade[e] = g;
      counts[g]++;
    } else grade[e] = GRADE_NONE;
  }
  // 规下 back into firm order, the order its district sums add in
  for (let i = n - below, j = n - 1; i < j; i++, j--) {
    const t = members[i];
    members[i] = members[j];
    members[j] = t;
  }
  evaluateGroup(plan.aboveScale, out, 0, above, official, counts);
  evaluateGroup(plan.belowScale, out, n - below, below, official, counts);
  return counts;
}
