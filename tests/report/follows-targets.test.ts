import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import { attribute } from '../../src/engine/attribution.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { compareCharts } from '../../src/report/compare-charts.js';
import { runCharts, type Chart } from '../../src/report/charts.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { attributionNote, attributionTables, keyMetricTable } from '../../src/report/tables.js';
import { paramLabel, placeName } from '../../src/report/labels.js';
import { shortfallWarnings } from '../../src/report/shortfall.js';
import { scorecard } from '../../src/cli/scorecard.js';
import { runText, STILL } from '../engine/run-helpers.js';

// two programmes that vacate energy over 2021–2023, growth drawn per draw so the draws differ;
// targets on a metric outside the key table (labor_productivity) and on a cumulative flow
const SCENARIO = `${STILL.replace('growth: { value_added: 0,', 'growth: { value_added: { triangular: [-0.02, 0.03, 0.08], per: draw },')}policies:
  - { type: rectification, also: { tax_per_mu_below: 12 }, dispositions: { close: { share: 0.5 }, upgrade: { share: 0.5, energy_saving: 0.2 } } }
  - { type: rectification, also: { tax_per_mu_below: 30 }, dispositions: { upgrade: { share: 1, energy_saving: 0.1 } } }
targets:
  - { id: e, label: 腾出用能, metric: vacated_energy_tce, kind: cumulative, year: 2023, at_least: 1 }
  - { id: p, label: 劳动生产率, metric: labor_productivity, kind: cagr, from: 2020, year: 2023, at_least: 0.07 }
`;

let s: RunSummary;
beforeAll(async () => {
  s = (await runText(SCENARIO, 24, 5)).summary;
}, 60_000);

const num = (cell: string) => Number(cell.replace(/,/g, ''));

describe('the key-metric table (issue #14 items 1, 2)', () => {
  it('has a row per key metric and per metric a target names, with the basis of each row', () => {
    const t = keyMetricTable(s, 'zh');
    expect(t.header.slice(0, 3)).toEqual(['指标', '口径', '单位']);
    expect(t.header.at(-1)).toBe('累计 2021–2023 中位数 [P10–P90]');
    const names = t.rows.map((r) => r[0]);
    expect(names).toContain('全员劳动生产率'); // named by a target only
    const flow = t.rows.find((r) => r[0] === '腾出用能')!;
    const stock = t.rows.find((r) => r[0] === '双控口径能耗')!;
    expect(flow[1]).toBe('年度均值');
    expect(stock[1]).toBe('中位数');
    expect(stock.at(-1)).toBe('');
  });

  it("a flow's yearly means add up to the mean of its running sum; the last column is the sum's P50 [P10–P90]", () => {
    const t = keyMetricTable(s, 'zh');
    const flow = t.rows.find((r) => r[0] === '腾出用能')!;
    // columns: name, basis, unit, 2020 … 2023, sum; 万tce with 2 decimals
    const yearly = flow.slice(4, 7).map(num);
    const meanOfSum = s.cumulative.vacated_energy_tce[2023]!.mean * 1e-4;
    expect(Math.abs(yearly.reduce((a, b) => a + b, 0) - meanOfSum)).toBeLessThanOrEqual(0.015); // three roundings of 0.005
    const c = s.cumulative.vacated_energy_tce[2023]!;
    const f = (x: number) => (x * 1e-4).toFixed(2);
    expect(flow.at(-1)).toBe(`${f(c.p50)} [${f(c.p10)} – ${f(c.p90)}]`);
    expect(c.p10).toBeLessThan(c.p90); // the draws differ, so the range says something
  });
});

