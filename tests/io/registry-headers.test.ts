import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/domain/diagnostic.js';
import { findHeaderRow, matchHeaders } from '../../src/io/registry-headers.js';
import { loadRegistry } from '../../src/io/registry-load.js';
import { msg } from '../../src/messages/messages.js';
import { writeWorkbook } from './workbook.js';

const HEADER = [
  'id',
  'name',
  'sector',
  'land_mu',
  'output',
  'value_added',
  'tax',
  'employees',
  'above_scale',
  'year_built',
  'village_cluster',
  'lsmp',
];
const FIRM = ['A', 'a', 'C34', 10, 100, 20, 5, 3, 'true', 2010, 'false', 'false'];
const BAD_FIRM = ['B', 'b', 'C34', 10, 100, 20, -5, 3, 'true', 2010, 'false', 'false'];

async function csv(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-hdr-'));
  await writeFile(join(dir, 'reg.csv'), text);
  return loadRegistry(join(dir, 'reg.csv'), 'reg.csv');
}

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity !== 'warning');
const warnings = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'warning');

describe('the header row', () => {
  it('is found below a title and a notes row in a CSV; rows keep the file numbering and messages name the header row', async () => {
    const r = await csv(
      `镇海区2020年亩均效益评价数据,,,,\n注：金额单位万元，用地单位亩,,,\n${HEADER.join(',')}\n${FIRM.join(',')}\n${BAD_FIRM.join(',')}\n`,
    );
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'reg.csv', headerRow: 3, row: 5, field: 'tax', message: msg.negativeNumber(-5) }),
    ]);
    expect(formatDiagnostic(r.diagnostics[0])).toBe(`reg.csv [header row 3] row 5, column tax: ${msg.negativeNumber(-5)}`);
  });

  it('picks the row naming most known columns among the first 20, at least 3', () => {
    const rows = [
      { row: 1, cells: ['企业名称', '备注'] },
      { row: 2, cells: ['id', 'name', 'x'] },
      { row: 4, cells: HEADER },
      { row: 5, cells: FIRM.map(String) },
    ];
    expect(findHeaderRow(rows)).toEqual({ index: 2, score: HEADER.length });
    // nothing with 3 known columns: the first row is the header (its missing columns are reported)
    expect(
      findHeaderRow([
        { row: 1, cells: ['a', 'name'] },
        { row: 2, cells: ['b', 'c'] },
      ]).index,
    ).toBe(0);
    // a header below row 20 is not searched for
    expect(
      findHeaderRow([
        { row: 1, cells: ['title'] },
        { row: 21, cells: HEADER },
      ]).index,
    ).toBe(0);
  });

  it('in XLSX: a notes sheet first is skipped, a hidden sheet ignored; the diagnostic names the sheet and header row', async () => {
    const path = await writeWorkbook([
      { name: '填报说明', rows: [['填报说明'], ['1. 金额单位为万元'], ['2. 企业名称、行业代码、用地面积必填']] },
      { name: '隐藏', state: 'hidden', rows: [[...HEADER, 'revenue', 'rd_expense'], BAD_FIRM] },
      { name: '企业数据', rows: [['2020年亩均评价'], null, HEADER, FIRM, null, BAD_FIRM], merges: ['A1:L1'] },
    ]);
    const r = await loadRegistry(path, 'reg.xlsx');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'reg.xlsx', sheet: '企业数据', headerRow: 3, row: 6, field: 'tax', message: msg.negativeNumber(-5) }),
    ]);
    expect(formatDiagnostic(r.diagnostics[0])).toBe(`reg.xlsx [sheet 企业数据, header row 3] row 6, column tax: ${msg.negativeNumber(-5)}`);
  });

  it('registry_sheet chooses the sheet; a missing one is an error naming the sheets there are', async () => {
    const path = await writeWorkbook([
      { name: '2019', rows: [HEADER, FIRM] },
      { name: '2020', rows: [HEADER, BAD_FIRM] },
    ]);
    const first = await loadRegistry(path, 'reg.xlsx');
    expect(first.value!.sheet).toBe('2019');
    const chosen = await loadRegistry(path, 'reg.xlsx', { sheet: '2020' });
    expect(chosen.diagnostics).toEqual([expect.objectContaining({ sheet: '2020', row: 2, field: 'tax' })]);
    const missing = await loadRegistry(path, 'reg.xlsx', { sheet: '2021' });
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ file: 'reg.xlsx', message: msg.registrySheetMissing('2021', ['2019', '2020']) }),
    ]);
    expect(missing.diagnostics[0].message).toContain('2019, 2020');
  });

  it('registry_sheet with a CSV registry is an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-hdr-'));
    await writeFile(join(dir, 'reg.csv'), `${HEADER.join(',')}\n${FIRM.join(',')}\n`);
    const r = await loadRegistry(join(dir, 'reg.csv'), 'reg.csv', { sheet: 'x' });
    expect(r.diagnostics).toEqual([expect.objectContaining({ message: msg.registrySheetInCsv('x') })]);
  });
});

