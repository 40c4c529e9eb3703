/**
 * Metric ids: the contract of summary.json, metrics.csv and targets (DESIGN §4). Ratios are
 * fractions (0.233, not 23.3); money in 万元, energy in tce, CO2 in t, land in mu.
 */
export const METRIC_IDS = [
  'energy_tce',
  'dual_control_energy_tce',
  'feedstock_tce',
  'co2_t',
  'vacated_energy_tce',
  'co2_reduction_t',
  'vacated_land_mu',
  'new_project_energy_tce',
  'value_added',
  'output',
  'tax',
  'land_mu',
  'employees',
  'enterprises',
  'value_added_rate',
  'tax_per_mu',
  'value_added_per_mu',
  'labor_productivity',
  'energy_intensity',
  'carbon_intensity',
  'grade_a',
  'grade_b',
  'grade_c',
  'grade_d',
  'above_scale_value_added',
  /** Firms a policy's yearly quota lacked (too few candidates), summed over the policies. */
  'quota_shortfall',
  'pending_saving_tce',
  // price bases (issue #11 §2): the other basis of the money metrics that have both
  'value_added_constant',
  'value_added_per_mu_constant',
  'labor_productivity_current',
  /** Energy of national major projects (能耗单列, 发改环资〔2021〕1310号), dual-control basis: outside dual_control_energy_tce and energy_intensity. */
  'national_major_energy_tce',
  /** Σ of the firms' own CO2 boundaries (scope 1 + 2), beside `co2_t` on the scenario's boundary, for reconciliation. */
  'co2_firm_t',
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

/** Ratio indicators: a quotient of two totals, undefined when the denominator is empty. */
export const RATIO_METRICS: readonly MetricId[] = [
  'value_added_rate',
  'tax_per_mu',
  'value_added_per_mu',
  'labor_productivity',
  'energy_intensity',
  'carbon_intensity',
  'value_added_per_mu_constant',
  'labor_productivity_current',
];

/** Yearly flows: the metrics a `cumulative` target may sum. */
export const FLOW_METRICS: readonly MetricId[] = ['vacated_energy_tce', 'co2_reduction_t', 'vacated_land_mu', 'new_project_energy_tce'];

/**
 * The unit each metric is stored in (summary.json, metrics.csv, draws.csv): DOMAIN §1 — energy in
 * tce, CO2 in t, money in 万元, land in mu; ratios are fractions. A per-policy flow
 * (`vacated_energy_tce.rectification`) has its flow's unit.
 */
export function storedUnit(metric: string): string {
  const base = metric.split('.')[0];
  if (base.endsWith('_tce')) return 'tce';
  switch (base) {
    case 'co2_t':
    case 'co2_firm_t':
    case 'co2_reduction_t':
      return 'tCO2';
    case 'vacated_land_mu':
    case 'land_mu':
      return '亩';
    case 'value_added':
    case 'above_scale_value_added':
    case 'value_added_constant':
    case 'output':
    case 'tax':
      return '万元';
    case 'employees':
      return '人';
    case 'enterprises':
    case 'grade_a':
    case 'grade_b':
    case 'grade_c':
    case 'grade_d':
    case 'quota_shortfall':
      return '家';
    case 'value_added_rate':
      return 'fraction';
    case 'tax_per_mu':
    case 'value_added_per_mu':
    case 'value_added_per_mu_constant':
      return '万元/亩';
    case 'labor_productivity':
    case 'labor_productivity_current':
      return '万元/人';
    case 'energy_intensity':
      return 'tce/万元';
    case 'carbon_intensity':
      return 'tCO2/万元';
    default:
      return '';
  }
}
