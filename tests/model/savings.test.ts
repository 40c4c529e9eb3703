import { describe, expect, it } from 'vitest';
import { runText, STILL, value } from '../engine/run-helpers.js';

// Issue #11 §5 "Savings are treated alike" on the 5-firm fixture (tests/fixtures/registry-small.csv),
// calorific basis, GB/T 2589-2020 coefficients:
//   E1 coal 1,000 t × 0.7143 + gas 50 × 12.143 + power 200 × 1.229 + heat 2,000 GJ × 0.03412 = 1,635.49 tce gross,
//      of which feedstock 300 ⇒ process energy 1,335.49 tce; its own renewable power 50 × 10⁴ kWh
//   E2 power 150 × 1.229 = 184.35 · E3 gas 5 × 12.143 + power 80 × 1.229 = 159.035
const E1_PROCESS = 1335.49;
const E2 = 184.35;
const E3 = 159.035;

/** STILL with other accounting, growth or period lines. */
const scenario = (policies: string, replace: Record<string, string> = {}) => {
  let head = STILL;
  for (const [k, v] of Object.entries(replace)) head = head.replace(new RegExp(`^${k}:.*$`, 'm'), `${k}: ${v}`);
  return `${head}policies:\n${policies}`;
};
/** A rectification that lists nobody by rule (no firm has tax per mu below 0): only its named entries act. */
const namedOnly = (dispositions: string, named: string) =>
  `  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { ${dispositions} }, named: [${named}] }\n`;
const of = (run: Awaited<ReturnType<typeof runText>>, action: string) => run.events.filter((e) => e.action === action);

describe('caps apply to every saving disposition', () => {
  it('a capped upgrade on a large plant saves exactly the cap', async () => {
    // E1: 20 % of 1,335.49 = 267.098 tce > cap 100 ⇒ 100 tce
    const run = await runText(
      scenario(namedOnly('upgrade: { share: 1, energy_saving: 0.2, max_saving_tce: 100 }', '{ id: E1, year: 2021, action: upgrade }')),
      1,
    );
    expect(of(run, 'upgrade').map((e) => e.vacatedEnergyTce)).toEqual([expect.closeTo(100, 9)]);
    expect(value(run, 'vacated_energy_tce', 2021)).toBeCloseTo(100, 9);
  });

  it('regulate, benchmark and the green-factory gain are capped alike; a saving under its cap is not touched', async () => {
    const regulate = await runText(
      scenario(
        namedOnly(
          'regulate: { share: 1, energy_saving: 0.1, max_saving_tce: 50 }',
          '{ id: E1, year: 2021, action: regulate }, { id: E3, year: 2021, action: regulate }',
        ),
      ),
      1,
    );
    // E1: 133.549 → 50; E3: 15.9035 < 50 stays
    expect(value(regulate, 'vacated_energy_tce', 2021)).toBeCloseTo(50 + 0.1 * E3, 9);
    const benchmark = await runText(
      scenario(
        '  - { type: two_high_review, thresholds: { built_before_2018_tce: 1000 }, exempt_green_factory: none, dispositions: { benchmark: { share: 1, energy_saving: 0.1, max_saving_tce: 40 } } }\n',
      ),
      1,
    );
    expect(of(benchmark, 'benchmark').map((e) => e.vacatedEnergyTce)).toEqual([expect.closeTo(40, 9)]);
    const green = await runText(
      scenario(
        '  - { type: green_manufacturing, green_factory_efficiency_gain: 0.05, green_factory_max_saving_tce: 5, named: [{ id: E2, year: 2021, action: certify }] }\n',
      ),
      1,
    );
    // 5 % of 184.35 = 9.2175 > 5
    expect(of(green, 'green_factory_gain').map((e) => e.vacatedEnergyTce)).toEqual([expect.closeTo(5, 9)]);
  });

  it('a saving is a share of process energy: feedstock and the firm’s own renewable power are not cut', async () => {
    // gross basis (feedstock counted) and all non-fossil deducted: E1's dual-control energy is
    // 1,635.49 − 50 × 1.229 = 1,574.04; a 10 % saving is 10 % of the 1,335.49 tce process energy,
    // all of it off purchased energy ⇒ 133.549 tce (today's code: 10 % of every carrier, the
    // feedstock and the renewables ⇒ 157.404); feedstock stays 300
    const run = await runText(
      scenario(namedOnly('regulate: { share: 1, energy_saving: 0.1 }', '{ id: E1, year: 2021, action: regulate }'), {
        accounting: '{ electricity_basis: calorific, exclude_feedstock: false, exclude_renewables: non_fossil }',
      }),
      1,
    );
    expect(value(run, 'vacated_energy_tce', 2021)).toBeCloseTo(0.1 * E1_PROCESS, 9);
    expect(value(run, 'feedstock_tce', 2021)).toBeCloseTo(300, 9);
    expect(value(run, 'energy_tce', 2020) - value(run, 'energy_tce', 2021)).toBeCloseTo(0.1 * E1_PROCESS, 9);
  });
});

