import { describe, expect, it } from 'vitest';
import { admissionTests, outcomesText } from '../../src/ledger/admission.js';
import { msg } from '../../src/messages/messages.js';
import { runText, STILL, value } from '../engine/run-helpers.js';

// The 5-firm fixture without growth, calorific basis (tests/policies/policies.test.ts has the hand
// sums): dual-control energy E3 159.035 · E4 51.156 · E5 24.58 tce. Named closures vacate E4 in
// 2021, E5 in 2022 and E3 in 2023; nothing else moves. A project of 50 × 10⁴ kWh uses
// 50 × 1.229 = 61.45 tce at full capacity.
const E = { E3: 159.035, E4: 51.156, E5: 24.58 };
const P_TCE = 50 * 1.229;
const CLOSURES =
  '  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { close: { share: 1 } }, named: [{ id: E4, year: 2021, action: close }, { id: E5, year: 2022, action: close }, { id: E3, year: 2023, action: close }] }\n';
const pipeline = (sector: string, major = false) =>
  `id,name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh,national_major\nP1,项目一,${sector},2021,1000,3000,500,10,20,50,${major}\n`;
const scenario = (ledger: string, extra = '') =>
  `${STILL}${ledger}${extra}policies:\n${CLOSURES}  - { type: new_projects, pipeline: p.csv }\n`;
const run = (ledger: string, sector = 'C3985', extra = '', major = false) =>
  runText(scenario(ledger, extra), 1, 1, { 'p.csv': pipeline(sector, major) });
const projectEvents = (r: Awaited<ReturnType<typeof runText>>) =>
  r.events.filter((e) => r.ids[e.enterprise] === 'P1').map((e) => [e.year, e.action, e.detail]);

