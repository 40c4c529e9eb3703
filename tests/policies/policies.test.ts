import { describe, expect, it } from 'vitest';
import { runText, STILL, value } from '../engine/run-helpers.js';

// The 5-firm fixture (tests/fixtures/registry-small.csv) without growth, calorific basis, no
// renewable exclusion. Dual-control energy by hand (GB/T 2589-2020 coefficients):
//   E1 coal 1,000 t + gas 50 + power 200 + heat 2,000 GJ − feedstock 300 = 1,335.49 tce
//   E2 power 150 = 184.35 · E3 gas 5 + power 80 = 159.035 · E4 coal 20 + power 30 = 51.156 · E5 power 20 = 24.58
const E = { E1: 1335.49, E2: 184.35, E3: 159.035, E4: 51.156, E5: 24.58 };
const policy = (yaml: string) => `${STILL}policies:\n${yaml}`;
/** The firms' dispositions (a `shortfall` row names no firm and is checked on its own). */
const actions = (run: Awaited<ReturnType<typeof runText>>) =>
  run.events.filter((e) => e.enterprise >= 0).map((e) => `${e.year} ${run.ids[e.enterprise]} ${e.action}`);
const shortfalls = (run: Awaited<ReturnType<typeof runText>>) =>
  run.events.filter((e) => e.action === 'shortfall').map((e) => [e.year, e.shortfallFirms]);

describe('rectification', () => {
  it('lists firms by the criteria and closes them: energy, CO2 and land vacated', async () => {
    const run = await runText(policy('  - { type: rectification, also: { tax_per_mu_below: 12 }, dispositions: { close: { share: 1 } } }'));
    expect(actions(run).sort()).toEqual(['2021 E3 close', '2021 E4 close', '2021 E5 close']);
    expect(value(run, 'vacated_energy_tce', 2021)).toBeCloseTo(E.E3 + E.E4 + E.E5, 9);
    expect(value(run, 'vacated_land_mu', 2021)).toBe(20 + 8 + 5);
    expect(value(run, 'enterprises', 2021)).toBe(2);
  });

  it('caps the list per year, lowest score first', async () => {
    const run = await runText(
      policy('  - { type: rectification, also: { tax_per_mu_below: 12 }, max_per_year: 2, dispositions: { close: { share: 1 } } }'),
    );
    // candidates E3 (规上), E4, E5 (规下): the 2 a year split 1 + 1 by candidates (2/3 and 4/3, largest remainder)
    expect(actions(run).filter((a) => a.startsWith('2021'))).toHaveLength(2);
    expect(actions(run).filter((a) => a.startsWith('2022'))).toHaveLength(1);
    // 2022: one candidate left for a quota of 2, 2023: none
    expect(shortfalls(run)).toEqual([
      [2022, 1],
      [2023, 2],
    ]);
  });

  it('a listed firm is not listed again within the cool-down', async () => {
    const spec = (c: number) =>
      policy(
        `  - { type: rectification, also: { tax_per_mu_below: 12 }, cooldown_years: ${c}, dispositions: { regulate: { share: 1, energy_saving: 0.1 } } }`,
      );
    const three = await runText(spec(3));
    expect(three.events.filter((e) => three.ids[e.enterprise] === 'E3').map((e) => e.year)).toEqual([2021]);
    const one = await runText(spec(1));
    expect(one.events.filter((e) => one.ids[e.enterprise] === 'E3').map((e) => e.year)).toEqual([2021, 2022, 2023]);
    // regulating saves 10 % of the firm's energy each time
    expect(three.events[0].vacatedEnergyTce).toBeCloseTo(0.1 * E[three.ids[three.events[0].enterprise] as keyof typeof E], 9);
  });

  it('an upgrade with a lag saves energy and raises VA when the lag ends', async () => {
    const run = await runText(
      policy(
        '  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, also: { tax_per_mu_below: 11, land_mu_at_least: 10 }, dispositions: { upgrade: { share: 1, energy_saving: 0.2, value_added_gain: 0.1, lag: 1 } } }',
      ),
    );
    expect(actions(run)).toEqual(['2021 E3 upgrade_started', '2022 E3 upgrade']);
    expect(value(run, 'vacated_energy_tce', 2021)).toBe(0);
    expect(value(run, 'vacated_energy_tce', 2022)).toBeCloseTo(0.2 * E.E3, 9);
    expect(value(run, 'value_added', 2022) - value(run, 'value_added', 2021)).toBeCloseTo(150, 9);
  });

  it('a firm above exit_max_energy_tce is upgraded instead of closed', async () => {
    const run = await runText(
      policy(
        '  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, also: { tax_per_mu_below: 11, land_mu_at_least: 10 }, exit_max_energy_tce: 100, dispositions: { upgrade: { share: 0, energy_saving: 0.1 }, close: { share: 1 } } }',
      ),
    );
    expect(actions(run)).toEqual(['2021 E3 upgrade']);
  });

  it('named entries are applied before the rules, in their year', async () => {
    const run = await runText(
      policy(
        '  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { close: { share: 1 } }, named: [{ id: E2, year: 2022, action: relocate }] }',
      ),
    );
    expect(actions(run)).toEqual(['2022 E2 relocate']);
    expect(value(run, 'vacated_energy_tce', 2022)).toBeCloseTo(E.E2, 9);
  });
});

