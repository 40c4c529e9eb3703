import { z } from 'zod';
import { CARRIERS, CARRIER_INDEX, type CarrierId } from '../domain/carriers.js';
import { valueAt, yearSeries, type YearSeries } from '../domain/year-series.js';
import { isYearKey, yearMapSchema } from '../domain/schema-helpers.js';
import { msg } from '../messages/messages.js';
import { fuelMixSectionSchema } from './fuel-mix.js';

const sourced = { source: z.string().min(1) };

const carrierFactorSchema = z.strictObject({
  label: z.string(),
  unit: z.string(),
  /** Standard-coal coefficient, kgce per unit (GB/T 2589-2020). Electricity takes its own block. */
  kgce_per_unit: z.number().positive().optional(),
  kgce_source: z.string().optional(),
  /** Combustion CO2 factor, t per unit (NDRC guidelines); purchased heat t/GJ. */
  co2_t_per_unit: z.number().nonnegative().optional(),
  co2_source: z.string().optional(),
});

/** A GB/T 4754 code of a division, group or class: a section letter and 2–4 digits (D44, C301, C3011). */
export const ETS_SECTOR_CODE = /^[A-T]\d{2,4}$/;

/** Schema of a factors file (`models/factors/*.yaml`): every coefficient with unit and source. */
export const factorsSchema = z.strictObject({
  name: z.string(),
  title: z.string().optional(),
  carriers: z.strictObject(
    Object.fromEntries(CARRIERS.map((c) => [c, carrierFactorSchema])) as Record<CarrierId, typeof carrierFactorSchema>,
  ),
  electricity: z.strictObject({
    calorific_kgce_per_10k_kwh: z.number().positive(),
    calorific_source: z.string(),
    primary_kgce_per_10k_kwh: yearMapSchema(z.number().positive()),
    primary_source: z.string(),
  }),
  grid_emission_factor_t_per_mwh: z.strictObject({ values: yearMapSchema(z.number().nonnegative()), ...sourced }),
  /**
   * The national factor excluding market-traded non-fossil power (residual mix, DOMAIN §8): firms
   * that hold green electricity report the rest of their electricity at it.
   */
  residual_grid_emission_factor_t_per_mwh: z.strictObject({ values: yearMapSchema(z.number().nonnegative()), ...sourced }).optional(),
  /** Non-electric fuel mix by division for firms that give only total energy and electricity. */
  default_fuel_mix: fuelMixSectionSchema.optional(),
  /** The grid's non-fossil share of power generation by year, 0–1 (`non_fossil_share`); a scenario's `grid_non_fossil_share` overrides it. */
  grid_non_fossil_share: z.strictObject({ values: yearMapSchema(z.number().min(0).max(1)), ...sourced }).optional(),
  /** The national carbon market's coverage (`co2_ets_t`): sectors with their first covered year, and the emission threshold. */
  ets_coverage: z
    .strictObject({
      sectors: z.record(z.string(), z.strictObject({ from: z.number(), ...sourced })).superRefine((m, ctx) => {
        if (Object.keys(m).length === 0) ctx.addIssue({ code: 'custom', message: msg.etsCoverageEmpty() });
        for (const [code, v] of Object.entries(m)) {
          if (!ETS_SECTOR_CODE.test(code)) ctx.addIssue({ code: 'custom', path: [code], message: msg.etsSectorCode(code) });
          if (!isYearKey(String(v.from))) ctx.addIssue({ code: 'custom', path: [code, 'from'], message: msg.etsFromYear(v.from) });
        }
      }),
      /** A firm in a covered sector is covered when its direct CO2 reaches this, tCO2 per year. */
      threshold_t_co2: z.number().nonnegative(),
      threshold_source: z.string().min(1),
    })
    .optional(),
});

/** The national carbon market's coverage, resolved from a factors file's `ets_coverage`. */
export interface EtsCoverage {
  /** GB/T 4754 code (a prefix of a firm's sector code) → first covered year. */
  readonly sectors: ReadonlyMap<string, number>;
  /** Direct CO2 from which a firm of a covered sector is covered, t/yr. */
  readonly thresholdTCo2: number;
}

export type FactorsSpec = z.infer<typeof factorsSchema>;