describe('header names', () => {
  it('full-width brackets, spaces, letters and digits are folded', () => {
    const m = matchHeaders(['税收　（万元）', ' 用地面积（亩）', 'ｌａｎｄ＿ｍｕ', '工业增加值【万元】', 'Value_Added']);
    expect(m.map((x) => (x.kind === 'exact' ? x.def.key : x.kind))).toEqual(['tax', 'land_mu', 'land_mu', 'value_added', 'value_added']);
  });

  it("a header close to one alias is read as it with a warning: '规上企业' as above_scale (规上), 'value_add' as value_added", async () => {
    const head = [
      'id',
      'name',
      'sector',
      'land_mu',
      'output',
      'value_add',
      'tax',
      'employees',
      '是否规上企业',
      'year_built',
      'village_cluster',
      'lsmp',
    ];
    const r = await csv(`${head.join(',')}\n${FIRM.join(',')}\n`);
    expect(errors(r.diagnostics)).toEqual([]);
    expect(warnings(r.diagnostics)).toEqual([
      expect.objectContaining({ row: 1, field: 'value_add', message: msg.columnReadAs('value_add', 'value_added', 'value_added') }),
      expect.objectContaining({ row: 1, field: '是否规上企业', message: msg.columnReadAs('是否规上企业', 'above_scale', '规上') }),
    ]);
    expect(r.value!.table.valueAdded[0]).toBe(20);
  });

  it('another spelling of the same unit is the same column: 万kWh, tce, 吨标煤, m3; 研发投入强度(%) is the share column', () => {
    const m = matchHeaders(['电力(万kWh)', '综合能耗(tce)', '综合能耗(吨标煤)', '天然气(万m3)', '研发投入强度(%)', '热力(gj)']);
    expect(m.map((x) => (x.kind === 'exact' ? x.def.key : x.kind))).toEqual([
      'electricity_10k_kwh',
      'energy_tce',
      'energy_tce',
      'natural_gas_10k_m3',
      'rd_share',
      'heat_gj',
    ]);
    expect(matchHeaders(['电力(kWh)'])[0]).toMatchObject({ kind: 'unit', found: 'kWh', expected: ['万千瓦时'] });
  });

  it('a near header is not read when the column is already there, when two headers claim it, or when it is a ratio', () => {
    const kinds = (hs: string[]) =>
      matchHeaders(hs).map((m) => (m.kind === 'near' || m.kind === 'exact' ? `${m.kind}:${m.def.key}` : m.kind));
    expect(kinds(['规上', '规上企业'])).toEqual(['exact:above_scale', 'unknown']);
    expect(kinds(['规上企业', '是否规上工业'])).toEqual(['unknown', 'unknown']);
    expect(kinds(['单位能耗', '亩均税收(万元/亩)', '用电量占比'])).toEqual(['unknown', 'unknown', 'unknown']);
    expect(kinds(['工业用电量(万千瓦时)', '用地面积'])).toEqual(['near:electricity_10k_kwh', 'near:land_mu']);
    // a year of something else is not the data year; a short key is not guessed from a 3-letter word
    expect(kinds(['建厂年份', 'fax', 'grades'])).toEqual(['unknown', 'unknown', 'near:grade']);
    // a near header with another unit is not read (汽油(升) is an alias name with another unit: an error)
    expect(kinds(['天然气用量(万立方米)', '天然气用量(立方米)'])).toEqual(['near:natural_gas_10k_m3', 'unknown']);
    expect(matchHeaders(['汽油(升)'])[0]).toMatchObject({ kind: 'unit', found: '升', expected: ['吨'] });
  });

  it('an alias with another unit is an error naming the column, the unit found, the unit expected and the fix', async () => {
    const head = ['id', 'name', 'sector', '用地面积(公顷)', 'output', 'value_added', '税收（亿元）', 'employees', '综合能耗(万吨标准煤)'];
    const r = await csv(`${head.join(',')}\nA,a,C34,1,100,20,0.5,3,1\n`);
    const byField = Object.fromEntries(errors(r.diagnostics).map((d) => [d.field, d.message]));
    expect(byField['用地面积(公顷)']).toBe(msg.columnUnitMismatch('用地面积(公顷)', '公顷', ['亩'], 'land_mu'));
    expect(byField['税收（亿元）']).toBe(msg.columnUnitMismatch('税收（亿元）', '亿元', ['万元'], 'tax'));
    expect(byField['综合能耗(万吨标准煤)']).toBe(msg.columnUnitMismatch('综合能耗(万吨标准煤)', '万吨标准煤', ['吨标准煤'], 'energy_tce'));
    expect(byField['综合能耗(万吨标准煤)']).toContain("rename the column to '综合能耗(吨标准煤)'");
    expect(r.value).toBeUndefined();
  });
});

describe('optional columns whose default changes results', () => {
  it('are warned about with the default taken and how many firms it touched', async () => {
    const r = await csv(
      `id,name,sector,land_mu,output,value_added,tax,employees\n${FIRM.slice(0, 8).join(',')}\n${FIRM.slice(0, 8).join(',').replace('A', 'C')}\n`,
    );
    expect(errors(r.diagnostics)).toEqual([]);
    expect(warnings(r.diagnostics).map((d) => [d.field, d.message])).toEqual([
      ['above_scale', msg.missingAboveScale(2)],
      ['year_built', msg.missingYearBuilt(2)],
      ['village_cluster', msg.missingCleanupFlag('village_cluster', '村级工业集聚点', 2)],
      ['lsmp', msg.missingCleanupFlag('lsmp', '低散乱污', 2)],
    ]);
    expect(msg.missingAboveScale(2)).toContain('every one of the 2 firms taken as 规上');
  });
});