describe('two_high_review', () => {
  it('brings a two-high firm above its threshold to benchmark; green factories are exempt unless told otherwise', async () => {
    const spec = (exempt: string) =>
      policy(
        `  - { type: two_high_review, thresholds: { built_before_2018_tce: 1000 }, exempt_green_factory: ${exempt}, dispositions: { benchmark: { share: 1, energy_saving: 0.1 } } }`,
      );
    const exempt = await runText(spec('provincial'));
    expect(actions(exempt)).toEqual(['2021 E1 compliant']);
    const run = await runText(spec('none'));
    expect(actions(run)).toEqual(['2021 E1 benchmark']); // E2 and E3 are machinery, not two-high; reviewed once
    expect(value(run, 'vacated_energy_tce', 2021)).toBeCloseTo(0.1 * E.E1, 9);
    // E1's CO2 in 2021: combustion 2,304.5526 + process 500 + heat 220 + power (200 − 50 renewable) × 10 at
    // the residual-mix factor r = 0.5568 × 0.5856 ÷ 0.5366 (E1 holds green power; MEE 2022 residual ÷
    // average, held before 2022). A 10 % saving cuts 10 % of combustion and heat, not the process CO2,
    // and its 20 × 10⁴ kWh of power all come off the purchased power (the 50 renewable stay; saving.ts);
    // no local heat supplier, so the heat cut counts
    const r = (0.5568 * 0.5856) / 0.5366;
    expect(value(run, 'co2_reduction_t', 2021)).toBeCloseTo(230.45526 + 20 * 10 * r + 22, 3);
  });

  it('the threshold depends on the build year (≥ 2018: 1,000 tce; before: 5,000 tce)', async () => {
    const run = await runText(policy('  - { type: two_high_review, exempt_green_factory: none, dispositions: { exit: { share: 1 } } }'));
    expect(run.events).toEqual([]); // E1 (built 2012) uses 1,635 tce gross, below 5,000
  });
});

describe('green_manufacturing', () => {
  it('retrofits the largest energy users one a year, capped per retrofit', async () => {
    const run = await runText(
      policy('  - { type: green_manufacturing, retrofits_per_year: 1, retrofit_saving: 0.1, retrofit_max_saving_tce: 50 }'),
    );
    expect(actions(run)).toEqual(['2021 E1 retrofit', '2022 E2 retrofit', '2023 E3 retrofit']);
    expect(value(run, 'vacated_energy_tce', 2021)).toBeCloseTo(50, 9);
    expect(value(run, 'vacated_energy_tce', 2022)).toBeCloseTo(0.1 * E.E2, 9);
  });

  it('certifies green factories: an efficiency gain and renewable power once, at certification; evaluations are counted', async () => {
    const run = await runText(
      policy(
        '  - { type: green_manufacturing, years: [2021, 2021], evaluations_per_year: 3, green_factories_per_year: 1, green_factory_renewable_share: 0.5, green_factory_efficiency_gain: 0.02 }',
      ),
    );
    const certified = run.events.find((e) => e.action === 'certify')!;
    const id = run.ids[certified.enterprise];
    expect(['E2', 'E3']).toContain(id); // E1 is already a provincial green factory
    const power = id === 'E2' ? 150 : 80;
    // the 2 % gain comes first; then half of the lower power use turns renewable, and the rest moves from
    // the average 0.5568 to the residual mix r = 0.5568 × 0.5856 ÷ 0.5366 (MEE 2022 ratio, held before 2022)
    const r = (0.5568 * 0.5856) / 0.5366;
    expect(certified.co2ReductionT).toBeCloseTo(power * 0.98 * 10 * (0.5568 - 0.5 * r), 9);
    expect(run.events.filter((e) => e.action === 'evaluate')).toHaveLength(3);
    const gains = run.events.filter((e) => e.action === 'green_factory_gain');
    expect(gains.map((e) => e.year)).toEqual([2021]); // once, in the year certified (was every later year)
    expect(gains[0].vacatedEnergyTce).toBeCloseTo(0.02 * (id === 'E2' ? E.E2 : E.E3), 9);
  });

  it('a firm a retrofit takes below min_energy_tce is no longer a candidate for certification the same year', async () => {
    // ≥ 180 tce, 规上: E1 (provincial green factory already) and E2 (184.35). 2021: E1 retrofitted, no
    // certification; 2022: E2 retrofitted (10 % ⇒ 165.9 tce), then no candidate left for the one certification
    const run = await runText(
      policy(
        '  - { type: green_manufacturing, years: [2021, 2022], min_energy_tce: 180, retrofits_per_year: 1, retrofit_saving: 0.1, green_factories_per_year: { 2021: 0, 2022: 1 } }',
      ),
    );
    expect(actions(run)).toEqual(['2021 E1 retrofit', '2022 E2 retrofit']);
    expect(shortfalls(run)).toEqual([[2022, 1]]);
  });
});

