import { accountEnterprises, createEnterpriseAccounts, totalRenewable10kKwh, type AccountTotals } from '../accounting/account.js';
import { CarbonLedger, supplyBase } from '../accounting/boundary.js';
import { withGridFactor, withGridNonFossilShare, type Factors } from '../accounting/factors.js';
import { aboveScaleIndicators, type AboveScaleIndicators } from '../accounting/indicators.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import { createEvaluationOutput, evaluate, type GradeCounts } from '../evaluation/evaluate.js';
import type { EvaluationModel } from '../evaluation/model.js';
import { GridFactorPath } from '../scenario/grid-factor.js';
import type { Scenario } from '../scenario/resolve.js';

/** The base year as the registry describes it: energy, CO2, the plan's indicators and grades. */
export interface BaseYearState {
  readonly year: number;
  readonly enterprises: number;
  readonly totals: AccountTotals;
  readonly aboveScale: AboveScaleIndicators;
  /** Grade counts after official grades override computed ones ([none, A, B, C, D]). */
  readonly grades: GradeCounts;
  /** Firms whose grade came from the registry. */
  readonly officialGrades: number;
  /** Per-firm grade (0 none, 1 A … 4 D) and score. */
  readonly grade: Uint8Array;
  readonly score: Float64Array;
}

/** Applies a scenario's grid factor (and grid non-fossil share) to the factors, every distribution at its mean (src/scenario/grid-factor.ts). */
export function scenarioFactors(registryFactors: Factors, scenario: Scenario): Factors {
  const factors = withGridNonFossilShare(registryFactors, scenario.gridNonFossilShare);
  const p = scenario.gridEmissionFactor;
  if (!p) return factors;
  const { base, end } = scenario.period;
  const path = new GridFactorPath(p, factors.gridEmissionFactorTPerMwh, base, end);
  path.useMeans();
  return withGridFactor(factors, { years: Array.from(path.values, (_, i) => base + i), values: Array.from(path.values) });
}

/** Accounts and evaluates the registry in the scenario's base year. */
export function computeBaseYear(
  table: EnterpriseTable,
  scenario: Scenario,
  registryFactors: Factors,
  model: EvaluationModel,
): BaseYearState {
  const year = scenario.period.base;
  const factors = scenarioFactors(registryFactors, scenario);
  const accounts = createEnterpriseAccounts(table.n);
  const carbon = new CarbonLedger(scenario.accounting.carbonBoundary, supplyBase(table, table, factors, year), table.n, factors);
  const totals = accountEnterprises(table, factors, scenario.accounting, year, totalRenewable10kKwh(table), accounts, { carbon });
  const out = createEvaluationOutput(table.n);
  const grades = evaluate(
    {
      ...table,
      electricity10kKwh: table.carriers.electricity_10k_kwh,
      energyTce: model.energy === 'gross' ? accounts.grossTce : accounts.dualControlTce,
    },
    model,
    out,
    table.grade,
  );
  let officialGrades = 0;
  for (let e = 0; e < table.n; e++) if (table.grade[e] !== 0) officialGrades++;
  return {
    year,
    enterprises: table.n,
    totals,
    aboveScale: aboveScaleIndicators(table),
    grades,
    officialGrades,
    grade: out.grade,
    score: out.score,
  };
}
