import type { CarrierId } from '../domain/carriers.js';
import { createOneAccount, createYearCoefficients, firmAccounter, setYear, type OneAccount, type YearCoefficients } from './account-one.js';
import type { CarbonLedger } from './boundary.js';
import type { AccountingConfig } from './config.js';
import type { Factors } from './factors.js';

/** The energy-relevant columns of a firm set (the registry, or the engine's state of a year). */
export interface EnergyColumns {
  readonly n: number;
  readonly carriers: Readonly<Record<CarrierId, Float64Array>>;
  readonly feedstockTce: Float64Array;
  readonly renewableElectricity10kKwh: Float64Array;
  readonly processCo2T: Float64Array;
  /**
   * 1 = a national major project (能耗单列, 发改环资〔2021〕1310号): its energy is summed apart
   * (`nationalMajorTce`), outside the district's dual-control total and intensity; its CO2 counts.
   * Absent = no such firm.
   */
  readonly nationalMajor?: Uint8Array;
  /** Share of the firm's direct CO2 (combustion + process) captured by CCUS, 0–1; absent = none. */
  readonly captureRate?: Float64Array;
  /**
   * First year the national carbon market covers the firm (src/accounting/ets.ts; −∞ always,
   * +∞ never); absent = no firm is covered (`co2_ets_t` = 0).
   */
  readonly etsFromYear?: Float64Array;
}

/** Whether firm e's energy belongs to the district's dual-control total (not a 单列 national major project). */
const inDualControl = (cols: EnergyColumns, e: number): boolean => cols.nationalMajor === undefined || cols.nationalMajor[e] === 0;

/** Per-enterprise results, written into caller-owned arrays (no allocation in the year loop). */
export interface EnterpriseAccounts {
  /** Gross energy on the chosen electricity basis, tce. */
  readonly grossTce: Float64Array;
  /** Energy after the per-firm exclusions (feedstock; all non-fossil), tce. */
  readonly dualControlTce: Float64Array;
  /** Total CO2 (combustion + process + electricity + heat), t. */
  readonly co2T: Float64Array;
  /** Direct CO2 (combustion after feedstock + process − captured), t: scope 1. */
  readonly directCo2T: Float64Array;
  /** Direct CO2 captured by CCUS, t. */
  readonly capturedCo2T: Float64Array;
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
  /** Dual-control-basis energy of national major projects (能耗单列), outside the two above, tce. */
  nationalMajorTce: number;
  /** The district's CO2 on the scenario's boundary (territorial by default, DOMAIN §8), t. */
  co2T: number;
  /** Σ of the firms' own boundaries (scope 1 + 2), for reconciliation, t. */
  firmCo2T: number;
  combustionCo2T: number;
  processCo2T: number;
  electricityCo2T: number;
  heatCo2T: number;
  /** Raw coal of the operating firms, t (`coal_t`). */
  coalT: number;
  /**
   * Σ direct CO2 of the operating firms (scope 1, after capture), t (`co2_direct_t`); the same on
   * both boundaries. `co2T − directCo2T` is the indirect CO2 (`co2_indirect_t`): on the `firm`
   * boundary scope 2 (electricity bought × grid factor, heat bought × heat factor); on the
   * `territorial` one the net imported electricity × grid factor + heat bought from outside the
   * district (negative for a net power exporter: its export is credited at the grid factor).
   */
  directCo2T: number;
  /** Σ CO2 captured by CCUS, t (`co2_captured_t`). */
  capturedCo2T: number;
  /** Σ direct CO2 of the firms the carbon market covers this year, t (`co2_ets_t`). */
  etsCo2T: number;
  /** Non-fossil energy: the firms' renewable electricity + the grid's non-fossil share of the rest, scenario basis, tce (`non_fossil_share` numerator). */
  nonFossilTce: number;
}

/** Allocates the per-enterprise result arrays once for `n` firms. */
export function createEnterpriseAccounts(n: number): EnterpriseAccounts {
  return {
    grossTce: new Float64Array(n),
    dualControlTce: new Float64Array(n),
    co2T: new Float64Array(n),
    directCo2T: new Float64Array(n),
    capturedCo2T: new Float64Array(n),
  };
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
    nationalMajorTce: 0,
    co2T: 0,
    firmCo2T: 0,
    combustionCo2T: 0,
    processCo2T: 0,
    electricityCo2T: 0,
    heatCo2T: 0,
    coalT: 0,
    directCo2T: 0,
    capturedCo2T: 0,
    etsCo2T: 0,
    nonFossilTce: 0,
  };
}

