import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/domain/diagnostic.js';
import { buildRegistry } from '../../src/io/registry-build.js';
import { loadRegistry, readCsvRows, readCsvSheet } from '../../src/io/registry-load.js';
import { findHeaderRow } from '../../src/io/registry-headers.js';
import { msg } from '../../src/messages/messages.js';
import { FIXTURES } from '../helpers.js';

const HEADER = 'id,name,sector,land_mu,output,value_added,tax,employees';

/** Loads CSV text as a registry named `reg.csv`. */
function fromCsv(text: string) {
  const { sheet, diagnostics } = readCsvSheet(text, 'reg.csv');
  if (!sheet) return { diagnostics };
  return buildRegistry('reg.csv', sheet.headers, sheet.rows);
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity !== 'warning');

describe('loadRegistry', () => {
  it('loads the small registry into typed arrays with codes for sectors and flags', async () => {
    const r = await loadRegistry(join(FIXTURES, 'registry-small.csv'));
    expect(r.diagnostics).toEqual([]);
    const t = r.value!.table;
    expect(t.n).toBe(5);
    expect(t.ids).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(t.landMu).toBeInstanceOf(Float64Array);
    expect(Array.from(t.sector, (s) => t.sectors[s])).toEqual(['C26', 'C34', 'C34', 'C33', 'C29']);
    expect(t.sectorRaw[2]).toBe('3451');
    expect(Array.from(t.aboveScale)).toEqual([1, 1, 1, 0, 0]);
    expect(Array.from(t.villageCluster)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(t.lsmp)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(t.greenFactory)).toEqual([3, 0, 0, 0, 0]);
    expect(Array.from(t.grade)).toEqual([0, 0, 4, 0, 0]);
    expect(t.carriers.coal_t[0]).toBe(1000);
    expect(t.carriers.coal_t[1]).toBe(0); // empty carrier cell = 0
    expect(Number.isNaN(t.revenue[0])).toBe(true); // optional column not given
    expect(Array.from(r.value!.rows)).toEqual([2, 3, 4, 5, 6]);
  });

  it('a registry with Chinese headers loads the same as its English twin', async () => {
    const en = await loadRegistry(join(FIXTURES, 'registry-small.csv'));
    const zh = await loadRegistry(join(FIXTURES, 'registry-small-zh.csv'));
    expect(zh.diagnostics).toEqual([]);
    expect(zh.value!.table).toEqual(en.value!.table);
  });

  it('reads UTF-8 with a BOM the same as without', async () => {
    const plain = await loadRegistry(join(FIXTURES, 'registry-small.csv'));
    const bom = await loadRegistry(join(FIXTURES, 'registry-small-bom.csv'));
    expect(bom.value!.table).toEqual(plain.value!.table);
  });

  it('reads XLSX (first sheet, numbers as numbers) the same as CSV', async () => {
    const csv = await loadRegistry(join(FIXTURES, 'registry-small-zh.csv'));
    const { sheet } = readCsvSheet((await import('node:fs')).readFileSync(join(FIXTURES, 'registry-small-zh.csv'), 'utf8'), 'x');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(sheet!.headers);
    for (const r of sheet!.rows) ws.addRow(r.cells.map((c) => (c !== '' && !Number.isNaN(Number(c)) && !/^E/.test(c) ? Number(c) : c)));
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-xlsx-'));
    const path = join(dir, 'registry.xlsx');
    await wb.xlsx.writeFile(path);
    const xlsx = await loadRegistry(path);
    expect(xlsx.diagnostics).toEqual([]);
    expect(xlsx.value!.table).toEqual(csv.value!.table);
  });

  it('names file, row and column for an XLSX error, as the sheet numbers rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(HEADER.split(','));
    ws.addRow(['A', 'a', 'C34', 10, 100, 20, 5, 3]);
    ws.addRow(['B', 'b', 'C34', 10, 100, 20, -5, 3]);
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-xlsx-'));
    const path = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(path);
    const r = await loadRegistry(path, 'bad.xlsx');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'bad.xlsx', row: 3, field: 'tax', message: msg.negativeNumber(-5) })]);
  });

  it('reports a missing file and an unsupported format', async () => {
    const missing = await loadRegistry(resolve('nope.csv'), 'nope.csv');
    expect(missing.diagnostics[0]).toMatchObject({ file: 'nope.csv', message: msg.fileNotFound('registry', 'nope.csv') });
    const ods = await loadRegistry('x.ods', 'x.ods');
    expect(ods.diagnostics[0].message).toBe(msg.unsupportedRegistryFormat('x.ods'));
  });
});

