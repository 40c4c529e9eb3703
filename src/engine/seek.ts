/** One evaluated value of the varied parameter. */
export interface SeekPoint {
  readonly value: number;
  /** Share of draws meeting the target. */
  readonly probability: number;
  /** The target's median value. */
  readonly p50: number | null;
}

export interface SeekOptions {
  readonly min: number;
  /** The upper end; absent, the search expands geometrically from `start` up to `bound`. */
  readonly max?: number;
  /** Where the expansion starts (the parameter's current value); 0 or absent: `min`, or 1. */
  readonly start?: number;
  /** The highest value the expansion may reach (required when `max` is absent). */
  readonly bound?: number;
  readonly confidence: number;
  /** Find the largest value that still meets the target (probability falling with the value). */
  readonly maximize: boolean;
  /** Search whole numbers only (counts such as firms per year). */
  readonly integer: boolean;
  /** Stop when the bracket is this narrow (ignored for whole numbers). */
  readonly tolerance: number;
}

export interface SeekResult {
  /** The smallest (or, maximising, largest) value meeting the target, or null when none in range does. */
  readonly answer: number | null;
  /** Every evaluated point, by value. */
  readonly points: readonly SeekPoint[];
  /** The monotonicity assumed: probability non-decreasing (minimising) or non-increasing (maximising) in the value. */
  readonly assumption: 'increasing' | 'decreasing';
  /** Whether the evaluated points bear the assumption out. */
  readonly monotone: boolean;
  /** The range searched: [min, max], or [min, the value where the expansion stopped]. */
  readonly range: readonly [number, number];
  /** With no answer: the highest share of draws meeting the target over the points (the plateau). */
  readonly plateau: number | null;
}

/**
 * How `dcsim seek` searches a parameter given its path and range: whole numbers unless the range
 * has a fraction or the path names a share-like number (share, gain, saving, factor, rate); the
 * expansion's cap without `max` (1 for shares, else 100,000 [R]), its start (the current value when
 * above `min`) and the bracket width to stop at (1/64 of the range, or of the start).
 */
export function seekSettings(o: {
  readonly vary: string;
  readonly min: number;
  readonly max?: number;
  readonly bound?: number;
  /** The parameter's value in the scenario. */
  readonly current?: number;
  readonly tolerance?: number;
}): { integer: boolean; bound: number; start?: number; tolerance: number } {
  const shareLike = /share|gain|saving|factor|rate/.test(o.vary);
  const integer = Number.isInteger(o.min) && (o.max === undefined || Number.isInteger(o.max)) && !shareLike;
  const start = o.current !== undefined && o.current > o.min ? o.current : undefined;
  return {
    integer,
    bound: o.bound ?? (shareLike ? 1 : 100_000),
    ...(start !== undefined ? { start } : {}),
    tolerance: o.tolerance ?? (o.max !== undefined ? (o.max - o.min) / 64 : shareLike ? 0.001 : Math.max(start ?? 1, 1) / 64),
  };
}

/**
 * Finds the value of one parameter at which a target is met with the given confidence: a coarse
 * grid over the range, then bisection.
 * Every evaluation runs the same draws (common random numbers), so the probabilities of two
 * values differ by the parameter, not by noise. It assumes the probability is monotone in the
 * parameter and checks that on the points it evaluated.
 */
export async function seekValue(evaluate: (value: number) => Promise<SeekPoint>, o: SeekOptions): Promise<SeekResult> {
  const points: SeekPoint[] = [];
  const max = o.max;
  if (max === undefined) return expandThenBisect(evaluate, o, points);
  const { meets, narrow, mid } = searchSteps(evaluate, o, points);
  // a coarse grid first (it draws the curve and can reveal a non-monotone response), then
  // bisection inside the grid interval where the target starts (or stops) being met
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => o.min + f * (max - o.min)).map((v) => (o.integer ? Math.round(v) : v));
  const ok: boolean[] = [];
  for (const v of [...new Set(grid)]) ok.push(await meets(v));
  const values = [...new Set(grid)];
  let answer: number | null;
  if (!o.maximize) {
    const k = ok.indexOf(true);
    if (k < 0) answer = null;
    else if (k === 0) answer = values[0];
    else {
      let [lo, hi] = [values[k - 1], values[k]]; // lo fails, hi meets
      while (!narrow(lo, hi)) {
        const m = mid(lo, hi);
        if (await meets(m)) hi = m;
        else lo = m;
      }
      answer = hi;
    }
  } else {
    const k = ok.lastIndexOf(true);
    if (k < 0) answer = null;
    else if (k === values.length - 1) answer = values[k];
    else {
      let [lo, hi] = [values[k], values[k + 1]]; // lo meets, hi fails
      while (!narrow(lo, hi)) {
        const m = mid(lo, hi);
        if (await meets(m)) lo = m;
        else hi = m;
      }
      answer = lo;
    }
  }
  return finish(answer, points, o, [o.min, max]);
}

/** The steps both searches take: evaluate a value (recording the point), tell a bracket narrow enough, split it. */
function searchSteps(evaluate: (value: number) => Promise<SeekPoint>, o: SeekOptions, points: SeekPoint[]) {
  return {
    meets: async (v: number) => {
      const p = await evaluate(v);
      points.push(p);
      return p.probability >= o.confidence;
    },
    narrow: (lo: number, hi: number) => (o.integer ? hi - lo <= 1 : hi - lo <= o.tolerance),
    mid: (lo: number, hi: number) => (o.integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2),
  };
}

function finish(answer: number | null, points: readonly SeekPoint[], o: SeekOptions, range: readonly [number, number]): SeekResult {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  const monotone = sorted.every(
    (p, i) => i === 0 || (o.maximize ? p.probability <= sorted[i - 1].probability : p.probability >= sorted[i - 1].probability),
  );
  const plateau = answer === null ? Math.max(...sorted.map((p) => p.probability)) : null;
  return { answer, points: sorted, assumption: o.maximize ? 'decreasing' : 'increasing', monotone, range, plateau };
}

/**
 * No --max: evaluates `min`, then expands geometrically (×2 each step) from the parameter's current
 * value until the target starts (minimising) or stops (maximising) being met, or `bound` is reached;
 * then bisects inside the last step.
 */
async function expandThenBisect(evaluate: (value: number) => Promise<SeekPoint>, o: SeekOptions, points: SeekPoint[]): Promise<SeekResult> {
  const bound = o.bound ?? Number.MAX_SAFE_INTEGER;
  const { meets, narrow, mid } = searchSteps(evaluate, o, points);
  const first = o.start !== undefined && o.start > o.min ? o.start : o.min > 0 ? o.min * 2 : 1;
  const atMin = await meets(o.min);
  // minimising: stop at the first value that meets; maximising: at the first that fails
  if (atMin === !o.maximize) return finish(o.maximize ? null : o.min, points, o, [o.min, o.min]);
  let lo = o.min;
  let hi = Math.min(o.integer ? Math.round(first) : first, bound);
  for (;;) {
    if ((await meets(hi)) !== atMin) break;
    if (hi >= bound) return finish(o.maximize ? hi : null, points, o, [o.min, hi]);
    lo = hi;
    hi = Math.min(hi * 2, bound);
  }
  // lo is on the side of min, hi on the other
  while (!narrow(lo, hi)) {
    const m = mid(lo, hi);
    if ((await meets(m)) === atMin) lo = m;
    else hi = m;
  }
  return finish(o.maximize ? lo : hi, points, o, [o.min, Math.max(...points.map((p) => p.value))]);
}
