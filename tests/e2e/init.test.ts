import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ACTION_COLUMNS, VALUE_COLUMNS } from '../../src/actuals/check.js';
import { INIT_FILES, NOTES_SHEET } from '../../src/io/init-templates.js';
import { PIPELINE_COLUMNS, REGISTRY_COLUMNS } from '../../src/io/registry-columns.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

// `dcsim init` (issue 14 §15): a new district's folder that validate accepts once the registry holds firms.
const BIN = join(ROOT, 'dist/cli/bin.js');
const dcsim = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// openpyxl, a second XLSX implementation, reads what exceljs wrote (as tests/e2e/workbook.test.ts)
const PYTHON = '/usr/bin/python3';
const HAVE_OPENPYXL =
  spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0 || process.env.DCSIM_REQUIRE_OPENPYXL === '1';
type Sheet = { title: string; max_row: number; max_column: number; rows: { value: unknown }[][] };
function openpyxl(file: string): Sheet[] {
  const r = spawnSync(PYTHON, [join(ROOT, 'tests/support/read_xlsx.py'), file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { sheets: Sheet[] }).sheets;
}
const headers = (s: Sheet | undefined) => (s?.rows[0] ?? []).map((c) => c.value);
const first = (c: { aliases: readonly string[] }) => c.aliases[0];

// Three firms by their Chinese headers: a chemical firm, a small low-tax D-grade candidate, a metal works.
// Energy as 综合能耗 + 用电量 (the loader completes the carriers from the sector's fuel mix).
const FIRMS: Record<string, string | number | boolean>[] = [
  {
    统一社会信用代码: 'F1',
    企业名称: '甲化工',
    行业代码: 'C2614',
    '用地面积(亩)': 120,
    '工业总产值(万元)': 80000,
    '工业增加值(万元)': 16000,
    '税收(万元)': 4000,
    '从业人员(人)': 300,
    规上: '是',
    '综合能耗(吨标准煤)': 30000,
    '电力(万千瓦时)': 5000,
  },
  {
    统一社会信用代码: 'F2',
    企业名称: '乙塑料',
    行业代码: 'C2929',
    '用地面积(亩)': 30,
    '工业总产值(万元)': 3000,
    '工业增加值(万元)': 450,
    '税收(万元)': 40,
    '从业人员(人)': 60,
    规上: '否',
    '综合能耗(吨标准煤)': 900,
    '电力(万千瓦时)': 300,
  },
  {
    统一社会信用代码: 'F3',
    企业名称: '丙金属',
    行业代码: 'C3311',
    '用地面积(亩)': 50,
    '工业总产值(万元)': 20000,
    '工业增加值(万元)': 3600,
    '税收(万元)': 700,
    '从业人员(人)': 150,
    规上: '是',
    '综合能耗(吨标准煤)': 4000,
    '电力(万千瓦时)': 1800,
  },
];

/** Fills the registry sheet's rows under its header, each value in the column its header names. */
async function fillRegistry(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('企业名录')!;
  const head = (ws.getRow(1).values as unknown[]).map(String);
  for (const firm of FIRMS) ws.addRow(head.slice(1).map((h) => firm[h] ?? null));
  await wb.xlsx.writeFile(file);
}

describe('dcsim init', { timeout: 60_000 }, () => {
  it('writes a folder validate accepts once firms are filled in; refuses a non-empty folder without --force', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'dcsim-init-'));
    const r = dcsim(['init', 'bl', '--district', '北仑区', '--base', '2025', '--end', '2030'], tmp);
    expect(r.code, r.err).toBe(0);
    const dir = join(tmp, 'bl');
    expect((await readdir(dir)).sort()).toEqual(Object.values(INIT_FILES).sort());
    const scenario = await readFile(join(dir, INIT_FILES.scenario), 'utf8');
    expect(scenario).toContain('period: { base: 2025, end: 2030 }');
    expect(scenario).toContain('title: "北仑区 双控情景 2025–2030"');
    expect(scenario).toMatch(/metric: vacated_energy_tce, kind: cumulative, from: 2026, year: 2030/);
    expect(scenario).toMatch(/metric: carbon_intensity, kind: change, from: 2025, year: 2030, at_most: -0.18/);
    // the copied models are the shipped files, byte for byte
    expect(await readFile(join(dir, INIT_FILES.factors), 'utf8')).toBe(await readFile(join(ROOT, 'models/factors/china.yaml'), 'utf8'));
    expect(await readFile(join(dir, INIT_FILES.evaluation), 'utf8')).toBe(
      await readFile(join(ROOT, 'models/evaluation/zhejiang-mujun.yaml'), 'utf8'),
    );
    expect(await readFile(join(dir, INIT_FILES.readme), 'utf8')).toContain('dcsim validate scenario.yaml');

    if (HAVE_OPENPYXL) {
      const reg = openpyxl(join(dir, INIT_FILES.registry));
      expect(reg.map((s) => s.title)).toEqual(['企业名录', NOTES_SHEET, '_meta']);
      expect(headers(reg[0])).toEqual(REGISTRY_COLUMNS.map(first));
      expect(reg[0].max_row).toBe(1); // the header only
      // the notes: an intro, a blank row, a header and one row per column (header, key, required, unit, …)
      expect(reg[1].max_row).toBe(3 + REGISTRY_COLUMNS.length);
      expect(reg[1].rows[3].map((c) => c.value).slice(0, 4)).toEqual(['统一社会信用代码', 'id', '是', '—']);
      expect(reg[1].rows[5].map((c) => c.value).slice(0, 3)).toEqual(['行业代码', 'sector', '是']);
      expect(headers(reg[2])).toEqual(['年份', 2025]);
      const pipe = openpyxl(join(dir, INIT_FILES.pipeline));
      expect(headers(pipe[0])).toEqual(PIPELINE_COLUMNS.map(first));
      expect(headers(pipe[0])).toEqual(expect.arrayContaining(['投产年份', '达产进度', '能耗单列']));
      const act = openpyxl(join(dir, INIT_FILES.actuals));
      expect(act.map((s) => s.title)).toEqual(['实际值', '实际处置', NOTES_SHEET]);
      expect(headers(act[0])).toEqual(VALUE_COLUMNS.map(first));
      expect(headers(act[1])).toEqual(ACTION_COLUMNS.map(first));
    }

    // untouched: one clear message naming the registry, exit 2
    const empty = dcsim(['validate', 'bl/scenario.yaml'], tmp);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('bl/registry.xlsx');
    expect(empty.err).toContain(msg.registryEmpty());
    expect(empty.err).toContain('1 problem found');

    await fillRegistry(join(dir, INIT_FILES.registry));
    const ok = dcsim(['validate', 'bl/scenario.yaml'], tmp);
    expect(ok.code, ok.err + ok.out).toBe(0);
    expect(ok.out).toContain('企业 3');
    const run = dcsim(['run', 'bl/scenario.yaml', '--draws', '4', '--workers', '0', '--no-charts', '--quiet', '--out', 'out'], tmp);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(await readFile(join(tmp, 'out', 'summary.json'), 'utf8')).targets).toHaveLength(2);

    // a folder that holds anything is refused without --force and left as it is
    const again = dcsim(['init', 'bl'], tmp);
    expect(again.code).toBe(2);
    expect(again.err).toContain(msg.initNotEmpty('bl'));
    await writeFile(join(dir, 'mine.txt'), 'keep');
    const forced = dcsim(['init', 'bl', '--force'], tmp);
    expect(forced.code, forced.err).toBe(0);
    expect(await readFile(join(dir, 'mine.txt'), 'utf8')).toBe('keep'); // other files are kept
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, INIT_FILES.registry));
    expect(wb.getWorksheet('企业名录')!.actualRowCount).toBe(1); // the registry is the empty template again

    // bad arguments: nothing is written
    const bad = dcsim(['init', 'x', '--base', '2030', '--end', '2025'], tmp);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(msg.initBadPeriod(2030, 2025));
    expect((await readdir(tmp)).sort()).toEqual(['bl', 'out']);
    await writeFile(join(tmp, 'afile'), 'x');
    const onFile = dcsim(['init', 'afile', '--force'], tmp);
    expect(onFile.code).toBe(2);
    expect(onFile.err).toContain(msg.initNotFolder('afile'));
    expect(await readFile(join(tmp, 'afile'), 'utf8')).toBe('x');
    // an empty folder is used as is; without --district the title says 本区
    await mkdir(join(tmp, 'empty'));
    expect(dcsim(['init', 'empty'], tmp).code).toBe(0);
    expect(await readFile(join(tmp, 'empty', INIT_FILES.scenario), 'utf8')).toContain('title: "本区 双控情景 2025–2030"');
  });
});
