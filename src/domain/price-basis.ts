import type { MetricId } from './metrics.js';

/** The prices a money metric is valued at: current prices of the year, or constant base-year prices. */
export const PRICE_BASES = ['current', 'constant'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

type Bases = Readonly<Partial<Record<PriceBasis, MetricId>>>;
const VA: Bases = { current: 'value_added', constant: 'value_added_constant' };
const VA_PER_MU: Bases = { current: 'value_added_per_mu', constant: 'value_added_per_mu_constant' };
const PRODUCTIVITY: Bases = { current: 'labor_productivity_current', constant: 'labor_productivity' };

/**
 * The price basis of every metric that holds money, and the metric of each basis that exists
 * (issue #11 §2). The plain ids follow the statistics: totals, the VA rate, tax per mu and VA per
 * mu at current prices (统计公报, 亩均效益评价); energy and carbon intensity and labour productivity
 * at constant base-year prices (单位增加值能耗 and 全员劳动生产率 are computed at 可比价).
 */
const BASES: Readonly<Partial<Record<MetricId, Bases>>> = {
  value_added: VA,
  value_added_constant: VA,
  above_scale_value_added: { current: 'above_scale_value_added' },
  output: { current: 'output' },
  tax: { current: 'tax' },
  value_added_rate: { current: 'value_added_rate' },
  tax_per_mu: { current: 'tax_per_mu' },
  value_added_per_mu: VA_PER_MU,
  value_added_per_mu_constant: VA_PER_MU,
  labor_productivity: PRODUCTIVITY,
  labor_productivity_current: PRODUCTIVITY,
  energy_intensity: { constant: 'energy_intensity' },
  carbon_intensity: { constant: 'carbon_intensity' },
};

/** Returns the price basis a metric is stored at, or undefined for a metric without money. */
export function priceBasisOf(metric: MetricId): PriceBasis | undefined {
  const b = BASES[metric];
  if (!b) return undefined;
  return b.current === metric ? 'current' : 'constant';
}

/** Returns the metric that reports `metric` at `prices`, or undefined when that basis does not exist. */
export function metricAtPrices(metric: MetricId, prices: PriceBasis): MetricId | undefined {
  return BASES[metric]?.[prices];
}

/** The price bases a metric is reported at (empty for a metric without money). */
export function availableBases(metric: MetricId): PriceBasis[] {
  const b = BASES[metric];
  return b ? PRICE_BASES.filter((p) => b[p] !== undefined) : [];
}
