import { z } from 'zod';
import { fuelMixOverrideSchema } from '../accounting/fuel-mix.js';
import { yearMapSchema } from '../domain/schema-helpers.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import { budgetSchema, ledgerSchema } from '../ledger/rules.js';
import { gridFactorSchema } from './grid-factor.js';
import { checkParam, percentOr, type ParamInput } from './param.js';

/** True when a map is a by-sector map (`default` and/or GB/T 4754 divisions) rather than a distribution. */
export function isSectorMap(v: unknown): v is Record<string, ParamInput> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.some((k) => k === 'default' || /^[A-T]\d{2}$/.test(k));
}

/**
 * A number of the growth block that may differ by sector: a plain scenario number, or
 * `{default: …, C26: …}`; `per: year` allowed (a draw for each year), `per: enterprise` unless
 * the number is a sector's own (a price index).
 */
/** A share of the grid's generation, 0–1 (a fraction, not a percentage). */
const gridShareSchema = z.number().refine((v) => v >= 0 && v <= 1, { message: msg.gridShareRange() });

const sectorParamSchema = (perEnterprise = true) =>
  z.custom<ParamInput | Record<string, ParamInput>>().superRefine((v, ctx) => {
    const check = (p: unknown, path: string[]) => {
      for (const i of checkParam(p, path, perEnterprise, true))
        ctx.addIssue({ code: 'custom', message: i.message, path: [...i.path], params: { at: i.at } });
    };
    if (!isSectorMap(v)) return check(v, []);
    for (const [k, p] of Object.entries(v)) {
      if (k !== 'default' && toDivision(k) !== k) ctx.addIssue({ code: 'custom', path: [k], message: msg.sectorKey(k) });
      check(p, [k]);
    }
  });

const relPath = z.string().min(1);

/**
 * Schema of a scenario file after `extends` is merged (DESIGN §3). snake_case keys; unknown
 * keys are errors. Policy and target entries are checked further by their own schemas.
 */
