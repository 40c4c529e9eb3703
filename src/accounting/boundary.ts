import { FOSSIL_CARRIERS, CARRIER_INDEX } from '../domain/carriers.js';
import { valueAt } from '../domain/year-series.js';
import type { EnergyColumns } from './account.js';
import type { YearCoefficients } from './account-one.js';
import type { Factors } from './factors.js';

/**
 * The district's carbon boundary (DOMAIN §8 "Accounting boundaries"):
 *
 * - `firm` (scope 1 + 2): Σ over firms of own combustion and process CO2 + purchased electricity ×
 *   grid factor + purchased heat × heat factor. Right for firm rankings and 碳效; it counts a
 *   local power or CHP plant's fuel and again the power and heat its neighbours buy from it.
 * - `territorial` (regional inventory): local combustion and process CO2 + NET imported electricity
 *   × grid factor + heat bought from outside the district × heat factor. Heat produced locally
 *   is counted once, at the producer.
 *
 * With P the power local suppliers deliver, Hs the heat they deliver and Hc the heat all firms
 * buy, territorial = Σ firm boundaries − P × average grid factor − min(Hc, Hs) × heat factor:
 * local generation displaces imports at the average factor (a net exporter is credited the
 * export at the same factor, as the provincial inventory guidelines do for 调出电量); heat
 * beyond local supply is bought from outside, heat supplied beyond local purchases earns no credit.
 */
export type CarbonBoundary = 'territorial' | 'firm';

/** Bits of a firm's `supplies` code. */
export const SUPPLIES_POWER = 1;
export const SUPPLIES_HEAT = 2;

/** Division whose firms supply power and heat when the registry has no `supplies` column. */
export const DEFAULT_SUPPLIER_DIVISION = 'D44';

/**
 * Supply per tonne of standard coal of fuel when the registry gives no supplied amounts [R]:
 * a combined heat-and-power plant turns ≈ 25 % of its fuel into net electricity and ≈ 45 % into
 * delivered heat (total ≈ 70 %; 热电联产管理办法 发改能源〔2016〕617号 asks ≥ 45 % total
 * efficiency, coal CHP units run 55–80 %); a heat-only boiler delivers ≈ 85 % (industrial coal/gas
 * boilers 80–90 %). A power-only plant supplies 1 ÷ (the factors file's supply coal rate 等价值)
 * per tce, i.e. ≈ 0.327 × 10⁴ kWh per tce at 305.5 gce/kWh (2020).
 */
export const SUPPLY_EFFICIENCY = { chpPower: 0.25, chpHeat: 0.45, heatOnly: 0.85 } as const;
/** GJ per tce (GB/T 2589-2020: 1 kgce = 29.3076 MJ) [V]. */
export const GJ_PER_TCE = 29.3076;
/** GJ per 10⁴ kWh (3.6 MJ/kWh) [V]. */
export const GJ_PER_10K_KWH = 36;

/** The registry's supply columns (DESIGN §2). */
export interface SupplyColumns {
  readonly n: number;
  readonly sector: Uint32Array;
  readonly sectors: readonly string[];
  /** {@link SUPPLIES_POWER} | {@link SUPPLIES_HEAT}; undefined when the registry has no `supplies` column. */
  readonly supplies?: Uint8Array;
  /** Net power delivered, 10⁴ kWh (NaN when not given). */
  readonly powerSupplied10kKwh?: Float64Array;
  /** Heat delivered, GJ (NaN when not given). */
  readonly heatSuppliedGj?: Float64Array;
}

/**
 * Each supplier's base-year delivery and fuel: in any later year a supplier delivers its base
 * amount × (its fuel this year ÷ its base fuel), so growth, savings and exit move its supply
 * with its fuel; a supplier without fuel (a solar or waste-heat plant) keeps its base amount.
 */
export interface SupplyBase {
  /** Indices of supplying firms. */
  readonly firms: Int32Array;
  readonly power10kKwh: Float64Array;
  readonly heatGj: Float64Array;
  readonly fuelTce: Float64Array;
}

/** The fossil carriers' columns of a firm set, in FOSSIL_CARRIERS order. */
const fossilColumns = (cols: EnergyColumns): Float64Array[] => FOSSIL_CARRIERS.map((c) => cols.carriers[c]);

/** Combustion fuel of firm e (fossil energy less feedstock), tce, from the fossil columns ({@link fossilColumns}) and per-carrier coefficients. */
function fuelTce(fossilCols: readonly Float64Array[], feedstockTce: Float64Array, e: number, tcePerUnit: ArrayLike<number>): number {
  let fossil = 0;
  for (let i = 0; i < fossilCols.length; i++) fossil += fossilCols[i][e] * tcePerUnit[i];
  return Math.max(0, fossil - feedstockTce[e]);
}

