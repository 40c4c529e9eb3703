import { ImpossibleValue } from '../domain/impossible-value.js';
import { msg } from '../messages/messages.js';

/**
 * The economic columns of the firms (struct of arrays, one slot per firm or project): money at
 * current prices (万元), and value added also at constant base-year prices.
 *
 * Conventions (README "Modelling conventions — value added and prices"):
 * - `valueAddedConstant` is real VA at base-year prices; `valueAdded`, `output`, `tax`, `revenue`
 *   and `rdExpense` are at current prices. In the base year both VA columns are equal.
 * - A firm's VA rate (VA ÷ output) and tax rate (tax ÷ VA) are its own, carried by the ratio of
 *   its columns; background paths and policies change them, nothing else does.
 * - Revenue follows output (revenue ÷ output fixed per firm); R&D follows revenue (R&D ÷ revenue
 *   fixed per firm), so the 亩均 R&D indicator does not move with prices or margins.
 */
export interface EconomicState {
  readonly ids: readonly string[];
  readonly sector: Uint32Array;
  readonly valueAdded: Float64Array;
  readonly valueAddedConstant: Float64Array;
  readonly output: Float64Array;
  readonly tax: Float64Array;
  readonly revenue: Float64Array;
  readonly rdExpense: Float64Array;
  /** This year's price index (deflator) of each sector code; 1 in the base year. */
  readonly priceIndex: Float64Array;
  /** The simulated year (for messages). */
  readonly year: number;
}

/** One year's background change of a firm's economics (each a fraction a year). */
export interface EconomicGrowth {
  /** Real VA growth, at constant prices (growth.value_added). */
  readonly realGrowth: number;
  /** Price change of the sector this year (growth.price): the deflator rises by this share. */
  readonly priceChange: number;
  /** Relative change of the VA rate (growth.value_added_rate): VA ÷ output × (1 + this). */
  readonly valueAddedRateChange: number;
  /** Relative change of the tax rate (growth.tax_rate): tax ÷ VA × (1 + this). */
  readonly taxRateChange: number;
}

/** What one year's background change multiplies a firm's money columns by ({@link growthFactors}). */
export interface GrowthFactors {
  /** VA at constant prices: 1 + g. */
  real: number;
  /** VA at current prices: (1 + g)(1 + p). */
  nominal: number;
  /** Output, revenue and R&D: (1 + g)(1 + p) ÷ (1 + δ). */
  output: number;
  /** Tax: (1 + g)(1 + p)(1 + τ). */
  tax: number;
  /** δ > 0: the VA rate rises, so VA ≤ output is checked. */
  rateRises: boolean;
}

/** A record for {@link growthFactors} (reused). */
export function createGrowthFactors(): GrowthFactors {
  return { real: 1, nominal: 1, output: 1, tax: 1, rateRises: false };
}

/**
 * One year of background dynamics as factors (computed once per sector when every firm of a
 * sector grows alike): real VA × (1 + g); VA at current prices × (1 + g)(1 + p); output ×
 * (1 + g)(1 + p) ÷ (1 + δ) so the VA rate moves by (1 + δ); tax × (1 + g)(1 + p)(1 + τ) so
 * tax ÷ VA moves by (1 + τ); revenue and R&D follow output. With p = δ = τ = 0 every column
 * grows by 1 + g, as before prices and rate paths existed.
 */
export function growthFactors(x: EconomicGrowth, out: GrowthFactors): void {
  const real = 1 + x.realGrowth;
  const nominal = real * (1 + x.priceChange);
  out.real = real;
  out.nominal = nominal;
  out.output = nominal / (1 + x.valueAddedRateChange);
  out.tax = nominal * (1 + x.taxRateChange);
  out.rateRises = x.valueAddedRateChange > 0;
}

/** Advances a firm by one year of background dynamics ({@link growthFactors}). */
export function advanceFirm(s: EconomicState, e: number, f: GrowthFactors): void {
  s.valueAddedConstant[e] *= f.real;
  s.valueAdded[e] *= f.nominal;
  s.tax[e] *= f.tax;
  s.output[e] *= f.output;
  s.revenue[e] *= f.output;
  s.rdExpense[e] *= f.output;
  if (f.rateRises) checkRate(s, e);
}

/** Raises a firm's VA and its output together by a share (an upgrade that grows the firm): every money column × (1 + share). */
export function growValueAdded(s: EconomicState, e: number, share: number): void {
  const g = 1 + share;
  s.valueAdded[e] *= g;
  s.valueAddedConstant[e] *= g;
  s.output[e] *= g;
  s.tax[e] *= g;
  s.revenue[e] *= g;
  s.rdExpense[e] *= g;
}

/**
 * Raises a firm's VA rate by a share without raising its output (an upgrade or retrofit that
 * adds value to the same output): VA (current and constant prices) × (1 + gain) and tax with it
 * (tax follows VA); output, revenue and R&D unchanged. A VA above output stops the run.
 */
export function raiseValueAddedRate(s: EconomicState, e: number, gain: number): void {
  const g = 1 + gain;
  s.valueAdded[e] *= g;
  s.valueAddedConstant[e] *= g;
  s.tax[e] *= g;
  if (gain > 0) checkRate(s, e);
}

/**
 * Brings a project to current prices when it starts: its pipeline or generated money values are
 * read at base-year prices, as the registry's (the pipeline is planned in the base year), so its
 * VA at constant prices is the value as written and every money column × its sector's price index.
 */
export function startFirm(s: EconomicState, e: number): void {
  const p = s.priceIndex[s.sector[e]];
  s.valueAddedConstant[e] = s.valueAdded[e];
  s.valueAdded[e] *= p;
  s.output[e] *= p;
  s.tax[e] *= p;
  s.revenue[e] *= p;
  s.rdExpense[e] *= p;
}

/** A firm whose VA exceeds its output cannot be right: the run stops with the firm, year and rate. */
function checkRate(s: EconomicState, e: number): void {
  const va = s.valueAdded[e];
  const out = s.output[e];
  if (va > out * (1 + 1e-12)) throw new ImpossibleValue(msg.valueAddedRateAboveOne(s.ids[e] || String(e), s.year, va / out));
}
