import { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { isYearKey } from '../domain/schema-helpers.js';
import type { YearSeries } from '../domain/year-series.js';
import { msg } from '../messages/messages.js';
import type { Rng } from '../random/rng.js';
import { DOMAINS, type Domain } from './domain.js';
import {
  checkParam,
  distributionMean,
  DISTRIBUTIONS,
  resolveParam,
  sample,
  type Distribution,
  type Param,
  type ParamInput,
} from './param.js';

/**
 * The scenario's grid emission factor (`grid_emission_factor`, tCO2/MWh; DOMAIN §4). Published
 * values are facts, the years after them a projection, so uncertainty applies only after the
 * last published value:
 *
 * - a number (or expression): that factor in every year (the factors file's series unused);
 * - a year map `{2024: 0.52, 2025: { triangular: [0.45, 0.50, 0.55] }}`: points laid over the
 *   factors file's published series (a year given in both takes the scenario's), linear in
 *   between, flat outside; a point may be a per-draw distribution when its year is after the
 *   last published year; `multiplier: { triangular: [0.9, 1, 1.1] }` scales the path by a
 *   per-draw factor that ramps in linearly from 1 at the last published year to its full value
 *   at the end year;
 * - a distribution alone: the end year's value, drawn once per draw and interpolated from the
 *   last published value.
 */
export type GridFactorSpec =
  | { readonly kind: 'constant'; readonly value: number }
  | {
      readonly kind: 'path';
      /** Scenario points in year order: constants or per-draw distributions. */
      readonly points: readonly { readonly year: number; readonly param: Param }[];
      readonly multiplier?: Distribution;
    };

const DIST_KEYS = new Set([...Object.keys(DISTRIBUTIONS), 'per', 'clip']);
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** True when a scenario value is a distribution (`{triangular: […]}`). */
const isDistribution = (v: unknown): boolean => isMap(v) && Object.keys(v).some((k) => DIST_KEYS.has(k));

/** A per-draw multiplier of the projected path: positive, at most 3. */
const MULTIPLIER: Domain = {
  what: 'a grid factor multiplier',
  min: 0,
  minOpen: true,
  max: 3,
  hint: 'a factor around 1, e.g. 1.05 for 5 % above the path',
};

/** Schema of `grid_emission_factor` (shape only; domains are checked when resolving). */
export const gridFactorSchema = z.custom<ParamInput>().superRefine((v, ctx) => {
  const add = (issues: PathIssue[], prefix: (string | number)[] = []) => {
    for (const i of issues) ctx.addIssue({ code: 'custom', message: i.message, path: [...prefix, ...i.path], params: { at: i.at } });
  };
  if (!isMap(v) || isDistribution(v)) return add(checkParam(v, [], false));
  const keys = Object.keys(v);
  if (keys.length === 0) return add([{ path: [], code: 'param/bad', message: msg.badParameter(v) }]);
  for (const k of keys) {
    if (k === 'multiplier') {
      if (!isDistribution(v[k])) add([{ path: [k], code: 'param/bad', message: msg.gridMultiplierNotDistribution() }]);
      else add(checkParam(v[k], [k], false));
    } else if (!isYearKey(k)) add([{ path: [k], code: 'param/year', message: msg.notAYearKey(k), at: 'key' }]);
    else if (isMap(v[k]) && !isDistribution(v[k]))
      add([{ path: [k], code: 'param/bad', message: msg.wrongType('a number or a distribution', v[k]) }]);
    else add(checkParam(v[k], [k], false));
  }
});

/** Resolves a validated `grid_emission_factor` (expressions evaluated, domains checked). */
export function resolveGridFactor(
  v: ParamInput,
  constants: ReadonlyMap<string, number>,
  end: number,
  path: ValuePath,
  issues: PathIssue[],
): GridFactorSpec {
  if (!isMap(v)) {
    const p = resolveParam(v, constants, path, issues, DOMAINS.gridEmissionFactor);
    return { kind: 'constant', value: p.kind === 'constant' ? p.value : Number.NaN };
  }
  if (isDistribution(v))
    return { kind: 'path', points: [{ year: end, param: resolveParam(v, constants, path, issues, DOMAINS.gridEmissionFactor) }] };
  const points = Object.keys(v)
    .filter(isYearKey)
    .map((k) => ({ year: Number(k), param: resolveParam(v[k] as ParamInput, constants, [...path, k], issues, DOMAINS.gridEmissionFactor) }))
    .sort((a, b) => a.year - b.year);
  let multiplier: Distribution | undefined;
  if (v.multiplier !== undefined) {
    const m = resolveParam(v.multiplier as ParamInput, constants, [...path, 'multiplier'], issues, MULTIPLIER);
    if (m.kind === 'distribution') multiplier = m.dist;
  }
  return { kind: 'path', points, ...(multiplier ? { multiplier } : {}) };
}

/** Reports uncertain points at or before the last published year (the factors file's series). */
export function checkGridAgainstPublished(spec: GridFactorSpec, published: YearSeries, written: unknown, path: ValuePath): PathIssue[] {
  if (spec.kind !== 'path') return [];
  const last = published.years[published.years.length - 1];
  const alone = isDistribution(written);
  return spec.points
    .filter((p) => p.param.kind === 'distribution' && p.year <= last)
    .map((p) => ({
      path: alone ? path : [...path, String(p.year)],
      code: 'scenario/grid-uncertain-published',
      message: msg.gridUncertaintyBeforePublished(p.year, last),
    }));
}

/**
 * The grid factor of every simulated year for one draw: built once per run, refilled at the start
 * of each draw (no allocation in the loop).
 */
export class GridFactorPath {
  /** tCO2/MWh by year from `base`. */
  readonly values: Float64Array;
  private readonly drawn: Float64Array;
  private multiplierValue = 1;
  private readonly lastPublished: number;

  constructor(
    private readonly spec: GridFactorSpec,
    private readonly published: YearSeries,
    private readonly base: number,
    private readonly end: number,
  ) {
    this.values = new Float64Array(end - base + 1);
    this.drawn = new Float64Array(spec.kind === 'path' ? spec.points.length : 0);
    this.lastPublished = published.years[published.years.length - 1];
  }

  /** True when some value is drawn per draw. */
  get uncertain(): boolean {
    return (
      this.spec.kind === 'path' && (this.spec.multiplier !== undefined || this.spec.points.some((p) => p.param.kind === 'distribution'))
    );
  }

  /** Names and readers of the per-draw numbers, for the sensitivity analysis. */
  drawParams(name: string): { name: string; read: () => number }[] {
    const s = this.spec;
    if (s.kind !== 'path') return [];
    const out: { name: string; read: () => number }[] = [];
    const alone = s.points.length === 1 && s.multiplier === undefined;
    s.points.forEach((p, i) => {
      if (p.param.kind === 'distribution') out.push({ name: alone ? name : `${name}.${p.year}`, read: () => this.drawn[i] });
    });
    if (s.multiplier) out.push({ name: `${name}.multiplier`, read: () => this.multiplierValue });
    return out;
  }

  /** Draws this draw's values from `rng` (points in year order, then the multiplier) and fills {@link values}. */
  startDraw(rng: Rng): void {
    this.fill((d) => sample(d, rng));
  }

  /** Fills {@link values} with every distribution at its mean (the base-year and summary view). */
  useMeans(): void {
    this.fill(distributionMean);
  }

  private fill(pick: (d: Distribution) => number): void {
    const s = this.spec;
    if (s.kind === 'constant') {
      this.values.fill(s.value);
      return;
    }
    s.points.forEach((p, i) => {
      this.drawn[i] = p.param.kind === 'distribution' ? pick(p.param.dist) : p.param.kind === 'constant' ? p.param.value : Number.NaN;
    });
    this.multiplierValue = s.multiplier ? pick(s.multiplier) : 1;
    const L = this.lastPublished;
    for (let y = this.base; y <= this.end; y++) {
      const w = this.end > L ? Math.min(1, Math.max(0, (y - L) / (this.end - L))) : 0;
      this.values[y - this.base] = this.pathAt(y) * (1 + (this.multiplierValue - 1) * w);
    }
  }

  /** The published series with the scenario's points laid over it, linear in between, flat outside. */
  private pathAt(year: number): number {
    const pub = this.published;
    const pts = (this.spec as Extract<GridFactorSpec, { kind: 'path' }>).points;
    // merge on the fly: published years not given by the scenario, then the scenario's points
    let prevYear = Number.NEGATIVE_INFINITY;
    let prevValue = Number.NaN;
    let i = 0;
    let j = 0;
    while (i < pub.years.length || j < pts.length) {
      let y: number;
      let v: number;
      if (j >= pts.length || (i < pub.years.length && pub.years[i] < pts[j].year)) {
        y = pub.years[i];
        v = pub.values[i];
        i++;
      } else {
        y = pts[j].year;
        v = this.drawn[j];
        if (i < pub.years.length && pub.years[i] === y) i++;
        j++;
      }
      if (y === year) return v;
      if (y > year) return prevYear === Number.NEGATIVE_INFINITY ? v : prevValue + ((year - prevYear) / (y - prevYear)) * (v - prevValue);
      prevYear = y;
      prevValue = v;
    }
    return prevValue;
  }

  /** The grid factor of `year` in this draw, tCO2/MWh. */
  at(year: number): number {
    return this.values[Math.min(this.values.length - 1, Math.max(0, year - this.base))];
  }
}
