import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import { admissionsFromEventsCsv } from '../../src/io/events-read.js';
import { reportFiles } from '../../src/io/report-files.js';
import { resultsXlsx } from '../../src/io/results-xlsx.js';
import { eventsCsv } from '../../src/io/run-tables.js';
import { budgetHtml, budgetMarkdown, type AdmissionEvent } from '../../src/report/budget.js';
import { runText } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';
import { readXlsxStrict, rowValues } from '../support/xlsx-strict.js';
import { BUDGET_SCENARIO } from './budget-fixture.js';

const evil = '<script>alert(1)</script>';

// a hand-made summary: budget 1.2 / 1.1 万tCO2, CO2 P50 1.0 / 1.15, thresholds 0.9 and 0.5
const summary = {
  scenario: { name: 'x', title: 'x', description: '' },
  period: { base: 2020, end: 2022 },
  draws: 10,
  seed: 1,
  confidence: 0.9,
  policies: [{ key: 'new_projects', type: 'new_projects', label: `新上项目 ${evil}`, label_en: 'new projects' }],
  metrics: {},
  cumulative: {},
  targets: [],
  budget: {
    thresholds: { green: 0.9, yellow: 0.5 },
    years: [
      { year: 2021, budget_p50: 12_000, co2_p10: 9_000, co2_p50: 10_000, co2_p90: 11_000, probability: 0.9, level: 'green' },
      { year: 2022, budget_p50: 11_000, co2_p10: 10_500, co2_p50: 11_500, co2_p90: 12_500, probability: 0.3, level: 'red' },
    ],
  },
  ledger: {
    block: true,
    binding: ['energy'],
    years: [2021, 2022].map((year) => ({
      year,
      projects_admitted_mean: 1.5,
      projects_deferred_mean: 0.25,
      projects_rejected_mean: 0,
      energy_headroom_tce_p50: 25_000,
      co2_pool_t_p50: 60_000,
      land_pool_mu_p50: 12,
    })),
  },
} as unknown as RunSummary;
const admissions: AdmissionEvent[] = [
  {
    year: 2021,
    id: 'P1',
    name: `项目 ${evil}`,
    policy: 'new_projects',
    action: 'deferred',
    detail: `缓批：用能替代指标缺 0.10 万tce | ${evil}`,
  },
  { year: 2022, id: 'P1', name: `项目 ${evil}`, policy: 'new_projects', action: 'rejected', detail: '' },
];

