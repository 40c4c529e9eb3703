import { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { isYearKey } from '../domain/schema-helpers.js';
import { yearSeries, valueAt, type YearSeries } from '../domain/year-series.js';
import { msg } from '../messages/messages.js';
import { lognormal, normal, pert, triangular, uniform } from '../random/distributions.js';
import type { Rng } from '../random/rng.js';
import { formatDomain, inDomain, type Domain } from './domain.js';
import { evaluateExpression } from './expression.js';

/**
 * Scenario numbers (DESIGN §3): a constant, an expression string, a year series
 * `{2021: x, 2025: y}` (linear in between, flat outside), or a distribution such as
 * `{triangular: [0.04, 0.06, 0.08], per: draw}` with optional `clip: [min, max]`.
 */

/** Distribution names and the numbers each takes, in order. */
export const DISTRIBUTIONS = {
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
} as const;
export type DistributionName = keyof typeof DISTRIBUTIONS;
const DIST_NAMES = Object.keys(DISTRIBUTIONS) as DistributionName[];
const DIST_KEYS = [...DIST_NAMES, 'per', 'clip'];

/** A resolved distribution with its parameters in the order of {@link DISTRIBUTIONS}. */
export interface Distribution {
  readonly name: DistributionName;
  readonly args: readonly number[];
  /** Values outside [lo, hi] are clipped to it. */
  readonly clip?: readonly [number, number];
}

/**
 * `draw`: one value per Monte Carlo draw (parameter uncertainty); `enterprise`: one per firm per
 * draw (heterogeneity); `year`: one per simulated year per draw (year-to-year shocks: business
 * cycles, a 2022-type price episode), where the consumer supports it (the growth block).
 */
export type Per = 'draw' | 'enterprise' | 'year';

/** A resolved scenario number. */
export type Param =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'series'; readonly series: YearSeries }
  | { readonly kind: 'distribution'; readonly dist: Distribution; readonly per: Per };

/** Raw scenario number as written (validated shape). */
export type ParamInput = number | string | Record<string, unknown>;

/** A finite number (YAML's `.inf` and `.nan` are not), or an expression string. */
const isNumberLike = (v: unknown): v is number | string => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';

/** Checks the shape of a scenario number and reports each problem at its path. */
export function checkParam(v: unknown, path: ValuePath, allowPerEnterprise: boolean, allowPerYear = false): PathIssue[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [{ path, code: 'param/bad', message: msg.badParameter(v) }];
  if (typeof v === 'string') return v.trim() ? [] : [{ path, code: 'param/bad', message: msg.badParameter(v) }];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [{ path, code: 'param/bad', message: msg.badParameter(v) }];
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  const named = keys.filter((k) => (DIST_NAMES as string[]).includes(k));
  if (named.length === 0 && keys.some(isYearKey)) {
    // a year series: every key a year, every value a number
    return keys.flatMap((k): PathIssue[] => {
      if (!isYearKey(k)) return [{ path: [...path, k], code: 'param/year', message: msg.notAYearKey(k), at: 'key' }];
      return isNumberLike(obj[k]) ? [] : [{ path: [...path, k], code: 'param/bad', message: msg.wrongType('a number', obj[k]) }];
    });
  }
  const issues: PathIssue[] = [];
  for (const k of keys) {
    if (!DIST_KEYS.includes(k)) {
      issues.push({ path: [...path, k], code: 'param/unknown-key', message: msg.unknownKey(k, DIST_KEYS), at: 'key' });
    }
  }
  if (named.length !== 1) {
    issues.push({ path, code: 'param/distribution', message: msg.unknownDistribution(keys, DIST_NAMES) });
    return issues;
  }
  const name = named[0] as DistributionName;
  const form = `[${DISTRIBUTIONS[name].join(', ')}]`;
  const args = obj[name];
  if (!Array.isArray(args) || args.length !== DISTRIBUTIONS[name].length) {
    issues.push({ path: [...path, name], code: 'param/arity', message: msg.distributionArity(name, DISTRIBUTIONS[name].length, form) });
  } else {
    args.forEach((a, i) => {
      if (!isNumberLike(a)) issues.push({ path: [...path, name, i], code: 'param/bad', message: msg.wrongType('a number', a) });
    });
  }
  if ('per' in obj) {
    if (obj.per !== 'draw' && obj.per !== 'enterprise' && obj.per !== 'year') {
      issues.push({ path: [...path, 'per'], code: 'param/per', message: msg.notOneOf(obj.per, ['draw', 'enterprise', 'year']) });
    } else if (obj.per === 'enterprise' && !allowPerEnterprise) {
      issues.push({ path: [...path, 'per'], code: 'param/per', message: msg.perEnterpriseNotHere() });
    } else if (obj.per === 'year' && !allowPerYear) {
      issues.push({ path: [...path, 'per'], code: 'param/per', message: msg.perYearNotHere() });
    }
  }
  if ('clip' in obj) {
    const c = obj.clip;
    if (!Array.isArray(c) || c.length !== 2 || !c.every(isNumberLike)) {
      issues.push({ path: [...path, 'clip'], code: 'param/clip', message: msg.distributionArity('clip', 2, '[min, max]') });
    }
  }
  return issues;
}

