import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import type { Comparison } from '../../src/engine/compare.js';
import { comparisonCostsTable, eventsTable, metricsTable, resultsXlsx, targetsTable } from '../../src/io/results-xlsx.js';
import { EVENT_COLUMNS } from '../../src/io/run-tables.js';
import { tableCsv } from '../../src/io/table.js';
import { readXlsxStrict, rowValues } from '../support/xlsx-strict.js';

const stats = (x: number) => ({ mean: x, p5: x, p10: x, p50: x, p90: x, p95: x });
const summary = {
  scenario: { name: 's', title: '方案', description: '' },
  period: { base: 2020, end: 2021 },
  draws: 2,
  seed: 1,
  confidence: 0.9,
  policies: [
    { key: 'rectification', type: 'rectification', label: '高耗低效企业整治', label_en: 'rectification' },
    { key: 'rectification-2', type: 'rectification', label: '高耗低效企业整治', label_en: 'rectification' },
  ],
  metrics: {
    energy_tce: { 2020: stats(1_234_567), 2021: stats(1_200_000) },
    value_added_rate: { 2020: stats(0.233), 2021: null },
    'vacated_energy_tce.rectification-2': { 2020: stats(0), 2021: stats(5000) },
  },
  cumulative: {},
  targets: [
    {
      id: 'e',
      label: '=HYPERLINK("http://x")',
      metric: 'vacated_energy_tce',
      kind: 'cumulative',
      from: 2021,
      year: 2021,
      at_least: 130000,
      confidence: 0.9,
      probability: 0.25,
      p10: 100000,
      p50: 125000,
      p90: 150000,
      status: 'missed',
    },
    {
      id: 'i',
      label: '能耗强度',
      metric: 'energy_intensity',
      kind: 'change',
      from: 2020,
      year: 2021,
      at_most: -0.16,
      confidence: 0.9,
      probability: 0.95,
      p10: -0.2,
      p50: -0.18,
      p90: -0.17,
      status: 'met',
    },
  ],
} as unknown as RunSummary;

const events = tableCsv({
  columns: EVENT_COLUMNS,
  rows: [[0, 2021, 'A', '@SUM(1)', 'rectification-2', 'close', 1.5, 2, 3, 0, '蛟川街道', '园区外', 'C26', 0, 0, 'actual', 0, '']],
});

describe('the run workbook tables', () => {
  it('targets: goal and quantiles in the report units with the unit named; a change target as a percentage; kinds and statuses in words', () => {
    const t = targetsTable(summary, 'zh');
    expect(t.rows[0]).toEqual([
      '=HYPERLINK("http://x")',
      '腾出用能',
      '累计值',
      2021,
      2021,
      '不低于',
      13,
      '万tce',
      0.25,
      0.9,
      10,
      12.5,
      15,
      '未达成',
    ]);
    expect(t.rowFormats![0]).toEqual({ type: 'number', decimals: 2 });
    expect(t.rows[1].slice(5, 8)).toEqual(['不高于', -0.16, '%']);
    expect(t.rowFormats![1]).toEqual({ type: 'ratio', decimals: 1 });
    expect(targetsTable(summary, 'en').rows[1][2]).toBe('change');
  });

  it('metrics: per-policy flows named by their policy, ratios kept as fractions, a missing year left empty', () => {
    const t = metricsTable(summary, 'zh');
    expect(t.rows[0].slice(0, 6)).toEqual(['energy_tce', '综合能耗', '万tce', '均值', 123.4567, 120]);
    expect(t.rows[4].slice(0, 6)).toEqual(['value_added_rate', '规上工业增加值率', '%', '均值', 0.233, null]);
    expect(t.rows[8][1]).toBe('腾出用能 · 高耗低效企业整治 2');
  });

  it('events: policies, dispositions and sectors in Chinese words for zh, codes for en', () => {
    expect(eventsTable(events, summary.policies, 'zh').rows[0]).toEqual([
      0,
      2021,
      'A',
      '@SUM(1)',
      '高耗低效企业整治 2',
      '淘汰关停',
      1.5,
      2,
      3,
      0,
      '蛟川街道',
      '园区外',
      'C26 化学原料和化学制品制造业',
      0, // shortfall_firms: 0 on every event but a shortfall row
      0, // pending_saving_tce
      '实际', // source: a recorded action replayed
      0, // new_project_co2_t
      null, // detail: empty
    ]);
    expect(eventsTable(events, summary.policies, 'en').rows[0].slice(4, 6)).toEqual(['rectification-2', 'close']);
  });

  it('neutralise text cells a spreadsheet would run as formulas, and keep numbers numbers', async () => {
    const wb = readXlsxStrict(await resultsXlsx(summary, events, 'zh'));
    expect(rowValues(wb.sheet('目标'), 2)[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rowValues(wb.sheet('事件'), 2).slice(3, 7)).toEqual([`'@SUM(1)`, '高耗低效企业整治 2', '淘汰关停', 1.5]);
  });

  it('refuse a non-finite number before it reaches a cell', async () => {
    const bad = { ...summary, targets: [{ ...summary.targets[0], p50: Number.NaN }] } as RunSummary;
    await expect(resultsXlsx(bad, events, 'zh')).rejects.toThrow('column p50, row 2: NaN is not a finite number');
  });
});

describe('the comparison workbook tables', () => {
  it('costs read the right way round: a loss is a negative change, extra energy vacated positive', () => {
    const c = {
      scenarios: [
        { name: 'a', title: '基准' },
        { name: 'b', title: '关停' },
      ],
      period: { base: 2020, end: 2025 },
      costs: [
        { scenario: 'a', valueAddedLost: 0, taxLost: 0, jobsLost: 0, extraVacatedEnergyTce: 0 },
        { scenario: 'b', valueAddedLost: 193_000, taxLost: -8000, jobsLost: 10436.4, extraVacatedEnergyTce: 124_400 },
      ],
    } as unknown as Comparison;
    const t = comparisonCostsTable(c, 'zh');
    expect(t.columns.map((x) => x.zh)).toEqual([
      '方案',
      '方案代码',
      '对照方案',
      '腾出用能变化（万tce，期间累计）',
      '增加值变化（亿元，2025年）',
      '税收变化（亿元，2025年）',
      '就业变化（人，2025年）',
      '说明',
    ]);
    expect(t.rows).toEqual([
      [
        '2. 关停',
        'b',
        '1. 基准',
        12.44,
        -19.3,
        0.8,
        -10436,
        '2. 关停 较 1. 基准：多腾出用能 12.44 万tce，2025 年增加值减少 19.3 亿元，税收增加 0.8 亿元，就业减少 10,436 人',
      ],
    ]);
  });
});
