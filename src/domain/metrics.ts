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
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

/** Yearly flows: the metrics a `cumulative` target may sum. */
export const FLOW_METRICS: readonly MetricId[] = ['vacated_energy_tce', 'co2_reduction_t', 'vacated_land_mu', 'new_project_energy_tce'];
