import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import { estimateTextWidth, toPng, toSvg } from '../../src/io/render-charts.js';
import { runCharts } from '../../src/report/charts.js';
import { runText, STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

// the package's exports do not list its schema file; it ships in build/
const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/vega-lite/build/vega-lite-schema.json'), 'utf8'));

let summary: RunSummary;
const firms = [
  { name: '甬海化工有限公司', policy: 'rectification', action: 'close', vacatedEnergyTce: 1200 },
  { name: '宏立机械有限公司', policy: 'rectification', action: 'upgrade', vacatedEnergyTce: 300 },
];
beforeAll(async () => {
  const run = await runText(
    `${STILL}policies:\n  - { type: rectification, also: { tax_per_mu_below: 12 }, dispositions: { close: { share: 1 } } }\ntargets:\n  - { id: e, label: 腾出用能, metric: vacated_energy_tce, kind: cumulative, year: 2023, at_least: 200 }\n  - { id: r, label: 增加值率, metric: value_added_rate, year: 2023, at_least: 0.3 }\n`,
    5,
  );
  const { attribute } = await import('../../src/engine/attribution.js');
  summary = {
    ...run.summary,
    attribution: attribute(
      run.events.map((e) => ({
        policy: 'rectification',
        action: e.action,
        town: 't',
        park: 'p',
        sector: 'C34',
        vacatedEnergyTce: e.vacatedEnergyTce,
        co2ReductionT: e.co2ReductionT,
        vacatedLandMu: e.vacatedLandMu,
      })),
    ),
  };
});

describe('chart specs', () => {
  it("every spec validates against vega-lite's JSON schema, in both languages", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    for (const lang of ['zh', 'en'] as const) {
      for (const chart of runCharts(summary, firms, lang)) {
        const ok = validate(chart.spec);
        expect(ok, `${chart.id} (${lang}): ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      }
    }
  });

  it('the comparison charts validate too', async () => {
    const { compareRuns } = await import('../../src/engine/compare.js');
    const { compareCharts } = await import('../../src/report/compare-charts.js');
    const run = await runText(
      `${STILL}targets:\n  - { id: e, metric: vacated_energy_tce, kind: cumulative, year: 2023, at_least: 1 }\n`,
      5,
    );
    const c = compareRuns([run, run], 5, 1);
    const validate = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(schema);
    const charts = compareCharts(c, [run.summary, run.summary], 'zh');
    expect(charts.map((x) => x.id)).toContain('compare-probability');
    // issue #14 item 4: three labels on the probability legend, so "80%100%" never collide
    const grid = charts.find((x) => x.id === 'compare-probability')!.spec as { layer: { encoding: { color?: { legend?: unknown } } }[] };
    expect(grid.layer[0].encoding.color!.legend).toEqual({ format: '.0%', values: [0, 0.5, 1], gradientLength: 200 });
    for (const chart of charts) expect(validate(chart.spec), `${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    // the goal of the cumulative target is drawn on the overlaid fan, a diamond in the legend
    const fan = charts.find((x) => x.id === 'compare-fan-vacated_energy_tce')!.spec as {
      layer: { data?: { values: { year: number; goal: number }[] }; encoding: { shape?: unknown } }[];
    };
    const goal = fan.layer.find((l) => l.encoding.shape !== undefined)!;
    expect(goal.data!.values.map((g) => [g.year, g.goal])).toEqual([[2023, 0.0001]]); // 1 tce in 万tce (kept to two more decimals than shown)
  });

  it('a count gets whole-number ticks on its fan (issue #14 item 4)', async () => {
    const run = await runText(`${STILL}targets:\n  - { id: p, metric: projects_admitted, year: 2023, at_most: 5 }\n`, 3);
    const fan = runCharts(run.summary, [], 'zh').find((c) => c.id === 'fan-projects_admitted')!;
    expect(JSON.stringify(fan.spec)).toContain('"axis":{"tickMinStep":1,"format":"d"}');
    const energy = runCharts(run.summary, [], 'zh').find((c) => c.id === 'fan-dual_control_energy_tce')!;
    expect(JSON.stringify(energy.spec)).not.toContain('tickMinStep');
  });

  it('the seek chart validates too', async () => {
    const { seekChart } = await import('../../src/report/seek-chart.js');
    const chart = seekChart(
      [
        { value: 0, probability: 0, p50: 0 },
        { value: 5, probability: 1, p50: 9 },
      ],
      0.9,
      'policies[v].per_year',
      '腾出用地',
      5,
      'zh',
    );
    expect(new Ajv({ strict: false, allowUnionTypes: true }).compile(schema)(chart.spec)).toBe(true);
  });

  it("has the charts of the report: scorecard, the targets' fans, the analysis charts, then the other key fans", () => {
    expect(runCharts(summary, firms, 'zh').map((c) => c.id)).toEqual([
      'scorecard',
      // its two targets, in their order
      'fan-vacated_energy_tce',
      'fan-value_added_rate',
      'vacated-by-policy',
      'waterfall',
      'headroom',
      'grades',
      'top-firms',
      // the key metrics no target names
      'fan-co2_reduction_t',
      'fan-vacated_land_mu',
      'fan-tax_per_mu',
      'fan-dual_control_energy_tce',
      'fan-energy_intensity',
    ]);
  });

  it('labels in Chinese by default and in English with lang en; units in axis titles', () => {
    const zh = runCharts(summary, firms, 'zh').find((c) => c.id === 'fan-vacated_energy_tce')!;
    const en = runCharts(summary, firms, 'en').find((c) => c.id === 'fan-vacated_energy_tce')!;
    expect(zh.title).toBe('腾出用能（累计）');
    expect(en.title).toBe('Energy vacated (cumulative)');
    expect(JSON.stringify(zh.spec)).toContain('"title":"万tce"');
    expect(JSON.stringify(runCharts(summary, firms, 'zh').find((c) => c.id === 'fan-value_added_rate')!.spec)).toContain('"title":"%"');
  });

  it('marks the goal of a target on its fan chart', () => {
    const fan = runCharts(summary, firms, 'zh').find((c) => c.id === 'fan-vacated_energy_tce')!;
    expect(JSON.stringify(fan.spec)).toContain('"goal":0.02'); // 200 tce = 0.02 万tce
  });
});

describe('rendering', () => {
  it('draws Chinese with real glyphs: two characters give different pixels, and ink on the page', async () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"><text x="5" y="30" font-family="Noto Sans SC" font-size="28">${text}</text></svg>`;
    const a = PNG.sync.read(await toPng(svg('腾'), 1));
    const b = PNG.sync.read(await toPng(svg('出'), 1));
    const ink = (p: PNG) => p.data.filter((v, i) => i % 4 === 0 && v < 128).length;
    expect(ink(a)).toBeGreaterThan(40);
    expect(ink(b)).toBeGreaterThan(40);
    expect(a.data.equals(b.data)).toBe(false);
  });

  it('renders a chart to SVG and a print-resolution PNG (2×)', async () => {
    const chart = runCharts(summary, firms, 'zh')[0];
    const svg = await toSvg(chart.spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('目标达成情况');
    const png = PNG.sync.read(await toPng(svg));
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(png.width).toBe(2 * width);
  });

  it('estimates Chinese text at 1 em a character and Latin narrower', () => {
    expect(estimateTextWidth('腾出用能', 10)).toBe(40);
    expect(estimateTextWidth('tce', 10)).toBeLessThan(20);
  });
});
