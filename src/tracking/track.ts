import { lastCompleteYear, periodEnd } from '../actuals/period.js';
import type { Actuals, Observation, Period } from '../actuals/types.js';
import { RATIO_METRICS } from '../domain/metrics.js';
import type { RunSummary, Stats, TargetResult } from '../engine/aggregate.js';
import type { Scenario, TrackedIndicator } from '../scenario/resolve.js';
import type { Target } from '../targets/schema.js';
import { flowToDate, latestFlow, levelToDate, seriesOf } from './observed.js';
import { goalAsLevel, interpolate, measureOf, planPath, type Measure, type PlanPoint } from './plan.js';

/**
 * `dcsim track` (issue #12 §3, README "Monitoring: dcsim track"): for every target the plan path,
 * the actuals to date, the forecast fan from `as_of`, the probability now and at the start, the
 * pace and a warning light, and the 季度通报 rows; for every `tracked:` indicator actual against
 * plan. Pure: the run's summary, the scenario and its actuals in, track.json out.
 */

/** A warning light, as the NDRC 能耗双控晴雨表 shows them (红/黄/绿灯). */
export type Light = 'green' | 'yellow' | 'red';

/** Progress ratio at or above which a quarter (or a tracked indicator) is green, resp. yellow; red below. */
export const QUARTER_GREEN = 1;
export const QUARTER_YELLOW = 0.8;

/** The light of a target by its probability: green ≥ `green`, yellow ≥ `yellow`, red below (edges inclusive). */
export function warningLevel(probability: number, green: number, yellow: number): Light {
  return probability >= green ? 'green' : probability >= yellow ? 'yellow' : 'red';
}

/** The light of a progress ratio (achieved ÷ expected to date): green ≥ 1, yellow ≥ 0.8, red below. */
export function progressLight(ratio: number): Light {
  return ratio >= QUARTER_GREEN ? 'green' : ratio >= QUARTER_YELLOW ? 'yellow' : 'red';
}

/** An actual value of a target's measure (a running sum for a cumulative target). */
export interface ActualPoint {
  readonly period: string;
  readonly year: number;
  /** Last month covered (12: the whole year). */
  readonly month: number;
  readonly value: number;
  /** True when it covers part of a year only (year-to-date). */
  readonly partial: boolean;
}