/** Reads the supply code of each firm: the `supplies` column, or D44 = power and heat without it. */
export function supplyCodes(t: SupplyColumns): Uint8Array {
  if (t.supplies) return t.supplies;
  const out = new Uint8Array(t.n);
  for (let e = 0; e < t.n; e++) if (t.sectors[t.sector[e]] === DEFAULT_SUPPLIER_DIVISION) out[e] = SUPPLIES_POWER | SUPPLIES_HEAT;
  return out;
}

/**
 * The base-year supply of every supplier: the registry's `power_supplied_10k_kwh` /
 * `heat_supplied_gj` where given, else estimated from its fuel with {@link SUPPLY_EFFICIENCY}.
 */
export function supplyBase(t: SupplyColumns, energy: EnergyColumns, factors: Factors, baseYear: number): SupplyBase {
  const codes = supplyCodes(t);
  const firms: number[] = [];
  for (let e = 0; e < t.n; e++) if (codes[e] !== 0) firms.push(e);
  const m = firms.length;
  const out: SupplyBase = {
    firms: Int32Array.from(firms),
    power10kKwh: new Float64Array(m),
    heatGj: new Float64Array(m),
    fuelTce: new Float64Array(m),
  };
  const tce = FOSSIL_CARRIERS.map((c) => factors.tcePerUnit[CARRIER_INDEX[c]]);
  const fossil = fossilColumns(energy);
  const powerOnlyPerTce = 1 / (valueAt(factors.electricityPrimaryTcePer10kKwh, baseYear) || Number.NaN);
  for (let j = 0; j < m; j++) {
    const e = firms[j];
    const code = codes[e];
    const fuel = fuelTce(fossil, energy.feedstockTce, e, tce);
    const both = code === (SUPPLIES_POWER | SUPPLIES_HEAT);
    const givenPower = t.powerSupplied10kKwh?.[e] ?? Number.NaN;
    const givenHeat = t.heatSuppliedGj?.[e] ?? Number.NaN;
    out.fuelTce[j] = fuel;
    if (code & SUPPLIES_POWER) {
      out.power10kKwh[j] = Number.isNaN(givenPower)
        ? both
          ? (fuel * SUPPLY_EFFICIENCY.chpPower * GJ_PER_TCE) / GJ_PER_10K_KWH
          : fuel * powerOnlyPerTce
        : givenPower;
    }
    if (code & SUPPLIES_HEAT) {
      out.heatGj[j] = Number.isNaN(givenHeat)
        ? fuel * (both ? SUPPLY_EFFICIENCY.chpHeat : SUPPLY_EFFICIENCY.heatOnly) * GJ_PER_TCE
        : givenHeat;
    }
  }
  return out;
}

/** The district's carbon totals of one year. */
export interface BoundaryTotals {
  /** Σ firm boundaries (scope 1 + 2), t. */
  firmCo2T: number;
  /** The territorial total, t. */
  territorialCo2T: number;
  /** Power delivered by local suppliers, 10⁴ kWh. */
  localPower10kKwh: number;
  /** Heat delivered by local suppliers, GJ. */
  localHeatGj: number;
  /** Heat bought by every firm, GJ. */
  heatDemandGj: number;
}

/**
 * Keeps the district's supply and heat balance through a year so that every change at a firm
 * is valued as the change it makes to the district total of the chosen boundary (the flows of
 * `co2_reduction_t`). The convention is marginal and sequential: a change is valued against the
 * district as it stands when the change is made (other firms' changes of the year before it
 * included), so the flows of a year add up exactly to the fall of the district total caused by
 * them. Concretely, under `territorial`:
 *
 * - a consumer that exits or saves cuts its own combustion and process CO2, its electricity ×
 *   grid factor (imports fall), and its purchased heat × heat factor only as far as heat bought
 *   from outside falls (heat from a local supplier adds nothing at the consumer; the supplier's
 *   fuel is what it is — suppliers do not follow demand in this model);
 * - a supplier that exits or saves cuts its fuel's CO2 but the district then imports the power
 *   (× grid factor) and the heat (× heat factor, as far as local purchases exceed the remaining
 *   local supply) it no longer delivers: closing a coal CHP cuts the district total only by its
 *   emissions above the grid's.
 *
 * Under `firm` a change is the change of the firm's own boundary, as before.
 */
export class CarbonLedger {
  /** The totals last computed by {@link totals} (reused). */
  readonly last: BoundaryTotals = { firmCo2T: 0, territorialCo2T: 0, localPower10kKwh: 0, localHeatGj: 0, heatDemandGj: 0 };
  private heatDemandGj = 0;
  private localHeatGj = 0;
  private readonly supplierSlot: Int32Array;
  private readonly tce: Float64Array;
  private gridTPer10kKwh = 0;
  private heatTPerGj = 0;
  private beforePower = 0;
  private beforeHeatSupply = 0;
  private beforeHeatDemand = 0;

  constructor(
    readonly boundary: CarbonBoundary,
    private readonly supply: SupplyBase,
    capacity: number,
    factors: Factors,
  ) {
    this.supplierSlot = new Int32Array(capacity).fill(-1);
    supply.firms.forEach((e, j) => (this.supplierSlot[e] = j));
    this.tce = Float64Array.from(FOSSIL_CARRIERS, (c) => factors.tcePerUnit[CARRIER_INDEX[c]]);
  }