describe('the headroom ledger in a run (等量/减量替代)', () => {
  it('defers a project exactly while the energy pool is short and admits it the first year it fits', async () => {
    const r = await run('ledger: { binding: [energy] }\n');
    // 2021: pool 51.156 < 61.45 (short 10.294 tce); 2022: 51.156 + 24.58 = 75.736 ≥ 61.45
    expect(projectEvents(r)).toEqual([
      [2021, 'deferred', msg.projectDeferred(msg.ledgerShort('energy', P_TCE - E.E4))],
      [2022, 'start', msg.projectAdmitted('', msg.ledgerDrawn('energy', P_TCE), 1, false)],
    ]);
    expect(msg.projectAdmitted('', msg.ledgerDrawn('energy', P_TCE), 1, false)).toBe('用能替代 0.01 万tce; 缓批 1 年后准入');
    expect(value(r, 'projects_deferred', 2021)).toBe(1);
    expect(value(r, 'projects_admitted', 2022)).toBe(1);
    expect(value(r, 'energy_headroom_tce', 2021)).toBeCloseTo(E.E4, 9);
    expect(value(r, 'energy_headroom_tce', 2022)).toBeCloseTo(E.E4 + E.E5 - P_TCE, 9);
    expect(value(r, 'energy_headroom_tce', 2023)).toBeCloseTo(E.E4 + E.E5 - P_TCE + E.E3, 9);
    expect(value(r, 'new_project_energy_tce', 2022)).toBeCloseTo(P_TCE, 9);
  });

  it('applies the two-high replacement ratio exactly (减量替代 1.2 for a C26 project)', async () => {
    const r = await run('ledger: { binding: [energy], replacement: { default: 1, two_high: 1.2 } }\n', 'C2614');
    // need 61.45 × 1.2 = 73.74: 2022's 75.736 holds it, 1.996 tce left
    expect(projectEvents(r).map((e) => e.slice(0, 2))).toEqual([
      [2021, 'deferred'],
      [2022, 'start'],
    ]);
    expect(value(r, 'energy_headroom_tce', 2022)).toBeCloseTo(E.E4 + E.E5 - P_TCE * 1.2, 9);
    // the same project outside the two-high divisions draws 1 : 1
    const plain = await run('ledger: { binding: [energy], replacement: { default: 1, two_high: 1.2 } }\n', 'C3985');
    expect(value(plain, 'energy_headroom_tce', 2022)).toBeCloseTo(E.E4 + E.E5 - P_TCE, 9);
  });

  it('expires vacated energy after vintage_years and rejects a project after max_defer_years', async () => {
    // vintage 1: each year's pool is that year's vacated energy only → 2021 51.156, 2022 24.58, 2023 159.035
    const r = await run('ledger: { binding: [energy], vintage_years: 1, max_defer_years: 2 }\n');
    expect(projectEvents(r).map((e) => e.slice(0, 2))).toEqual([
      [2021, 'deferred'],
      [2022, 'deferred'],
      [2023, 'start'],
    ]);
    expect(value(r, 'energy_headroom_tce', 2022)).toBeCloseTo(E.E5, 9);
    const once = await run('ledger: { binding: [energy], vintage_years: 1, max_defer_years: 1 }\n');
    expect(projectEvents(once)).toEqual([
      [2021, 'deferred', msg.projectDeferred(msg.ledgerShort('energy', P_TCE - E.E4))],
      [2022, 'rejected', msg.projectRejectedAfterDefer(1, msg.ledgerShort('energy', P_TCE - E.E5))],
    ]);
    expect(value(once, 'projects_rejected', 2022)).toBe(1);
    expect(value(once, 'enterprises', 2023)).toBe(2);
  });

  it('a national major project (能耗单列) draws no energy but its CO2 is counted against a CO2 pool', async () => {
    const r = await run('ledger: { binding: [energy] }\n', 'C3985', '', true);
    // no energy needed: it starts in its year, and the energy pool keeps all that was vacated
    expect(projectEvents(r).map((e) => e.slice(0, 2))).toEqual([[2021, 'start']]);
    expect(value(r, 'energy_headroom_tce', 2021)).toBeCloseTo(E.E4, 9);
    // 50 × 10⁴ kWh × 10 MWh × 0.5568 t/MWh (2021 grid factor, factors file) = 278.4 t: the CO2 pool goes below zero
    expect(value(r, 'new_project_co2_t', 2021)).toBeCloseTo(50 * 10 * 0.5568, 6);
    expect(value(r, 'co2_pool_t', 2021)).toBeCloseTo(value(r, 'co2_reduction_t', 2021) - 50 * 10 * 0.5568, 6);
  });

  it('a deferred project’s start line still names the admission tests it passed in its due year', async () => {
    const r = await runText(
      `${STILL}ledger: { binding: [energy] }\npolicies:\n${CLOSURES}  - { type: new_projects, pipeline: p.csv, admission: { min_tax_per_mu: 30 } }\n`,
      1,
      1,
      { 'p.csv': pipeline('C3985') },
    );
    // tax 500 / 10 mu = 50 ≥ 30: tested in 2021, deferred, started in 2022
    expect(projectEvents(r)[1]).toEqual([
      2022,
      'start',
      msg.projectAdmitted('亩均税收 50.0 ≥ 30.0 万元/亩 ✓', msg.ledgerDrawn('energy', P_TCE), 1, false),
    ]);
  });

  it('green power bought is not headroom: it is in the vacated flows, not in the pools', async () => {
    const r = await runText(
      `${STILL.replace('exclude_renewables: none', 'exclude_renewables: non_fossil')}policies:\n  - { type: green_power, target_share: 0.5, named: [{ id: E2, year: 2021, action: purchase }] }\n`,
    );
    // E2: 150 × 10⁴ kWh, half of it green under 发改环资〔2024〕113号: 75 × 1.229 = 92.175 tce leave its dual-control energy
    expect(value(r, 'vacated_energy_tce', 2021)).toBeCloseTo(75 * 1.229, 9);
    expect(value(r, 'co2_reduction_t', 2021)).toBeGreaterThan(0);
    expect(value(r, 'energy_headroom_tce', 2021)).toBeCloseTo(0, 9);
    expect(value(r, 'co2_pool_t', 2021)).toBeCloseTo(0, 9);
  });

  it('without a ledger block every project starts in its year and the pools only keep count', async () => {
    const r = await run('');
    expect(projectEvents(r).map((e) => e.slice(0, 2))).toEqual([[2021, 'start']]);
    expect(value(r, 'energy_headroom_tce', 2021)).toBeCloseTo(E.E4 - P_TCE, 9);
    expect(value(r, 'energy_headroom_tce', 2023)).toBeCloseTo(E.E4 + E.E5 + E.E3 - P_TCE, 9);
    expect(value(r, 'land_pool_mu', 2023)).toBeCloseTo(20 + 8 + 5 - 10, 9);
    expect(r.layout.ids).not.toContain('carbon_budget_t');
  });
});