describe('attribution (issue #14 item 2)', () => {
  // the audited draw, by hand: two firms of two towns
  const rows = [
    {
      policy: 'rectification',
      action: 'close',
      town: '甲镇',
      park: '',
      sector: 'C26',
      vacatedEnergyTce: 3000,
      co2ReductionT: 7000,
      vacatedLandMu: 12,
    },
    {
      policy: 'rectification-2',
      action: 'upgrade',
      town: '乙镇',
      park: '',
      sector: 'C33',
      vacatedEnergyTce: 1000,
      co2ReductionT: 2000,
      vacatedLandMu: 0,
    },
  ];
  it('gives the means of all draws by policy first; they add up to the mean of the cumulative flow', () => {
    const withA = { ...s, attribution: attribute(rows) };
    const tables = attributionTables(
      withA,
      'zh',
      (k) => k,
      (a) => a,
    );
    expect(tables.map((x) => x.id)).toEqual(['by-policy-mean', 'by-disposition', 'by-town', 'by-sector']);
    expect(tables[0].title).toBe('按政策（全部 24 次模拟的均值）');
    const sum = tables[0].rows.reduce((a, r) => a + num(r[1]), 0);
    expect(Math.abs(sum - s.cumulative.vacated_energy_tce[2023]!.mean * 1e-4)).toBeLessThanOrEqual(0.011);
    expect(tables[1].title).toBe('按政策与处置方式（第 0 次模拟，示例）');
    // sector codes carry their GB/T names
    expect(tables[3].rows.map((r) => r[0])).toEqual(['C26 化学原料和化学制品制造业', 'C33 金属制品业']);
  });

  it('labels draw 0 as one illustrative draw, its totals beside the medians of all draws', () => {
    const note = attributionNote({ ...s, attribution: attribute(rows) }, 'zh');
    const m = s.cumulative.vacated_energy_tce[2023]!;
    expect(note).toContain('第 0 次模拟');
    expect(note).toContain('是一次示例');
    expect(note).toContain(`腾出用能 0.40 万tce（全部模拟中位数 ${(m.p50 * 1e-4).toFixed(2)}`);
    expect(attributionNote({ ...s, attribution: attribute(rows) }, 'en')).toContain('one illustrative draw');
  });
});

const layers = (c: Chart) => c.spec.layer as { mark: unknown; encoding: Record<string, Record<string, unknown>> }[];

describe('chart layout (issue #14 item 4)', () => {
  it('fans start at zero and every mark has a legend entry: band, median, goal', () => {
    const fan = runCharts(s, [], 'zh').find((c) => c.id === 'fan-labor_productivity')!;
    const [band, line, goal] = layers(fan);
    expect((band.encoding.y.scale as { zero: boolean }).zero).toBe(true);
    expect(band.encoding.fill.legend).toMatchObject({ title: null });
    expect(line.encoding.stroke.legend).toMatchObject({ symbolType: 'stroke' });
    expect(goal.encoding.color.legend).toMatchObject({ title: '目标', symbolType: 'diamond' });
    // a cagr goal is drawn as the level it asks (goal ≈), its label in the unit's decimals
    const text = (layers(fan)[3] as unknown as { data: { values: { text: string }[] } }).data.values[0].text;
    expect(text).toMatch(/^目标≈ [\d,]+\.\d$/);
  });

  it('by policy: the cumulative line and the goal diamond are in the legend, and the subtitle says means vs median', () => {
    const c = runCharts(s, [], 'zh').find((x) => x.id === 'vacated-by-policy')!;
    const [, line, goal] = layers(c);
    expect(line.encoding.strokeDash.legend).toMatchObject({ symbolType: 'stroke' });
    expect(goal.encoding.shape.scale).toEqual({ range: ['diamond'] });
    expect((c.spec.title as { subtitle: string }).subtitle).toContain('24 次模拟均值');
    expect((c.spec.title as { subtitle: string }).subtitle).toContain('中位数');
    // two programmes of one type are told apart
    const policies = new Set((layers(c)[0] as unknown as { data: { values: { policy: string }[] } }).data.values.map((v) => v.policy));
    expect(policies).toEqual(new Set(['高耗低效企业整治', '高耗低效企业整治 2']));
  });

  it('the waterfall is horizontal, labels uncut, one bar per name, titled as one illustrative draw', () => {
    const a = attribute([
      ...[0, 1].map(() => ({
        policy: 'rectification',
        action: 'close',
        town: 't',
        park: '',
        sector: 'C26',
        vacatedEnergyTce: 500,
        co2ReductionT: 1,
        vacatedLandMu: 1,
      })),
      {
        policy: 'rectification-2',
        action: 'close',
        town: 't',
        park: '',
        sector: 'C26',
        vacatedEnergyTce: 700,
        co2ReductionT: 1,
        vacatedLandMu: 1,
      },
    ]);
    const c = runCharts({ ...s, attribution: a }, [], 'zh').find((x) => x.id === 'waterfall')!;
    const enc = c.spec.encoding as Record<string, Record<string, unknown>>;
    expect(enc.y.field).toBe('step');
    expect(enc.y.axis).toEqual({ labelLimit: 0 });
    const steps = (c.spec.data as { values: { step: string; end: number }[] }).values;
    expect(steps.map((v) => v.step)).toEqual(['高耗低效企业整治 · 淘汰关停', '高耗低效企业整治 2 · 淘汰关停', '合计']);
    expect(steps.at(-1)!.end).toBe(0.17);
    expect((c.spec.title as { subtitle: string }).subtitle).toMatch(/^一次示例模拟：合计 0\.17，全部模拟中位数 [\d.]+ · 万tce$/);
  });

  it('the compare cost chart maps nothing to a size and writes jobs in words with natural signs', () => {
    const comparison = {
      draws: 24,
      period: s.period,
      scenarios: [{ name: 'a' }, { name: 'b' }],
      targets: [],
      costs: [
        { scenario: 'a', extraVacatedEnergyTce: 0, valueAddedLost: 0, jobsLost: 0 },
        { scenario: 'b', extraVacatedEnergyTce: 5000, valueAddedLost: -300, jobsLost: -40 },
      ],
    } as unknown as Parameters<typeof compareCharts>[0];
    const c = compareCharts(comparison, [s, s], 'zh').find((x) => x.id === 'compare-costs')!;
    expect(JSON.stringify(c.spec)).not.toContain('"size":{');
    const labels = (c.spec.data as { values: { label: string }[] }).values.map((v) => v.label);
    expect(labels).toEqual(['1. a · 就业不变', '2. b · 就业增加 40 人']);
    // the overlaid fans draw each band's edges, so a band under another stays visible
    const fan = compareCharts(comparison, [s, s], 'zh').find((x) => x.id === 'compare-fan-vacated_energy_tce')!;
    expect(layers(fan).filter((l) => ['p10', 'p90'].includes(l.encoding.y.field as string))).toHaveLength(3);
  });
});

