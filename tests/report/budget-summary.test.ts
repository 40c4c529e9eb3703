import { describe, expect, it } from 'vitest';
import { aggregate, type RunMeta } from '../../src/engine/aggregate.js';
import type { MetricLayout } from '../../src/engine/metrics.js';
import { runText, value } from '../engine/run-helpers.js';
import { BUDGET_SCENARIO } from './budget-fixture.js';

// Hand-made draws: 10 draws, years 2020–2023. CO2 of draw d is 100 + d in every year (draw 0 in
// 2023: NaN); the budget is 108 in 2021, 104 in 2022 and 2023, 0 in 2020 (not reported);
// headroom = budget − CO2 as the engine writes it.
const IDS = [
  'co2_t',
  'energy_headroom_tce',
  'co2_pool_t',
  'land_pool_mu',
  'projects_admitted',
  'projects_deferred',
  'projects_rejected',
  'carbon_budget_t',
  'carbon_headroom_t',
];
const YEARS = [2020, 2021, 2022, 2023];
const BUDGET = [0, 108, 104, 104];
const D = 10;
const layout: MetricLayout = { ids: IDS, years: YEARS, policyKeys: [] };

function values(): Float64Array {
  const Y = YEARS.length;
  const v = new Float64Array(D * IDS.length * Y);
  const set = (d: number, id: string, y: number, x: number) => {
    v[d * IDS.length * Y + IDS.indexOf(id) * Y + y] = x;
  };
  for (let d = 0; d < D; d++)
    for (let y = 0; y < Y; y++) {
      const co2 = d === 0 && y === 3 ? Number.NaN : 100 + d;
      set(d, 'co2_t', y, co2);
      set(d, 'carbon_budget_t', y, BUDGET[y]);
      set(d, 'carbon_headroom_t', y, BUDGET[y] - co2);
      set(d, 'energy_headroom_tce', y, 1000 * d); // P50 of 0, 1000 … 9000: (4000 + 5000) / 2 = 4500
      set(d, 'co2_pool_t', y, 10 * y);
      set(d, 'land_pool_mu', y, 5);
      set(d, 'projects_admitted', y, d % 2); // mean 0.5
      set(d, 'projects_deferred', y, d < 3 ? 1 : 0); // mean 0.3
      set(d, 'projects_rejected', y, d === 9 ? 2 : 0); // mean 0.2
    }
  return v;
}

const meta = (extra: Partial<RunMeta> = {}): RunMeta => ({
  scenario: { name: 't', title: 't', description: '' },
  period: { base: 2020, end: 2023 },
  confidence: 0.9,
  policies: [],
  targets: [],
  ...extra,
});