/** Accounting factors resolved to arrays indexed like {@link CARRIERS}. */
export interface Factors {
  readonly name: string;
  /** tce per unit of each carrier; NaN for electricity (its coefficient depends on the basis). */
  readonly tcePerUnit: Float64Array;
  /** Combustion CO2, t per unit, for fossil carriers; heat t/GJ; 0 for electricity (grid factor). */
  readonly co2TPerUnit: Float64Array;
  /** Electricity on the calorific basis (当量值), tce per 10⁴ kWh. */
  readonly electricityCalorificTcePer10kKwh: number;
  /** Electricity on the primary basis (等价值, the power-supply coal rate), tce per 10⁴ kWh by year. */
  readonly electricityPrimaryTcePer10kKwh: YearSeries;
  /** Grid emission factor, tCO2/MWh by year. */
  readonly gridEmissionFactorTPerMwh: YearSeries;
  /**
   * Residual-mix factor ÷ average factor, at the years the residual factor is published (flat
   * outside); undefined without a residual series. A scenario's own average path is scaled by it.
   */
  readonly residualGridRatio?: YearSeries;
  /** The grid's non-fossil share of power generation by year (factors file or scenario); undefined: none given, the grid part of `non_fossil_share` is 0. */
  readonly gridNonFossilShare?: YearSeries;
  /** The national carbon market's coverage by sector; undefined: no firm is covered by sector (the registry's `ets` column still counts). */
  readonly etsCoverage?: EtsCoverage;
}

/** Checks what the schema cannot: every carrier but electricity has a coefficient, fossils a CO2 factor. */
export function missingFactorFields(spec: FactorsSpec): { path: (string | number)[]; field: string }[] {
  const missing: { path: (string | number)[]; field: string }[] = [];
  for (const c of CARRIERS) {
    if (c === 'electricity_10k_kwh') continue;
    const f = spec.carriers[c];
    if (f.kgce_per_unit === undefined) missing.push({ path: ['carriers', c], field: 'kgce_per_unit' });
    if (f.co2_t_per_unit === undefined) missing.push({ path: ['carriers', c], field: 'co2_t_per_unit' });
  }
  return missing;
}

/** Resolves a validated factors file into typed arrays (units converted from kgce to tce). */
export function resolveFactors(spec: FactorsSpec): Factors {
  const tcePerUnit = new Float64Array(CARRIERS.length);
  const co2TPerUnit = new Float64Array(CARRIERS.length);
  for (const c of CARRIERS) {
    const f = spec.carriers[c];
    const i = CARRIER_INDEX[c];
    tcePerUnit[i] = c === 'electricity_10k_kwh' ? Number.NaN : (f.kgce_per_unit ?? 0) / 1000;
    co2TPerUnit[i] = c === 'electricity_10k_kwh' ? 0 : (f.co2_t_per_unit ?? 0);
  }
  const primary = spec.electricity.primary_kgce_per_10k_kwh;
  const grid = yearSeries(spec.grid_emission_factor_t_per_mwh.values);
  const residual = spec.residual_grid_emission_factor_t_per_mwh?.values;
  const ets = spec.ets_coverage;
  return {
    name: spec.name,
    tcePerUnit,
    co2TPerUnit,
    electricityCalorificTcePer10kKwh: spec.electricity.calorific_kgce_per_10k_kwh / 1000,
    electricityPrimaryTcePer10kKwh: yearSeries(Object.fromEntries(Object.entries(primary).map(([y, v]) => [y, v / 1000]))),
    gridEmissionFactorTPerMwh: grid,
    ...(residual
      ? { residualGridRatio: yearSeries(Object.fromEntries(Object.entries(residual).map(([y, v]) => [y, v / valueAt(grid, Number(y))]))) }
      : {}),
    ...(spec.grid_non_fossil_share ? { gridNonFossilShare: yearSeries(spec.grid_non_fossil_share.values) } : {}),
    ...(ets
      ? {
          etsCoverage: {
            sectors: new Map(Object.entries(ets.sectors).map(([code, v]) => [code, v.from])),
            thresholdTCo2: ets.threshold_t_co2,
          },
        }
      : {}),
  };
}

/** Returns the factors with a scenario's grid non-fossil share series (`grid_non_fossil_share`), when it gives one. */
export function withGridNonFossilShare(factors: Factors, series: YearSeries | undefined): Factors {
  return series ? { ...factors, gridNonFossilShare: series } : factors;
}

/** Returns the factors with another grid emission factor series (a scenario's trajectory). */
export function withGridFactor(factors: Factors, series: YearSeries): Factors {
  return { ...factors, gridEmissionFactorTPerMwh: series };
}
