import { CARRIER_INDEX, FOSSIL_CARRIERS } from '../domain/carriers.js';
import { valueAt } from '../domain/year-series.js';
import type { EnergyColumns, EnterpriseAccounts } from './account.js';
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

/** {@link accountOne} bound to one set of columns: `(e, k, out)` accounts firm e. */
export type FirmAccounter = (e: number, k: YearCoefficients, out: OneAccount) => void;

/**
 * {@link accountOne} for many firms of the same columns (the state's changes, the registry's base
 * year): the column arrays are looked up once here, not for every firm — a third of the cost of
 * accounting a firm. The columns must not be replaced afterwards (the engine's never are).
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
  return (e, k, out) => {
    const t = k.fossilTcePerUnit;
    const f = k.fossilCo2PerUnit;
    const q0 = c0[e],
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
    const feed = feedstockTce[e],
      elec = electricity[e],
      ren = renewableElectricity10kKwh[e],
      heat = heatGj[e];
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
    const direct = combustion + processCo2T[e];
    const captured = captureRate === undefined ? 0 : direct * captureRate[e];
    out.capturedCo2T = captured;
    out.directCo2T = direct - captured;
    out.co2T = out.directCo2T + out.electricityCo2T + out.heatCo2T;
  };
}

/** Σ over the operating firms of one {@link YearAccounter} pass, in firm order. */
export interface YearPassSums {
  /** Σ CO2 at the firm boundary, t. */
  firmCo2T: number;
  /** Σ heat bought, GJ. */
  heatDemandGj: number;
}

/**
 * The engine's year pass over firms `0 … n)` (src/engine/dynamics.ts): each operating firm's
 * energy columns × its energy factor `grow[e]` are stored, then accounted as {@link firmAccounter}
 * accounts them, into `out`'s columns (zeros for a firm not operating); Σ CO2 and Σ heat go to `sums`.
 */
export type YearAccounter = (k: YearCoefficients, active: Uint8Array, grow: Float64Array, n: number, sums: YearPassSums) => void;

/**
 * {@link YearAccounter} bound to one set of columns and results. It writes {@link firmAccounter}'s
 * arithmetic out again, in the same order of operations, so every number is the same to the bit
 * (tests/accounting/year-pass.test.ts compares the two): a call of the per-firm function for every
 * firm, its coefficients read from `k` and its results through a record each time, made the
 * engine's draws ~9 % slower (V8 does not inline it). Each value is multiplied once by its factor,
 * as a pass per column would, and a firm whose factor is 1 is left as it is.
 */
export function yearAccounter(cols: EnergyColumns, out: EnterpriseAccounts): YearAccounter {
  const c = cols.carriers;
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
  const { grossTce, dualControlTce, co2T, directCo2T, capturedCo2T } = out;
  return (k, active, grow, n, sums) => {
    // the year's coefficients in locals, read once per pass
    const t = k.fossilTcePerUnit;
    const f = k.fossilCo2PerUnit;
    const t0 = t[0],
      t1 = t[1],
      t2 = t[2],
      t3 = t[3],
      t4 = t[4],
      t5 = t[5],
      t6 = t[6],
      t7 = t[7],
      t8 = t[8],
      t9 = t[9],
      t10 = t[10];
    const f0 = f[0],
      f1 = f[1],
      f2 = f[2],
      f3 = f[3],
      f4 = f[4],
      f5 = f[5],
      f6 = f[6],
      f7 = f[7],
      f8 = f[8],
      f9 = f[9],
      f10 = f[10];
    const electricityTce = k.electricityTcePer10kKwh;
    const heatTce = k.heatTcePerGj;
    const heatCo2 = k.heatCo2PerGj;
    const { excludeFeedstock, nonFossil } = k;
    const residual = k.residualGridTPer10kKwh;
    const hasResidual = !Number.isNaN(residual);
    const average = k.gridTPer10kKwh;
    let firmCo2T = 0;
    let heatDemandGj = 0;
    for (let e = 0; e < n; e++) {
      if (active[e] === 0) {
        grossTce[e] = 0;
        dualControlTce[e] = 0;
        co2T[e] = 0;
        directCo2T[e] = 0;
        capturedCo2T[e] = 0;
        continue;
      }
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
      const g = grow[e];
      if (g !== 1) {
        c0[e] = q0 *= g;
        c1[e] = q1 *= g;
        c2[e] = q2 *= g;
        c3[e] = q3 *= g;
        c4[e] = q4 *= g;
        c5[e] = q5 *= g;
        c6[e] = q6 *= g;
        c7[e] = q7 *= g;
        c8[e] = q8 *= g;
        c9[e] = q9 *= g;
        c10[e] = q10 *= g;
        feedstockTce[e] = feed *= g;
        electricity[e] = elec *= g;
        renewableElectricity10kKwh[e] = ren *= g;
        heatGj[e] = heat *= g;
        processCo2T[e] = processCo2 *= g;
      }
      const fossil = q0 * t0 + q1 * t1 + q2 * t2 + q3 * t3 + q4 * t4 + q5 * t5 + q6 * t6 + q7 * t7 + q8 * t8 + q9 * t9 + q10 * t10;
      let combustion = q0 * f0 + q1 * f1 + q2 * f2 + q3 * f3 + q4 * f4 + q5 * f5 + q6 * f6 + q7 * f7 + q8 * f8 + q9 * f9 + q10 * f10;
      if (fossil > 0) combustion *= Math.max(0, 1 - feed / fossil);
      const gross = fossil + elec * electricityTce + heat * heatTce;
      grossTce[e] = gross;
      dualControlTce[e] = gross - (excludeFeedstock ? feed : 0) - (nonFossil ? ren * electricityTce : 0);
      const grid = ren > 0 && hasResidual ? residual : average;
      const direct = combustion + processCo2;
      const captured = captureRate === undefined ? 0 : direct * captureRate[e];
      capturedCo2T[e] = captured;
      const directNet = direct - captured;
      directCo2T[e] = directNet;
      const co2 = directNet + Math.max(0, elec - ren) * grid + heat * heatCo2;
      co2T[e] = co2;
      firmCo2T += co2;
      heatDemandGj += heat;
    }
    sums.firmCo2T = firmCo2T;
    sums.heatDemandGj = heatDemandGj;
  };
}
