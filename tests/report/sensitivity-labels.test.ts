import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import { sensitivityChart } from '../../src/report/charts.js';
import { MATERIAL_RHO, paramLabel } from '../../src/report/labels.js';
import { escapeMarkdownCell } from '../../src/report/escape.js';
import { sensitivityTable } from '../../src/report/html.js';

const policies = [{ key: 'rectification', label: '高耗低效企业整治', label_en: 'rectification' }];

describe('readable uncertainty (issue #14 item 5)', () => {
  it('names the sampled numbers for a reader, sector codes with their GB/T 4754 names', () => {
    expect(paramLabel('growth.value_added.C26', 'zh', policies)).toBe('增加值增速 · 化学原料和化学制品制造业');
    expect(paramLabel('growth.value_added.C26', 'en', policies)).toBe('VA growth · C26');
    expect(paramLabel('growth.energy_elasticity', 'zh', policies)).toBe('能源消费弹性');
    expect(paramLabel('grid_emission_factor.2030', 'zh', policies)).toBe('电网排放因子 2030');
    expect(paramLabel('grid_emission_factor.multiplier', 'en', policies)).toBe('grid emission factor · multiplier');
    expect(paramLabel('rectification.dispositions.upgrade.energy_saving', 'zh', policies)).toBe(
      '高耗低效企业整治 · dispositions.upgrade.energy_saving',
    );
    expect(paramLabel('unknown.thing', 'zh', policies)).toBe('unknown.thing');
  });

  it('shows only material drivers (|ρ| ≥ 0.1) and says so when a target has none; signs without −0.00', () => {
    const s = {
      scenario: { name: 't', title: 't', description: '' },
      period: { base: 2020, end: 2021 },
      draws: 100,
      seed: 1,
      confidence: 0.9,
      policies,
      metrics: {},
      cumulative: {},
      targets: [],
      sensitivity: [
        {
          target: 'a',
          label: '目标甲',
          drivers: [
            { param: 'growth.value_added.C26', rho: -0.62 },
            { param: 'growth.price', rho: 0.05 },
          ],
        },
        { target: 'b', label: '目标乙', drivers: [{ param: 'growth.price', rho: -0.004 }] },
      ],
    } as unknown as RunSummary;
    const chart = sensitivityChart(s, 'zh')!;
    const rows = (chart.spec as { data: { values: { row: string; rho: number }[] } }).data.values;
    expect(rows).toEqual([{ row: '目标甲 · 增加值增速 · 化学原料和化学制品制造业', rho: -0.62, sign: '−' }]);
    const html = sensitivityTable(s, 'zh');
    expect(html).toContain('增加值增速 · 化学原料和化学制品制造业 −0.62');
    expect(html).toContain(`无显著驱动参数（|ρ| &lt; ${MATERIAL_RHO}）`);
    expect(html).not.toContain('-0.00');
  });
});

describe('assumptions in the report (issue #14 item 6)', () => {
  it('report.html and report.md list every assumption of summary.json, as the workbook’s 假设 sheet', async () => {
    const { reportHtml } = await import('../../src/report/html.js');
    const { reportMarkdown } = await import('../../src/report/markdown.js');
    const { runText, STILL } = await import('../engine/run-helpers.js');
    const run = (await runText(STILL, 2)).summary;
    const s = {
      ...run,
      assumptions: [
        { group: 'run', item: 'draws', value: 2 },
        { group: 'growth', item: 'growth.value_added.C26', value: 'triangular [0.02, 0.04, 0.06], per draw' },
        { group: 'files', item: 'registry', value: 'r.csv <sha256 abc> | x' },
      ],
    } as RunSummary;
    const html = reportHtml(s, [], new Map(), 'zh');
    const md = reportMarkdown(s, [], 'zh');
    expect(md).toContain('## 情景与假设');
    for (const a of s.assumptions!) {
      expect(html).toContain(
        `<td>${String(a.value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</td>`,
      );
      expect(md).toContain(` | ${escapeMarkdownCell(String(a.value))} |`);
    }
    expect(html).toContain('<td>输入文件</td><td>企业名录</td>');
  }, 30_000);
});
