import { FLOW_METRICS } from '../domain/metrics.js';
import { stats, type RunSummary, type Stats } from './aggregate.js';
import { metricIndex, type MetricLayout } from './metrics.js';

/** One scenario's run inside a comparison: its summary and per-draw metric rows. */
export interface ComparedRun {
  readonly summary: RunSummary;
  readonly layout: MetricLayout;
  readonly values: Float64Array;
}

/** The paired difference of a metric to the first scenario, per draw, summarised. */
export type Difference = Pick<Stats, 'mean' | 'p10' | 'p50' | 'p90'>;

/** comparison.json: scenarios side by side on common random numbers. */
export interface Comparison {
  /** Present only when the scenarios ran on different registries, factors or evaluation models (--allow-different-inputs): says so, first. */
  readonly warning?: string;
  readonly scenarios: readonly { readonly name: string; readonly title: string }[];
  readonly period: { readonly base: number; readonly end: number };
  readonly draws: number;
  readonly seed: number;
  /** Per target id (any scenario's), each scenario's probability, P50 and status (null when it lacks the target). */
  readonly targets: readonly {
    readonly id: string;
    readonly label: string;
    readonly metric: string;
    readonly kind: string;
    readonly year: number;
    readonly byScenario: readonly ({ readonly probability: number; readonly p50: number | null; readonly status: string } | null)[];
  }[];
  /** Per metric every scenario has, per year: each scenario's quantiles and its paired difference to the first. */
  readonly metrics: Record<
    string,
    Record<string, { readonly byScenario: readonly (Stats | null)[]; readonly difference: readonly (Difference | null)[] }>
  >;
  /** Flows summed from base + 1 to the end year, paired differences to the first scenario. */
  readonly cumulative: Record<
    string,
    { readonly byScenario: readonly (Stats | null)[]; readonly difference: readonly (Difference | null)[] }
  >;
  /**
   * The cost side next to the gains, per scenario against the first: value added, tax and jobs
   * lost in the end year (first − scenario, P50 of the per-draw differences) and the extra energy
   * vacated over the period.
   */
  readonly costs: readonly {
    readonly scenario: string;
    readonly valueAddedLost: number | null;
    readonly taxLost: number | null;
    readonly jobsLost: number | null;
    readonly extraVacatedEnergyTce: number | null;
  }[];
}

const pick = (s: Stats | null): Difference | null => (s ? { mean: s.mean, p10: s.p10, p50: s.p50, p90: s.p90 } : null);

/**
 * Compares runs of several scenarios made with the same seed and draws: draw i of each ran on
 * the same streams for what they share (background and policies by position), so the per-draw
 * difference to the first scenario is the effect of the policies, not sampling noise.
 */
export function compareRuns(runs: readonly ComparedRun[], draws: number, seed: number): Comparison {
  const first = runs[0];
  const years = first.layout.years;
  const Y = years.length;
  const series = (run: ComparedRun, id: string, y: number, d: number) =>
    run.values[d * run.layout.ids.length * Y + metricIndex(run.layout, id) * Y + y];
  const diff = new Float64Array(draws);
  const shared = first.layout.ids.filter((id) => runs.every((r) => metricIndex(r.layout, id) >= 0));

  const metrics: Comparison['metrics'] = {};
  for (const id of shared) {
    const byYear: Comparison['metrics'][string] = {};
    years.forEach((year, y) => {
      const difference = runs.map((run) => {
        for (let d = 0; d < draws; d++) diff[d] = series(run, id, y, d) - series(first, id, y, d);
        return pick(stats(diff));
      });
      byYear[year] = { byScenario: runs.map((r) => r.summary.metrics[id]?.[year] ?? null), difference };
    });
    metrics[id] = byYear;
  }

  const total = (run: ComparedRun, id: string, d: number) => {
    let s = 0;
    for (let y = 1; y < Y; y++) s += series(run, id, y, d);
    return s;
  };
  const cumulative: Comparison['cumulative'] = {};
  const end = String(years[Y - 1]);
  for (const id of FLOW_METRICS) {
    cumulative[id] = {
      byScenario: runs.map((r) => r.summary.cumulative[id]?.[end] ?? null),
      difference: runs.map((run) => {
        for (let d = 0; d < draws; d++) diff[d] = total(run, id, d) - total(first, id, d);
        return pick(stats(diff));
      }),
    };
  }

  const lost = (run: ComparedRun, id: string) => {
    for (let d = 0; d < draws; d++) diff[d] = series(first, id, Y - 1, d) - series(run, id, Y - 1, d);
    return stats(diff)?.p50 ?? null;
  };
  const costs = runs.map((run) => ({
    scenario: run.summary.scenario.name,
    valueAddedLost: lost(run, 'value_added'),
    taxLost: lost(run, 'tax'),
    jobsLost: lost(run, 'employees'),
    extraVacatedEnergyTce: cumulative.vacated_energy_tce.difference[runs.indexOf(run)]?.p50 ?? null,
  }));

  const ids = [...new Set(runs.flatMap((r) => r.summary.targets.map((t) => t.id)))];
  const targets = ids.map((id) => {
    const any = runs.map((r) => r.summary.targets.find((t) => t.id === id)).find((t) => t)!;
    return {
      id,
      label: any.label,
      metric: any.metric,
      kind: any.kind,
      year: any.year,
      byScenario: runs.map((r) => {
        const t = r.summary.targets.find((x) => x.id === id);
        return t ? { probability: t.probability, p50: t.p50, status: t.status } : null;
      }),
    };
  });

  return {
    scenarios: runs.map((r) => ({ name: r.summary.scenario.name, title: r.summary.scenario.title })),
    period: first.summary.period,
    draws,
    seed,
    targets,
    metrics,
    cumulative,
    costs,
  };
}
