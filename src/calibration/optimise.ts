/** Options of {@link patternSearch}. */
export interface PatternOptions {
  /** Lower and upper bound of each coordinate (the parameter's domain). */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** First step of each coordinate. */
  readonly step: readonly number[];
  /** Stop when every step has fallen below its first step × this (default 1/64: six halvings). */
  readonly tolerance?: number;
  /** Stop after this many evaluations of the objective (default 200). */
  readonly maxEvaluations?: number;
}

/** What {@link patternSearch} found. */
export interface PatternResult {
  readonly x: readonly number[];
  readonly value: number;
  readonly evaluations: number;
  /** True when the steps shrank below the tolerance (false: stopped by maxEvaluations). */
  readonly converged: boolean;
}

class Budget extends Error {}

/**
 * Minimises `f` within a box by Hooke–Jeeves pattern search (Hooke & Jeeves, "Direct search
 * solution of numerical and statistical problems", J. ACM 8(2), 1961; Kolda, Lewis & Torczon,
 * SIAM Review 45(3), 2003, §3): an exploratory sweep tries one step up, else one down, along each
 * coordinate, keeping what improves; after a successful sweep a pattern move jumps as far again
 * in the direction found (so a long narrow valley, such as energy elasticity against efficiency
 * gain, is followed in few evaluations); when a sweep finds nothing every step is halved. Points
 * are clipped to the box. Derivative-free and deterministic, so it tolerates the small jumps of a
 * Monte Carlo mean on common random numbers; each point is evaluated once (a cache).
 */
export async function patternSearch(
  f: (x: readonly number[]) => Promise<number> | number,
  x0: readonly number[],
  o: PatternOptions,
): Promise<PatternResult> {
  const n = x0.length;
  const tol = o.tolerance ?? 1 / 64;
  const maxEvals = o.maxEvaluations ?? 200;
  const clip = (v: number, i: number) => Math.min(o.upper[i], Math.max(o.lower[i], v));
  const cache = new Map<string, number>();
  let evaluations = 0;
  let best = { x: x0.map(clip), v: Number.POSITIVE_INFINITY };
  const value = async (x: readonly number[]): Promise<number> => {
    const key = x.join(',');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (evaluations >= maxEvals) throw new Budget();
    evaluations++;
    const v = await f(x);
    cache.set(key, v);
    if (v < best.v) best = { x: [...x], v };
    return v;
  };
  const step = [...o.step];
  /** One exploratory sweep from x (value fx): each coordinate one step up, else down, kept when it improves. */
  const explore = async (x: readonly number[], fx: number): Promise<{ x: number[]; v: number }> => {
    const y = [...x];
    let v = fx;
    for (let i = 0; i < n; i++) {
      for (const dir of [1, -1]) {
        const t = [...y];
        t[i] = clip(y[i] + dir * step[i], i);
        if (t[i] === y[i]) continue;
        const ft = await value(t);
        if (ft < v) {
          y[i] = t[i];
          v = ft;
          break;
        }
      }
    }
    return { x: y, v };
  };
  try {
    let base = best.x;
    let fBase = await value(base);
    for (;;) {
      if (step.every((s, i) => s < o.step[i] * tol)) return { x: base, value: fBase, evaluations, converged: true };
      let e = await explore(base, fBase);
      if (!(e.v < fBase)) {
        for (let i = 0; i < n; i++) step[i] /= 2;
        continue;
      }
      // pattern moves: keep jumping along the direction found while the sweep around the jump improves
      for (;;) {
        const prev = base;
        base = e.x;
        fBase = e.v;
        const jump = base.map((v, i) => clip(2 * v - prev[i], i));
        const around = await explore(jump, await value(jump));
        if (!(around.v < fBase)) break;
        e = around;
      }
    }
  } catch (err) {
    if (!(err instanceof Budget)) throw err;
    return { x: best.x, value: best.v, evaluations, converged: false };
  }
}