describe('registry problems name file, row and column', () => {
  it('non-numeric and negative numbers', () => {
    const r = fromCsv(`${HEADER}\nA,a,C34,10,100,20,abc,3\nB,b,C34,10,100,20,5,-3\n`);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'reg.csv', row: 2, field: 'tax', message: msg.notANumber('abc') }),
      expect.objectContaining({ file: 'reg.csv', row: 3, field: 'employees', message: msg.negativeNumber(-3) }),
    ]);
    expect(formatDiagnostic(r.diagnostics[0])).toBe(`reg.csv row 2, column tax: ${msg.notANumber('abc')}`);
  });

  it('duplicate ids name both rows', () => {
    const r = fromCsv(`${HEADER}\nA,a,C34,10,100,20,5,3\nA,b,C34,10,100,20,5,3\n`);
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'reg.csv', row: 3, field: 'id', message: msg.duplicateId('A', 2) })]);
  });

  it('missing required columns name the column and its aliases', () => {
    const r = fromCsv('id,name,sector,output,value_added,tax,employees\nA,a,C34,100,20,5,3\n');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        file: 'reg.csv',
        row: 1,
        field: 'land_mu',
        message: expect.stringContaining("required column 'land_mu' is missing"),
      }),
    ]);
    expect(r.diagnostics[0].message).toContain('用地面积(亩)');
  });

  it('unknown sector codes', () => {
    const r = fromCsv(`${HEADER}\nA,a,Z99,10,100,20,5,3\nB,b,B26,10,100,20,5,3\n`);
    expect(errors(r.diagnostics)).toEqual([
      expect.objectContaining({ file: 'reg.csv', row: 2, field: 'sector', message: msg.unknownSector('Z99') }),
      expect.objectContaining({ file: 'reg.csv', row: 3, field: 'sector', message: msg.unknownSector('B26') }),
    ]);
  });

  it('land ≤ 0 for a firm with output', () => {
    const r = fromCsv(`${HEADER}\nA,a,C34,0,100,20,5,3\nB,b,C34,0,0,0,0,0\n`);
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'reg.csv', row: 2, field: 'land_mu', message: msg.landForOutput(0) })]);
  });

  it('the field is named as the file writes it (a Chinese header)', () => {
    const r = fromCsv(
      '编号,企业名称,行业代码,用地面积(亩),工业总产值(万元),工业增加值(万元),税收(万元),从业人员(人)\nA,a,C34,10,100,20,五,3\n',
    );
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'reg.csv', row: 2, field: '税收(万元)', message: msg.notANumber('五') }),
    ]);
  });

  it('bad flags, grades and years; value added above output; renewables above electricity', () => {
    const r = fromCsv(
      `${HEADER},above_scale,grade,year_built,electricity_10k_kwh,renewable_electricity_10k_kwh\n` +
        `A,a,C34,10,100,20,5,3,maybe,E,20x5,10,20\n` +
        `B,b,C34,10,100,200,5,3,true,A,2015,10,5\n`,
    );
    expect(r.diagnostics.map((d) => [d.row, d.field, d.message])).toEqual([
      [2, 'above_scale', msg.notABoolean('maybe')],
      [2, 'year_built', msg.notAYear('20x5')],
      [2, 'grade', msg.badChoice('E', ['A', 'B', 'C', 'D'])],
      [2, 'renewable_electricity_10k_kwh', msg.renewableAboveElectricity(20, 10)],
      [3, 'value_added', msg.valueAddedAboveOutput(200, 100)],
    ]);
  });

  it('every problem is collected, not only the first', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `F${i},f,C34,10,100,20,-1,3`).join('\n');
    expect(fromCsv(`${HEADER}\n${rows}\n`).diagnostics).toHaveLength(5);
  });

  it('unknown columns are warnings (the table still loads)', () => {
    const r = fromCsv(`${HEADER},联系人\nA,a,C34,10,100,20,5,3,张三\n`);
    expect(r.value).toBeDefined();
    // the registry also lacks above_scale, year_built and the clean-up flags: those are warned about too
    expect(r.diagnostics.filter((d) => d.code !== 'registry/default-taken')).toEqual([
      expect.objectContaining({ severity: 'warning', field: '联系人', row: 1 }),
    ]);
  });

  it('thousands separators are accepted', () => {
    const r = fromCsv(`${HEADER}\nA,a,C34,10,"1,200.5",20,5,3\n`);
    expect(r.value!.table.output[0]).toBe(1200.5);
  });
});

