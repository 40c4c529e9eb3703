import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/actuals/period.js';
import type { Observation } from '../../src/actuals/types.js';
import { calibrationRows, fitTableLines } from '../../src/calibration/fit-table.js';
import { groupOf, SECTOR_GROUPS } from '../../src/calibration/groups.js';
import { objective, relativeErrors, rms, simulatedMeans } from '../../src/calibration/objective.js';
import { applyParameters, fitParameters, groupKeys, RIDGE_WEIGHT } from '../../src/calibration/parameters.js';
import { fitSeries, runMetric } from '../../src/calibration/series.js';
import { fittedValue, halfWidths } from '../../src/calibration/spread.js';
import { calibratedYaml } from '../../src/calibration/yaml-text.js';
import type { Scenario } from '../../src/scenario/resolve.js';

const obs = (metric: string, period: string, value: number, scope = 'district', tracked = false): Observation => ({
  metric,
  tracked,
  scope,
  period: parsePeriod(period)!,
  value,
  source: '统计公报',
  at: { file: 'values.csv', row: 2 },
});

const constant = (value: number) => ({ kind: 'constant' as const, value });
const growth = (va: Record<string, number>, elasticity = 0.6, gain = 0.01): Scenario['growth'] =>
  ({
    valueAdded: {
      default: constant(va.default),
      bySector: new Map(
        Object.entries(va)
          .filter(([k]) => k !== 'default')
          .map(([k, v]) => [k, constant(v)]),
      ),
    },
    energyElasticity: { default: constant(elasticity), bySector: new Map() },
    efficiencyGain: {
      default: { kind: 'distribution', dist: { name: 'triangular', args: [0, 0.01, 0.02] }, per: 'draw' },
      bySector: new Map(),
    },
  }) as unknown as Scenario['growth'];

describe('sector groups', () => {
  it('puts C25, C26, C28, C29 in 石化, D44 in 电力热力 and the rest in 其他', () => {
    expect(['C25', 'C26', 'C28', 'C29'].map((d) => groupOf(d).id)).toEqual(Array(4).fill('petrochemical'));
    expect(groupOf('D44').id).toBe('power_heat');
    expect(groupOf('C34').id).toBe('other');
    expect(groupKeys(SECTOR_GROUPS[2], ['default', 'C25', 'C27'])).toEqual(['default', 'C27']);
  });
});

describe('fitSeries', () => {
  it('keeps annual district and 规上 VA values after the base year up to the last complete year', () => {
    const values = [
      obs('above_scale_value_added', '2021', 7135000, 'district'),
      obs('value_added', '2022', 100, 'above_scale'),
      obs('energy_tce', '2021', 5e6),
      obs('energy_tce', '2020', 5e6), // base year: not fitted
      obs('energy_tce', '2024', 5e6), // after the last complete year
      obs('energy_tce', '2022-Q3', 4e6), // sub-annual
      obs('energy_tce', '2022', 5e6, 'town:澥浦镇'),
      obs('vacated_energy_tce', '2022', 1e4),
      obs('co2_t', '2022', 0),
      obs('parks', '2022', 3, 'district', true),
    ];
    const { points, skipped } = fitSeries(values, 2020, 2023);
    expect(points.map((p) => [p.metric, p.scope, p.year])).toEqual([
      ['above_scale_value_added', 'above_scale', 2022],
      ['above_scale_value_added', 'district', 2021],
      ['energy_tce', 'district', 2021],
    ]);
    expect(skipped).toEqual([
      { metric: 'energy_tce', scope: 'town:澥浦镇', year: 2022, reason: 'scope' },
      { metric: 'vacated_energy_tce', scope: 'district', year: 2022, reason: 'metric' },
      { metric: 'co2_t', scope: 'district', year: 2022, reason: 'zero' },
    ]);
    expect(runMetric('energy_tce', 'above_scale')).toBeUndefined(); // the run has no 规上 energy total
  });
});

describe('parameters', () => {
  const firms = { sectors: ['C26', 'C34', 'C25'], sector: [0, 1, 2, 0], valueAdded: [100, 300, 300, 0] };

  it('takes each group prior as the VA-weighted mean of its divisions, and the defaults of ε and η', () => {
    const params = fitParameters(growth({ default: 0.05, C25: 0.01, C26: 0.04 }), firms, [2021, 2022]);
    expect(params.map((p) => p.id)).toEqual(['value_added.petrochemical', 'value_added.other', 'energy_elasticity', 'efficiency_gain']);
    // 石化: (100 × 0.04 + 300 × 0.01) ÷ 400 = 0.0175 (the firm of VA 0 weighs nothing)
    expect(params[0].prior).toBeCloseTo(0.0175, 12);
    expect(params[1].prior).toBe(0.05);
    expect(params[2].prior).toBe(0.6);
    expect(params[3].prior).toBeCloseTo(0.01, 12); // the triangular's mean (0 + 0.01 + 0.02) ÷ 3
  });

  it('sets every key of a group and keeps the keys it does not fit', () => {
    const params = fitParameters(growth({ default: 0.05 }), { sectors: ['C26'], sector: [0], valueAdded: [1] }, [2021]);
    const merged: Record<string, unknown> = { growth: { value_added: { triangular: [0.01, 0.02, 0.03] }, price: 0.01 } };
    applyParameters(merged, params, [0.07, 0.5, 0.02]);
    expect(merged.growth).toEqual({
      value_added: { default: { triangular: [0.01, 0.02, 0.03] }, C25: 0.07, C26: 0.07, C28: 0.07, C29: 0.07 },
      price: 0.01,
      energy_elasticity: 0.5,
      efficiency_gain: 0.02,
    });
    const other = fitParameters(growth({ default: 0.05 }), { sectors: ['C34'], sector: [0], valueAdded: [1] }, [2021]);
    const m2: Record<string, unknown> = { growth: { value_added: { default: 0.05, C27: 0.02, C26: 0.04 } } };
    applyParameters(m2, other, [0.03, 0.6, 0.01]);
    expect((m2.growth as Record<string, unknown>).value_added).toEqual({ default: 0.03, C27: 0.03, C26: 0.04 });
  });
});

