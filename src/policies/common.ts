import { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { sharesSumToOne } from '../domain/schema-helpers.js';
import { msg } from '../messages/messages.js';
import type { Rng } from '../random/rng.js';
import type { Domain } from '../scenario/domain.js';
import { paramValue, percentOr, resolveParam, sample, type Param, type ParamInput } from '../scenario/param.js';
import type { PolicyLayout, PolicyResolveContext } from './types.js';

/** `years: [first, last]`: the years a policy acts (default: every simulated year). */
export const yearsSchema = z.tuple([z.int(), z.int()]).optional();

/** A share in [0, 1]; a percentage (`40%`) is read as its fraction. */
export const shareSchema = percentOr(z.number().min(0).max(1));

/** Resolves `years`, checking it lies in base + 1 … end. */
export function resolveYears(
  years: readonly [number, number] | undefined,
  ctx: PolicyResolveContext,
  path: ValuePath,
  issues: PathIssue[],
): [number, number] {
  const [a, b] = years ?? [ctx.base + 1, ctx.end];
  for (const [i, y] of [a, b].entries()) {
    if (y <= ctx.base || y > ctx.end)
      issues.push({ path: [...path, 'years', i], code: 'policy/year', message: msg.yearOutsidePeriod(y, ctx.base + 1, ctx.end, 'year') });
  }
  if (a > b)
    issues.push({ path: [...path, 'years'], code: 'policy/year', message: msg.distributionOrder('years [first, last]', 'first ≤ last') });
  return [a, b];
}

/** A refinement: the `share` of every present disposition sums to 1. */
export function sharesRefinement(what: string) {
  return (d: Record<string, { share: number } | undefined>, ctx: z.RefinementCtx) => {
    const parts = Object.entries(d)
      .filter((e): e is [string, { share: number }] => e[1] !== undefined)
      .map(([k, v]) => [k, v.share] as [string, number]);
    const { sum, ok } = sharesSumToOne(parts.map((p) => p[1]));
    if (!ok) ctx.addIssue({ code: 'custom', message: msg.sharesNotOne(what, parts, sum) });
  };
}

/** Cumulative shares in the order given, for {@link pickShare}. */
export function cumulativeShares(shares: readonly number[]): Float64Array {
  const c = new Float64Array(shares.length);
  let s = 0;
  shares.forEach((x, i) => {
    s += x;
    c[i] = s;
  });
  return c;
}

/** Draws a category by its cumulative shares (the last one takes any rounding remainder). */
export function pickShare(rng: Rng, cumulative: Float64Array): number {
  const u = rng.next() * cumulative[cumulative.length - 1];
  for (let i = 0; i < cumulative.length - 1; i++) if (u < cumulative[i]) return i;
  return cumulative.length - 1;
}

/**
 * A policy number in use: constants and series as they are, `per: draw` sampled once per draw,
 * `per: enterprise` sampled afresh for every firm it is applied to.
 */
export class PolicyParam {
  private drawValue = Number.NaN;
  /** With a layout and a name, a `per: draw` distribution is registered for the sensitivity analysis. */
  constructor(
    readonly param: Param,
    layout?: Pick<PolicyLayout, 'key' | 'drawParam'>,
    name?: string,
  ) {
    if (layout && name && param.kind === 'distribution' && param.per === 'draw') {
      layout.drawParam(`policies.${layout.key}.${name}`, () => this.drawValue);
    }
  }

  /** Samples the per-draw value (call from startDraw). */
  startDraw(rng: Rng): void {
    if (this.param.kind === 'distribution' && this.param.per === 'draw') this.drawValue = sample(this.param.dist, rng);
  }

  /** The value for one firm in `year`. */
  value(year: number, rng: Rng): number {
    const p = this.param;
    if (p.kind === 'distribution' && p.per === 'enterprise') return sample(p.dist, rng);
    return paramValue(p, year, this.drawValue);
  }
}

/** Resolves an optional scenario number in its domain (DOMAINS in scenario/domain.ts), with a default. */
export function resolveOptional(
  v: ParamInput | undefined,
  fallback: number,
  ctx: PolicyResolveContext,
  path: ValuePath,
  issues: PathIssue[],
  domain: Domain,
): Param {
  return v === undefined ? { kind: 'constant', value: fallback } : resolveParam(v, ctx.constants, path, issues, domain);
}

/**
 * Selects up to `k` of the `count` candidate firms with the smallest key (NaN first), ties in
 * candidate order, writing them to `out` in candidate order and returning how many were chosen.
 * `keys[i]` is the key of `candidates[i]`, computed once by the caller; a NaN key is replaced by
 * -Infinity in place (so it ranks first and ties with the other NaNs and -Infinity). No sort:
 * the k-th smallest key ({@link kthSmallest}, with the k smallest in `scratch`), then one pass.
 */
export function selectSmallest(
  candidates: Int32Array,
  keys: Float64Array,
  count: number,
  k: number,
  scratch: Float64Array,
  out: Int32Array,
): number {
  if (k >= count) {
    out.set(candidates.subarray(0, count));
    return count;
  }
  if (k <= 0) return 0;
  const cut = kthSmallest(keys, count, k, scratch);
  // the k smallest: every key below the cut, then keys equal to it in candidate order until k;
  // the keys below the cut are all among the k smallest, which the heap holds
  let below = 0;
  for (let i = 0; i < k; i++) if (scratch[i] < cut) below++;
  let equalAllowed = k - below;
  let chosen = 0;
  for (let i = 0; i < count; i++) {
    const v = keys[i];
    if (v < cut || (v === cut && equalAllowed-- > 0)) out[chosen++] = candidates[i];
  }
  return chosen;
}

/**
 * The k-th smallest (1-based, 1 ≤ k ≤ count) of `keys[0 … count)`, a NaN replaced by -Infinity in
 * place first. A max-heap of the k smallest so far in `heap` (k entries): a key not below its top
 * is passed over with one comparison, so a quota far below the candidates costs about one pass.
 * Afterwards `heap[0 … k)` holds the k smallest keys (as a multiset).
 * The value is the one a sort or a quickselect gives (up to -0 versus 0, which compare equal), so
 * the choice built on it does not depend on the method.
 */
export function kthSmallest(keys: Float64Array, count: number, k: number, heap: Float64Array): number {
  for (let i = 0; i < count; i++) {
    let v = keys[i];
    if (v !== v) keys[i] = v = -Infinity; // NaN
    if (i < k) {
      // fill: sift up
      let c = i;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!(heap[parent] < v)) break;
        heap[c] = heap[parent];
        c = parent;
      }
      heap[c] = v;
    } else if (v < heap[0]) {
      // replace the top: sift down
      let c = 0;
      for (;;) {
        let child = 2 * c + 1;
        if (child >= k) break;
        if (child + 1 < k && heap[child + 1] > heap[child]) child++;
        if (!(heap[child] > v)) break;
        heap[c] = heap[child];
        c = child;
      }
      heap[c] = v;
    }
  }
  return heap[0];
}
