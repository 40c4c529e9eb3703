import { stats } from '../engine/aggregate.js';
import { compareRuns, type ComparedRun, type Difference } from '../engine/compare.js';
import { metricIndex } from '../engine/metrics.js';
import type { Target } from '../targets/schema.js';
import { targetValue } from '../targets/evaluate.js';

/** A target's result now against the pinned variant, on common random numbers (same seed, same draws). */
export interface TargetChange {
  readonly id: string;
  readonly label: string;
  readonly metric: string;
  readonly year: number;
  readonly pinned: { readonly probability: number; readonly p50: number | null; readonly status: string };
  readonly current: { readonly probability: number; readonly p50: number | null; readonly status: string };
  /** (current − pinned) × 100: the change of the probability in percentage points. */
  readonly probabilityPoints: number;
  /** The target's value now minus pinned, draw by draw, summarised (null when a draw's value is not finite in both). */
  readonly p50Difference: Difference | null;
}

/**
 * Each target of both runs, pinned → current: probabilities and statuses from {@link compareRuns},
 * and the paired difference of the target's own value (its kind: a level, a cumulative sum, a
 * change) draw by draw — what the lever moved, without the sampling noise two independent runs
 * would add. Both runs must have the same draws and seed.
 */
export function pairedTargets(pinned: ComparedRun, current: ComparedRun, draws: number, seed: number): TargetChange[] {
  const c = compareRuns([pinned, current], draws, seed);
  const diff = new Float64Array(draws);
  const valueOf = (run: ComparedRun, t: Target, d: number) => {
    const Y = run.layout.years.length;
    const m = metricIndex(run.layout, t.metric);
    const base = run.layout.years[0];
    return targetValue(t, (year) => run.values[d * run.layout.ids.length * Y + m * Y + (year - base)]);
  };
  return c.targets.flatMap((t) => {
    const [a, b] = t.byScenario;
    if (!a || !b) return [];
    const r = current.summary.targets.find((x) => x.id === t.id)!;
    const p = pinned.summary.targets.find((x) => x.id === t.id)!;
    const asTarget = (x: typeof r) =>
      ({ ...x, bound: x.at_least !== undefined ? 'at_least' : 'at_most', goal: x.at_least ?? x.at_most }) as unknown as Target;
    const [now, before] = [asTarget(r), asTarget(p)];
    for (let d = 0; d < draws; d++) diff[d] = valueOf(current, now, d) - valueOf(pinned, before, d);
    const s = stats(diff);
    return [
      {
        id: t.id,
        label: t.label,
        metric: t.metric,
        year: t.year,
        pinned: a,
        current: b,
        probabilityPoints: (b.probability - a.probability) * 100,
        p50Difference: s ? { mean: s.mean, p10: s.p10, p50: s.p50, p90: s.p90 } : null,
      },
    ];
  });
}
