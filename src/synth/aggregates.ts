import { z } from 'zod';
import { CARRIERS } from '../domain/carriers.js';
import { GREEN_FACTORY_LEVELS } from '../domain/enterprise-table.js';
import { toDivision } from '../domain/sectors.js';
import { sharesSumToOne } from '../domain/schema-helpers.js';
import { msg } from '../messages/messages.js';

/** `[mean, sd]` of a per-firm quantity (drawn lognormal when positive quantities, clipped). */
const meanSd = z.tuple([z.number().positive(), z.number().nonnegative()]);
const range = z.tuple([z.number(), z.number()]).refine((r) => r[0] <= r[1], 'write [min, max] with min ≤ max');
const share = z.number().min(0).max(1);

function sharesRefine(what: string) {
  return (m: Record<string, number | undefined>, ctx: z.RefinementCtx) => {
    const parts = Object.entries(m).filter((e): e is [string, number] => e[1] !== undefined);
    const { sum, ok } = sharesSumToOne(parts.map((p) => p[1]));
    if (!ok) ctx.addIssue({ code: 'custom', message: msg.sharesNotOne(what, parts, sum) });
  };
}

const segmentSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  /** Words that end firm names of this segment (机械, 轴承 …). */
  name_words: z.array(z.string().min(1)).min(1),
  /** GB/T 4754 codes with weights, e.g. {C3484: 0.3, C3670: 0.7}. */
  sectors: z.record(z.string(), share).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) if (!toDivision(k)) ctx.addIssue({ code: 'custom', path: [k], message: msg.unknownSector(k) });
    sharesRefine('sector')(m, ctx);
  }),
  /** Firms at the reference size. */
  count: z.int().positive(),
  /** Share of the segment's firms that are 规上. */
  above_scale: share,
  /** Segment value added at the reference size, 万元 (sets the segment's weight before calibration). */
  value_added_total: z.number().positive(),
  /** Spread of firm size: σ of log VA within the segment. */
  size_sigma: z.number().nonnegative(),
  value_added_rate: meanSd,
  /** Tax ÷ VA per firm. */
  tax_rate: meanSd,
  /** VA per mu, 万元/亩. */
  value_added_per_mu: meanSd,
  /** VA per employee, 万元/人. */
  value_added_per_employee: meanSd,
  /** Gross energy per 万元 VA, tce (electricity on the calorific basis). */
  energy_per_value_added: meanSd,
  /** Shares of gross energy (tce) by carrier. */
  carrier_mix: z.partialRecord(z.enum(CARRIERS), share).superRefine(sharesRefine('carrier_mix')),
  /** Feedstock as a share of the firm's fossil energy. */
  feedstock_share: range.default([0, 0]),
  /** Renewable share of electricity. */
  renewable_share: range.default([0, 0]),
  /** Process CO2 per tce of gross energy, t. */
  process_co2_per_tce: range.default([0, 0]),
  /** R&D expense ÷ revenue. */
  rd_ratio: range.default([0, 0]),
  /** Main pollutant emissions per 万元 VA, kg. */
  pollutant_kg_per_value_added: meanSd,
  year_built: z.tuple([z.int(), z.int()]),
  village_cluster: share.default(0),
  lsmp: share.default(0),
  green_factory: z.partialRecord(z.enum(GREEN_FACTORY_LEVELS), share).default({ none: 1 }).superRefine(sharesRefine('green_factory')),
  /** Park names with weights; '' means outside a park. */
  parks: z.record(z.string(), share).default({ '': 1 }).superRefine(sharesRefine('parks')),
});
export type SegmentSpec = z.infer<typeof segmentSchema>;

/** Schema of an aggregates file: the district's calibration figures and its industry segments. */
export const aggregatesSchema = z.strictObject({
  name: z.string(),
  title: z.string().optional(),
  year: z.int(),
  /** Factors file used to turn the energy mix into physical carrier quantities (relative path). */
  factors: z.string(),
  /** Reference number of firms: segment counts and totals are given at this size. */
  enterprises: z.int().positive(),
  id_prefix: z.string().default('ZH'),
  name_prefix: z.string().default(''),
  calibration: z.strictObject({
    /** 规上 VA at the reference size, 万元; scales with the number of firms. */
    above_scale_value_added: z.number().positive(),
    above_scale_value_added_source: z.string(),
    value_added_rate: z.number().gt(0).lt(1),
    value_added_rate_source: z.string(),
    tax_per_mu: z.number().positive(),
    tax_per_mu_source: z.string(),
  }),
  towns: z.record(z.string(), share).superRefine(sharesRefine('towns')),
  segments: z.array(segmentSchema).min(1),
});
export type AggregatesSpec = z.infer<typeof aggregatesSchema>;
