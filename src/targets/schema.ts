import { z } from 'zod';
import { FLOW_METRICS, METRIC_IDS, type MetricId } from '../domain/metrics.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { availableBases, metricAtPrices, PRICE_BASES } from '../domain/price-basis.js';
import { msg } from '../messages/messages.js';
import { percentOr } from '../scenario/param.js';

/**
 * Target kinds (DESIGN §3): value in a year, sum of a flow, average annual growth, relative
 * change; `within_budget` (issue #13 §3): the bound holds in every year from `from` to `year`
 * (e.g. `carbon_headroom_t` at least 0: the CO2 stays within each year's budget).
 */
export const TARGET_KINDS = ['level', 'cumulative', 'cagr', 'change', 'within_budget'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const goal = z.union([z.number(), z.string().min(1)]);

/** Schema of one `targets:` entry; goals may be expressions over the scenario's constants. */
export const targetSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-", e.g. vacated-energy-2025'),
    label: z.string().optional(),
    metric: z.enum(METRIC_IDS),
    kind: z.enum(TARGET_KINDS).default('level'),
    from: z.int().optional(),
    year: z.int(),
    at_least: goal.optional(),
    at_most: goal.optional(),
    /** Share of draws that must meet the target for "met" (default: the scenario's confidence). */
    confidence: percentOr(z.number().gt(0).lt(1)).optional(),
    /** The prices a money metric is taken at (default: the metric's own basis, as the statistics use it). */
    prices: z.enum(PRICE_BASES).optional(),
    /**
     * The plan path `dcsim track` draws (year → value, in the metric's stored unit; a cumulative
     * target's running sum): instead of linear between the base value and the milestones.
     */
    path: z.record(z.string().regex(/^\d{4}$/, 'path years are written 2023, 2024 …'), z.number()).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.at_least !== undefined && t.at_most !== undefined)
      ctx.addIssue({ code: 'custom', path: ['at_most'], message: msg.targetBothBounds() });
    if (t.at_least === undefined && t.at_most === undefined) ctx.addIssue({ code: 'custom', message: msg.targetNoBound() });
    if (t.prices !== undefined && metricAtPrices(t.metric, t.prices) === undefined)
      ctx.addIssue({ code: 'custom', path: ['prices'], message: msg.priceBasisUnavailable(t.metric, t.prices, availableBases(t.metric)) });
    if (t.kind === 'cumulative' && !FLOW_METRICS.includes(t.metric)) {
      ctx.addIssue({ code: 'custom', path: ['metric'], message: msg.cumulativeNeedsFlow(t.metric, FLOW_METRICS) });
    }
  });
export type TargetSpec = z.infer<typeof targetSchema>;

/** A resolved target: `from` filled in, goal evaluated. */
export interface Target {
  readonly id: string;
  readonly label: string;
  /** The metric at the target's price basis (`value_added` with `prices: constant` is `value_added_constant`). */
  readonly metric: MetricId;
  readonly kind: TargetKind;
  /** First year of a cumulative sum, or the start year of growth and change. */
  readonly from: number;
  readonly year: number;
  readonly bound: 'at_least' | 'at_most';
  readonly goal: number;
  readonly confidence: number;
  /** The plan path given in the scenario (`path:`), by year; absent: linear between the milestones (src/tracking/plan.ts). */
  readonly path?: readonly { readonly year: number; readonly value: number }[];
}

/** Default `from`: a cumulative sum and a within-budget span start the year after the base; growth and change start at the base. */
export function defaultFrom(kind: TargetKind, base: number): number {
  return kind === 'cumulative' || kind === 'within_budget' ? base + 1 : base;
}

/** Checks a target's years against the scenario period. */
export function checkTargetYears(t: TargetSpec, base: number, end: number, path: ValuePath): PathIssue[] {
  const issues: PathIssue[] = [];
  if (t.year < base || t.year > end)
    issues.push({ path: [...path, 'year'], code: 'target/year', message: msg.yearOutsidePeriod(t.year, base, end, 'target year') });
  if (t.kind !== 'level') {
    const from = t.from ?? defaultFrom(t.kind, base);
    if (from < base || from > end)
      issues.push({ path: [...path, 'from'], code: 'target/year', message: msg.yearOutsidePeriod(from, base, end, "'from'") });
    else if (t.kind === 'cumulative' && from <= base)
      issues.push({ path: [...path, 'from'], code: 'target/year', message: msg.yearNotAfterBase(from, base, "a cumulative sum's 'from'") });
    else if (t.kind === 'cumulative' || t.kind === 'within_budget' ? from > t.year : from >= t.year)
      issues.push({ path: [...path, 'from'], code: 'target/year', message: msg.fromNotBeforeYear(from, t.year) });
  }
  for (const y of Object.keys(t.path ?? {}).map(Number))
    if (y < base || y > end)
      issues.push({ path: [...path, 'path', String(y)], code: 'target/year', message: msg.yearOutsidePeriod(y, base, end, 'path year') });
  return issues;
}
