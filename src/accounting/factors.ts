import { z } from 'zod';
import { CARRIERS, CARRIER_INDEX, type CarrierId } from '../domain/carriers.js';
import { valueAt, yearSeries, type YearSeries } from '../domain/year-series.js';
import { yearMapSchema } from '../domain/schema-helpers.js';
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
});

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
  };
}

/** Returns the factors with another grid emission factor series (a scenario's trajectory). */
export function withGridFactor(factors: Factors, series: YearSeries): Factors {
  return { ...factors, gridEmissionFactorTPerMwh: series };
}
