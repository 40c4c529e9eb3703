import { CARRIER_INDEX, FOSSIL_CARRIERS } from '../domain/carriers.js';
import { valueAt } from '../domain/year-series.js';
import type { EnergyColumns } from './account.js';
import type { AccountingConfig } from './config.js';
import type { Factors } from './factors.js';

const FOSSIL_INDEX: readonly number[] = FOSSIL_CARRIERS.map((c) => CARRIER_INDEX[c]);
if (
  FOSSIL_CARRIERS.join() !==
  'coal_t,coke_t,crude_oil_t,fuel_oil_t,gasoline_t,kerosene_t,diesel_t,lpg_t,refinery_gas_t,natural_gas_10k_m3,other_tce'
) {
  throw new Error('accountOne is unrolled over FOSSIL_CARRIERS; update it with the carrier list');
}

/**
 * The coefficients of one year (electricity basis, grid factor) in a reusable record, so firms
 * can be accounted one at a time without allocating.
 */
export interface YearCoefficients {
  readonly fossilTcePerUnit: Float64Array;
  readonly fossilCo2PerUnit: Float64Array;
  electricityTcePer10kKwh: number;
  /** Electricity on the calorific basis (当量值) whatever the scenario's basis, tce per 10⁴ kWh: the useful-energy parity of a fuel switch (src/policies/fuel-switch.ts). */
  readonly electricityCalorificTcePer10kKwh?: number;
  gridTPer10kKwh: number;
  /** Residual-mix factor for the non-green electricity of firms that hold green electricity (NaN: none, the average applies). */
  residualGridTPer10kKwh: number;
  readonly heatTcePerGj: number;
  readonly heatCo2PerGj: number;
  readonly excludeFeedstock: boolean;
  readonly nonFossil: boolean;
  /** The year last set by {@link setYear} (NaN before): the carbon market's coverage depends on it. */
  year: number;
  /** The grid's non-fossil share of the year's electricity (0 without a series: factors or scenario). */
  gridNonFossilShare: number;
}

/** Creates the coefficient record for a factors file and accounting switches. */
export function createYearCoefficients(factors: Factors, config: AccountingConfig): YearCoefficients {
  return {
    fossilTcePerUnit: Float64Array.from(FOSSIL_INDEX, (i) => factors.tcePerUnit[i]),
    fossilCo2PerUnit: Float64Array.from(FOSSIL_INDEX, (i) => factors.co2TPerUnit[i]),
    electricityTcePer10kKwh: Number.NaN,
    electricityCalorificTcePer10kKwh: factors.electricityCalorificTcePer10kKwh,
    gridTPer10kKwh: Number.NaN,
    residualGridTPer10kKwh: Number.NaN,
    heatTcePerGj: factors.tcePerUnit[CARRIER_INDEX.heat_gj],
    heatCo2PerGj: factors.co2TPerUnit[CARRIER_INDEX.heat_gj],
    excludeFeedstock: config.excludeFeedstock,
    nonFossil: config.excludeRenewables === 'non_fossil',
    year: Number.NaN,
    gridNonFossilShare: 0,
  };
}

/** Sets the year-dependent coefficients: electricity on the configured basis, the grid factor (10⁴ kWh = 10 MWh). */
export function setYear(k: YearCoefficients, factors: Factors, config: AccountingConfig, year: number, gridTPerMwh?: number): void {
  k.electricityTcePer10kKwh =
    config.electricityBasis === 'calorific'
      ? factors.electricityCalorificTcePer10kKwh
      : valueAt(factors.electricityPrimaryTcePer10kKwh, year);
  k.gridTPer10kKwh = (gridTPerMwh ?? valueAt(factors.gridEmissionFactorTPerMwh, year)) * 10;
  k.residualGridTPer10kKwh = factors.residualGridRatio ? k.gridTPer10kKwh * valueAt(factors.residualGridRatio, year) : Number.NaN;
  k.year = year;
  k.gridNonFossilShare = factors.gridNonFossilShare ? valueAt(factors.gridNonFossilShare, year) : 0;
}

/** Result slots of {@link accountOne} (reused). */
export interface OneAccount {
  grossTce: number;
  dualControlTce: number;
  co2T: number;
  combustionCo2T: number;
  electricityCo2T: number;
  heatCo2T: number;
  /** Direct CO2 emitted (combustion + process − captured), t: scope 1. */
  directCo2T: number;
  /** Direct CO2 captured by CCUS (`captureRate`), t: not emitted. */
  capturedCo2T: number;
}

/** Returns a zeroed result record. */
export function createOneAccount(): OneAccount {
  return { grossTce: 0, dualControlTce: 0, co2T: 0, combustionCo2T: 0, electricityCo2T: 0, heatCo2T: 0, directCo2T: 0, capturedCo2T: 0 };
}

/**
 * Accounts one firm with the year's coefficients (DOMAIN §3–§4), writing into `out`:
 *
 * - gross energy = Σ carriers × standard-coal coefficient (GB/T 2589-2020), electricity on the
 *   calorific (当量值) or primary (等价值) basis;
 * - dual-control energy deducts feedstock (发改环资〔2022〕803号) and, with `non_fossil`, the
 *   firm's renewable electricity (发改环资〔2024〕113号);
 * - CO2 = fossil combustion × (1 − feedstock share of fossil energy) (feedstock carbon stays in
 *   products; the feedstock is assumed to have the firm's average fossil carbon content) +
 *   process CO2 + non-renewable electricity × grid factor + heat × its factor (the firm boundary,
 *   scope 1 + 2). The grid factor is the average one, or the residual mix (DOMAIN §8) for a firm
 *   that holds green electricity when the factors file gives a residual series. A share
 *   `captureRate` of the direct CO2 (combustion + process) is captured (CCUS) and not emitted.
 */
