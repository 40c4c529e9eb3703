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
}

/** What aggregation needs to know of a scenario: plain data, so shards can carry it. */
export interface RunMeta {
  readonly scenario: RunSummary['scenario'];
  readonly period: { readonly base: number; readonly end: number };
  readonly confidence: number;
  readonly policies: RunSummary['policies'];
  readonly targets: readonly Target[];
  readonly assumptions?: readonly Assumption[];
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
  };
}