describe('lagged savings are credited in the period or reported as pending', () => {
  it('an upgrade started in the end year shows as pending with its value', async () => {
    // E3 upgraded in 2023 (the end year) with lag 1: 20 % of 159.035 = 31.807 tce pending, nothing credited
    const run = await runText(
      scenario(namedOnly('upgrade: { share: 1, energy_saving: 0.2, lag: 1 }', '{ id: E3, year: 2023, action: upgrade }')),
      1,
    );
    expect(value(run, 'pending_saving_tce', 2023)).toBeCloseTo(0.2 * E3, 9);
    expect(value(run, 'vacated_energy_tce', 2023)).toBe(0);
    const pending = of(run, 'pending');
    expect(pending.map((e) => [e.year, run.ids[e.enterprise], e.policy])).toEqual([[2023, 'E3', 0]]);
    expect(pending[0].pendingSavingTce).toBeCloseTo(0.2 * E3, 9);
    expect(pending[0].vacatedEnergyTce).toBe(0);
  });

  it('the share is drawn at the start and applied to the energy of the completion year; pending every year until then', async () => {
    // VA +10 % a year, elasticity 1, no efficiency gain ⇒ energy × 1.1 a year. E3 upgraded in 2021
    // with lag 2 and 20 %: pending at the end of 2021 = 0.2 × 159.035 × 1.1 = 34.9877, of 2022 =
    // 0.2 × 159.035 × 1.21 = 38.48647; credited in 2023 = 0.2 × 159.035 × 1.331 = 42.335117
    const run = await runText(
      scenario(namedOnly('upgrade: { share: 1, energy_saving: 0.2, lag: 2 }', '{ id: E3, year: 2021, action: upgrade }'), {
        growth: '{ value_added: 0.1, energy_elasticity: 1, efficiency_gain: 0, employment_elasticity: 0 }',
      }),
      1,
    );
    expect(value(run, 'pending_saving_tce', 2021)).toBeCloseTo(34.9877, 9);
    expect(value(run, 'pending_saving_tce', 2022)).toBeCloseTo(38.48647, 9);
    expect(value(run, 'pending_saving_tce', 2023)).toBe(0);
    expect(value(run, 'vacated_energy_tce', 2023)).toBeCloseTo(42.335117, 9);
    expect(of(run, 'pending')).toEqual([]); // credited inside the period: no pending event at its end
  });

  it('a firm upgraded again while its upgrade is due is pending once; dues are reported and completed in firm order', async () => {
    // lag 2: E3 started in 2021 (due 2023) and again in 2022 (due 2024), E2 started in 2022 (due 2024);
    // named E3 before E2, reported E2 before E3 (firm order); nothing completes by 2023
    const again = await runText(
      scenario(
        namedOnly(
          'upgrade: { share: 1, energy_saving: 0.2, lag: 2 }',
          '{ id: E3, year: 2021, action: upgrade }, { id: E3, year: 2022, action: upgrade }, { id: E2, year: 2022, action: upgrade }',
        ),
      ),
      1,
    );
    expect(value(again, 'pending_saving_tce', 2021)).toBeCloseTo(0.2 * E3, 9);
    expect(value(again, 'pending_saving_tce', 2022)).toBeCloseTo(0.2 * (E2 + E3), 9);
    expect(value(again, 'pending_saving_tce', 2023)).toBeCloseTo(0.2 * (E2 + E3), 9);
    expect(of(again, 'upgrade')).toEqual([]);
    expect(of(again, 'pending').map((e) => [e.year, again.ids[e.enterprise]])).toEqual([
      [2023, 'E2'],
      [2023, 'E3'],
    ]);
    // lag 1, E3 named before E2: both complete in 2022, E2 first
    const done = await runText(
      scenario(
        namedOnly(
          'upgrade: { share: 1, energy_saving: 0.2, lag: 1 }',
          '{ id: E3, year: 2021, action: upgrade }, { id: E2, year: 2021, action: upgrade }',
        ),
      ),
      1,
    );
    expect(of(done, 'upgrade').map((e) => [e.year, done.ids[e.enterprise]])).toEqual([
      [2022, 'E2'],
      [2022, 'E3'],
    ]);
    expect(value(done, 'vacated_energy_tce', 2022)).toBeCloseTo(0.2 * (E2 + E3), 9);
    expect(value(done, 'pending_saving_tce', 2022)).toBe(0);
  });
});