/** A zod schema for a scenario number, so it composes into policy and scenario schemas. */
export function paramSchema(options: { perEnterprise?: boolean; perYear?: boolean } = {}) {
  return z.custom<ParamInput>().superRefine((v, ctx) => {
    for (const issue of checkParam(v, [], options.perEnterprise ?? true, options.perYear ?? false)) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], params: { at: issue.at } });
    }
  });
}

/** A percentage as written: `80%`, `-18 %`, `−18％` (full-width sign, Unicode minus). */
const PERCENT = /^\s*([+\-−]?\d+(?:\.\d+)?)\s*[%％]\s*$/;

/**
 * The fraction a percentage stands for (`80%` → 0.8, `-18%` → −0.18), or undefined when `v` is
 * not one (issue #14 §12). Accepted only where the value is a fraction: see {@link percentOr}
 * and the `percent` argument of {@link resolveNumber}.
 */
export function parsePercent(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = PERCENT.exec(v);
  return m ? Number(m[1].replace('−', '-')) / 100 : undefined;
}

/** A fraction schema that also takes a percentage (`confidence: 80%` → 0.8). */
export const percentOr = <T extends z.ZodType>(schema: T) => z.preprocess((v) => parsePercent(v) ?? v, schema);

/** Where a percentage may stand for the number: `allowed` for fractions; `what` names the number otherwise. */
export interface PercentUse {
  readonly allowed: boolean;
  readonly what: string;
}

/** A domain whose values are fractions (its hint says so): shares, growth rates, savings. */
export const isFractionDomain = (d: Domain) => d.hint?.startsWith('a fraction') === true;

/**
 * Evaluates a number-or-expression; reports an expression failure at `path`. A percentage becomes
 * its fraction where `percent.allowed`, else it is refused with the fix (by default: refused).
 */
export function resolveNumber(
  v: number | string,
  constants: ReadonlyMap<string, number>,
  path: ValuePath,
  issues: PathIssue[],
  percent: PercentUse = { allowed: false, what: 'this number' },
): number {
  if (typeof v === 'number') return v;
  const pct = parsePercent(v);
  if (pct !== undefined) {
    if (percent.allowed) return pct;
    issues.push({ path, code: 'param/percent', message: msg.percentNotFraction(v.trim(), percent.what) });
    return Number.NaN;
  }
  const r = evaluateExpression(v, constants);
  if (r.ok) return r.value;
  issues.push({ path, code: 'param/expression', message: r.message });
  return Number.NaN;
}

function orderIssue(name: DistributionName, a: readonly number[]): string | undefined {
  switch (name) {
    case 'uniform':
      return a[0] <= a[1] ? undefined : 'min ≤ max';
    case 'triangular':
    case 'pert':
      return a[0] <= a[1] && a[1] <= a[2] ? undefined : 'min ≤ mode ≤ max';
    case 'normal':
      return a[1] >= 0 ? undefined : 'sd ≥ 0';
    case 'lognormal':
      return a[0] > 0 && a[1] >= 0 ? undefined : 'mean > 0 and sd ≥ 0';
  }
}

/**
 * Resolves a validated scenario number in its domain: expressions evaluated, series and
 * distributions built, and every value it can take checked against `domain` (see
 * {@link checkDomain}); problems and warnings are added to `issues`.
 */