describe('village_cleanup', () => {
  it('clears flagged firms lowest score first; moving into a park vacates part of the land', async () => {
    const close = await runText(policy('  - { type: village_cleanup, per_year: 1, dispositions: { close: { share: 1 } } }'));
    // 规下 scores: E4 (tax/mu 1, tax/kWh 0.27) below E5 (2.4, 0.6)
    expect(actions(close)).toEqual(['2021 E4 close', '2022 E5 close']);
    expect(shortfalls(close)).toEqual([[2023, 1]]); // nobody left to clear in 2023
    expect(value(close, 'vacated_energy_tce', 2021)).toBeCloseTo(E.E4, 9);
    const move = await runText(
      policy('  - { type: village_cleanup, per_year: 2, dispositions: { move_to_park: { share: 1, land_factor: 0.25 } } }'),
    );
    expect(actions(move).sort()).toEqual(['2021 E4 move_to_park', '2021 E5 move_to_park']);
    expect(value(move, 'vacated_land_mu', 2021)).toBeCloseTo(0.75 * 13, 9);
    expect(value(move, 'vacated_energy_tce', 2021)).toBe(0);
    expect(value(move, 'energy_tce', 2021)).toBeCloseTo(value(move, 'energy_tce', 2020), 9);
  });
});

describe('new_projects', () => {
  const pipeline =
    'name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh\nP1,C3985,2022,1000,3000,500,10,20,100\nP2,C3985,2022,1000,3000,100,10,20,100\n';

  it('admits pipeline projects that meet the standards in their start year; their energy is new-project energy', async () => {
    const run = await runText(
      policy('  - { type: new_projects, pipeline: p.csv, admission: { min_tax_per_mu: 30, max_energy_intensity: 0.3 } }'),
      2,
      1,
      { 'p.csv': pipeline },
    );
    expect(actions(run)).toEqual(['2022 NP-2 start', '2022 NP-3 rejected']);
    expect(value(run, 'new_project_energy_tce', 2022)).toBeCloseTo(100 * 1.229, 9);
    expect(value(run, 'enterprises', 2022)).toBe(6);
    expect(value(run, 'enterprises', 2021)).toBe(5);
    expect(value(run, 'energy_tce', 2023) - value(run, 'energy_tce', 2021)).toBeCloseTo(122.9, 9);
  });

  it('generates projects from distributions each year', async () => {
    const run = await runText(
      policy(
        '  - { type: new_projects, generated: { years: [2022, 2023], per_year: 2, energy_tce: 100, electricity_share: 1, value_added: 1000, land_mu: 10 } }',
      ),
    );
    expect(value(run, 'new_project_energy_tce', 2022)).toBeCloseTo(200, 9);
    expect(value(run, 'new_project_energy_tce', 2023)).toBeCloseTo(200, 9);
    expect(value(run, 'enterprises', 2023)).toBe(9);
  });

  it('reports a bad pipeline cell with its file, row and column', async () => {
    // the table is read as the registry is (cell errors first), then checked against the scenario's period
    const run = (from: string, to: string) =>
      runText(policy('  - { type: new_projects, pipeline: p.csv }'), 1, 1, { 'p.csv': pipeline.replace(from, to) }).catch(
        (e: Error) => e.message,
      );
    expect(await run('P2,C3985,2022,1000', 'P2,C3985,2022,abc')).toContain('value_added: "abc" is not a number');
    expect(await run('P2,C3985,2022,1000', 'P2,C3985,2030,1000')).toContain(
      'start_year: start_year 2030 is outside the scenario period 2021–2023',
    );
  });
});