/** Whether the carbon market covers firm e in `year`. */
const inEts = (cols: EnergyColumns, e: number, year: number): boolean => cols.etsFromYear !== undefined && cols.etsFromYear[e] <= year;

/** Non-fossil electricity of a firm, 10⁴ kWh: its own renewable power + the grid's non-fossil share of the rest. */
const nonFossil10kKwh = (renewable10kKwh: number, electricity10kKwh: number, gridShare: number): number =>
  renewable10kKwh + gridShare * Math.max(0, electricity10kKwh - renewable10kKwh);

/**
 * Accounts energy and CO2 for every operating firm in `year` (formulas: {@link accountOne}) and
 * returns the district totals. With `new`, the growth of renewable electricity over
 * `baseRenewable10kKwh` leaves the total and not the intensity (2022-11 notice). Firms with
 * `active[e] === 0` get zeros. `k` is reused across years (its year part is set here).
 */
export function accountEnterprises(
  cols: EnergyColumns,
  factors: Factors,
  config: AccountingConfig,
  year: number,
  baseRenewable10kKwh: number,
  out: EnterpriseAccounts,
  options: { k?: YearCoefficients; one?: OneAccount; active?: Uint8Array; gridTPerMwh?: number; carbon?: CarbonLedger } = {},
): AccountTotals {
  const totals = emptyTotals();
  const k = options.k ?? createYearCoefficients(factors, config);
  const one = options.one ?? createOneAccount();
  setYear(k, factors, config, year, options.gridTPerMwh);
  const active = options.active;
  const accountOne = firmAccounter(cols);
  let renewable10kKwh = 0;
  let nonFossil = 0;
  let heatGj = 0;
  for (let e = 0; e < cols.n; e++) {
    if (active !== undefined && active[e] === 0) {
      out.grossTce[e] = 0;
      out.dualControlTce[e] = 0;
      out.co2T[e] = 0;
      out.directCo2T[e] = 0;
      out.capturedCo2T[e] = 0;
      continue;
    }
    accountOne(e, k, one);
    out.grossTce[e] = one.grossTce;
    out.dualControlTce[e] = one.dualControlTce;
    out.co2T[e] = one.co2T;
    out.directCo2T[e] = one.directCo2T;
    out.capturedCo2T[e] = one.capturedCo2T;
    totals.coalT += cols.carriers.coal_t[e];
    heatGj += cols.carriers.heat_gj[e];
    totals.directCo2T += one.directCo2T;
    totals.capturedCo2T += one.capturedCo2T;
    if (inEts(cols, e, year)) totals.etsCo2T += one.directCo2T;
    nonFossil += nonFossil10kKwh(cols.renewableElectricity10kKwh[e], cols.carriers.electricity_10k_kwh[e], k.gridNonFossilShare);
    totals.grossTce += one.grossTce;
    totals.feedstockTce += cols.feedstockTce[e];
    totals.co2T += one.co2T;
    totals.combustionCo2T += one.combustionCo2T;
    totals.processCo2T += cols.processCo2T[e];
    totals.electricityCo2T += one.electricityCo2T;
    totals.heatCo2T += one.heatCo2T;
    if (inDualControl(cols, e)) {
      totals.intensityEnergyTce += one.dualControlTce;
      renewable10kKwh += cols.renewableElectricity10kKwh[e];
    } else totals.nationalMajorTce += one.dualControlTce;
  }
  totals.renewableTce = renewable10kKwh * k.electricityTcePer10kKwh;
  totals.nonFossilTce = nonFossil * k.electricityTcePer10kKwh;
  if (config.excludeRenewables === 'new') {
    totals.newRenewableDeductionTce = Math.max(0, renewable10kKwh - baseRenewable10kKwh) * k.electricityTcePer10kKwh;
  }
  totals.dualControlTce = totals.intensityEnergyTce - totals.newRenewableDeductionTce;
  totals.firmCo2T = totals.co2T;
  totals.co2T = districtCo2(cols, active, config, k, options.carbon, totals.firmCo2T, heatGj);
  return totals;
}

/**
 * The district total on the scenario's boundary (src/accounting/boundary.ts) from Σ CO2 and Σ heat
 * bought over the operating firms, summed in firm order by the caller's pass; a territorial total
 * needs the ledger.
 */
