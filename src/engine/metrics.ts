import type { YearTotals } from '../accounting/account.js';
import { emptyIndicators, withRatios } from '../accounting/indicators.js';
import { ImpossibleValue } from '../domain/impossible-value.js';
import { BUDGET_METRICS, CORE_METRIC_IDS, type MetricId } from '../domain/metrics.js';
import { msg } from '../messages/messages.js';
import type { ResolvedPolicy } from '../policies/types.js';
import { FLOW, FLOWS, type SimState } from './state.js';

/** The flows broken down by policy: one column each per policy of the scenario. */
const POLICY_FLOWS = [
  'vacated_energy_tce',
  'co2_reduction_t',
  'vacated_land_mu',
  'new_project_energy_tce',
  'quota_shortfall',
  'new_project_co2_t',
] as const;
const FLOW_KIND = [FLOW.energy, FLOW.co2, FLOW.land, FLOW.newEnergy, FLOW.shortfall, FLOW.newCo2] as const;
const PF = POLICY_FLOWS.length;

/**
 * The metrics of a run: DESIGN §4's ids, then `<flow>.<policy key>` for every policy, then the
 * budget's metrics when the scenario has a carbon budget (plain data, sent to workers and shards).
 */
export interface MetricLayout {
  readonly ids: readonly string[];
  readonly years: readonly number[];
  /** Policy keys: the type, with `-2`, `-3` … when a type repeats. */
  readonly policyKeys: readonly string[];
}

/** Returns the position of a metric id in the layout, or −1. */
export function metricIndex(layout: MetricLayout, id: string): number {
  return layout.ids.indexOf(id);
}

/** Names the policies and lays out the metric ids of a run; `budget`: the scenario has a carbon budget. */
export function metricLayout(policies: readonly ResolvedPolicy[], base: number, end: number, budget = false): MetricLayout {
  const seen = new Map<string, number>();
  const policyKeys = policies.map((p) => {
    const k = (seen.get(p.module.type) ?? 0) + 1;
    seen.set(p.module.type, k);
    return k === 1 ? p.module.type : `${p.module.type}-${k}`;
  });
  return {
    ids: [...CORE_METRIC_IDS, ...policyKeys.flatMap((k) => POLICY_FLOWS.map((f) => `${f}.${k}`)), ...(budget ? BUDGET_METRICS : [])],
    years: Array.from({ length: end - base + 1 }, (_, i) => base + i),
    policyKeys,
  };
}

/** Firms by grade ([none, A, B, C, D]), reused by every year of every draw in this thread. */
const gradeCounts = new Int32Array(5);

const M = Object.fromEntries(CORE_METRIC_IDS.map((id, i) => [id, i])) as Record<MetricId, number>;

/**
 * Writes one year's metrics of a draw into `out` at `out[m × years + y]`: totals and flows over
 * every operating firm, the plan's ratio indicators over the 规上 ones (DESIGN §4); money at
 * the price basis src/domain/price-basis.ts gives each metric.
 */
