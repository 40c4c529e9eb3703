import { mean, quantileSorted } from 'simple-statistics';
import type { ActualsSummary } from '../actuals/fit.js';
import { FLOW_METRICS } from '../domain/metrics.js';
import type { Attribution } from './attribution.js';
import { sensitivity, type TargetSensitivity } from './sensitivity.js';
import type { Assumption } from '../scenario/assumptions.js';
import type { Scenario } from '../scenario/resolve.js';
import type { Target } from '../targets/schema.js';
import { meetsTarget, targetStatus, targetValue, type TargetStatus } from '../targets/evaluate.js';
import { metricIndex, type MetricLayout } from './metrics.js';
import { warningLevel, type Light } from '../tracking/track.js';

/** Summary statistics of one metric in one year over the draws. */
export interface Stats {
  readonly mean: number;
  readonly p5: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
}

/** A target's result over the draws (summary.json `targets[]`). */
export interface TargetResult {
  readonly id: string;
  readonly label: string;
  readonly metric: string;
  readonly kind: string;
  readonly from: number;
  readonly year: number;
  readonly at_least?: number;
  readonly at_most?: number;
  readonly confidence: number;
  readonly probability: number;
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly status: TargetStatus;
}

/** The aggregated result of a run (the content of summary.json). */
export interface RunSummary {
  readonly scenario: { readonly name: string; readonly title: string; readonly description: string };
  readonly period: { readonly base: number; readonly end: number };
  readonly draws: number;
  readonly seed: number;
  readonly confidence: number;
  readonly policies: readonly { readonly key: string; readonly type: string; readonly label: string; readonly label_en: string }[];
  /** Every assumption behind the numbers (the workbook's 假设 sheet); absent in runs of dcsim before 0.2. */
  readonly assumptions?: readonly Assumption[];
  readonly metrics: Record<string, Record<string, Stats | null>>;
  /** The four flows summed from base + 1 to each year, per draw, then summarised (the fan charts of cumulative targets). */
  readonly cumulative: Record<string, Record<string, Stats | null>>;
  readonly targets: readonly TargetResult[];
  /** Which `per: draw` numbers drive each target (rank correlation over the draws). */
  readonly sensitivity?: readonly TargetSensitivity[];
  /** Where the audited draw's vacated energy, CO2 and land come from (added from events.csv). */
  readonly attribution?: Attribution;
  /** What actually happened that the run used (src/actuals/): as_of, files and the fit table; absent without actuals. */
  readonly actuals?: ActualsSummary;
  /** The carbon budget year by year (issue #13 §3): absent when the scenario has no `carbon_budget:`. */
  readonly budget?: BudgetSummary;
  /** The headroom ledger year by year: present when the scenario has a `ledger:` block or a carbon budget. */
  readonly ledger?: LedgerSummary;
  /** The scenario's `report:` block: which analysis charts and extra fans follow the targets' fans; absent without one. */
  readonly report?: ReportChoice;
}

/** A scenario's `report:` block, as the run carries it to `dcsim chart`. */
export interface ReportChoice {
  /** Analysis chart ids (src/domain/chart-names.ts) and metric ids of extra fans, in the order they are drawn. */
  readonly charts?: readonly string[];
}

/** One year of the carbon budget over the draws (t CO2). */
export interface BudgetYear {
  readonly year: number;
  /** P50 of the year's budget (it differs by draw when it is a change from each draw's base-year CO2). */
  readonly budget_p50: number | null;
  readonly co2_p10: number | null;
  readonly co2_p50: number | null;
  readonly co2_p90: number | null;
  /** Share of the draws whose CO2 is within the year's budget (`carbon_headroom_t` ≥ 0; a NaN never is). */
  readonly probability: number;
  /** The warning level as dcsim track gives a target's: green at or above `thresholds.green`, yellow at or above `thresholds.yellow`, red below. */
  readonly level: Light;
}

/** summary.json `budget`: the thresholds of the warning levels and one row per year from base + 1 to the end. */
export interface BudgetSummary {
  /** `green`: the scenario's `tracking.warning.green`, else its confidence; `yellow`: `tracking.warning.yellow` (default 0.5). */
  readonly thresholds: { readonly green: number; readonly yellow: number };
  readonly years: readonly BudgetYear[];
}