describe('a green factory’s efficiency gain is counted once', () => {
  it('appears once in the flows over 5 years, and the lower energy then grows with the background', async () => {
    // 2020–2025, energy × 1.1 a year. E2 certified in 2021 (named twice: certified once) with a
    // 2 % gain: 2021 saves 0.02 × 184.35 × 1.1 = 4.05570 tce, later years nothing (today's code:
    // 2 % of its energy again every year 2022–2025, ≈ 17.3 tce more).
    // Gross energy 2025: (1,635.49 + 184.35 + 159.035 + 51.156 + 24.58) × 1.1⁵ − 4.0557 × 1.1⁴
    //   = 2,054.611 × 1.61051 − 4.0557 × 1.4641 = 3,308.97198 − 5.93795 = 3,303.03403
    const run = await runText(
      scenario(
        '  - { type: green_manufacturing, green_factory_efficiency_gain: 0.02, green_factory_renewable_share: 0, named: [{ id: E2, year: 2021, action: certify }, { id: E2, year: 2022, action: certify }] }\n',
        {
          period: '{ base: 2020, end: 2025 }',
          growth: '{ value_added: 0.1, energy_elasticity: 1, efficiency_gain: 0, employment_elasticity: 0 }',
        },
      ),
      1,
    );
    const flows = [2021, 2022, 2023, 2024, 2025].map((y) => value(run, 'vacated_energy_tce', y));
    expect(flows[0]).toBeCloseTo(4.0557, 9);
    expect(flows.slice(1)).toEqual([0, 0, 0, 0]);
    expect(of(run, 'green_factory_gain').map((e) => e.year)).toEqual([2021]);
    expect(of(run, 'certify').map((e) => e.year)).toEqual([2021]);
    expect(value(run, 'energy_tce', 2025)).toBeCloseTo(2054.611 * 1.61051 - 4.0557 * 1.4641, 6);
  });
});

describe('other one-off effects are counted once', () => {
  it('a firm moved into a small/micro park vacates its old plot once, even when named again', async () => {
    // E4 (8 mu) named for move_to_park in 2021 and 2022 with land factor 0.25: 6 mu vacated in 2021, none in 2022
    // (today's code: another 0.75 × 2 = 1.5 mu of park land in 2022)
    const run = await runText(
      scenario(
        '  - { type: village_cleanup, per_year: 0, dispositions: { move_to_park: { share: 1, land_factor: 0.25 } }, named: [{ id: E4, year: 2021, action: move_to_park }, { id: E4, year: 2022, action: move_to_park }] }\n',
      ),
      1,
    );
    expect(value(run, 'vacated_land_mu', 2021)).toBeCloseTo(6, 9);
    expect(value(run, 'vacated_land_mu', 2022)).toBe(0);
    expect(of(run, 'move_to_park').map((e) => e.year)).toEqual([2021]);
  });
});