describe('project carbon evaluation (项目碳评价)', () => {
  it('rejects a project above max_carbon_intensity and records every test with its value and limit', async () => {
    const r = await runText(
      `${STILL}policies:\n  - { type: new_projects, pipeline: p.csv, admission: { min_tax_per_mu: 30, max_energy_intensity: 0.3, max_carbon_intensity: 0.25 } }\n`,
      1,
      1,
      { 'p.csv': pipeline('C3985') },
    );
    // tax 500 / 10 mu = 50 ≥ 30; energy 61.45 tce / 1,000 万元 = 0.06145 ≤ 0.3; CO2 50 × 10 × 0.5568 = 278.4 t / 1,000 = 0.2784 > 0.25
    const outcomes = admissionTests(
      { energyTce: P_TCE, co2T: 278.4, valueAdded: 1000, tax: 500, landMu: 10, nationalMajor: false },
      { minTaxPerMu: 30, maxEnergyIntensity: 0.3, maxCarbonIntensity: 0.25 },
    );
    expect(outcomes.map((o) => [o.test, o.passed])).toEqual([
      ['tax_per_mu', true],
      ['energy_intensity', true],
      ['carbon_intensity', false],
    ]);
    expect(outcomesText(outcomes)).toBe(
      '亩均税收 50.0 ≥ 30.0 万元/亩 ✓; 单位增加值能耗 0.061 ≤ 0.300 tce/万元 ✓; 单位增加值碳排放 0.278 > 0.250 tCO2/万元 ✗',
    );
    expect(projectEvents(r)).toEqual([[2021, 'rejected', msg.projectRejectedTests(outcomesText(outcomes))]]);
    expect(value(r, 'projects_rejected', 2021)).toBe(1);
  });
});

describe('a project table’s ets column', () => {
  it('puts a project in the national carbon market whatever its sector', async () => {
    const gas = (ets: string) =>
      `id,name,sector,start_year,value_added,output,tax,land_mu,employees,natural_gas_10k_m3${ets ? ',ets' : ''}\nP1,项目一,C3985,2021,1000,3000,500,10,20,100${ets ? `,${ets}` : ''}\n`;
    const run = (ets: string) => runText(`${STILL}policies:\n  - { type: new_projects, pipeline: p.csv }\n`, 1, 1, { 'p.csv': gas(ets) });
    // 100 × 10⁴ m³ gas × 21.622 tCO2 (factors file) = 2,162.2 t direct; no fixture firm is in a covered sector
    expect(value(await run('true'), 'co2_ets_t', 2021)).toBeCloseTo(2162.2, 6);
    expect(value(await run(''), 'co2_ets_t', 2021)).toBe(0);
  });
});

describe('new_projects overrides (what dcsim admit writes)', () => {
  it('force starts a project in its year without the ledger, never leaves it out; an unknown id is named', async () => {
    const with_ = (o: string) =>
      runText(
        `${STILL}ledger: { binding: [energy] }\npolicies:\n${CLOSURES}  - { type: new_projects, pipeline: p.csv, overrides: ${o} }\n`,
        1,
        1,
        {
          'p.csv': pipeline('C3985'),
        },
      );
    const forced = await with_('{ P1: { admission: force } }');
    expect(projectEvents(forced).map((e) => e.slice(0, 2))).toEqual([[2021, 'start']]);
    // the pool goes below zero by what was short
    expect(value(forced, 'energy_headroom_tce', 2021)).toBeCloseTo(E.E4 - P_TCE, 9);
    const later = await with_('{ P1: { admission: force, start_year: 2023 } }');
    expect(projectEvents(later).map((e) => e.slice(0, 2))).toEqual([[2023, 'start']]);
    // 能耗单列 by override: no energy drawn, it starts in its year
    const major = await with_('{ P1: { national_major: true } }');
    expect(projectEvents(major).map((e) => e.slice(0, 2))).toEqual([[2021, 'start']]);
    expect(value(major, 'energy_headroom_tce', 2021)).toBeCloseTo(E.E4, 9);
    expect(value(major, 'national_major_energy_tce', 2021)).toBeCloseTo(P_TCE, 9);
    const never = await with_('{ P1: { admission: never } }');
    expect(projectEvents(never)).toEqual([]);
    await expect(with_('{ P9: { admission: never } }')).rejects.toThrow(msg.overrideUnknownProject('P9', ['P1']));
  });
});