/** One year of the headroom ledger over the draws: projects (means) and the pools at the year's end (P50). */
export interface LedgerYear {
  readonly year: number;
  readonly projects_admitted_mean: number | null;
  readonly projects_deferred_mean: number | null;
  readonly projects_rejected_mean: number | null;
  readonly energy_headroom_tce_p50: number | null;
  readonly co2_pool_t_p50: number | null;
  readonly land_pool_mu_p50: number | null;
}

/** summary.json `ledger`. */
export interface LedgerSummary {
  /** True when the scenario has a `ledger:` block (projects wait for the pools); false: only the carbon budget holds them back. */
  readonly block: boolean;
  /** The quantities a project must find in the pools (`ledger.binding`; empty without a block). */
  readonly binding: readonly string[];
  readonly years: readonly LedgerYear[];
}

/** What aggregation needs to know of a scenario: plain data, so shards can carry it. */
export interface RunMeta {
  readonly scenario: RunSummary['scenario'];
  readonly period: { readonly base: number; readonly end: number };
  readonly confidence: number;
  readonly policies: RunSummary['policies'];
  readonly targets: readonly Target[];
  readonly assumptions?: readonly Assumption[];
  /** Warning thresholds of the budget's levels (the scenario's `tracking.warning`); absent in partial results of dcsim before issue 13. */
  readonly warning?: { readonly green?: number; readonly yellow: number };
  /** Set when the scenario has a `ledger:` block or a carbon budget: whether it has the block, and the binding quantities. */
  readonly ledger?: { readonly block: boolean; readonly binding: readonly string[] };
  /** The scenario's `report:` block, when it has one. */
  readonly report?: ReportChoice;
}

/** Describes a resolved scenario for aggregation. */
export function runMeta(scenario: Scenario, layout: MetricLayout): RunMeta {
  return {
    scenario: { name: scenario.name, title: scenario.title, description: scenario.description },
    period: scenario.period,
    confidence: scenario.confidence,
    policies: scenario.policies.map((p, i) => ({
      key: layout.policyKeys[i],
      type: p.module.type,
      label: p.module.label.zh,
      label_en: p.module.label.en,
    })),
    targets: scenario.targets,
    warning: { ...(scenario.tracking.green !== undefined ? { green: scenario.tracking.green } : {}), yellow: scenario.tracking.yellow },
    ...(scenario.ledger.gating || scenario.budget
      ? { ledger: { block: scenario.ledger.gating, binding: [...scenario.ledger.binding] } }
      : {}),
    ...(scenario.report ? { report: scenario.report } : {}),
  };
}

/** Rounds to 10 significant digits so that summaries read cleanly and compare exactly. */
const r = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(10)) : x);

export function stats(values: Float64Array): Stats | null {
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length === 0) return null;
  finite.sort((a, b) => a - b);
  const q = (p: number) => r(quantileSorted(finite, p));
  return { mean: r(mean(finite)), p5: q(0.05), p10: q(0.1), p50: q(0.5), p90: q(0.9), p95: q(0.95) };
}

/**
 * Aggregates the per-draw metric rows (`values[draw × drawSize + m × years + y]`): quantiles per
 * metric and year, and per target the share of draws that meet it with P10/P50/P90 of its value.
 */
