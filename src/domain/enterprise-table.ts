import type { CarrierId } from './carriers.js';

/** 亩均 grades; 0 means "not graded" (no official grade, or not evaluated). */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
/** Grade code stored in {@link EnterpriseTable.grade}: 0 none, 1 A, 2 B, 3 C, 4 D. */
export const GRADE_NONE = 0;

/** Green-factory levels; the code is the index (0 none … 4 national). */
export const GREEN_FACTORY_LEVELS = ['none', 'district', 'municipal', 'provincial', 'national'] as const;
export type GreenFactoryLevel = (typeof GREEN_FACTORY_LEVELS)[number];

/**
 * The enterprise registry as struct-of-arrays (DESIGN §7): one typed array per quantity, one
 * entry per firm, base-year values. Labels (sector, town, park) are 32-bit codes into a
 * dictionary (one code per distinct label, never wrapping); names and ids stay strings for reports only.
 */
export interface EnterpriseTable {
  readonly n: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Sector code as written in the registry (e.g. "C2614"), for reports. */
  readonly sectorRaw: readonly string[];
  /** Index into {@link sectors} (GB/T 4754 divisions such as "C26"). */
  readonly sector: Uint32Array;
  readonly sectors: readonly string[];
  readonly town: Uint32Array;
  readonly towns: readonly string[];
  readonly park: Uint32Array;
  readonly parks: readonly string[];
  /** 1 = 规上 (above designated size). */
  readonly aboveScale: Uint8Array;
  readonly landMu: Float64Array;
  /** Gross output, 万元. */
  readonly output: Float64Array;
  /** Value added, 万元. */
  readonly valueAdded: Float64Array;
  /** Tax paid, 万元. */
  readonly tax: Float64Array;
  readonly employees: Float64Array;
  /** Main business revenue, 万元 (NaN when not given). */
  readonly revenue: Float64Array;
  /** R&D expense, 万元 (NaN when not given). */
  readonly rdExpense: Float64Array;
  /** Pollutant emissions, t (NaN when not given). */
  readonly pollutantT: Float64Array;
  /** Physical energy use by carrier, in the unit the carrier id names. */
  readonly carriers: Readonly<Record<CarrierId, Float64Array>>;
  readonly feedstockTce: Float64Array;
  /** The renewable part of electricity_10k_kwh. */
  readonly renewableElectricity10kKwh: Float64Array;
  readonly processCo2T: Float64Array;
  /** Commissioning year (0 when not given). */
  readonly yearBuilt: Int16Array;
  readonly villageCluster: Uint8Array;
  readonly lsmp: Uint8Array;
  /** 1 = a national major project whose energy is 单列 (发改环资〔2021〕1310号): reported, outside the district's dual control. */
  readonly nationalMajor: Uint8Array;
  /** Index into {@link GREEN_FACTORY_LEVELS}. */
  readonly greenFactory: Uint8Array;
  /** Official base-year 亩均 grade (0 none, 1 A … 4 D). */
  readonly grade: Uint8Array;
  /** What a firm supplies to others in the district: bit 1 power, bit 2 heat; absent without a `supplies` column (D44 then supplies both). */
  readonly supplies?: Uint8Array;
  /** Net power a supplier delivers, 10⁴ kWh (NaN when not given: estimated from its fuel). */
  readonly powerSupplied10kKwh?: Float64Array;
  /** Heat a supplier delivers, GJ (NaN when not given: estimated from its fuel). */
  readonly heatSuppliedGj?: Float64Array;
  /** The national carbon market (src/accounting/ets.ts): 1 covered, 0 not, −1 blank = by sector and threshold; absent without an `ets` column. */
  readonly ets?: Int8Array;
}