describe('the carbon budget', () => {
  it('admits a project only while the year budget holds: the district CO2 plus the project at full capacity', async () => {
    const base = await run('');
    const co2 = (y: number) => value(base, 'co2_t', y) - (y >= 2021 ? 50 * 10 * (y === 2021 ? 0.5568 : y === 2022 ? 0.5366 : 0.5306) : 0);
    // cap: the district without the project in 2022 plus 10 t less than the project's 2022 CO2 (268.3 t) → short in 2022;
    // in 2023 E3 closes (its CO2 leaves) and the project fits
    const cap = { 2021: co2(2021) + 100, 2022: co2(2022) + 50 * 10 * 0.5366 - 10, 2023: co2(2023) + 10_000 };
    const r = await run('', 'C3985', `carbon_budget: { cap_t: { 2021: ${cap[2021]}, 2022: ${cap[2022]}, 2023: ${cap[2023]} } }\n`);
    expect(projectEvents(r).map((e) => e.slice(0, 2))).toEqual([
      [2021, 'deferred'],
      [2022, 'deferred'],
      [2023, 'start'],
    ]);
    expect(projectEvents(r)[1][2]).toBe(msg.projectDeferred(msg.budgetOver(10)));
    expect(value(r, 'carbon_budget_t', 2022)).toBeCloseTo(cap[2022], 6);
    expect(value(r, 'carbon_headroom_t', 2022)).toBeCloseTo(cap[2022] - value(r, 'co2_t', 2022), 6);
    // the base year has no budget of its own (cap_t starts in 2021): its budget is its CO2, headroom 0
    expect(value(r, 'carbon_budget_t', 2020)).toBe(value(r, 'co2_t', 2020));
    expect(value(r, 'carbon_headroom_t', 2020)).toBe(0);
    for (const y of [2021, 2022, 2023]) expect(value(r, 'co2_t', y)).toBeLessThanOrEqual(value(r, 'carbon_budget_t', y));
  });

  it('holds the budget in every draw and year a project is admitted, with growth drawn per draw', async () => {
    const text = `${STILL.replace(
      'growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }',
      'growth: { value_added: { triangular: [0.0, 0.05, 0.12], per: draw }, energy_elasticity: 0.8, efficiency_gain: 0, employment_elasticity: 0 }',
    )}carbon_budget: { change: { 2023: 0.3 } }
policies:
  - { type: new_projects, generated: { years: [2021, 2023], per_year: 3, energy_tce: 60, electricity_share: 1, value_added: 500, land_mu: 5 } }
`;
    const r = await runText(text, 12, 7);
    let admittedYears = 0;
    let heldBack = 0;
    for (let d = 0; d < 12; d++)
      for (const y of [2021, 2022, 2023]) {
        if (value(r, 'projects_deferred', y, d) + value(r, 'projects_rejected', y, d) > 0) heldBack++;
        if (value(r, 'projects_admitted', y, d) === 0) continue;
        admittedYears++;
        expect(value(r, 'co2_t', y, d)).toBeLessThanOrEqual(value(r, 'carbon_budget_t', y, d) + 1e-6);
      }
    // the test has teeth: the budget held some projects back and let others in
    expect(admittedYears).toBeGreaterThan(0);
    expect(heldBack).toBeGreaterThan(0);
  });

  it('a budget metric without a budget is refused with the fix', async () => {
    const text = `${STILL}targets:\n  - { id: b, metric: carbon_headroom_t, kind: within_budget, year: 2023, at_least: 0 }\n`;
    await expect(runText(text)).rejects.toThrow(msg.budgetMetricWithoutBudget('carbon_headroom_t'));
  });
});