export function aggregate(
  meta: RunMeta,
  layout: MetricLayout,
  values: Float64Array,
  draws: number,
  seed: number,
  sampled?: { readonly paramNames: readonly string[]; readonly params: Float64Array },
): RunSummary {
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  const column = new Float64Array(draws);
  const metrics: RunSummary['metrics'] = {};
  layout.ids.forEach((id, m) => {
    const byYear: Record<string, Stats | null> = {};
    layout.years.forEach((year, y) => {
      for (let d = 0; d < draws; d++) column[d] = values[d * size + m * Y + y];
      byYear[year] = stats(column);
    });
    metrics[id] = byYear;
  });
  const base = meta.period.base;
  const cumulative: RunSummary['cumulative'] = {};
  for (const id of FLOW_METRICS) {
    const m = metricIndex(layout, id);
    const running = new Float64Array(draws);
    const byYear: Record<string, Stats | null> = {};
    layout.years.forEach((year, y) => {
      if (y === 0) return;
      for (let d = 0; d < draws; d++) running[d] += values[d * size + m * Y + y];
      byYear[year] = stats(running);
    });
    cumulative[id] = byYear;
  }
  const targets = meta.targets.map((t): TargetResult => {
    const m = metricIndex(layout, t.metric);
    let met = 0;
    for (let d = 0; d < draws; d++) {
      const v = targetValue(t, (year) => values[d * size + m * Y + (year - base)]);
      column[d] = v;
      if (meetsTarget(t, v)) met++;
    }
    const s = stats(column);
    const probability = met / draws;
    return {
      id: t.id,
      label: t.label,
      metric: t.metric,
      kind: t.kind,
      from: t.from,
      year: t.year,
      ...(t.bound === 'at_least' ? { at_least: t.goal } : { at_most: t.goal }),
      confidence: t.confidence,
      probability,
      p10: s?.p10 ?? null,
      p50: s?.p50 ?? null,
      p90: s?.p90 ?? null,
      status: targetStatus(probability, t.confidence),
    };
  });
  const budget = budgetSummary(meta, layout, values, draws);
  const ledger = meta.ledger || budget ? ledgerSummary(meta, metrics) : undefined;
  return {
    scenario: meta.scenario,
    period: meta.period,
    draws,
    seed,
    confidence: meta.confidence,
    policies: meta.policies,
    ...(meta.assumptions ? { assumptions: meta.assumptions } : {}),
    metrics,
    cumulative,
    targets,
    ...(sampled && sampled.paramNames.length
      ? { sensitivity: sensitivity(meta.targets, base, layout, values, draws, sampled.paramNames, sampled.params) }
      : {}),
    ...(budget ? { budget } : {}),
    ...(ledger ? { ledger } : {}),
    ...(meta.report ? { report: meta.report } : {}),
  };
}

/**
 * The carbon budget per year from base + 1 to the end, when the layout has the budget's metrics:
 * the budget's P50, the CO2's P10/P50/P90, the share of draws within the budget
 * (`carbon_headroom_t` ≥ 0, i.e. `co2_t` ≤ `carbon_budget_t`) and its warning level.
 */
export function budgetSummary(
  meta: Pick<RunMeta, 'period' | 'confidence' | 'warning'>,
  layout: MetricLayout,
  values: Float64Array,
  draws: number,
): BudgetSummary | undefined {
  const [b, h, c] = ['carbon_budget_t', 'carbon_headroom_t', 'co2_t'].map((id) => metricIndex(layout, id));
  if (b < 0 || h < 0 || c < 0) return undefined;
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  const thresholds = { green: meta.warning?.green ?? meta.confidence, yellow: meta.warning?.yellow ?? 0.5 };
  const at = (m: number, y: number, column: Float64Array) => {
    for (let d = 0; d < draws; d++) column[d] = values[d * size + m * Y + y];
    return column;
  };
  const column = new Float64Array(draws);
  const years: BudgetYear[] = [];
  layout.years.forEach((year, y) => {
    if (year <= meta.period.base) return;
    const budget = stats(at(b, y, column));
    const co2 = stats(at(c, y, column));
    const headroom = at(h, y, column);
    let within = 0;
    for (let d = 0; d < draws; d++) if (headroom[d] >= 0) within++;
    const probability = draws > 0 ? within / draws : 0;
    years.push({
      year,
      budget_p50: budget?.p50 ?? null,
      co2_p10: co2?.p10 ?? null,
      co2_p50: co2?.p50 ?? null,
      co2_p90: co2?.p90 ?? null,
      probability,
      level: warningLevel(probability, thresholds.green, thresholds.yellow),
    });
  });
  return { thresholds, years };
}

/** The ledger per year from base + 1 to the end, read from the summarised metrics. */
function ledgerSummary(meta: Pick<RunMeta, 'period' | 'ledger'>, metrics: RunSummary['metrics']): LedgerSummary {
  const years = Object.keys(metrics.energy_headroom_tce ?? {})
    .map(Number)
    .filter((y) => y > meta.period.base);
  const mean = (id: string, y: number) => metrics[id]?.[y]?.mean ?? null;
  const p50 = (id: string, y: number) => metrics[id]?.[y]?.p50 ?? null;
  return {
    block: meta.ledger?.block ?? false,
    binding: meta.ledger?.binding ?? [],
    years: years.map((year) => ({
      year,
      projects_admitted_mean: mean('projects_admitted', year),
      projects_deferred_mean: mean('projects_deferred', year),
      projects_rejected_mean: mean('projects_rejected', year),
      energy_headroom_tce_p50: p50('energy_headroom_tce', year),
      co2_pool_t_p50: p50('co2_pool_t', year),
      land_pool_mu_p50: p50('land_pool_mu', year),
    })),
  };
}