describe('objective and spread', () => {
  const points = fitSeries(
    [obs('value_added', '2021', 100), obs('value_added', '2022', 200), obs('energy_tce', '2022', 50)],
    2020,
    2022,
  ).points;

  it('reads the mean over the draws and sums squared relative errors plus the pull to the prior', () => {
    const layout = { ids: ['energy_tce', 'value_added'], years: [2020, 2021, 2022], policyKeys: [] };
    // two draws, rows [metric × years]
    const values = Float64Array.from([0, 0, 40, 0, 90, 190, /* draw 1 */ 0, 0, 60, 0, 110, 230]);
    const sim = simulatedMeans(layout, values, points);
    expect(points.map((p) => p.metric)).toEqual(['energy_tce', 'value_added', 'value_added']);
    expect(sim).toEqual([50, 100, 210]);
    const errors = relativeErrors(points, sim);
    expect(errors[2]).toBeCloseTo(0.05, 12);
    const params = fitParameters(growth({ default: 0.05 }), { sectors: ['C34'], sector: [0], valueAdded: [1] }, [2021]);
    // one scale (2 points) away from the prior costs RIDGE_WEIGHT
    expect(objective(errors, params, [0.07, 0.6, 0.01])).toBeCloseTo(0.05 ** 2 + RIDGE_WEIGHT, 12);
  });

  it('turns residuals into yearly half-widths and triangular distributions inside the box', () => {
    const params = fitParameters(growth({ default: 0.05 }), { sectors: ['C34'], sector: [0], valueAdded: [1] }, [2021]);
    // VA residuals 0.02 after 1 year and −0.04 after 2 years: RMS of (0.02, −0.02) = 0.02; energy 0.03 after 2 years → 0.015
    const h = halfWidths(params, [0.05, 0.6, 0.01], points, [0.03, 0.02, -0.04], 2020);
    expect(h[0]).toBeCloseTo(0.02, 12);
    expect(h[2]).toBeCloseTo(0.015, 12);
    expect(h[1]).toBeCloseTo(0.015 / 0.05, 12);
    // a growth near 0 is taken as 2 %, and ε's spread is at most 0.3
    expect(halfWidths(params, [0.001, 0.6, 0.01], points, [0.03, 0.02, -0.04], 2020)[1]).toBeCloseTo(0.3, 12);
    expect(halfWidths(params, [0.001, 0.6, 0.01], points, [0.001, 0.02, -0.04], 2020)[1]).toBeCloseTo(0.0005 / 0.02, 12);
    expect(fittedValue(params[0], 0.05, 0.02)).toEqual({ triangular: [0.03, 0.05, 0.07], per: 'draw' });
    expect(fittedValue(params[2], 0.01, 0.015)).toEqual({ triangular: [0, 0.01, 0.02], per: 'draw' }); // η ≥ 0: both sides narrow, the mean stays
    expect(fittedValue(params[2], 0, 0.015)).toBe(0);
    expect(fittedValue(params[0], 0.0512345678, 0)).toBe(0.051235);
    expect(rms([])).toBe(0);
  });
});

describe('calibratedYaml', () => {
  it('writes a scenario that extends the original with the fitted growth, readable by a YAML parser', () => {
    const params = fitParameters(growth({ default: 0.05 }), { sectors: ['C34'], sector: [0], valueAdded: [1] }, [2021]);
    const points = fitSeries([obs('value_added', '2021', 100)], 2020, 2021).points;
    const rows = calibrationRows(points, [90], [100.5]);
    const text = calibratedYaml({
      name: 'small-calibrated',
      title: '小型 "测试"（校准 2021–2021）',
      extendsPath: '../scenarios/small.yaml',
      actualsPath: 'actuals.xlsx',
      valueAdded: { default: { triangular: [0.03, 0.05, 0.07], per: 'draw' }, C26: { 2021: 0.1, 2025: 0.05 }, C27: 'rate * 2' },
      energyElasticity: 0.55,
      efficiencyGain: { triangular: [0, 0.01, 0.02], per: 'draw' },
      command: 'dcsim calibrate s.yaml --out c.yaml',
      notes: ['a note\nwith a break'],
      params: params.map((p, i) => ({ p, fitted: [0.05, 0.55, 0.01][i], halfWidth: 0.01 })),
      rows,
    });
    const doc = parse(text);
    expect(doc).toEqual({
      name: 'small-calibrated',
      title: '小型 "测试"（校准 2021–2021）',
      extends: '../scenarios/small.yaml',
      actuals: 'actuals.xlsx',
      growth: {
        value_added: { default: { triangular: [0.03, 0.05, 0.07], per: 'draw' }, C26: { 2021: 0.1, 2025: 0.05 }, C27: 'rate * 2' },
        energy_elasticity: 0.55,
        efficiency_gain: { triangular: [0, 0.01, 0.02], per: 'draw' },
      },
    });
    const header = text.split('\n').filter((l) => l.startsWith('#'));
    expect(header[0]).toBe('# Calibrated by dcsim calibrate: dcsim calibrate s.yaml --out c.yaml');
    expect(header).toContain('# a note with a break');
    expect(header.some((l) => /value_added\s+district\s+2021\s+100\s+90\s+101\s+−10\.00 %\s+\+0\.50 %/.test(l))).toBe(true);
    expect(fitTableLines(rows, 'zh')[0]).toMatch(/^指标/);
  });
});