describe('the 碳排放预算 and 项目准入 sections', () => {
  it('HTML: the per-year table with levels as words and coloured dots, the rule with the thresholds, names escaped', () => {
    const html = budgetHtml(summary, admissions, [], new Map(), 'zh');
    expect(html).toContain('<h2>碳排放预算</h2>');
    expect(html).toContain('≥ 90 % 绿灯，≥ 50 % 黄灯，以下红灯');
    // 12 000 t = 1.20 万tCO2; CO2 P50 [P10–P90] 1.00 [0.90 – 1.10]
    expect(html).toContain(
      '<tr><td>2021</td><td>1.20</td><td>1.00 [0.90 – 1.10]</td><td>90 %</td><td><span class="dot" style="background:#009E73"></span>绿灯</td></tr>',
    );
    expect(html).toContain('<td>30 %</td><td><span class="dot" style="background:#D55E00"></span>红灯</td>');
    expect(html).toContain('<h2>项目准入</h2>');
    // the ledger by year: 25 000 tce = 2.50 万tce, 60 000 t = 6.00 万tCO2
    expect(html).toContain('<tr><td>2021</td><td>1.5</td><td>0.3</td><td>0.0</td><td>2.50</td><td>6.00</td><td>12</td></tr>');
    // the audit trail: decision in words, the detail as the ledger gave it, escaped
    expect(html).toContain('<td>缓批</td><td>缓批：用能替代指标缺 0.10 万tce | &lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<td>P1 项目 &lt;script&gt;alert(1)&lt;/script&gt;</td><td>新上项目 &lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).toContain('<td>不予准入</td><td>–</td>');
    expect(html).not.toContain('<script>');
    const en = budgetHtml(summary, admissions, [], new Map(), 'en');
    expect(en).toContain('<h2>Carbon budget</h2>');
    expect(en).toContain('<h2>Project admission</h2>');
    expect(en).toContain('≥ 90 % green, ≥ 50 % yellow, red below');
    expect(en).toContain('<td>new projects</td><td>deferred</td>');
  });

  it('Markdown: the same tables with a coloured mark, cells escaped (pipes, markup)', () => {
    const md = budgetMarkdown(summary, admissions, [{ id: 'carbon-budget', title: '碳排放预算：预测与预算' }], 'zh');
    expect(md).toContain('## 碳排放预算');
    expect(md).toContain('| 2021 | 1.20 | 1.00 [0.90 – 1.10] | 90 % | 🟢 绿灯 |');
    expect(md).toContain('| 2022 | 1.10 | 1.15 [1.05 – 1.25] | 30 % | 🔴 红灯 |');
    expect(md).toContain('![碳排放预算：预测与预算](charts/carbon-budget.png)');
    expect(md).toContain('## 项目准入');
    expect(md).toContain('| 缓批：用能替代指标缺 0.10 万tce \\| &lt;script&gt;alert(1)&lt;/script&gt; |');
    expect(md).not.toContain('<script>');
  });

  it('nothing without a budget, a ledger block or projects held back; admission alone when projects were held back', () => {
    const bare = { ...summary, budget: undefined, ledger: undefined } as RunSummary;
    expect(budgetHtml(bare, [], [], new Map(), 'zh')).toBe('');
    expect(budgetMarkdown(bare, [], [], 'zh')).toBe('');
    const only = budgetHtml(bare, admissions.slice(1), [], new Map(), 'zh');
    expect(only).not.toContain('碳排放预算');
    expect(only).toContain('<h2>项目准入</h2>');
    expect(only).not.toContain('<table id="ledger">');
    // a ledger block but nothing held back in draw 0: says so
    expect(budgetHtml({ ...bare, ledger: summary.ledger } as RunSummary, [], [], new Map(), 'zh')).toContain(
      '第 0 次模拟中没有缓批或不予准入的项目。',
    );
  });
});

describe('the files of a run with a carbon budget and a ledger block', { timeout: 60_000 }, () => {
  let run: Awaited<ReturnType<typeof runText>>;
  let events: string;
  let files: Map<string, string | Buffer>;
  beforeAll(async () => {
    run = await runText(BUDGET_SCENARIO, 4, 7);
    events = eventsCsv(run);
    files = await reportFiles(run.summary, events, 'zh');
  }, 60_000);

  it('events.csv gives draw 0 projects held back, with the detail the ledger wrote', () => {
    const held = run.events.filter((e) => e.action === 'deferred' || e.action === 'rejected');
    expect(held.length).toBeGreaterThan(0);
    const read = admissionsFromEventsCsv(events);
    expect(read.map((a) => [a.year, a.id, a.action, a.detail])).toEqual(
      held.map((e) => [e.year, run.ids[e.enterprise], e.action, e.detail]),
    );
    expect(read.every((a) => a.detail.length > 0)).toBe(true);
  });

  it('report.html and report.md show the sections with their charts, each chart once', () => {
    const html = files.get('report.html') as string;
    const section = html.slice(html.indexOf('<section id="carbon-budget">'), html.indexOf('</section>') + 10);
    expect(section).toContain('<table id="budget">');
    expect(section).toContain('<figure id="chart-carbon-budget" class="chart">\n<svg');
    expect([...html.matchAll(/id="chart-carbon-budget"/g)]).toHaveLength(1);
    expect([...html.matchAll(/id="chart-ledger-pools"/g)]).toHaveLength(1);
    expect(html.indexOf('<section id="project-admission">')).toBeLessThan(html.indexOf('id="chart-ledger-pools"'));
    // every other chart stays in the chart section, once
    for (const name of [...files.keys()].filter((n) => n.endsWith('.svg'))) {
      const id = name.slice('charts/'.length, -'.svg'.length);
      expect(html.split(`id="chart-${id}"`).length - 1, id).toBe(1);
    }
    // the rule uses the scenario's tracking.warning.green (0.75)
    expect(html).toContain('≥ 75 % 绿灯，≥ 50 % 黄灯');
    for (const level of ['绿灯', '黄灯', '红灯']) expect(section).toContain(level);
    const md = files.get('report.md') as string;
    expect(md).toContain('## 碳排放预算');
    expect(md).toContain('## 项目准入');
    expect([...md.matchAll(/\(charts\/carbon-budget\.png\)/g)]).toHaveLength(1);
    expect([...md.matchAll(/\(charts\/ledger-pools\.png\)/g)]).toHaveLength(1);
  });

  const PYTHON = '/usr/bin/python3';
  const haveOpenpyxl =
    spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0 || process.env.DCSIM_REQUIRE_OPENPYXL === '1';

  it.skipIf(!haveOpenpyxl)('results.xlsx has the 碳排放预算 sheet, read back by openpyxl and the strict reader', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-budget-xlsx-'));
    const b = run.summary.budget!;
    for (const lang of ['zh', 'en'] as const) {
      const data = lang === 'zh' ? (files.get('results.xlsx') as Buffer) : await resultsXlsx(run.summary, events, 'en');
      const file = join(dir, `results-${lang}.xlsx`);
      await writeFile(file, data);
      const r = spawnSync(PYTHON, [join(ROOT, 'tests/support/read_xlsx.py'), file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const sheets = JSON.parse(r.stdout).sheets as { title: string; max_row: number; rows: { value: unknown; format: string }[][] }[];
      // appended after the four sheets every run has; its name stays Chinese in both languages
      expect(sheets.map((s) => s.title).slice(4)).toEqual(['碳排放预算']);
      const sheet = sheets[4];
      expect(sheet.max_row).toBe(1 + b.years.length);
      expect(sheet.rows[0].map((c) => c.value)).toEqual(
        lang === 'zh'
          ? [
              '年份',
              '碳排放预算 中位数（万tCO2）',
              '二氧化碳排放 P10（万tCO2）',
              '二氧化碳排放 中位数（万tCO2）',
              '二氧化碳排放 P90（万tCO2）',
              '预算内概率',
              '预警',
            ]
          : [
              'year',
              'budget P50 (10k tCO2)',
              'CO2 P10 (10k tCO2)',
              'CO2 P50 (10k tCO2)',
              'CO2 P90 (10k tCO2)',
              'probability within the budget',
              'warning',
            ],
      );
      b.years.forEach((y, i) => {
        const row = sheet.rows[i + 1];
        expect(row[0].value).toBe(y.year);
        // values in 万tCO2 (t × 10⁻⁴), the probability as a fraction shown as %
        expect(row[1].value as number).toBeCloseTo(y.budget_p50! * 1e-4, 9);
        expect(row[2].value as number).toBeCloseTo(y.co2_p10! * 1e-4, 9);
        expect(row[3].value as number).toBeCloseTo(y.co2_p50! * 1e-4, 9);
        expect(row[4].value as number).toBeCloseTo(y.co2_p90! * 1e-4, 9);
        expect(row[5].value).toBe(y.probability);
        expect(row[6].value).toBe(lang === 'zh' ? ['绿灯', '黄灯', '红灯'][i] : ['green', 'yellow', 'red'][i]);
        expect([row[1].format, row[5].format]).toEqual(['#,##0.00', '0%']);
      });
      const strict = readXlsxStrict(data).sheet('碳排放预算');
      expect(rowValues(strict, 2)[6]).toBe(lang === 'zh' ? '绿灯' : 'green');
    }
  });

  it('a run without a budget has no 碳排放预算 sheet', async () => {
    const { budget: _, ledger: __, ...plain } = run.summary;
    const wb = readXlsxStrict(await resultsXlsx(plain as RunSummary, events, 'zh'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['目标', '指标', '事件', '假设']);
  });
});
