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
  // carbon dual control 2026–2030 (issue #13): carriers, carbon scopes, the carbon market, the headroom ledger, the budget
  /** Non-fossil energy ÷ gross energy (scenario basis): own and bought green power + the grid's non-fossil share of the rest of the electricity (factors `grid_non_fossil_share`). */
  'non_fossil_share',
  /** Raw coal consumed by the operating firms, t (the carrier `coal_t`). */
  'coal_t',
  /** Direct CO2 (combustion after feedstock and capture, plus process) of the operating firms, t: scope 1. */
  'co2_direct_t',
  /** `co2_t` − `co2_direct_t`: the electricity and heat part of the district's CO2 on its boundary (territorial: net imports), t. */
  'co2_indirect_t',
  /** Direct CO2 of the firms the national carbon market covers that year (registry `ets`, or the factors file's sector coverage), t. */
  'co2_ets_t',
  /** `co2_t` − `co2_ets_t`, t. */
  'co2_non_ets_t',
  /** CO2 captured by CCUS (src/policies/ccus.ts), t: not in any CO2 total. */
  'co2_captured_t',
  /** CO2 of new projects as they come (start and ramp-up), t: a flow beside `new_project_energy_tce`. */
  'new_project_co2_t',
  /** Energy in the headroom ledger's pool at the year's end (vacated, not yet drawn or expired), tce (src/ledger/). */
  'energy_headroom_tce',
  /** CO2 in the ledger's pool at the year's end, t. */
  'co2_pool_t',
  /** Land in the ledger's pool at the year's end, mu. */
  'land_pool_mu',
  /** Projects that started this year (admitted by the tests and the ledger). */
  'projects_admitted',
  /** Projects due by this year and waiting at its end (deferred for headroom or budget). */
  'projects_deferred',
  /** Projects rejected this year (an admission test failed, or deferred past `max_defer_years`). */
  'projects_rejected',
  /** Key energy users and emitters that missed their yearly obligation (src/policies/key-emitters.ts). */
  'non_compliant_firms',
  // last, and in a run's layout only when the scenario has a carbon budget (src/engine/metrics.ts)
  /** The year's carbon budget on the district's boundary (`carbon_budget:`, carry-over included), t. */
  'carbon_budget_t',
  /** `carbon_budget_t` − `co2_t`, t. */
  'carbon_headroom_t',
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

/** The metrics a run has only with a carbon budget: the last ids of {@link METRIC_IDS}, after the policies' flows in a run's layout. */
export const BUDGET_METRICS: readonly MetricId[] = ['carbon_budget_t', 'carbon_headroom_t'];

/** The metrics every run has, in the order a run's layout starts with. */
export const CORE_METRIC_IDS: readonly MetricId[] = METRIC_IDS.filter((m) => !BUDGET_METRICS.includes(m));

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
  'non_fossil_share',
];

/** Yearly flows: the metrics a `cumulative` target may sum. */
export const FLOW_METRICS: readonly MetricId[] = [
  'vacated_energy_tce',
  'co2_reduction_t',
  'vacated_land_mu',
  'new_project_energy_tce',
  'new_project_co2_t',
  'co2_captured_t',
  'projects_admitted',
  'projects_rejected',
];

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
    case 'co2_direct_t':
    case 'co2_indirect_t':
    case 'co2_ets_t':
    case 'co2_non_ets_t':
    case 'co2_captured_t':
    case 'new_project_co2_t':
    case 'carbon_budget_t':
    case 'carbon_headroom_t':
    case 'co2_pool_t':
      return 'tCO2';
    case 'coal_t':
      return 't';
    case 'land_pool_mu':
      return '亩';
    case 'projects_admitted':
    case 'projects_deferred':
    case 'projects_rejected':
      return '个';
    case 'non_compliant_firms':
      return '家';
    case 'non_fossil_share':
      return 'fraction';
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