export function resolveParam(
  v: ParamInput,
  constants: ReadonlyMap<string, number>,
  path: ValuePath,
  issues: PathIssue[],
  domain: Domain,
): Param {
  domainSink?.(path, domain);
  const p = buildParam(v, constants, path, issues, { allowed: isFractionDomain(domain), what: domain.what });
  checkDomain(p, domain, path, issues);
  return p;
}

/** Where {@link resolveParam} reports the domain of each number it resolves, while {@link withDomains} runs. */
let domainSink: ((path: ValuePath, domain: Domain) => void) | undefined;

/**
 * Runs a resolution and returns the domain of every scenario number it resolved, by path (the
 * workbench's sliders, src/workbench/). The domains are declared where each module resolves its
 * numbers (36 call sites), so they are collected there rather than passed through every
 * signature; resolution is synchronous, so nothing else runs while the sink is set.
 */
export function withDomains<T>(resolve: () => T): { result: T; domains: Map<string, { path: ValuePath; domain: Domain }> } {
  const domains = new Map<string, { path: ValuePath; domain: Domain }>();
  const outer = domainSink;
  domainSink = (path, domain) => void domains.set(JSON.stringify(path), { path: [...path], domain });
  try {
    return { result: resolve(), domains };
  } finally {
    domainSink = outer;
  }
}

/** The values a distribution can give: [lo, hi], lo excluded when `loOpen`. */
function support(d: Distribution): { lo: number; hi: number; loOpen: boolean } {
  const a = d.args;
  let s =
    d.name === 'normal'
      ? { lo: -Infinity, hi: Infinity, loOpen: false }
      : d.name === 'lognormal'
        ? { lo: 0, hi: Infinity, loOpen: true }
        : { lo: a[0], hi: a[a.length - 1], loOpen: false };
  if (d.clip) s = { lo: Math.max(s.lo, d.clip[0]), hi: Math.min(s.hi, d.clip[1]), loOpen: s.loOpen && s.lo >= d.clip[0] };
  return s;
}

/** Describes a distribution as written: `normal(0.05, 0.8)`. */
const describeDist = (d: Distribution) => `${d.name}(${d.args.join(', ')})${d.clip ? ` clipped to [${d.clip.join(', ')}]` : ''}`;

/**
 * Checks every value a resolved number can take against its domain (the one place, issue #9
 * item 4): a constant and each series point must lie inside it (whole numbers for counts); a
 * distribution by its support — a bounded one by [min, max], an unbounded one only with a `clip`
 * inside the domain. Values above the domain's `warnAbove` give a warning.
 */
export function checkDomain(p: Param, d: Domain, path: ValuePath, issues: PathIssue[]): void {
  const value = (x: number, at: ValuePath) => {
    if (!Number.isFinite(x)) return; // an expression that failed is reported already
    if (!inDomain(x, d)) issues.push({ path: at, code: 'param/domain', message: msg.outOfDomain(x, d.what, formatDomain(d), d.hint) });
    else if (d.integer && !Number.isInteger(x)) issues.push({ path: at, code: 'param/domain', message: msg.notInteger(x) });
    else if (d.warnAbove !== undefined && x > d.warnAbove)
      issues.push({ path: at, code: 'param/unusual', message: msg.unusuallyHigh(x, d.what, d.warnAbove, d.hint), severity: 'warning' });
  };
  switch (p.kind) {
    case 'constant':
      return value(p.value, path);
    case 'series':
      p.series.years.forEach((y, i) => value(p.series.values[i], [...path, String(y)]));
      return;
    case 'distribution': {
      const dist = p.dist;
      if (![...dist.args, ...(dist.clip ?? [])].every(Number.isFinite)) return;
      const s = support(dist);
      const loOk = d.minOpen ? s.lo > d.min || (s.lo === d.min && s.loOpen) : s.lo >= d.min;
      const hiOk = d.maxOpen ? s.hi < d.max : s.hi <= d.max;
      const interval = formatDomain(d);
      if (loOk && hiOk) {
        if (d.warnAbove !== undefined && s.hi > d.warnAbove)
          issues.push({
            path,
            code: 'param/unusual',
            message: msg.unusuallyHigh(s.hi, d.what, d.warnAbove, d.hint, describeDist(dist)),
            severity: 'warning',
          });
        return;
      }
      const bounded = dist.name !== 'normal' && dist.name !== 'lognormal';
      if (dist.clip && !(inDomain(dist.clip[0], d) && inDomain(dist.clip[1], d)))
        issues.push({ path: [...path, 'clip'], code: 'param/domain', message: msg.clipOutsideDomain(dist.clip, d.what, interval) });
      else if (bounded || dist.clip)
        issues.push({
          path: [...path, dist.name],
          code: 'param/domain',
          message: msg.distributionOutsideDomain(describeDist(dist), d.what, interval),
        });
      else
        issues.push({
          path: [...path, dist.name],
          code: 'param/needs-clip',
          message: msg.distributionNeedsClip(describeDist(dist), d.what, interval),
        });
    }
  }
}