describe('CSV syntax', () => {
  it('an unclosed quote is reported with its line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-csv-'));
    await writeFile(join(dir, 'q.csv'), `${HEADER}\nA,"a,C34,10,100,20,5,3\n`);
    const r = await loadRegistry(join(dir, 'q.csv'), 'q.csv');
    expect(r.diagnostics[0]).toMatchObject({ code: 'registry/csv-syntax', file: 'q.csv' });
  });
});

describe('loadRegistry reads a CSV a row at a time', () => {
  /** Loads text written to a file through loadRegistry (rows streamed into the columns) and through rows held as text. */
  async function both(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-reg-'));
    await writeFile(join(dir, 'reg.csv'), text);
    // as loadRegistry read a CSV before: every row held as text, the header row found among them
    const { rows: all } = readCsvRows(text, 'reg.csv');
    const { index } = findHeaderRow(all!);
    const held = buildRegistry('reg.csv', all![index].cells, all!.slice(index + 1), { headerRow: all![index].row });
    return { streamed: await loadRegistry(join(dir, 'reg.csv'), 'reg.csv'), held };
  }

  const TITLE = '镇海区企业名录,,,,,,,\n单位：万元,,,,,,,\n';
  const rows = Array.from({ length: 30 }, (_, i) => `F${i},"公司 ${i}",C26,${10 + i},${1000 + i},${200 + i},${50 + i},${10 + i}`);

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['a lone \\r', '\r'],
  ])('gives the table of the rows held as text: titles above the header, blank lines, a quoted line break (%s)', async (_, end) => {
    const lines = [
      ...TITLE.split('\n').filter((l) => l !== ''),
      HEADER,
      ...rows.slice(0, 12),
      '',
      ',,,,,,,',
      'Q1,"two\nlines",C34,5,100,20,5,3',
      ...rows.slice(12),
    ];
    const { streamed, held } = await both(lines.join(end) + end);
    expect(streamed.diagnostics).toEqual(held.diagnostics);
    expect(streamed.value!.table).toEqual(held.value!.table);
    expect(streamed.value!.rows).toEqual(held.value!.rows);
    expect(streamed.value!.table.n).toBe(31);
    expect(streamed.value!.table.landMu.length).toBe(31); // the columns cut to the rows read
  });

  it('names the file, row and column of a bad cell far down the file', async () => {
    const bad = [...rows.slice(0, 25), 'B1,bad,C26,x,100,20,5,3', ...rows.slice(25)];
    const { streamed, held } = await both(`${HEADER}\n${bad.join('\n')}\n`);
    expect(streamed.diagnostics).toEqual(held.diagnostics);
    expect(errors(streamed.diagnostics)).toMatchObject([{ file: 'reg.csv', row: 27, field: 'land_mu' }]);
  });
});