export interface FanPoint {
  readonly year: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/** Pace, per year, in the metric's stored unit. */
export interface Pace {
  /** Achieved per year from the base to the latest actual (null without one). */
  readonly achieved_per_year: number | null;
  /** Years from the base year's end (a cumulative target: the end of the year before its `from`) to the latest actual (fractional for a year in progress). */
  readonly years_elapsed: number;
  /** Needed per year from the latest actual (else the base) to reach the goal in the target's year. */
  readonly required_per_year: number;
  readonly years_left: number;
  /** The forecast P50's per year over the same remaining years. */
  readonly forecast_p50_per_year: number | null;
  /** Achieved pace at least (at_least) / at most (at_most) the required one; null without an actual. */
  readonly on_pace: boolean | null;
  /** The latest value (an actual, else the base) already meets the goal: nothing more is required. */
  readonly reached: boolean;
}

/** One row of the 季度通报: a quarter of a year of the plan. */
export interface QuarterRow {
  readonly quarter: string;
  readonly year: number;
  readonly q: number;
  /** The year's task: a flow's planned amount that year (Δ of the running sum); a level's planned value for the year. */
  readonly annual_task: number;
  /** Observed to the quarter's end in that year (flow: the amount Jan–quarter end; level: its year-to-date value); null when not observed. */
  readonly achieved: number | null;
  /** achieved ÷ annual_task (null for a ratio metric, or when not observed). */
  readonly share: number | null;
  /** The seasonal profile's share by the quarter's end (tracking.seasonal_profile[3q − 1]); null for a ratio metric. */
  readonly expected_share: number | null;
  /** Progress ratio: share ÷ expected (at_least), expected ÷ share (at_most); for a ratio metric achieved ÷ task (at_least), task ÷ achieved (at_most). */
  readonly ratio: number | null;
  readonly warning: Light | null;
}

export interface TargetTrack {
  readonly id: string;
  readonly label: string;
  readonly metric: string;
  readonly kind: string;
  readonly bound: 'at_least' | 'at_most';
  /** The scenario's goal (a share for change and cagr). */
  readonly goal: number;
  readonly year: number;
  readonly measure: Measure;
  /** The goal as a value of the measure in the target's year. */
  readonly goal_value: number;
  readonly base: { readonly year: number; readonly value: number; readonly source: 'observed' | 'simulated_p50' };
  readonly plan_source: 'milestones' | 'scenario_path';
  readonly plan: readonly PlanPoint[];
  readonly actuals: readonly ActualPoint[];
  readonly forecast: readonly FanPoint[];
  /** Share of the way from the base value to the goal value achieved by the latest actual (null without one). */
  readonly task_done: number | null;
  readonly probability: { readonly now: number; readonly start: number };
  readonly thresholds: { readonly green: number; readonly yellow: number };
  readonly warning: Light;
  readonly pace: Pace;
  readonly quarters: readonly QuarterRow[];
}

export interface TrackedRow {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly bound: 'at_least' | 'at_most';
  readonly goal: number;
  readonly year: number;
  readonly measure: Measure;
  readonly plan: readonly PlanPoint[];
  readonly actuals: readonly ActualPoint[];
  /** Latest actual (a flow: the running sum) — null when none is observed. */
  readonly actual: ActualPoint | null;
  /** Share of the task done: (actual − base) ÷ (goal − base); a flow: actual ÷ goal. */
  readonly task_done: number | null;
  /** Share of the task the plan path asks by the actual's period. */
  readonly plan_done: number | null;
  readonly warning: Light | null;
}

/** track.json. */
export interface TrackReport {
  readonly kind: 'dcsim-track';
  /** The period the actuals are used up to; the base year when the run has no actuals. */
  readonly as_of: string;
  readonly has_actuals: boolean;
  readonly base: number;
  readonly seasonal_profile: readonly number[];
  readonly quarter_rule: { readonly green: number; readonly yellow: number };
  readonly targets: readonly TargetTrack[];
  readonly tracked: readonly TrackedRow[];
}

export interface TrackInput {
  readonly scenario: Pick<Scenario, 'period' | 'targets' | 'tracking' | 'tracked' | 'actuals'>;
  readonly summary: Pick<RunSummary, 'metrics' | 'cumulative' | 'targets'>;
  /** The targets of the same scenario run without actuals on the same seed and draws (the probability at the start). */
  readonly startTargets?: readonly TargetResult[];
}

/** Years from the base year's end to the end of month `month` of `year`. */
const since = (base: number, year: number, month: number) => year - base - 1 + month / 12;

/** The monitoring report of a run (track.json). */
export function trackReport(input: TrackInput): TrackReport {
  const { scenario, summary } = input;
  const base = scenario.period.base;
  const actuals = scenario.actuals;
  const asOf: Period = actuals?.asOf ?? { year: base, month: 12, kind: 'year', text: String(base) };
  const ctx: Ctx = { base, asOf, actuals, summary, scenario };
  const targets = scenario.targets.map((t) => trackTarget(t, ctx, input.startTargets));
  return {
    kind: 'dcsim-track',
    as_of: asOf.text,
    has_actuals: actuals !== undefined,
    base,
    seasonal_profile: scenario.tracking.seasonalProfile,
    quarter_rule: { green: QUARTER_GREEN, yellow: QUARTER_YELLOW },
    targets,
    tracked: scenario.tracked.map((t) => trackIndicator(t, ctx)),
  };
}

interface Ctx {
  readonly base: number;
  readonly asOf: Period;
  readonly actuals?: Actuals;
  readonly summary: TrackInput['summary'];
  readonly scenario: TrackInput['scenario'];
}

/** Stats of the measure by year from the summary (running sums for a cumulative measure). */
const statsOf = (ctx: Ctx, metric: string, measure: Measure): Record<string, Stats | null> =>
  (measure === 'cumulative' ? ctx.summary.cumulative[metric] : ctx.summary.metrics[metric]) ?? {};

/** The running sum of a flow from base + 1: the complete years in a row, then the year in progress's amount to date. */
function runningSum(series: Parameters<typeof flowToDate>[0], base: number, asOf: Period, lastYear: number): ActualPoint[] {
  const out: ActualPoint[] = [];
  let sum = 0;
  const complete = lastCompleteYear(asOf);
  for (let y = base + 1; y <= Math.min(complete, lastYear); y++) {
    const v = flowToDate(series, y, 12);
    if (v === undefined) return out; // a gap: the sum after it would be invented
    sum += v;
    out.push({ period: String(y), year: y, month: 12, value: sum, partial: false });
  }
  if (asOf.month < 12 && asOf.year <= lastYear && out.length === asOf.year - base - 1) {
    const part = latestFlow(series, asOf.year, asOf.month);
    if (part)
      out.push({
        period: `${asOf.year}-${String(part.month).padStart(2, '0')}`,
        year: asOf.year,
        month: part.month,
        value: sum + part.value,
        partial: true,
      });
  }
  return out;
}

function trackTarget(t: Target, ctx: Ctx, startTargets: readonly TargetResult[] | undefined): TargetTrack {
  const { base, asOf } = ctx;
  const measure = measureOf(t);
  const series = ctx.actuals ? seriesOf(ctx.actuals.values, t.metric, false, asOf) : [];
  const levels = statsOf(ctx, t.metric, 'level');
  const observedLevel = (y: number) => (y <= lastCompleteYear(asOf) ? levelToDate(series, y, 12) : undefined);
  const levelAt = (y: number) => observedLevel(y) ?? levels[y]?.p50 ?? NaN;

  const observedBase = measure === 'level' ? observedLevel(base) : undefined;
  const baseValue = measure === 'cumulative' ? 0 : (observedBase ?? levels[base]?.p50 ?? NaN);
  const goalValue = goalAsLevel(t, t.from === base ? baseValue : levelAt(t.from));
  const milestones = ctx.scenario.targets
    .filter((o) => o.metric === t.metric && measureOf(o) === measure && o.bound === t.bound && (measure === 'level' || o.from === t.from))
    .map((o) => ({ year: o.year, value: goalAsLevel(o, o.from === base ? baseValue : levelAt(o.from)) }));
  // a running sum starts after the year before `from` (base + 1 by default): 0 until then
  const start = measure === 'cumulative' ? t.from - 1 : base;
  if (start > base) milestones.push({ year: start, value: 0 });
  const plan = planPath(t, base, baseValue, goalValue, milestones);

  const actuals: ActualPoint[] =
    measure === 'cumulative' ? runningSum(series, start, asOf, t.year) : levelPoints(series.filter((o) => o.period.year <= t.year));

  const fanFrom = Math.max(base, ctx.actuals ? lastCompleteYear(asOf) : base);
  const stats = statsOf(ctx, t.metric, measure);
  // summary.cumulative sums from base + 1: a later `from` takes off the P50 before it (an approximation of the quantiles)
  const before = start > base ? (stats[start]?.p50 ?? 0) : 0;
  const forecast: FanPoint[] = [];
  for (let y = Math.max(fanFrom, start); y <= t.year; y++) {
    const s = stats[y];
    if (s) forecast.push({ year: y, p10: s.p10 - before, p50: s.p50 - before, p90: s.p90 - before });
  }

  // the latest actual the pace and the task share read: a running sum's latest point; a level's latest whole year
  const latest = measure === 'cumulative' ? actuals.at(-1) : actuals.filter((a) => !a.partial && a.year > base).at(-1);
  const from = latest ? { t: since(start, latest.year, latest.month), value: latest.value } : { t: 0, value: baseValue };
  const end = t.year - start;
  const yearsLeft = end - from.t;
  const p50End = stats[t.year] ? stats[t.year]!.p50 - before : undefined;
  const achieved = latest && from.t > 0 ? (from.value - baseValue) / from.t : null;
  const required = yearsLeft > 0 ? (goalValue - from.value) / yearsLeft : 0;
  const pace: Pace = {
    achieved_per_year: achieved,
    years_elapsed: from.t,
    required_per_year: required,
    years_left: yearsLeft,
    forecast_p50_per_year: p50End !== undefined && yearsLeft > 0 ? (p50End - from.value) / yearsLeft : null,
    on_pace: achieved === null ? null : t.bound === 'at_least' ? achieved >= required : achieved <= required,
    reached: t.bound === 'at_least' ? from.value >= goalValue : from.value <= goalValue,
  };

  const now = ctx.summary.targets.find((r) => r.id === t.id)?.probability ?? NaN;
  const atStart = startTargets?.find((r) => r.id === t.id)?.probability ?? now;
  const green = ctx.scenario.tracking.green ?? t.confidence;
  const yellow = ctx.scenario.tracking.yellow;
  const planAt = (y: number) => plan.find((p) => p.year === y)?.value ?? NaN;

  return {
    id: t.id,
    label: t.label,
    metric: t.metric,
    kind: t.kind,
    bound: t.bound,
    goal: t.goal,
    year: t.year,
    measure,
    goal_value: goalValue,
    base: { year: base, value: baseValue, source: observedBase !== undefined ? 'observed' : 'simulated_p50' },
    plan_source: t.path?.length ? 'scenario_path' : 'milestones',
    plan,
    actuals,
    forecast,
    task_done: latest && goalValue !== baseValue ? (latest.value - baseValue) / (goalValue - baseValue) : null,
    probability: { now, start: atStart },
    thresholds: { green, yellow },
    warning: warningLevel(now, green, yellow),
    pace,
    quarters: quarterRows(t, measure, series, planAt, { ...ctx, base: start }),
  };
}

/**
 * The 季度通报 rows of a target, from base + 1 Q1 to the as_of quarter (and not beyond the
 * target's year). A flow's annual task is the plan path's change over the year, achieved its
 * amount from January to the quarter's end; a level's annual task is the plan's value for the
 * year, achieved its year-to-date value (a level observed for a quarter is year-to-date); its share
 * is compared with the seasonal profile's. A ratio metric (intensities, rates) has no share: its
 * year-to-date value is compared with the year's planned value. Unobserved quarters stay empty.
 */
export function quarterRows(
  t: Pick<Target, 'metric' | 'bound' | 'year'>,
  measure: Measure,
  series: Parameters<typeof flowToDate>[0],
  planAt: (year: number) => number,
  ctx: Pick<Ctx, 'base' | 'asOf'> & { scenario: Pick<Scenario, 'tracking'> },
): QuarterRow[] {
  const rows: QuarterRow[] = [];
  const ratioMetric = (RATIO_METRICS as readonly string[]).includes(t.metric);
  const profile = ctx.scenario.tracking.seasonalProfile;
  for (let y = ctx.base + 1; y <= Math.min(ctx.asOf.year, t.year); y++)
    for (let q = 1; q <= 4; q++) {
      const month = 3 * q;
      if (periodEnd({ year: y, month }) > periodEnd(ctx.asOf)) break;
      const task = measure === 'cumulative' ? planAt(y) - planAt(y - 1) : planAt(y);
      const achieved = (measure === 'cumulative' ? flowToDate(series, y, month) : levelToDate(series, y, month)) ?? null;
      const expected = ratioMetric ? null : profile[month - 1];
      const share = achieved === null || ratioMetric || task === 0 ? null : achieved / task;
      let ratio: number | null = null;
      if (achieved !== null) {
        if (ratioMetric) ratio = t.bound === 'at_least' ? achieved / task : task / achieved;
        else if (share !== null && expected !== null)
          ratio = t.bound === 'at_least' ? (expected > 0 ? share / expected : null) : share > 0 ? expected / share : null;
      }
      const finite = ratio !== null && Number.isFinite(ratio) ? ratio : null;
      rows.push({
        quarter: `${y}-Q${q}`,
        year: y,
        q,
        annual_task: task,
        achieved,
        share,
        expected_share: expected,
        ratio: finite,
        warning: finite === null ? null : progressLight(finite),
      });
    }
  return rows;
}

/** A `tracked:` indicator: the plan path (linear from its base value, a flow's running sum from 0) against the actuals. */
function trackIndicator(t: TrackedIndicator, ctx: Ctx): TrackedRow {
  const { base, asOf } = ctx;
  const measure: Measure = t.flow ? 'cumulative' : 'level';
  const start = t.flow ? 0 : t.base;
  const plan = planPath({ year: t.year }, base, start, t.goal, []);
  const series = ctx.actuals ? seriesOf(ctx.actuals.values, t.id, true, asOf) : [];
  const actuals: ActualPoint[] = t.flow ? runningSum(series, base, asOf, t.year) : levelPoints(series);
  const actual = actuals.at(-1) ?? null;
  const span = t.goal - start;
  const taskDone = actual && span !== 0 ? (actual.value - start) / span : null;
  const planDone = actual && span !== 0 ? (interpolate(plan, actual.year - 1 + actual.month / 12) - start) / span : null;
  const ratio = taskDone !== null && planDone !== null && planDone > 0 ? taskDone / planDone : null;
  return {
    id: t.id,
    label: t.label,
    unit: t.unit,
    bound: t.bound,
    goal: t.goal,
    year: t.year,
    measure,
    plan,
    actuals,
    actual,
    task_done: taskDone,
    plan_done: planDone,
    warning: ratio === null ? null : progressLight(ratio),
  };
}

/** A level's observations as chart points in period order (a sub-annual one is year-to-date: partial). */
function levelPoints(series: readonly Observation[]): ActualPoint[] {
  return [...series]
    .sort((a, b) => periodEnd(a.period) - periodEnd(b.period))
    .map((o) => ({ period: o.period.text, year: o.period.year, month: o.period.month, value: o.value, partial: o.period.kind !== 'year' }));
}
