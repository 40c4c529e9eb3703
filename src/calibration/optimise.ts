/** Options of {@link compassSearch}. */
export interface CompassOptions {
  /** Lower and upper bound of each coordinate (the parameter's domain). */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** First step of each coordinate. */
  readonly step: readonly number[];
  /** Stop when every step has fallen below its first step × this (default 1/64: six halvings). */
  readonly tolerance?: number;
  /** Stop after this many evaluations of the objective (default 150). */
  readonly maxEvaluations?: number;
}

/** What {@link compassSearch} found. */
export interface CompassResult {
  readonly x: readonly number[];
  readonly value: number;
  readonly evaluations: number;
  /** True when the steps shrank below the tolerance (false: stopped by maxEvaluations). */
  readonly converged: boolean;
}

/**
 * Minimises `f` within a box by compass (coordinate pattern) search (Kolda, Lewis & Torczon,
 * "Optimization by direct search", SIAM Review 45(3), 2003, §3): from the best point, try one
 * step up and one down along each coordinate in turn, clipped to the box; move to the first
 * point that improves, otherwise halve every step. Derivative-free and deterministic, so it
 * tolerates the small jumps a Monte Carlo mean on common random numbers has; each point is
 * evaluated once (a cache by coordinates).
 */
export async function compassSearch(
  f: (x: readonly number[]) => Promise<number> | number,
  x0: readonly number[],
  o: CompassOptions,
): Promise<CompassResult> {
  const n = x0.length;
  const tol = o.tolerance ?? 1 / 64;
  const maxEvals = o.maxEvaluations ?? 150;
  const clip = (v: number, i: number) => Math.min(o.upper[i], Math.max(o.lower[i], v));
  const cache = new Map<string, number>();
  let evaluations = 0;
  const value = async (x: readonly number[]): Promise<number> => {
    const key = x.join(',');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    evaluations++;
    const v = await f(x);
    cache.set(key, v);
    return v;
  };
  let x = x0.map(clip);
  let best = await value(x);
  const step = [...o.step];
  for (;;) {
    if (step.every((s, i) => s < o.step[i] * tol)) return { x, value: best, evaluations, converged: true };
    let moved = false;
    for (let i = 0; i < n && !moved; i++) {
      for (const dir of [1, -1]) {
        const y = [...x];
        y[i] = clip(x[i] + dir * step[i], i);
        if (y[i] === x[i]) continue;
        if (evaluations >= maxEvals) return { x, value: best, evaluations, converged: false };
        const v = await value(y);
        if (v < best) {
          x = y;
          best = v;
          moved = true;
          break;
        }
      }
    }
    if (!moved) for (let i = 0; i < n; i++) step[i] /= 2;
  }
}