  /** The fossil carriers' columns of the last `cols` seen, in FOSSIL_CARRIERS order (looked up once, not per supplier and carrier). */
  private fossilOf: EnergyColumns | undefined;
  private fossilColumns: Float64Array[] = [];

  /** A supplier's fuel now, tce ({@link fuelTce}; the columns looked up once per firm set). */
  private fuelNow(cols: EnergyColumns, e: number): number {
    if (cols !== this.fossilOf) {
      this.fossilOf = cols;
      this.fossilColumns = fossilColumns(cols);
    }
    return fuelTce(this.fossilColumns, cols.feedstockTce, e, this.tce);
  }

  /** Power and heat firm e delivers now (0 when not operating or not a supplier). */
  private delivered(cols: EnergyColumns, e: number, active: Uint8Array | undefined, heat: boolean): number {
    const j = this.supplierSlot[e];
    if (j < 0 || (active !== undefined && active[e] === 0)) return 0;
    const s = this.supply;
    const base = heat ? s.heatGj[j] : s.power10kKwh[j];
    if (base === 0) return 0;
    const f0 = s.fuelTce[j];
    return f0 > 0 ? (base * this.fuelNow(cols, e)) / f0 : base;
  }

  /**
   * Computes the district totals from firm boundaries already accounted (`co2T`) into
   * {@link last} and restarts the year's balance from them; `k` holds the year's factors.
   */
  totals(cols: EnergyColumns, co2T: Float64Array, active: Uint8Array | undefined, k: YearCoefficients): BoundaryTotals {
    let firm = 0;
    let demand = 0;
    const heat = cols.carriers.heat_gj;
    for (let e = 0; e < cols.n; e++) {
      if (active !== undefined && active[e] === 0) continue;
      firm += co2T[e];
      demand += heat[e];
    }
    return this.totalsFrom(cols, firm, demand, active, k);
  }

  /**
   * {@link totals} with Σ co2T and Σ heat bought over the operating firms already summed, in firm
   * order, by the caller's own pass over the firms (the same sums to the bit, one pass fewer).
   */
  totalsFrom(
    cols: EnergyColumns,
    firmCo2T: number,
    heatDemandGj: number,
    active: Uint8Array | undefined,
    k: YearCoefficients,
  ): BoundaryTotals {
    const out = this.last;
    this.gridTPer10kKwh = k.gridTPer10kKwh;
    this.heatTPerGj = k.heatCo2PerGj;
    let power = 0;
    let supplied = 0;
    const firms = this.supply.firms;
    for (let j = 0; j < firms.length; j++) {
      power += this.delivered(cols, firms[j], active, false);
      supplied += this.delivered(cols, firms[j], active, true);
    }
    this.heatDemandGj = heatDemandGj;
    this.localHeatGj = supplied;
    out.firmCo2T = firmCo2T;
    out.localPower10kKwh = power;
    out.localHeatGj = supplied;
    out.heatDemandGj = heatDemandGj;
    out.territorialCo2T = firmCo2T - power * k.gridTPer10kKwh - Math.min(heatDemandGj, supplied) * k.heatCo2PerGj;
    return out;
  }

  /** The district total of the chosen boundary. */
  districtCo2(t: BoundaryTotals): number {
    return this.boundary === 'territorial' ? t.territorialCo2T : t.firmCo2T;
  }

  /** Notes firm e's supply and heat purchase before a change (call {@link reduction} after it). */
  before(cols: EnergyColumns, e: number, active: Uint8Array): void {
    this.beforePower = this.delivered(cols, e, active, false);
    this.beforeHeatSupply = this.delivered(cols, e, active, true);
    this.beforeHeatDemand = active[e] === 0 ? 0 : cols.carriers.heat_gj[e];
  }

  /**
   * Returns the fall of the district total that the change at firm e made, given the fall of its
   * firm boundary, and carries the district's heat balance forward.
   */
  reduction(cols: EnergyColumns, e: number, active: Uint8Array, firmReductionT: number): number {
    const power = this.delivered(cols, e, active, false);
    const heatSupply = this.delivered(cols, e, active, true);
    const heatDemand = active[e] === 0 ? 0 : cols.carriers.heat_gj[e];
    const demand0 = this.heatDemandGj;
    const supply0 = this.localHeatGj;
    const demand1 = demand0 - this.beforeHeatDemand + heatDemand;
    const supply1 = supply0 - this.beforeHeatSupply + heatSupply;
    this.heatDemandGj = demand1;
    this.localHeatGj = supply1;
    if (this.boundary === 'firm') return firmReductionT;
    return (
      firmReductionT -
      (this.beforePower - power) * this.gridTPer10kKwh -
      (Math.min(demand0, supply0) - Math.min(demand1, supply1)) * this.heatTPerGj
    );
  }
}
