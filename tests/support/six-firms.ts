/**
 * A hand-made district of six firms (electricity only; calorific basis: 1.229 tce per 10⁴ kWh),
 * graded on tax per mu alone against each group's own average, half of each group D (A 0.5, D 0.5):
 *   规上  A1 tax/mu 10, 100 ×10⁴ kWh = 122.9 tce · A2 9/mu, 1,000 = 1,229 tce · A3 1/mu, 50 = 61.45 tce · A4 12/mu, 10 = 12.29 tce
 *         average 320/40 = 8/mu → scores 1.25, 1.125, 0.125, 1.5 (× weight) → D: A3 (lowest), A2
 *   规下  B1 0/mu, 5 = 6.145 tce (score 0, D) · B2 5/mu, 5 = 6.145 tce (A); both flagged village_cluster
 * Across the groups the lowest score is B1's 0: a mixed ranking always lists the 规下 workshop first.
 */
export const SIX_FIRMS = [
  'id,name,sector,town,park,above_scale,land_mu,output,value_added,tax,employees,electricity_10k_kwh,year_built,village_cluster,lsmp,green_factory,year',
  'A1,甲一,C3451,骆驼街道,,true,10,4000,1000,100,50,100,2010,false,false,none,2020',
  'A2,甲二,C2614,骆驼街道,,true,10,4000,1000,90,50,1000,2010,false,false,none,2020',
  'A3,甲三,C3451,骆驼街道,,true,10,4000,1000,10,50,50,2010,false,false,none,2020',
  'A4,甲四,C3451,骆驼街道,,true,10,4000,1000,120,50,10,2010,false,false,none,2020',
  'B1,乙一,C3389,澥浦镇,,false,10,400,100,0,10,5,2010,true,false,none,2020',
  'B2,乙二,C3389,澥浦镇,,false,10,400,100,50,10,5,2010,true,false,none,2020',
].join('\n');

/** The 亩均 model of {@link SIX_FIRMS}: tax per mu against the group's average, half A and half D in each group. */
export const TAX_PER_MU_EVALUATION = `name: t
title: t
source: test
energy: dual_control
above_scale:
  indicators: { tax_per_mu: { weight: 1, reference: district_average, cap: 2 } }
  grade_shares: { A: 0.5, B: 0, C: 0, D: 0.5 }
below_scale:
  indicators: { tax_per_mu: { weight: 1, reference: district_average, cap: 2 } }
  grade_shares: { A: 0.5, B: 0, C: 0, D: 0.5 }
`;
