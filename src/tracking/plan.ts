import type { Target } from '../targets/schema.js';

/** A point of a plan path: the planned value at the end of a year. */
export interface PlanPoint {
  readonly year: number;
  readonly value: number;
}

/** What a target's plan path, actuals and forecast are measured in: the metric's yearly level, or a flow's running sum. */
export type Measure = 'level' | 'cumulative';

/** A cumulative target is tracked as a running sum; level, change and cagr targets as the metric's level. */
export function measureOf(t: Pick<Target, 'kind'>): Measure {
  return t.kind === 'cumulative' ? 'cumulative' : 'level';
}

/**
 * The target's goal as a value of its measure in its year: a level or cumulative goal as it is;
 * a change goal g is `from` value × (1 + g); a cagr goal g is `from` value × (1 + g)^(year − from).
 * `fromValue` is the metric's value in the target's `from` year.
 */
export function goalAsLevel(t: Pick<Target, 'kind' | 'goal' | 'from' | 'year'>, fromValue: number): number {
  switch (t.kind) {
    case 'level':
    case 'cumulative':
    case 'within_budget':
      return t.goal;
    case 'change':
      return fromValue * (1 + t.goal);
    case 'cagr':
      return fromValue * Math.pow(1 + t.goal, t.year - t.from);
  }
}

/**
 * The plan path of a target, one point per year from the base year to the target's year:
 * linear between the anchors. The anchors are the base value in the base year (0 for a running
 * sum) and the milestones — `milestones` (year → goal of the measure, from every target on the same
 * metric and measure, this one's included) — or, when the target gives a `path:`, the given
 * points (with the base value and the goal filling the ends it leaves open). Between the last
 * anchor and the target's year the path holds the last anchor's value.
 */
export function planPath(
  t: Pick<Target, 'year' | 'path'>,
  base: number,
  baseValue: number,
  goalValue: number,
  milestones: readonly PlanPoint[],
): PlanPoint[] {
  const anchors = new Map<number, number>([[base, baseValue]]);
  if (t.path && t.path.length) {
    for (const p of t.path) anchors.set(p.year, p.value);
    if (!anchors.has(t.year)) anchors.set(t.year, goalValue);
  } else {
    for (const m of milestones) if (m.year > base && m.year <= t.year && !anchors.has(m.year)) anchors.set(m.year, m.value);
    anchors.set(t.year, goalValue);
  }
  const points = [...anchors.entries()].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
  const out: PlanPoint[] = [];
  for (let y = base; y <= t.year; y++) out.push({ year: y, value: interpolate(points, y) });
  return out;
}

/** Linear interpolation between sorted points (fractional years allowed), held flat beyond the ends. */
export function interpolate(points: readonly PlanPoint[], year: number): number {
  if (year <= points[0].year) return points[0].value;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (year <= b.year) return a.value + ((b.value - a.value) * (year - a.year)) / (b.year - a.year);
  }
  return points[points.length - 1].value;
}