export const scenarioSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'a scenario name uses letters, digits, ".", "_" and "-" (it names the output folder), e.g. zhenhai-2025',
    ),
  title: z.string().optional(),
  description: z.string().optional(),
  extends: z.string().optional(),
  registry: relPath,
  /** The worksheet of an XLSX registry to read (default: the visible sheet that looks most like a registry). */
  registry_sheet: z.string().min(1).optional(),
  /** The registry's data year, when the file does not declare it (a `year` column or a `_meta` sheet). */
  registry_year: z.int().min(1900).max(2100).optional(),
  /** How a registry's total energy (energy_tce) is read and completed into carriers. */
  registry_defaults: z
    .strictObject({
      energy_total_basis: z.enum(['calorific', 'primary']).default('calorific'),
      fuel_mix: fuelMixOverrideSchema.optional(),
    })
    .default({ energy_total_basis: 'calorific' }),
  factors: relPath,
  evaluation: relPath,
  /** Energy-efficiency benchmark and baseline levels per product (标杆/基准, src/ledger/benchmarks.ts), for `admission.benchmark` of new_projects. */
  benchmarks: relPath.optional(),
  period: z.strictObject({ base: z.int().min(1900).max(2100), end: z.int().min(1900).max(2100) }),
  monte_carlo: z
    .strictObject({
      draws: z.int().min(1).max(1_000_000).default(1000),
      seed: z
        .int()
        .min(0)
        .max(2 ** 53 - 1)
        .default(1),
    })
    .default({ draws: 1000, seed: 1 }),
  /** Share of draws that must meet a target for "met" (default 0.9). */
  confidence: percentOr(z.number().gt(0).lt(1)).default(0.9),
  accounting: z
    .strictObject({
      electricity_basis: z.enum(['calorific', 'primary']).default('calorific'),
      exclude_feedstock: z.boolean().default(true),
      exclude_renewables: z.enum(['none', 'new', 'non_fossil']).default('new'),
      /** The boundary of the district's CO2 total (DOMAIN §8): territorial (default) or firm (Σ scope 1 + 2). */
      boundary: z.enum(['territorial', 'firm']).default('territorial'),
    })
    .default({ electricity_basis: 'calorific', exclude_feedstock: true, exclude_renewables: 'new', boundary: 'territorial' }),
  growth: z
    .strictObject({
      value_added: sectorParamSchema().optional(),
      energy_elasticity: sectorParamSchema().optional(),
      efficiency_gain: sectorParamSchema().optional(),
      employment_elasticity: sectorParamSchema().optional(),
      /** Yearly price change of a sector's output and VA (its deflator), a fraction; 0 = constant prices. */
      price: sectorParamSchema(false).optional(),
      /** Yearly relative change of the VA rate (VA ÷ output), a fraction: 0.01 = the rate rises by 1 % of itself. */
      value_added_rate: sectorParamSchema().optional(),
      /** Yearly relative change of the tax rate (tax ÷ VA), a fraction. */
      tax_rate: sectorParamSchema().optional(),
    })
    .default({}),
  /** Grid emission factor, tCO2/MWh: a constant, points over the factors file's published series, or an end-year distribution (grid-factor.ts). */
  grid_emission_factor: gridFactorSchema.optional(),
  /**
   * The grid's non-fossil share of power generation, 0–1: a constant or `{year: share}` points
   * (linear between, flat outside); overrides the factors file's series (`non_fossil_share`).
   */
  grid_non_fossil_share: z.union([gridShareSchema, yearMapSchema(gridShareSchema)]).optional(),
  constants: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'constant names are identifiers: letters, digits and _'),
      z.union([z.number(), z.string().min(1)]),
    )
    .default({}),
  policies: z.array(z.record(z.string(), z.unknown())).default([]),
  /** The headroom ledger (src/ledger/): new projects start on vacated energy, CO2 and land under replacement ratios (等量/减量替代). */
  ledger: ledgerSchema.optional(),
  /** Yearly carbon budget on the district's CO2 (碳排放预算管理): projects are admitted only while the year's budget holds. */
  carbon_budget: budgetSchema.optional(),
  targets: z.array(z.unknown()).default([]),
  /**
   * What the report draws after the scorecard and the targets' fans (issue #14 item 1): analysis
   * chart ids and metric ids (extra fans), in order; without it every analysis chart and the key
   * metrics' fans are drawn.
   */
  report: z.strictObject({ charts: z.array(z.string().min(1)).optional() }).optional(),
  /**
   * What actually happened (src/actuals/): `{ values: FILE, actions: FILE }` (CSV or XLSX, paths
   * relative to this scenario file), or one XLSX with sheets 实际值 / 实际处置. `--actuals` overrides.
   */
  actuals: z.union([relPath, z.strictObject({ values: relPath.optional(), actions: relPath.optional() })]).optional(),
  /** The actuals are used up to this period: `YYYY`, `YYYY-Qn` or `YYYY-MM` (default: the latest period in the files). */
  as_of: z.union([z.string().min(1), z.int()]).optional(),
  /** Monitoring (dcsim track): warning thresholds, the seasonal profile, the plan's indicators dcsim does not simulate. */
  tracking: z
    .strictObject({
      /** Warning levels by the probability of meeting a target: green at or above `green` (default: the target's confidence), yellow at or above `yellow` (0.5), red below. */
      warning: z
        .strictObject({ green: percentOr(z.number().gt(0).lt(1)).optional(), yellow: percentOr(z.number().gt(0).lt(1)).optional() })
        .optional(),
      /** Share of a year's flow expected by the end of each month, 12 rising numbers ending at 1 (default: uniform, m ÷ 12). */
      seasonal_profile: z.array(z.number().min(0).max(1)).length(12).optional(),
    })
    .optional(),
  /**
   * Indicators of the plan dcsim does not simulate (Table 2: parks, high-tech VA, investment …):
   * tracked against their plan values from the actuals, without a forecast.
   */
  tracked: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-", e.g. high-tech-va-share'),
        label: z.string().optional(),
        unit: z.string().optional(),
        /** Value in the base year (the start of the plan path). */
        base: z.number(),
        year: z.int(),
        at_least: z.number().optional(),
        at_most: z.number().optional(),
        /** A flow (summed over the years, e.g. projects landed) rather than a level (default false). */
        flow: z.boolean().default(false),
      }),
    )
    .default([]),
});

export type ScenarioSpec = z.infer<typeof scenarioSchema>;

/** Defaults of the growth block [R] (DOMAIN §7: Zhenhai 规上 VA +4.6 %/yr 2019–2021). */
export const GROWTH_DEFAULTS = {
  value_added: 0.05,
  energy_elasticity: 0.6,
  efficiency_gain: 0.01,
  employment_elasticity: 0.2,
  /** No price change: current prices equal base-year prices, as before prices were modelled. */
  price: 0,
  /** No change of any firm's VA rate or tax rate in the background. */
  value_added_rate: 0,
  tax_rate: 0,
} as const;