/** Builds a scenario number: expressions evaluated, series and distributions built. */
function buildParam(
  v: ParamInput,
  constants: ReadonlyMap<string, number>,
  path: ValuePath,
  issues: PathIssue[],
  percent?: PercentUse,
): Param {
  if (typeof v === 'number' || typeof v === 'string')
    return { kind: 'constant', value: resolveNumber(v, constants, path, issues, percent) };
  const keys = Object.keys(v);
  if (keys.every(isYearKey)) {
    const points = Object.fromEntries(
      keys.map((k) => [k, resolveNumber(v[k] as number | string, constants, [...path, k], issues, percent)]),
    );
    return { kind: 'series', series: yearSeries(points) };
  }
  const name = keys.find((k) => (DIST_NAMES as string[]).includes(k)) as DistributionName;
  const raw = v[name] as (number | string)[];
  const args = raw.map((a, i) => resolveNumber(a, constants, [...path, name, i], issues, percent));
  const form = DISTRIBUTIONS[name].join(', ');
  const order = args.every(Number.isFinite) ? orderIssue(name, args) : undefined;
  if (order) issues.push({ path: [...path, name], code: 'param/order', message: msg.distributionOrder(`${name} [${form}]`, order) });
  let clip: [number, number] | undefined;
  if (Array.isArray(v.clip)) {
    clip = [
      resolveNumber(v.clip[0] as number | string, constants, [...path, 'clip', 0], issues, percent),
      resolveNumber(v.clip[1] as number | string, constants, [...path, 'clip', 1], issues, percent),
    ];
    if (clip[0] > clip[1])
      issues.push({ path: [...path, 'clip'], code: 'param/order', message: msg.distributionOrder('clip [min, max]', 'min ≤ max') });
  }
  return { kind: 'distribution', dist: clip ? { name, args, clip } : { name, args }, per: (v.per as Per | undefined) ?? 'draw' };
}

/** Draws one value from a distribution with the injected stream. */
export function sample(d: Distribution, rng: Rng): number {
  const a = d.args;
  let x: number;
  switch (d.name) {
    case 'uniform':
      x = uniform(rng, a[0], a[1]);
      break;
    case 'triangular':
      x = triangular(rng, a[0], a[1], a[2]);
      break;
    case 'pert':
      x = pert(rng, a[0], a[1], a[2]);
      break;
    case 'normal':
      x = normal(rng, a[0], a[1]);
      break;
    case 'lognormal':
      x = lognormal(rng, a[0], a[1]);
      break;
  }
  return d.clip ? Math.min(d.clip[1], Math.max(d.clip[0], x)) : x;
}

/** Returns the mean of a distribution before clipping (for summaries and tests). */
export function distributionMean(d: Distribution): number {
  const a = d.args;
  switch (d.name) {
    case 'uniform':
      return (a[0] + a[1]) / 2;
    case 'triangular':
      return (a[0] + a[1] + a[2]) / 3;
    case 'pert':
      return (a[0] + 4 * a[1] + a[2]) / 6;
    case 'normal':
    case 'lognormal':
      return a[0];
  }
}

/**
 * Returns a parameter's value in `year` for one draw: constants as they are, series at the
 * year, distributions from `drawValue` (the value sampled for this draw or firm).
 */
export function paramValue(p: Param, year: number, drawValue: number): number {
  switch (p.kind) {
    case 'constant':
      return p.value;
    case 'series':
      return valueAt(p.series, year);
    case 'distribution':
      return drawValue;
  }
}
