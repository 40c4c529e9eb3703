import { sampleRankCorrelation } from 'simple-statistics';
import { targetValue } from '../targets/evaluate.js';
import type { Target } from '../targets/schema.js';
import { metricIndex, type MetricLayout } from './metrics.js';

/** How strongly each uncertain number drives one target's outcome. */
export interface TargetSensitivity {
  readonly target: string;
  readonly label: string;
  /** Spearman rank correlation between the number's per-draw value and the target's value, strongest first. */
  readonly drivers: readonly { readonly param: string; readonly rho: number }[];
}

/**
 * Ranks the numbers sampled once per draw (`per: draw`) by the rank correlation of their value
 * with each target's value across the draws (Spearman, simple-statistics). A number or an
 * outcome that does not vary gives no correlation and is left out.
 */
export function sensitivity(
  targets: readonly Target[],
  base: number,
  layout: MetricLayout,
  values: Float64Array,
  draws: number,
  paramNames: readonly string[],
  params: Float64Array,
): TargetSensitivity[] {
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  const P = paramNames.length;
  const varies = (xs: number[]) => xs.some((x) => x !== xs[0]) && xs.every(Number.isFinite);
  return targets.map((t) => {
    const m = metricIndex(layout, t.metric);
    const outcome = Array.from({ length: draws }, (_, d) => targetValue(t, (year) => values[d * size + m * Y + (year - base)]));
    const drivers = varies(outcome)
      ? paramNames
          .map((param, j) => {
            const x = Array.from({ length: draws }, (_, d) => params[d * P + j]);
            return { param, rho: varies(x) ? Number(sampleRankCorrelation(x, outcome).toFixed(4)) : Number.NaN };
          })
          .filter((d) => Number.isFinite(d.rho))
          .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho) || a.param.localeCompare(b.param))
      : [];
    return { target: t.id, label: t.label, drivers };
  });
}
