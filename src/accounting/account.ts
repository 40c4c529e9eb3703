import { CARRIERS, CARRIER_INDEX, FOSSIL_CARRIERS, type CarrierId } from '../domain/carriers.js';
import { valueAt } from '../domain/year-series.js';
import type { AccountingConfig } from './config.js';
import type { Factors } from './factors.js';

/** The energy-relevant columns of a firm set (the registry, or the engine's state of a year). */
export interface EnergyColumns {
  readonly n: number;
  readonly carriers: Readonly<Record<CarrierId, Float64Array>>;
  readonly feedstockTce: Float64Array;
  readonly renewableElectricity10kKwh: Float64Array;
  readonly processCo2T: Float64Array;
}

/** Per-enterprise results, written into caller-owned arrays (no allocation in the year loop). */
export interface EnterpriseAccounts {
  /** Gross energy on the chosen electricity basis, tce. */
  readonly grossTce: Float64Array;
  /** Energy after the per-firm exclusions (feedstock; all non-fossil), tce. */
  readonly dualControlTce: Float64Array;
  /** Total CO2 (combustion + process + electricity + heat), t. */
  readonly co2T: Float64Array;
}

/** District totals of one year. */
export interface AccountTotals {
  grossTce: number;
  feedstockTce: number;
  /** Renewable electricity converted on the chosen basis, tce. */
  renewableTce: number;
  /** Growth of renewable electricity over the base year deducted from the total (`new` only), tce. */
  newRenewableDeductionTce: number;
  /** The dual-control total after every exclusion, tce. */
  dualControlTce: number;
  /** Energy for the intensity indicator: new renewables are not deducted from intensity, tce. */
  intensityEnergyTce: number;
  co2T: number;
  combustionCo2T: number;
  processCo2T: number;
  electricityCo2T: number;
  heatCo2T: number;
}

/** Allocates the per-enterprise result arrays once for `n` firms. */
export function createEnterpriseAccounts(n: number): EnterpriseAccounts {
  return { grossTce: new Float64Array(n), dualControlTce: new Float64Array(n), co2T: new Float64Array(n) };
}

/** Returns a zeroed totals record. */
export function emptyTotals(): AccountTotals {
  return {
    grossTce: 0,
    feedstockTce: 0,
    renewableTce: 0,
    newRenewableDeductionTce: 0,
    dualControlTce: 0,
    intensityEnergyTce: 0,
    co2T: 0,
    combustionCo2T: 0,
    processCo2T: 0,
    electricityCo2T: 0,
    heatCo2T: 0,
  };
}

/** Returns the tce per 10⁴ kWh of electricity on the configured basis in `year`. */
export function electricityTcePer10kKwh(factors: Factors, config: AccountingConfig, year: number): number {
  return config.electricityBasis === 'calorific'
    ? factors.electricityCalorificTcePer10kKwh
    : valueAt(factors.electricityPrimaryTcePer10kKwh, year);
}

const FOSSIL_INDEX = FOSSIL_CARRIERS.map((c) => CARRIER_INDEX[c]);

/**
 * Accounts energy and CO2 for every firm in `year` (DOMAIN §3–§4) and returns the totals.
 *
 * - Gross energy = Σ carriers × standard-coal coefficient (GB/T 2589-2020), electricity on the
 *   calorific (当量值) or primary (等价值) basis.
 * - Dual-control energy deducts feedstock (发改环资〔2022〕803号) and, with `non_fossil`, all
 *   renewable electricity (发改环资〔2024〕113号) per firm; with `new`, only the district's
 *   growth of renewable electricity over `baseRenewable10kKwh`, from the total and not from
 *   intensity (2022-11 notice).
 * - CO2 = fossil combustion × (1 − feedstock share of fossil energy) (feedstock carbon stays in
 *   products; the feedstock is assumed to have the firm's average fossil carbon content)
 *   + process CO2 + non-renewable electricity × grid factor of `year` + heat × its factor.
 */
export function accountEnterprises(
  cols: EnergyColumns,
  factors: Factors,
  config: AccountingConfig,
  year: number,
  baseRenewable10kKwh: number,
  out: EnterpriseAccounts,
): AccountTotals {
  const totals = emptyTotals();
  const elecTce = electricityTcePer10kKwh(factors, config, year);
  const gridTPer10kKwh = valueAt(factors.gridEmissionFactorTPerMwh, year) * 10; // 10⁴ kWh = 10 MWh
  const heatTce = factors.tcePerUnit[CARRIER_INDEX.heat_gj];
  const heatCo2 = factors.co2TPerUnit[CARRIER_INDEX.heat_gj];
  const fossilArrays = FOSSIL_INDEX.map((i) => cols.carriers[CARRIERS[i]]);
  const fossilTce = FOSSIL_INDEX.map((i) => factors.tcePerUnit[i]);
  const fossilCo2 = FOSSIL_INDEX.map((i) => factors.co2TPerUnit[i]);
  const elec = cols.carriers.electricity_10k_kwh;
  const heat = cols.carriers.heat_gj;
  const nonFossil = config.excludeRenewables === 'non_fossil';
  let renewable10kKwh = 0;

  for (let e = 0; e < cols.n; e++) {
    let fossil = 0;
    let combustion = 0;
    for (let k = 0; k < fossilArrays.length; k++) {
      const q = fossilArrays[k][e];
      fossil += q * fossilTce[k];
      combustion += q * fossilCo2[k];
    }
    const feed = cols.feedstockTce[e];
    const fuelShare = fossil > 0 ? Math.max(0, 1 - feed / fossil) : 1;
    combustion *= fuelShare;
    const renewable = cols.renewableElectricity10kKwh[e];
    const gross = fossil + elec[e] * elecTce + heat[e] * heatTce;
    const dual = gross - (config.excludeFeedstock ? feed : 0) - (nonFossil ? renewable * elecTce : 0);
    const elecCo2 = Math.max(0, elec[e] - renewable) * gridTPer10kKwh;
    const heatCo2e = heat[e] * heatCo2;
    const process = cols.processCo2T[e];
    const co2 = combustion + process + elecCo2 + heatCo2e;

    out.grossTce[e] = gross;
    out.dualControlTce[e] = dual;
    out.co2T[e] = co2;
    totals.grossTce += gross;
    totals.feedstockTce += feed;
    totals.intensityEnergyTce += dual;
    totals.co2T += co2;
    totals.combustionCo2T += combustion;
    totals.processCo2T += process;
    totals.electricityCo2T += elecCo2;
    totals.heatCo2T += heatCo2e;
    renewable10kKwh += renewable;
  }
  totals.renewableTce = renewable10kKwh * elecTce;
  if (config.excludeRenewables === 'new') {
    totals.newRenewableDeductionTce = Math.max(0, renewable10kKwh - baseRenewable10kKwh) * elecTce;
  }
  totals.dualControlTce = totals.intensityEnergyTce - totals.newRenewableDeductionTce;
  return totals;
}

/** Sums the renewable electricity of every firm (the base for the `new` exclusion), 10⁴ kWh. */
export function totalRenewable10kKwh(cols: EnergyColumns): number {
  let s = 0;
  for (let e = 0; e < cols.n; e++) s += cols.renewableElectricity10kKwh[e];
  return s;
}
