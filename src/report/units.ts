/**
 * How analysts read a metric: the scale from the stored unit (tce, t, 万元, fractions) to the
 * shown one (万tce, 万tCO2, 亿元, %), the decimals and the unit label.
 */
export interface DisplayUnit {
  readonly scale: number;
  readonly decimals: number;
  readonly unit: string;
}

/** Returns the display unit of a metric, or of a growth/change target on it (%). */
export function displayUnit(metric: string, kind: string = 'level'): DisplayUnit {
  if (kind === 'cagr' || kind === 'change' || metric === 'value_added_rate' || metric === 'non_fossil_share')
    return { scale: 100, decimals: 1, unit: '%' };
  const base = metric.split('.')[0];
  switch (base) {
    case 'energy_tce':
    case 'dual_control_energy_tce':
    case 'feedstock_tce':
    case 'vacated_energy_tce':
    case 'new_project_energy_tce':
    case 'pending_saving_tce':
    case 'national_major_energy_tce':
    case 'energy_headroom_tce':
      return { scale: 1e-4, decimals: 2, unit: '万tce' };
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
      return { scale: 1e-4, decimals: 2, unit: '万tCO2' };
    case 'coal_t':
      return { scale: 1e-4, decimals: 2, unit: '万t' };
    case 'projects_admitted':
    case 'projects_deferred':
    case 'projects_rejected':
      return { scale: 1, decimals: 0, unit: '个' };
    case 'non_compliant_firms':
      return { scale: 1, decimals: 0, unit: '家' };
    case 'vacated_land_mu':
    case 'land_mu':
    case 'land_pool_mu':
      return { scale: 1, decimals: 0, unit: '亩' };
    case 'tax_per_mu':
    case 'value_added_per_mu':
    case 'value_added_per_mu_constant':
      return { scale: 1, decimals: 1, unit: '万元/亩' };
    case 'labor_productivity':
    case 'labor_productivity_current':
      return { scale: 1, decimals: 1, unit: '万元/人' };
    case 'energy_intensity':
      return { scale: 1, decimals: 4, unit: 'tce/万元' };
    case 'carbon_intensity':
      return { scale: 1, decimals: 4, unit: 'tCO2/万元' };
    case 'value_added':
    case 'above_scale_value_added':
    case 'value_added_constant':
    case 'output':
    case 'tax':
      return { scale: 1e-4, decimals: 1, unit: '亿元' };
    case 'employees':
      return { scale: 1, decimals: 0, unit: '人' };
    case 'enterprises':
    case 'grade_a':
    case 'grade_b':
    case 'grade_c':
    case 'grade_d':
    case 'quota_shortfall':
      return { scale: 1, decimals: 0, unit: '家' };
    default:
      return { scale: 1, decimals: 0, unit: '' };
  }
}
