import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/actuals/period.js';
import type { Stats, TargetResult } from '../../src/engine/aggregate.js';
import { UNIFORM_PROFILE } from '../../src/scenario/resolve.js';
import type { Target } from '../../src/targets/schema.js';
import { flowToDate, levelToDate } from '../../src/tracking/observed.js';
import { goalAsLevel, interpolate, planPath } from '../../src/tracking/plan.js';
import { progressLight, quarterRows, trackReport, warningLevel } from '../../src/tracking/track.js';
import { obs } from './fixture.js';

const target = (o: Partial<Target>): Target => ({
  id: 't',
  label: 't',
  metric: 'vacated_energy_tce',
  kind: 'cumulative',
  from: 2021,
  year: 2025,
  bound: 'at_least',
  goal: 500,
  confidence: 0.8,
  ...o,
});
const st = (p50: number, spread = 10): Stats => ({
  mean: p50,
  p5: p50 - spread,
  p10: p50 - spread,
  p50,
  p90: p50 + spread,
  p95: p50 + spread,
});

describe('plan path', () => {
  it('runs linear from the base value through each milestone to the goal', () => {
    // a 2023 milestone of 300 and the 2025 goal of 500: 0, 100, 200, 300, 400, 500
    const p = planPath(target({}), 2020, 0, 500, [{ year: 2023, value: 300 }]);
    expect(p.map((x) => x.value)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(p.map((x) => x.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
  });
  it('follows a path given in the scenario, filling the ends with the base value and the goal', () => {
    const p = planPath(target({ path: [{ year: 2022, value: 50 }] }), 2020, 0, 500, [{ year: 2023, value: 300 }]);
    // the given path replaces the milestones: 0 → 50 (2022) → 500 (2025)
    expect(p.map((x) => x.value)).toEqual([0, 25, 50, 200, 350, 500]);
  });
  it('turns change and cagr goals into levels from the from-year value', () => {
    expect(goalAsLevel(target({ kind: 'change', goal: -0.1, from: 2020 }), 200)).toBeCloseTo(180, 10);
    expect(goalAsLevel(target({ kind: 'cagr', goal: 0.1, from: 2020, year: 2022 }), 100)).toBeCloseTo(121, 10);
    expect(goalAsLevel(target({ kind: 'level', goal: 7 }), 100)).toBe(7);
  });
  it('interpolates at fractional years and holds beyond the ends', () => {
    const pts = [
      { year: 2020, value: 0 },
      { year: 2021, value: 12 },
    ];
    expect(interpolate(pts, 2020.5)).toBe(6);
    expect(interpolate(pts, 2019)).toBe(0);
    expect(interpolate(pts, 2030)).toBe(12);
  });
});

describe('warning levels', () => {
  it('are green at the green threshold, yellow at the yellow one, red just below (edges inclusive)', () => {
    expect(warningLevel(0.8, 0.8, 0.5)).toBe('green');
    expect(warningLevel(0.7999, 0.8, 0.5)).toBe('yellow');
    expect(warningLevel(0.5, 0.8, 0.5)).toBe('yellow');
    expect(warningLevel(0.4999, 0.8, 0.5)).toBe('red');
    expect(progressLight(1)).toBe('green');
    expect(progressLight(0.8)).toBe('yellow');
    expect(progressLight(0.79)).toBe('red');
  });
});

describe('actuals to date', () => {
  const s = [obs('x', '2022-Q1', 10), obs('x', '2022-Q2', 20), obs('x', '2022-07', 5), obs('x', '2021', 100)];
  it('sums a flow from January: the annual value, else quarter by quarter (its months, else the quarter); never a gap', () => {
    expect(flowToDate(s, 2021, 12)).toBe(100);
    expect(flowToDate(s, 2022, 6)).toBe(30);
    expect(flowToDate(s, 2022, 3)).toBe(10);
    expect(flowToDate(s, 2022, 7)).toBe(35); // Q1 + Q2 + July
    expect(flowToDate(s, 2022, 9)).toBeUndefined(); // Q3 missing
  });
  it('reads a level year-to-date at the period that ends that month', () => {
    const l = [obs('e', '2022-Q3', 75), obs('e', '2022', 101)];
    expect(levelToDate(l, 2022, 9)).toBe(75);
    expect(levelToDate(l, 2022, 12)).toBe(101);
    expect(levelToDate(l, 2022, 6)).toBeUndefined();
  });
});

describe('季度通报 rows', () => {
  const plan = (y: number) => (y - 2020) * 100; // 100 a year
  const ctx = (profile: readonly number[], month = 9) => ({
    base: 2020,
    asOf: { year: 2021, month, kind: 'month' as const, text: `2021-0${month}` },
    scenario: { tracking: { yellow: 0.5, seasonalProfile: profile } },
  });
  const series = [obs('vacated_energy_tce', '2021-Q1', 20), obs('vacated_energy_tce', '2021-Q2', 30)];
  it('with the uniform profile: share of the annual task against m ÷ 12; an unobserved quarter stays empty', () => {
    const rows = quarterRows(target({}), 'cumulative', series, plan, ctx(UNIFORM_PROFILE));
    expect(rows.map((r) => r.quarter)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3']);
    expect(rows[0]).toMatchObject({ annual_task: 100, achieved: 20, share: 0.2, expected_share: 0.25, warning: 'yellow' });
    expect(rows[0].ratio).toBe(0.8); // 0.2 ÷ 0.25: exactly at the yellow edge, which is yellow
    expect(rows[1]).toMatchObject({ achieved: 50, share: 0.5, expected_share: 0.5, ratio: 1, warning: 'green' });
    expect(rows[2]).toMatchObject({ achieved: null, share: null, ratio: null, warning: null });
  });
  it('with a custom profile (back-loaded): the same progress is ahead of a slower expected share', () => {
    const profile = [0.02, 0.04, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1];
    const rows = quarterRows(target({}), 'cumulative', series, plan, ctx(profile, 6));
    expect(rows.map((r) => r.expected_share)).toEqual([0.1, 0.3]);
    expect(rows[0].ratio).toBeCloseTo(2, 10);
    expect(rows[1].ratio).toBeCloseTo(0.5 / 0.3, 10);
    expect(rows.map((r) => r.warning)).toEqual(['green', 'green']);
  });
  it('an at-most level (an energy budget): using less of it than expected is green', () => {
    const budget = (y: number) => (y === 2021 ? 1000 : NaN);
    const rows = quarterRows(
      target({ metric: 'energy_tce', bound: 'at_most', kind: 'level' }),
      'level',
      [obs('energy_tce', '2021-Q2', 600)],
      budget,
      ctx(UNIFORM_PROFILE, 6),
    );
    expect(rows[1]).toMatchObject({ annual_task: 1000, achieved: 600, share: 0.6, expected_share: 0.5 });
    expect(rows[1].ratio).toBeCloseTo(0.5 / 0.6, 10);
    expect(rows[1].warning).toBe('yellow');
  });
});

describe('trackReport', () => {
  const summaryTargets: TargetResult[] = [
    {
      id: 'v',
      label: 'v',
      metric: 'vacated_energy_tce',
      kind: 'cumulative',
      from: 2021,
      year: 2025,
      at_least: 500,
      confidence: 0.8,
      probability: 0.6,
      p10: 0,
      p50: 0,
      p90: 0,
      status: 'at_risk',
    },
  ];
  const years = [2020, 2021, 2022, 2023, 2024, 2025];
  const summary = {
    targets: summaryTargets,
    metrics: { vacated_energy_tce: Object.fromEntries(years.map((y) => [y, st(100)])) },
    cumulative: { vacated_energy_tce: Object.fromEntries(years.map((y) => [y, st((y - 2020) * 90)])) },
  };
  const scenario = {
    period: { base: 2020, end: 2025 },
    targets: [target({ id: 'v' })],
    tracking: { yellow: 0.5, seasonalProfile: UNIFORM_PROFILE },
    tracked: [{ id: 'parks', label: '园区', unit: '个', base: 2, year: 2025, bound: 'at_least' as const, goal: 7, flow: false }],
    actuals: {
      values: [obs('vacated_energy_tce', '2021', 80), obs('vacated_energy_tce', '2022-Q1', 30), obs('parks', '2022-Q1', 3, true)],
      actions: [],
      asOf: parsePeriod('2022-03')!,
      files: [],
    },
  };
  const r = trackReport({ scenario, summary, startTargets: [{ ...summaryTargets[0], probability: 0.9 }] });
  const t = r.targets[0];
  it('gives the running sum, the fan from the last complete year, probabilities now and at the start, and the light', () => {
    expect(t.actuals.map((a) => [a.period, a.value, a.partial])).toEqual([
      ['2021', 80, false],
      ['2022-03', 110, true],
    ]);
    expect(t.forecast.map((f) => f.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(t.probability).toEqual({ now: 0.6, start: 0.9 });
    expect(t.thresholds).toEqual({ green: 0.8, yellow: 0.5 });
    expect(t.warning).toBe('yellow');
    expect(t.task_done).toBeCloseTo(110 / 500, 10);
  });
  it('gives the pace: achieved per year since the base, required per year for the rest, the forecast P50 pace', () => {
    // 110 in 1.25 years; 390 left in 3.75 years; forecast P50 450 in 2025
    expect(t.pace.years_elapsed).toBeCloseTo(1.25, 10);
    expect(t.pace.achieved_per_year).toBeCloseTo(88, 10);
    expect(t.pace.required_per_year).toBeCloseTo(104, 10);
    expect(t.pace.forecast_p50_per_year).toBeCloseTo((450 - 110) / 3.75, 10);
    expect(t.pace.on_pace).toBe(false);
    expect(t.pace.reached).toBe(false); // 110 of 500
  });
  it('tracks an indicator against its plan path: % of the task and of the plan to date, no forecast', () => {
    const p = r.tracked[0];
    expect(p.plan.map((x) => x.value)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(p.actual?.value).toBe(3);
    expect(p.task_done).toBeCloseTo(0.2, 10);
    // by 2022-03 the path asks 2 + 5 × 1.25 / 5 = 3.25: 25 % of the task
    expect(p.plan_done).toBeCloseTo(0.25, 10);
    expect(p.warning).toBe('yellow'); // 0.2 ÷ 0.25 = 0.8, the yellow edge
  });
  it('tracks a flow indicator as a running sum from 0 to its goal', () => {
    const flow = trackReport({
      scenario: {
        ...scenario,
        targets: [],
        tracked: [{ id: 'projects', label: '项目', unit: '个', base: 0, year: 2025, bound: 'at_least', goal: 50, flow: true }],
        actuals: { ...scenario.actuals, values: [obs('projects', '2021', 12, true), obs('projects', '2022-Q1', 4, true)] },
      },
      summary,
    }).tracked[0];
    expect(flow.plan.map((x) => x.value)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(flow.actual).toMatchObject({ period: '2022-03', value: 16, partial: true });
    expect(flow.task_done).toBeCloseTo(16 / 50, 10);
    // the path asks 12.5 by 2022-03 (25 %): 32 % ÷ 25 % = 1.28 → green
    expect(flow.plan_done).toBeCloseTo(0.25, 10);
    expect(flow.warning).toBe('green');
  });
  it('runs a cumulative target with a later from as a sum from its first year: 0 before, the flows since', () => {
    const late = trackReport({ scenario: { ...scenario, targets: [target({ id: 'v', from: 2022 })], tracked: [] }, summary }).targets[0];
    expect(late.plan.map((x) => x.value)).toEqual([0, 0, 125, 250, 375, 500]);
    expect(late.actuals.map((a) => [a.period, a.value])).toEqual([['2022-03', 30]]);
    expect(late.pace.years_elapsed).toBeCloseTo(0.25, 10);
    expect(late.pace.achieved_per_year).toBeCloseTo(120, 10);
    // the fan takes off the P50 of 2021 (90): 2025's P50 450 − 90
    expect(late.forecast.at(-1)?.p50).toBe(360);
    expect(late.quarters[0].quarter).toBe('2022-Q1');
  });
});

describe('a flow to date from quarters and months mixed', () => {
  it('sums the quarters observed and the months after them; a gap leaves it unknown', () => {
    const o = (period: string, value: number) => obs('vacated_energy_tce', period, value);
    const series = [o('2023-Q1', 94), o('2023-Q2', 122), o('2023-07', 38), o('2023-08', 38), o('2023-09', 42)];
    expect(flowToDate(series, 2023, 6)).toBe(216);
    expect(flowToDate(series, 2023, 8)).toBe(292);
    expect(flowToDate(series, 2023, 9)).toBe(334);
    expect(
      flowToDate(
        series.filter((x) => x.period.text !== '2023-08'),
        2023,
        9,
      ),
    ).toBeUndefined();
  });
});