export function writeMetrics(
  state: SimState,
  totals: YearTotals,
  layout: MetricLayout,
  y: number,
  out: Float64Array,
  offset: number,
): void {
  const Y = layout.years.length;
  const set = (m: number, v: number) => {
    out[offset + m * Y + y] = v;
  };
  let va = 0,
    vaConstant = 0,
    vaConstantAbove = 0,
    output = 0,
    tax = 0,
    land = 0,
    employees = 0,
    firms = 0;
  // counted by index, not by branches on a grade that varies from firm to firm
  const grades = gradeCounts.fill(0);
  // the 规上 sums of aboveScaleIndicators (src/accounting/indicators.ts) in the same pass and order
  const above = emptyIndicators();
  const { active, aboveScale, valueAdded, valueAddedConstant, grade, landMu, employees: jobs } = state;
  const outputs = state.output;
  const taxes = state.tax;
  for (let e = 0; e < state.n; e++) {
    if (active[e] === 0) continue;
    firms++;
    const firmVa = valueAdded[e];
    const firmOutput = outputs[e];
    const firmTax = taxes[e];
    const firmLand = landMu[e];
    const firmEmployees = jobs[e];
    va += firmVa;
    vaConstant += valueAddedConstant[e];
    output += firmOutput;
    tax += firmTax;
    land += firmLand;
    employees += firmEmployees;
    if (aboveScale[e] === 1) {
      vaConstantAbove += valueAddedConstant[e];
      above.enterprises++;
      above.valueAdded += firmVa;
      above.output += firmOutput;
      above.tax += firmTax;
      above.landMu += firmLand;
      above.employees += firmEmployees;
    }
    grades[grade[e]]++;
  }
  withRatios(above);
  const policies = layout.policyKeys.length;
  const flowSum = [0, 0, 0, 0, 0, 0];
  for (let p = 0; p < policies; p++) {
    for (let f = 0; f < PF; f++) {
      const v = state.flows[p * FLOWS + FLOW_KIND[f]];
      flowSum[f] += v;
      set(CORE_METRIC_IDS.length + p * PF + f, v);
    }
  }
  set(M.energy_tce, totals.grossTce);
  set(M.dual_control_energy_tce, totals.dualControlTce);
  set(M.feedstock_tce, totals.feedstockTce);
  set(M.co2_t, totals.co2T);
  set(M.co2_firm_t, totals.firmCo2T);
  set(M.vacated_energy_tce, flowSum[0]);
  set(M.co2_reduction_t, flowSum[1]);
  set(M.vacated_land_mu, flowSum[2]);
  set(M.new_project_energy_tce, flowSum[3]);
  set(M.value_added, va);
  set(M.output, output);
  set(M.tax, tax);
  set(M.land_mu, land);
  set(M.employees, employees);
  set(M.enterprises, firms);
  set(M.value_added_rate, above.valueAddedRate);
  set(M.tax_per_mu, above.taxPerMu);
  set(M.value_added_per_mu, above.valueAddedPerMu);
  // price bases (src/domain/price-basis.ts): productivity and intensities at constant base-year prices
  const div = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  set(M.labor_productivity, div(vaConstantAbove, above.employees));
  set(M.labor_productivity_current, above.laborProductivity);
  set(M.value_added_per_mu_constant, div(vaConstantAbove, above.landMu));
  set(M.value_added_constant, vaConstant);
  set(M.energy_intensity, div(totals.intensityEnergyTce, vaConstant));
  set(M.carbon_intensity, div(totals.co2T, vaConstant));
  set(M.grade_a, grades[1]);
  set(M.grade_b, grades[2]);
  set(M.grade_c, grades[3]);
  set(M.grade_d, grades[4]);
  set(M.above_scale_value_added, above.valueAdded);
  set(M.quota_shortfall, flowSum[4]);
  set(M.new_project_co2_t, flowSum[5]);
  set(M.pending_saving_tce, state.pendingSavingTce);
  set(M.non_compliant_firms, state.nonCompliantFirms);
  set(M.national_major_energy_tce, totals.nationalMajorTce);
  // the headroom ledger (src/ledger/): pools at the year's end, projects, the budget
  const ledger = state.ledger;
  set(M.energy_headroom_tce, ledger.balanceAt(0, y));
  set(M.co2_pool_t, ledger.balanceAt(1, y));
  set(M.land_pool_mu, ledger.balanceAt(2, y));
  set(M.projects_admitted, ledger.admitted);
  set(M.projects_deferred, ledger.deferred);
  set(M.projects_rejected, ledger.rejected);
  if (ledger.budget) {
    const b = CORE_METRIC_IDS.length + policies * PF;
    set(b, ledger.budgetT);
    set(b + 1, ledger.budgetT - totals.co2T);
  }
  // carriers and carbon scopes (issue #13 §1): indirect = co2_t − direct on the scenario's boundary
  // (territorial: net imported electricity + heat bought from outside; firm: scope 2)
  set(M.coal_t, totals.coalT);
  set(M.co2_direct_t, totals.directCo2T);
  set(M.co2_indirect_t, totals.co2T - totals.directCo2T);
  set(M.co2_captured_t, totals.capturedCo2T);
  set(M.co2_ets_t, totals.etsCo2T);
  set(M.co2_non_ets_t, totals.co2T - totals.etsCo2T);
  set(M.non_fossil_share, nonFossilShare(totals));
}

/**
 * Non-fossil energy ÷ gross energy (`energy_tce`), both on the scenario's electricity basis:
 * 0 without energy (nothing used, nothing non-fossil: a registry without energy columns still
 * runs); a share above 1 stops the run (it can only come from impossible inputs).
 */
export function nonFossilShare(totals: Pick<YearTotals, 'nonFossilTce' | 'grossTce'>): number {
  if (!(totals.grossTce > 0)) return 0;
  const share = totals.nonFossilTce / totals.grossTce;
  // a NaN (a non-finite input) is left to the run's non-finite check, which names the draw, year and metric
  if (share > 1 + 1e-9) throw new ImpossibleValue(msg.nonFossilShareAboveOne(totals.nonFossilTce, totals.grossTce));
  return share;
}