export function accountOne(cols: EnergyColumns, e: number, k: YearCoefficients, out: OneAccount): void {
  firmAccounter(cols)(e, k, out);
}

/**
 * {@link accountOne} bound to one set of columns: `(e, k, out)` accounts firm e; with `grow`
 * (the engine's year pass) each of firm e's energy columns is first multiplied by it and stored.
 */
export type FirmAccounter = (e: number, k: YearCoefficients, out: OneAccount, grow?: number) => void;

/**
 * {@link accountOne} for many firms of the same columns (the engine's year pass, the state's
 * changes, the registry's base year): the column arrays are looked up once here, not for every
 * firm — a third of the cost of accounting a firm. The columns must not be replaced afterwards
 * (the engine's never are).
 *
 * `grow` fuses the year's energy growth into the accounting: every energy column of the firm ×
 * its energy factor, stored, then the grown values accounted — one visit of the firm's columns
 * instead of a pass per column and another to account. Each value is multiplied once, as a pass
 * per column would, so every number is the same to the bit. Without it (or with 1) nothing is written.
 */
export function firmAccounter(cols: EnergyColumns): FirmAccounter {
  const c = cols.carriers;
  // unrolled over FOSSIL_CARRIERS (same order): no allocation per firm
  const c0 = c.coal_t,
    c1 = c.coke_t,
    c2 = c.crude_oil_t,
    c3 = c.fuel_oil_t,
    c4 = c.gasoline_t,
    c5 = c.kerosene_t,
    c6 = c.diesel_t,
    c7 = c.lpg_t,
    c8 = c.refinery_gas_t,
    c9 = c.natural_gas_10k_m3,
    c10 = c.other_tce;
  const electricity = c.electricity_10k_kwh;
  const heatGj = c.heat_gj;
  const { feedstockTce, renewableElectricity10kKwh, processCo2T, captureRate } = cols;
  return (e, k, out, grow = 1) => {
    const t = k.fossilTcePerUnit;
    const f = k.fossilCo2PerUnit;
    let q0 = c0[e],
      q1 = c1[e],
      q2 = c2[e],
      q3 = c3[e],
      q4 = c4[e],
      q5 = c5[e],
      q6 = c6[e],
      q7 = c7[e],
      q8 = c8[e],
      q9 = c9[e],
      q10 = c10[e];
    let feed = feedstockTce[e],
      elec = electricity[e],
      ren = renewableElectricity10kKwh[e],
      heat = heatGj[e],
      processCo2 = processCo2T[e];
    if (grow !== 1) {
      c0[e] = q0 *= grow;
      c1[e] = q1 *= grow;
      c2[e] = q2 *= grow;
      c3[e] = q3 *= grow;
      c4[e] = q4 *= grow;
      c5[e] = q5 *= grow;
      c6[e] = q6 *= grow;
      c7[e] = q7 *= grow;
      c8[e] = q8 *= grow;
      c9[e] = q9 *= grow;
      c10[e] = q10 *= grow;
      feedstockTce[e] = feed *= grow;
      electricity[e] = elec *= grow;
      renewableElectricity10kKwh[e] = ren *= grow;
      heatGj[e] = heat *= grow;
      processCo2T[e] = processCo2 *= grow;
    }
    const fossil =
      q0 * t[0] + q1 * t[1] + q2 * t[2] + q3 * t[3] + q4 * t[4] + q5 * t[5] + q6 * t[6] + q7 * t[7] + q8 * t[8] + q9 * t[9] + q10 * t[10];
    let combustion =
      q0 * f[0] + q1 * f[1] + q2 * f[2] + q3 * f[3] + q4 * f[4] + q5 * f[5] + q6 * f[6] + q7 * f[7] + q8 * f[8] + q9 * f[9] + q10 * f[10];
    if (fossil > 0) combustion *= Math.max(0, 1 - feed / fossil);
    const gross = fossil + elec * k.electricityTcePer10kKwh + heat * k.heatTcePerGj;
    out.grossTce = gross;
    out.dualControlTce = gross - (k.excludeFeedstock ? feed : 0) - (k.nonFossil ? ren * k.electricityTcePer10kKwh : 0);
    out.combustionCo2T = combustion;
    // a firm holding green electricity reports the rest at the residual mix when the factors give one
    const grid = ren > 0 && !Number.isNaN(k.residualGridTPer10kKwh) ? k.residualGridTPer10kKwh : k.gridTPer10kKwh;
    out.electricityCo2T = Math.max(0, elec - ren) * grid;
    out.heatCo2T = heat * k.heatCo2PerGj;
    // CCUS (src/policies/ccus.ts) captures a share of the direct CO2; the captured tonnes leave every total
    const direct = combustion + processCo2;
    const captured = captureRate === undefined ? 0 : direct * captureRate[e];
    out.capturedCo2T = captured;
    out.directCo2T = direct - captured;
    out.co2T = out.directCo2T + out.electricityCo2T + out.heatCo2T;
  };
}
