import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { readXlsxStrict, rowValues, type StrictSheet } from '../support/xlsx-strict.js';
import { resultsXlsx } from '../../src/io/results-xlsx.js';
import { textWidth } from '../../src/io/xlsx-sheet.js';

// openpyxl, a second XLSX implementation, from Debian's python3-openpyxl (.ci/run installs it and sets DCSIM_REQUIRE_OPENPYXL=1)
const PYTHON = '/usr/bin/python3';
const haveOpenpyxl =
  spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0 || process.env.DCSIM_REQUIRE_OPENPYXL === '1';

function dcsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dcsim ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r;
}

interface PySheet {
  title: string;
  max_row: number;
  max_column: number;
  freeze_panes: string | null;
  auto_filter: string | null;
  print_area: string[] | string | null;
  orientation: string | null;
  numbers: number;
  rows: { value: unknown; format: string }[][];
}

function openpyxl(file: string): PySheet[] {
  const r = spawnSync(PYTHON, [join(ROOT, 'tests/support/read_xlsx.py'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openpyxl could not open ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout).sheets;
}

/** Every column is at least as wide as its widest cell as shown (no #####). */
function expectFittedWidths(sheet: StrictSheet): void {
  const widest = new Map<number, number>();
  for (const c of sheet.cells.values()) {
    if (typeof c.value !== 'string') continue;
    const col = [.../^([A-Z]+)/.exec(c.ref)![1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    widest.set(col, Math.max(widest.get(col) ?? 0, Math.min(58, textWidth(c.value))));
  }
  // a column without a <col> element has Excel's default width, 8.43
  for (const [col, w] of widest) expect(sheet.widths.get(col) ?? 8.43, `${sheet.name} column ${col}`).toBeGreaterThanOrEqual(w);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dcsim-xlsx-'));
  // --no-charts: the workbook is written without rendering the charts
  dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '12', '--workers', '0', '--out', join(dir, 'run'), '--quiet', '--no-charts');
  // the English workbook from the same run folder, as `dcsim chart --lang en` writes it
  const summary = JSON.parse(await readFile(join(dir, 'run', 'summary.json'), 'utf8'));
  const events = await readFile(join(dir, 'run', 'events.csv'), 'utf8');
  await writeFile(join(dir, 'results-en.xlsx'), await resultsXlsx(summary, events, 'en'));
  dcsim(
    'compare',
    'scenarios/zhenhai-2025.yaml',
    'scenarios/closure-led.yaml',
    '--draws',
    '12',
    '--workers',
    '0',
    '--out',
    join(dir, 'compare'),
    '--no-charts',
  );
}, 120_000);

describe('results.xlsx of a run', () => {
  it('opens in an independent strict reader: every numeric cell finite, every shared string valid, no error cell', async () => {
    for (const file of [join(dir, 'run', 'results.xlsx'), join(dir, 'results-en.xlsx')]) {
      const wb = readXlsxStrict(await readFile(file));
      expect(wb.sheets).toHaveLength(4);
      for (const s of wb.sheets) expectFittedWidths(s);
    }
  });

  it('reads like a decision-paper table: units named, values in 万tce and %, codes in Chinese, layout set', async () => {
    const wb = readXlsxStrict(await readFile(join(dir, 'run', 'results.xlsx')));
    const summary = JSON.parse(await readFile(join(dir, 'run', 'summary.json'), 'utf8'));

    const targets = wb.sheet('目标');
    const head = rowValues(targets, 1);
    expect(head).toEqual([
      '目标',
      '指标',
      '类型',
      '起始年',
      '年份',
      '方向',
      '目标值',
      '单位',
      '达成概率',
      '置信水平',
      'P10',
      'P50（中位数）',
      'P90',
      '状态',
    ]);
    const energyRow = summary.targets.findIndex((t: { id: string }) => t.id === 'vacated-energy-2025') + 2;
    const energy = rowValues(targets, energyRow);
    expect(energy.slice(0, 8)).toEqual(['腾出用能 2021–2025', '腾出用能', '累计值', 2021, 2025, '不低于', 13, '万tce']);
    expect(energy[11]).toBeCloseTo(summary.targets[energyRow - 2].p50 / 1e4, 9);
    expect(['达成', '有风险', '未达成']).toContain(energy[13]);
    expect(targets.cells.get(`G${energyRow}`)?.format).toBe('#,##0.00');
    expect(targets.cells.get(`I${energyRow}`)?.format).toBe('0%');
    const rateRow = summary.targets.findIndex((t: { metric: string }) => t.metric === 'value_added_rate') + 2;
    expect(rowValues(targets, rateRow).slice(6, 8)).toEqual([0.245, '%']);
    expect(targets.cells.get(`G${rateRow}`)?.format).toBe('0.0%');
    expect(targets.frozenAt).toBe('B2');
    expect(targets.landscape).toBe(true);
    expect(wb.definedNames.find((d) => d.name === '_xlnm.Print_Area' && d.sheet === 0)?.value).toMatch(/^'目标'!\$A\$?1:\$N\$?\d+$/);

    const metrics = wb.sheet('指标');
    expect(rowValues(metrics, 1)).toEqual(['指标代码', '指标', '单位', '统计量', '2020', '2021', '2022', '2023', '2024', '2025']);
    const energyMean = rowValues(metrics, 2);
    expect(energyMean.slice(0, 4)).toEqual(['energy_tce', '综合能耗', '万tce', '均值']);
    expect(energyMean[4]).toBeCloseTo(summary.metrics.energy_tce['2020'].mean / 1e4, 8);
    const values = [...metrics.cells.values()].filter((c) => /^[E-J]\d+$/.test(c.ref) && typeof c.value === 'number');
    expect(values.every((c) => c.format !== 'General' && !/\.$|\.#/.test(c.format))).toBe(true); // no "12." and no '#,##0.####'
    const perPolicy = [...metrics.cells.values()].find((c) => c.value === 'vacated_energy_tce.rectification')!;
    expect(metrics.cells.get(perPolicy.ref.replace(/^A/, 'B'))?.value).toBe('腾出用能 · 高耗低效企业整治');
    expect(metrics.frozenAt).toBe('E2');
    expect(metrics.landscape).toBe(true);

    const events = wb.sheet('事件');
    expect(events.autoFilter).toMatch(/^A1:R\d+$/);
    const firstEvents = [2, 3, 4, 5, 6].map((r) => rowValues(events, r));
    for (const e of firstEvents) {
      expect(typeof e[0]).toBe('number');
      expect(typeof e[1]).toBe('number');
      expect(e[4]).toMatch(/[\u4e00-\u9fff]/); // policy in Chinese
      expect(e[5]).toMatch(/[\u4e00-\u9fff]/); // disposition in Chinese
      expect(typeof e[10]).toBe('string'); // town as text
      expect(e[12]).toMatch(/^[A-T]\d{2} [\u4e00-\u9fff、，]+$/); // sector "C26 化学原料和化学制品制造业"
    }

    const assumptions = wb.sheet('假设');
    const items = new Map([...Array(assumptions.cells.size).keys()].map((i) => rowValues(assumptions, i + 2)).map((r) => [r[1], r[2]]));
    expect(items.get('模拟次数')).toBe(12);
    expect(items.get('随机种子')).toBe(2021);
    expect(items.get('accounting.electricity_basis')).toBe('primary');
    expect(items.get('growth.energy_elasticity')).toBe('pert(0.4, 0.6, 0.8) per draw');
    expect(items.get('policies[0].dispositions.upgrade.energy_saving')).toBe('triangular(0.05, 0.12, 0.25) per enterprise');
    // the published factors come from the factors file; the scenario gives the uncertain 2025 value
    expect(items.get('grid_emission_factor.2021 (tCO2/MWh, china)')).toBe(0.5568);
    expect(String(items.get('grid_emission_factor.2025 (tCO2/MWh, scenario)'))).toMatch(/^triangular\(0\.46, 0\.5, 0\.54\)/);
    expect(items.get('coal_t (tce/unit)')).toBe(0.7143);
    expect(items.get('企业数')).toBe(1000);
    expect(items.get('企业名录')).toMatch(/^models\/enterprises\/zhenhai-synthetic-2020\.csv · sha256 [0-9a-f]{64}$/);
    expect(items.get('上级情景文件')).toMatch(/^scenarios\/baseline\.yaml · sha256 /);
  });

  it(
    'opens in openpyxl with the same sheets, frozen panes, filter, print area and finite numbers',
    { skip: !haveOpenpyxl, timeout: 60_000 },
    () => {
      const sheets = openpyxl(join(dir, 'run', 'results.xlsx'));
      expect(sheets.map((s) => s.title)).toEqual(['目标', '指标', '事件', '假设']);
      const [targets, metrics, events] = sheets;
      expect(targets.freeze_panes).toBe('B2');
      expect(targets.orientation).toBe('landscape');
      expect(String(targets.print_area)).toContain('$A$1:$N$');
      expect(metrics.rows[1][2].value).toBe('万tce');
      expect(metrics.rows[1][4].format).toBe('#,##0.00');
      expect(events.auto_filter).toMatch(/^A1:R\d+$/);
      expect(events.numbers).toBeGreaterThan(0);
      const en = openpyxl(join(dir, 'results-en.xlsx'));
      expect(en.map((s) => s.title)).toEqual(['targets', 'metrics', 'events', 'assumptions']);
      expect(en[2].rows[1][4].value).toBe('rectification'); // codes stay codes in English
    },
  );
});

describe('results.xlsx of a comparison', () => {
  it('opens strictly and in openpyxl, names scenarios by title, signs the differences and gives units', async () => {
    const wb = readXlsxStrict(await readFile(join(dir, 'compare', 'results.xlsx')));
    expect(wb.sheets.map((s) => s.name)).toEqual(['目标对比', '代价与收益', '配对差值', '假设对比']);
    for (const s of wb.sheets) expectFittedWidths(s);
    const comparison = JSON.parse(await readFile(join(dir, 'compare', 'comparison.json'), 'utf8'));
    const [first, second] = comparison.scenarios.map((s: { title: string }, k: number) => `${k + 1}. ${s.title}`);
    expect(rowValues(wb.sheet('目标对比'), 1).slice(2)).toEqual([`${first}（达成概率）`, `${second}（达成概率）`]);

    const costs = wb.sheet('代价与收益');
    const row = rowValues(costs, 2);
    // title, id, the scenario compared with, the four signed changes, the sentence in words
    expect(row.slice(0, 3)).toEqual([second, comparison.scenarios[1].name, first]);
    const c = comparison.costs[1];
    expect(row[3]).toBeCloseTo(c.extraVacatedEnergyTce / 1e4, 9);
    expect(row[4]).toBeCloseTo(-c.valueAddedLost / 1e4, 9); // a loss is a negative change
    expect(row[6]).toBe(-Math.round(c.jobsLost) + 0);
    expect(String(row[7])).toMatch(new RegExp(`^${second.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 较 `));
    expect(String(row[7])).not.toMatch(/减少 −|增加 −/);
    expect(costs.cells.get('E2')?.format).toBe('+#,##0.00;-#,##0.00;#,##0.00');

    const diffs = wb.sheet('配对差值');
    expect(rowValues(diffs, 1).slice(0, 5)).toEqual(['指标代码', '指标', '单位', '方案', `较“${first}”的差值`]);
    expect(rowValues(diffs, 2).slice(0, 5)).toEqual(['energy_tce', '综合能耗', '万tce', second, 'P10']);

    const assumptions = wb.sheet('假设对比');
    const differs = [...Array(400).keys()].map((i) => rowValues(assumptions, i + 2)).filter((r) => r[2] === '不同');
    expect(differs.map((r) => r[1])).toContain('情景文件');
    expect(differs.map((r) => r[1])).not.toContain('企业名录'); // same registry
    if (haveOpenpyxl)
      expect(openpyxl(join(dir, 'compare', 'results.xlsx')).map((s) => s.title)).toEqual([
        '目标对比',
        '代价与收益',
        '配对差值',
        '假设对比',
      ]);
  });
});