function districtCo2(
  cols: EnergyColumns,
  active: Uint8Array | undefined,
  config: AccountingConfig,
  k: YearCoefficients,
  carbon: CarbonLedger | undefined,
  firmCo2T: number,
  heatDemandGj: number,
): number {
  if (!carbon) {
    if (config.carbonBoundary !== 'firm')
      throw new Error('a territorial CO2 total needs the carbon ledger (the suppliers of power and heat)');
    return firmCo2T;
  }
  return carbon.districtCo2(carbon.totalsFrom(cols, firmCo2T, heatDemandGj, active, k));
}

/** Sums the renewable electricity of every firm in the dual-control total (the base for the `new` exclusion), 10⁴ kWh. */
export function totalRenewable10kKwh(cols: EnergyColumns): number {
  let s = 0;
  for (let e = 0; e < cols.n; e++) if (inDualControl(cols, e)) s += cols.renewableElectricity10kKwh[e];
  return s;
}

/** The district totals the metrics read. */
export type YearTotals = Pick<
  AccountTotals,
  | 'grossTce'
  | 'feedstockTce'
  | 'renewableTce'
  | 'newRenewableDeductionTce'
  | 'dualControlTce'
  | 'intensityEnergyTce'
  | 'nationalMajorTce'
  | 'co2T'
  | 'firmCo2T'
  | 'coalT'
  | 'directCo2T'
  | 'capturedCo2T'
  | 'etsCo2T'
  | 'nonFossilTce'
>;

/**
 * Sums per-firm accounts that are already up to date (the engine's state after policies, which
 * re-account every firm they change) instead of accounting every firm again. Same totals as
 * {@link accountEnterprises} for the same firms; `k` is that year's coefficients (its `year`
 * decides the carbon market's coverage, its grid share the non-fossil energy).
 */
export function sumAccounts(
  cols: EnergyColumns,
  accounts: EnterpriseAccounts,
  active: Uint8Array,
  config: AccountingConfig,
  k: YearCoefficients,
  baseRenewable10kKwh: number,
  carbon?: CarbonLedger,
): YearTotals {
  const electricityTcePer10kKwh = k.electricityTcePer10kKwh;
  let gross = 0;
  let dual = 0;
  let co2 = 0;
  let feed = 0;
  let major = 0;
  let renewable10kKwh = 0;
  let coal = 0;
  let direct = 0;
  let captured = 0;
  let ets = 0;
  let nonFossil = 0;
  let heatGj = 0;
  const year = k.year;
  const gridShare = k.gridNonFossilShare;
  // the columns in locals (the checks of inEts and inDualControl hoisted): same sums, same order
  const { grossTce, co2T, directCo2T, capturedCo2T, dualControlTce } = accounts;
  const { feedstockTce, renewableElectricity10kKwh, etsFromYear, nationalMajor } = cols;
  const { coal_t: coalT, heat_gj: heat, electricity_10k_kwh: electricity } = cols.carriers;
  for (let e = 0; e < cols.n; e++) {
    if (active[e] === 0) continue;
    gross += grossTce[e];
    co2 += co2T[e];
    coal += coalT[e];
    heatGj += heat[e];
    direct += directCo2T[e];
    captured += capturedCo2T[e];
    if (etsFromYear !== undefined && etsFromYear[e] <= year) ets += directCo2T[e];
    const ren = renewableElectricity10kKwh[e];
    nonFossil += nonFossil10kKwh(ren, electricity[e], gridShare);
    feed += feedstockTce[e];
    if (nationalMajor === undefined || nationalMajor[e] === 0) {
      dual += dualControlTce[e];
      renewable10kKwh += ren;
    } else major += dualControlTce[e];
  }
  const deduction = config.excludeRenewables === 'new' ? Math.max(0, renewable10kKwh - baseRenewable10kKwh) * electricityTcePer10kKwh : 0;
  return {
    grossTce: gross,
    feedstockTce: feed,
    renewableTce: renewable10kKwh * electricityTcePer10kKwh,
    newRenewableDeductionTce: deduction,
    dualControlTce: dual - deduction,
    intensityEnergyTce: dual,
    nationalMajorTce: major,
    co2T: districtCo2(cols, active, config, k, carbon, co2, heatGj),
    firmCo2T: co2,
    coalT: coal,
    directCo2T: direct,
    capturedCo2T: captured,
    etsCo2T: ets,
    nonFossilTce: nonFossil * electricityTcePer10kKwh,
  };
}
