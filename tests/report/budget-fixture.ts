import { STILL } from '../engine/run-helpers.js';

// the 5-firm fixture, growth drawn per draw, a budget 6 % above each draw's base-year CO2 by 2023
// and generated projects: the budget holds some back (tests/ledger/engine-ledger.test.ts)
export const BUDGET_SCENARIO = `${STILL.replace(
  'growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }',
  'growth: { value_added: { triangular: [0.0, 0.05, 0.12], per: draw }, energy_elasticity: 0.8, efficiency_gain: 0, employment_elasticity: 0 }',
)}carbon_budget: { change: { 2023: 0.06 } }
ledger: { binding: [energy, co2] }
tracking: { warning: { green: 0.75 } }
policies:
  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { close: { share: 1 } }, named: [{ id: E4, year: 2021, action: close }] }
  - { type: new_projects, generated: { years: [2021, 2023], per_year: 2, energy_tce: 20, electricity_share: 1, value_added: 500, land_mu: 5 } }
targets:
  - { id: budget, label: 碳排放不超预算, metric: carbon_headroom_t, kind: within_budget, year: 2023, at_least: 0 }
`;