describe('summary.json budget: the probability of staying within the budget and its warning level per year', () => {
  it('counts co2 ≤ budget (headroom ≥ 0, equality included, NaN never) and sets the levels at the edges', () => {
    const s = aggregate(meta({ warning: { yellow: 0.5 } }), layout, values(), D, 1);
    // green: the confidence 0.9 (no tracking.warning.green); yellow 0.5
    expect(s.budget?.thresholds).toEqual({ green: 0.9, yellow: 0.5 });
    expect(s.budget?.years.map((y) => y.year)).toEqual([2021, 2022, 2023]); // base + 1 … end
    const [y21, y22, y23] = s.budget!.years;
    // 2021: CO2 100 … 109 ≤ 108 for d = 0 … 8: 9 of 10 = 0.9 → green (at the threshold)
    expect(y21).toMatchObject({ probability: 0.9, level: 'green', budget_p50: 108 });
    // CO2 quantiles of 100 … 109, linear between order statistics at (n − 1)·p:
    // P10 at 0.9 → 100.9, P50 at 4.5 → 104.5, P90 at 8.1 → 108.1
    expect(y21).toMatchObject({ co2_p10: 100.9, co2_p50: 104.5, co2_p90: 108.1 });
    // 2022: ≤ 104 for d = 0 … 4 (d = 4 exactly at the budget, headroom 0, counts): 5 of 10 = 0.5 → yellow (at the threshold)
    expect(y22).toMatchObject({ probability: 0.5, level: 'yellow', budget_p50: 104 });
    // 2023: draw 0 is NaN (never within), d = 1 … 4 within: 4 of 10 = 0.4 → red
    expect(y23).toMatchObject({ probability: 0.4, level: 'red' });
    // the NaN draw is left out of the quantiles: P50 of 101 … 109 (9 values) at 8 × 0.5 = 4 is 105
    expect(y23.co2_p50).toBe(105);
  });

  it('takes tracking.warning.green over the confidence, and tracking.warning.yellow', () => {
    const s = aggregate(meta({ warning: { green: 0.5, yellow: 0.45 } }), layout, values(), D, 1);
    expect(s.budget?.thresholds).toEqual({ green: 0.5, yellow: 0.45 });
    expect(s.budget?.years.map((y) => y.level)).toEqual(['green', 'green', 'red']); // 0.9, 0.5 ≥ 0.5; 0.4 < 0.45
    // a partial result of an older dcsim has no `warning`: the confidence and 0.5
    const old = aggregate(meta(), layout, values(), D, 1);
    expect(old.budget?.thresholds).toEqual({ green: 0.9, yellow: 0.5 });
  });

  it('summary.json ledger: projects as means and the pools as P50 per year', () => {
    const s = aggregate(meta({ ledger: { block: true, binding: ['energy', 'co2'] } }), layout, values(), D, 1);
    expect(s.ledger).toMatchObject({ block: true, binding: ['energy', 'co2'] });
    expect(s.ledger?.years).toEqual(
      [1, 2, 3].map((y) => ({
        year: 2020 + y,
        projects_admitted_mean: 0.5,
        projects_deferred_mean: 0.3,
        projects_rejected_mean: 0.2,
        energy_headroom_tce_p50: 4500,
        co2_pool_t_p50: 10 * y,
        land_pool_mu_p50: 5,
      })),
    );
  });

  it('a run without a budget or ledger block gains neither key (summary.json of zhenhai-2025 unchanged)', () => {
    const plain: MetricLayout = { ids: IDS.slice(0, 7), years: YEARS, policyKeys: [] };
    const v = values();
    const Y = YEARS.length;
    const cut = new Float64Array(D * 7 * Y);
    for (let d = 0; d < D; d++) cut.set(v.subarray(d * IDS.length * Y, d * IDS.length * Y + 7 * Y), d * 7 * Y);
    const s = aggregate(meta({ warning: { yellow: 0.5 } }), plain, cut, D, 1);
    expect(Object.keys(s)).not.toContain('budget');
    expect(Object.keys(s)).not.toContain('ledger');
    // a ledger block alone: the ledger, no budget
    const l = aggregate(meta({ ledger: { block: true, binding: ['energy'] } }), plain, cut, D, 1);
    expect(l.budget).toBeUndefined();
    expect(l.ledger?.years).toHaveLength(3);
  });
});

describe('the budget of a run', () => {
  it("is each year's share of draws with co2_t ≤ carbon_budget_t, from the engine's own per-draw values", async () => {
    const draws = 4;
    const r = await runText(BUDGET_SCENARIO, draws, 7);
    const b = r.summary.budget!;
    expect(b.thresholds).toEqual({ green: 0.75, yellow: 0.5 });
    // the fixture has teeth: within the budget in every draw in 2021, in half of them in 2022, one in 2023
    expect(b.years.map((y) => [y.probability, y.level])).toEqual([
      [1, 'green'],
      [0.5, 'yellow'],
      [0.25, 'red'],
    ]);
    for (const row of b.years) {
      let within = 0;
      for (let d = 0; d < draws; d++) if (value(r, 'co2_t', row.year, d) <= value(r, 'carbon_budget_t', row.year, d)) within++;
      expect(row.probability, String(row.year)).toBe(within / draws);
      expect(row.level).toBe(within / draws >= 0.75 ? 'green' : within / draws >= 0.5 ? 'yellow' : 'red');
      expect(row.co2_p50).toBe(r.summary.metrics.co2_t[row.year]!.p50);
      expect(row.budget_p50).toBe(r.summary.metrics.carbon_budget_t[row.year]!.p50);
    }
    expect(r.summary.ledger).toMatchObject({ block: true, binding: ['energy', 'co2'] });
    expect(r.summary.ledger!.years[0].projects_admitted_mean).toBe(r.summary.metrics.projects_admitted[2021]!.mean);
  });
});