describe('report.charts (issue #14 item 1)', () => {
  it('is carried into the summary and refused with a suggestion when a name is unknown', async () => {
    const chosen = (await runText(`${SCENARIO}report: { charts: [grades, co2_t] }\n`, 2)).summary;
    expect(chosen.report).toEqual({ charts: ['grades', 'co2_t'] });
    expect(runCharts(chosen, [], 'zh').map((c) => c.id)).toEqual([
      'scorecard',
      'fan-vacated_energy_tce',
      'fan-labor_productivity',
      'grades',
      'fan-co2_t',
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-report-'));
    await writeFile(join(dir, 's.yaml'), `${SCENARIO}report: { charts: [grade, co2_t] }\n`);
    const { value, diagnostics } = await loadScenario(join(dir, 's.yaml'));
    expect(value).toBeUndefined();
    const d = diagnostics.find((x) => x.field === 'report.charts[0]')!;
    expect(d.message).toContain("'grade' is neither a chart nor a metric (did you mean 'grades'?)");
    expect(msg.reportChartUnknown('x', ['grades'], ['co2_t'])).toContain('name an analysis chart (grades)');
  }, 60_000);

  it('the Markdown report keeps quotes as they are and escapes only what HTML would read', () => {
    const md = reportMarkdown({ ...s, attribution: attribute([]) }, [], 'zh');
    expect(md).not.toContain('&quot;');
    expect(md).toContain('| 指标 | 口径 | 单位 |');
  });
});

describe("the fresh-eyes review's findings", () => {
  it('never cuts a target, driver or firm label; names the sector map default', () => {
    const charts = runCharts(s, [], 'zh');
    const axisOf = (id: string) => {
      const spec = charts.find((c) => c.id === id)!.spec as { encoding?: { y: { axis?: unknown } } };
      return spec.encoding!.y.axis;
    };
    expect(axisOf('scorecard')).toEqual({ labelLimit: 0 });
    expect(paramLabel('growth.value_added.default', 'zh', [])).toBe('增加值增速 · 其他行业');
    expect(paramLabel('growth.value_added.default', 'en', [])).toBe('VA growth · other sectors');
  });

  it('quota shortfalls in whole firms; dcsim’s own place words in English', () => {
    const stats = (p50: number) => ({ mean: p50, p5: p50, p10: p50, p50, p90: p50, p95: p50 });
    const lines = shortfallWarnings(
      {
        policies: [{ key: 'village_cleanup', type: 'village_cleanup', label: '村级工业集聚点清退', label_en: 'Village clean-up' }],
        metrics: { 'quota_shortfall.village_cleanup': { 2024: stats(62.5), 2025: stats(0.5), 2023: stats(0) } },
      },
      'zh',
    );
    expect(lines).toEqual([
      msg.quotaShortfall('村级工业集聚点清退', 2024, 63, 'zh'),
      msg.quotaShortfall('村级工业集聚点清退', 2025, 1, 'zh'),
    ]);
    expect(placeName('未注明', 'en')).toBe('not given');
    expect(placeName('园区外', 'en')).toBe('outside the parks');
  });

  it('the console scorecard speaks English units and target words with --lang en', () => {
    const text = scorecard(s.targets, 'en').join('\n');
    expect(text).toContain('10k tce');
    expect(text).not.toMatch(/万|腾出/);
  });
});
