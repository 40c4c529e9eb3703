import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import { toSvg } from '../../src/io/render-charts.js';
import { FAN_METRICS, runCharts, type Chart } from '../../src/report/charts.js';
import { runText, STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';
import { BUDGET_SCENARIO } from './budget-fixture.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/vega-lite/build/vega-lite-schema.json'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(schema);

/** The analysis charts of a run without attribution, sensitivity or budget, in their order. */
const ANALYSIS = ['vacated-by-policy', 'headroom', 'grades', 'top-firms'];
/** The key metrics' fans no target names, after the analysis charts. */
const untargeted = (...drawn: string[]) => FAN_METRICS.map((f) => `fan-${f.metric}`).filter((id) => !drawn.includes(id));

// zhenhai-2025's targets (scenarios/baseline.yaml): cumulative flows, levels, cagr and change targets
const ZHENHAI_LIKE = `${STILL}targets:
  - { id: e, metric: vacated_energy_tce, kind: cumulative, year: 2023, at_least: 1 }
  - { id: r, metric: value_added_rate, year: 2023, at_least: 0.3 }
  - { id: g, metric: value_added_per_mu, kind: cagr, from: 2020, year: 2023, at_least: 0.07 }
  - { id: l, metric: labor_productivity, kind: cagr, from: 2020, year: 2023, at_least: 0.07 }
  - { id: v, metric: above_scale_value_added, kind: change, from: 2020, year: 2023, at_least: 1 }
  - { id: i, metric: energy_intensity, kind: change, from: 2020, year: 2023, at_most: -0.16 }
`;

// carbon targets of every kind: a level, a change, a cumulative flow (and a level target on the same flow)
const CARBON = `${STILL}policies:
  - { type: new_projects, generated: { years: [2021, 2023], per_year: 1, energy_tce: 20, electricity_share: 1, value_added: 500, land_mu: 5 } }
targets:
  - { id: ci, metric: carbon_intensity, year: 2023, at_most: 0.5 }
  - { id: c, metric: co2_t, kind: change, from: 2020, year: 2023, at_most: -0.1 }
  - { id: n, metric: new_project_co2_t, kind: cumulative, year: 2023, at_most: 1000 }
  - { id: n2, metric: new_project_co2_t, year: 2022, at_most: 500 }
  - { id: ci2, metric: carbon_intensity, year: 2022, at_most: 0.6 }
`;

const layerData = (c: Chart, i: number) =>
  ((c.spec.layer as { data: { values: Record<string, unknown>[] } }[])[i].data.values as Record<string, unknown>[]) ?? [];
const expectValid = (c: Chart) => expect(validate(c.spec), `${c.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);

let plain: RunSummary;
let zhenhaiLike: RunSummary;
let carbon: RunSummary;
let budget: RunSummary;
beforeAll(async () => {
  plain = (await runText(STILL, 2)).summary;
  zhenhaiLike = (await runText(ZHENHAI_LIKE, 2)).summary;
  carbon = (await runText(CARBON, 2)).summary;
  budget = (await runText(BUDGET_SCENARIO, 4, 7)).summary;
});

describe('the chart list', () => {
  it('follows the targets: the scorecard, a fan per target metric in target order, the analysis charts, then the fans no target names (issue #14 item 1)', () => {
    for (const lang of ['zh', 'en'] as const) {
      // no target: every key fan, after the analysis charts
      expect(runCharts(plain, [], lang).map((c) => c.id)).toEqual(['scorecard', ...ANALYSIS, ...untargeted()]);
      const fans = [
        'fan-vacated_energy_tce',
        'fan-value_added_rate',
        'fan-value_added_per_mu',
        'fan-labor_productivity',
        'fan-above_scale_value_added',
        'fan-energy_intensity',
      ];
      expect(runCharts(zhenhaiLike, [], lang).map((c) => c.id)).toEqual(['scorecard', ...fans, ...ANALYSIS, ...untargeted(...fans)]);
    }
  });

  it("report.charts lists exactly the charts after the targets' fans, analysis charts and extra fans in its order", () => {
    const chosen = { ...zhenhaiLike, report: { charts: ['grades', 'co2_t', 'vacated_land_mu', 'waterfall'] } };
    // no attribution in this summary: the waterfall is skipped, not drawn empty; vacated_land_mu is a flow: cumulative
    expect(runCharts(chosen, [], 'zh').map((c) => c.id)).toEqual([
      'scorecard',
      'fan-vacated_energy_tce',
      'fan-value_added_rate',
      'fan-value_added_per_mu',
      'fan-labor_productivity',
      'fan-above_scale_value_added',
      'fan-energy_intensity',
      'grades',
      'fan-co2_t',
      'fan-vacated_land_mu',
    ]);
    expect(runCharts({ ...zhenhaiLike, report: { charts: [] } }, [], 'zh')).toHaveLength(7);
  });

  it('a scenario with a carbon budget has carbon-budget after the fans, and ledger-pools after headroom with a ledger block', () => {
    const ids = runCharts(budget, [], 'zh').map((c) => c.id);
    // its within_budget target on carbon_headroom_t adds that fan
    expect(ids).toEqual([
      'scorecard',
      'fan-carbon_headroom_t',
      'carbon-budget',
      'vacated-by-policy',
      'headroom',
      'ledger-pools',
      'grades',
      'top-firms',
      'sensitivity', // growth is drawn per draw
      ...untargeted(),
    ]);
    expect(runCharts(plain, [], 'zh').map((c) => c.id)).not.toContain('carbon-budget');
    // a budget without a ledger block: no pools chart
    const noBlock = { ...budget, ledger: { ...budget.ledger!, block: false } };
    expect(runCharts(noBlock, [], 'zh').map((c) => c.id)).not.toContain('ledger-pools');
  });

  it('adds one fan per metric and measure a target names, in target order', () => {
    expect(runCharts(carbon, [], 'zh').map((c) => c.id)).toEqual([
      'scorecard',
      'fan-carbon_intensity',
      'fan-co2_t',
      'fan-new_project_co2_t-cumulative',
      'fan-new_project_co2_t',
      ...ANALYSIS,
      ...untargeted(),
    ]);
  });
});

describe('the new charts', () => {
  it('validate against vega-lite, in both languages, and render to SVG', async () => {
    for (const lang of ['zh', 'en'] as const)
      for (const s of [budget, carbon])
        for (const c of runCharts(s, [], lang).filter(
          (x) => !x.id.startsWith('fan-') || !FAN_METRICS.some((f) => x.id === `fan-${f.metric}`),
        ))
          expectValid(c);
    for (const c of runCharts(budget, [], 'zh').filter((x) => x.id === 'carbon-budget' || x.id === 'ledger-pools')) {
      const svg = await toSvg(c.spec);
      expect(svg).toContain('<svg');
      expect(svg).toContain(c.title);
    }
  });

  it('carbon-budget: the CO2 fan and the budget in 万tCO2, and each year a dot of its level labelled with the probability', () => {
    const c = runCharts(budget, [], 'zh').find((x) => x.id === 'carbon-budget')!;
    const b = budget.budget!;
    const fan = layerData(c, 0);
    // 万tCO2: t × 10⁻⁴, rounded to 4 decimals
    expect(fan.map((p) => p.year)).toEqual([2021, 2022, 2023]);
    expect(fan[1].p50).toBeCloseTo(b.years[1].co2_p50! * 1e-4, 4);
    const lines = layerData(c, 1);
    expect(lines.filter((p) => p.series === '碳排放预算（中位数）').map((p) => p.value)).toEqual(
      b.years.map((y) => Number((y.budget_p50! * 1e-4).toFixed(4))),
    );
    // the levels (green, yellow, red in this fixture), named as dcsim track names them, with the probability
    expect(layerData(c, 2).map((p) => [p.level, p.value])).toEqual(b.years.map((y, i) => [['绿灯', '黄灯', '红灯'][i], fan[i].p50]));
    expect(layerData(c, 3).map((p) => p.text)).toEqual(['100 %', '50 %', '25 %']);
    const colour = (c.spec.layer as { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[])[2].encoding.color.scale;
    expect(colour).toEqual({ domain: ['绿灯', '黄灯', '红灯'], range: ['#009E73', '#E69F00', '#D55E00'] });
    const en = runCharts(budget, [], 'en').find((x) => x.id === 'carbon-budget')!;
    expect(layerData(en, 2).map((p) => p.level)).toEqual(['green', 'yellow', 'red']);
  });

  it('ledger-pools: the energy and (binding) CO2 pools with P10–P90, and projects admitted and deferred (means)', () => {
    const c = runCharts(budget, [], 'zh').find((x) => x.id === 'ledger-pools')!;
    const [pools, projects] = c.spec.vconcat as {
      layer?: { data: { values: Record<string, unknown>[] } }[];
      data?: { values: Record<string, unknown>[] };
    }[];
    const band = pools.layer![0].data.values;
    expect([...new Set(band.map((p) => p.pool))]).toEqual(['用能替代指标余额（万tce）', '碳排放替代指标余额（万tCO2）']);
    const e2022 = band.find((p) => p.pool === '用能替代指标余额（万tce）' && p.year === 2022)!;
    const st = budget.metrics.energy_headroom_tce[2022]!;
    expect([e2022.p10, e2022.p50, e2022.p90]).toEqual([st.p10, st.p50, st.p90].map((x) => Number((x * 1e-4).toFixed(4))));
    const rows = projects.data!.values;
    expect(rows.filter((p) => p.kind === '缓批项目数').map((p) => p.value)).toEqual(
      budget.ledger!.years.map((y) => Number(y.projects_deferred_mean!.toFixed(2))),
    );
    expect(rows.filter((p) => p.kind === '准入项目数').map((p) => p.year)).toEqual([2021, 2022, 2023]);
    // the CO2 pool only when it binds
    const energyOnly = { ...budget, ledger: { ...budget.ledger!, binding: ['energy'] } };
    const c1 = runCharts(energyOnly, [], 'zh').find((x) => x.id === 'ledger-pools')!;
    const band1 = (c1.spec.vconcat as { layer: { data: { values: Record<string, unknown>[] } }[] }[])[0].layer[0].data.values;
    expect([...new Set(band1.map((p) => p.pool))]).toEqual(['用能替代指标余额（万tce）']);
  });

  it('marks the goals: a level at its year, a within_budget goal every year of its span, a change goal as the level it asks', () => {
    const charts = runCharts(carbon, [], 'zh');
    const goals = (id: string) =>
      layerData(
        charts.find((c) => c.id === id)!,
        2,
      ).map((g) => [g.year, g.goal]);
    // carbon intensity (tCO2/万元, 4 decimals): the two level goals at their years
    expect(goals('fan-carbon_intensity')).toEqual([
      [2023, 0.5],
      [2022, 0.6],
    ]);
    // co2 change −10 % from 2020: 0.9 × the 2020 P50, in 万tCO2
    const p50 = carbon.metrics.co2_t[2020]!.p50;
    expect(goals('fan-co2_t')).toEqual([[2023, Number((0.9 * p50 * 1e-4).toFixed(4))]]);
    // the cumulative fan has the cumulative goal, the level fan the level one
    expect(goals('fan-new_project_co2_t-cumulative')).toEqual([[2023, 0.1]]);
    expect(goals('fan-new_project_co2_t')).toEqual([[2022, 0.05]]);
    // within_budget (carbon_headroom_t ≥ 0 from 2021 to 2023): a diamond in each year, the text at the last
    const w = layerData(
      runCharts(budget, [], 'zh').find((c) => c.id === 'fan-carbon_headroom_t')!,
      2,
    );
    expect(w.map((g) => [g.year, g.goal])).toEqual([
      [2021, 0],
      [2022, 0],
      [2023, 0],
    ]);
    expect(w.map((g) => g.text)).toEqual(['', '', '逐年目标 0.00']); // in the unit's decimals (万tCO2)
  });
});
