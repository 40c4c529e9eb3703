import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/domain/diagnostic.js';
import { loadRegistry } from '../../src/io/registry-load.js';
import { msg } from '../../src/messages/messages.js';
import { dcsim, smallRegistry, snapshot, tempDir, writeScenario } from './inputs-support.js';

/** Issue 9 (medium): workbook cells holding an error or a formula never calculated are named, with sheet, row and column. */

type Cell = ExcelJS.CellValue;

/** Writes the small registry as a workbook (numbers as numbers), `edit` changing cells; a hidden sheet first when asked. */
async function workbook(dir: string, edit: (ws: ExcelJS.Worksheet, col: (key: string) => number) => void, hiddenFirst = false) {
  const rows = smallRegistry();
  const wb = new ExcelJS.Workbook();
  if (hiddenFirst) {
    const old = wb.addWorksheet('旧数据', { state: 'hidden' });
    rows.forEach((r, i) => (old.getRow(i + 1).values = r.map((c) => (i > 0 && c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c))));
  }
  const ws = wb.addWorksheet('企业数据');
  rows.forEach((r, i) => (ws.getRow(i + 1).values = r.map((c): Cell => (i > 0 && c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c))));
  edit(ws, (key) => rows[0].indexOf(key) + 1);
  const path = join(dir, 'r.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('XLSX error and formula cells', () => {
  it('a formula without a saved value is named with sheet, row and column', async () => {
    const path = await workbook(await tempDir(), (ws, col) => {
      ws.getCell(3, col('output')).value = { formula: 'H2*2' } as Cell;
    });
    const r = await loadRegistry(path);
    expect(r.value).toBeUndefined();
    expect(formatDiagnostic(r.diagnostics[0])).toBe(
      `${path} [sheet 企业数据, header row 1] row 3, column output: ${msg.xlsxFormulaNoValue()}`,
    );
  });

  it('error cells (#DIV/0!, #N/A) — as a value or as a formula result — are named', async () => {
    const path = await workbook(await tempDir(), (ws, col) => {
      ws.getCell(2, col('tax')).value = { error: '#DIV/0!' } as Cell;
      ws.getCell(4, col('employees')).value = { formula: 'NA()', result: { error: '#N/A' } } as Cell;
    });
    const r = await loadRegistry(path);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `${path} [sheet 企业数据, header row 1] row 2, column tax: ${msg.xlsxErrorCell('#DIV/0!')}`,
      `${path} [sheet 企业数据, header row 1] row 4, column employees: ${msg.xlsxErrorCell('#N/A')}`,
    ]);
  });

  it('a formula with a saved value is read as its value; a hidden first sheet is skipped and the sheet read is named', async () => {
    const path = await workbook(
      await tempDir(),
      (ws, col) => {
        ws.getCell(2, col('output')).value = { formula: '20000*2', result: 40000 } as Cell;
        ws.getCell(3, col('land_mu')).value = '1,5';
      },
      true,
    );
    const r = await loadRegistry(path);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `${path} [sheet 企业数据, header row 1] row 3, column land_mu: ${msg.numberCell('1,5', 'bad-comma')}`,
    ]);
  });
});

describe('XLSX cells through the CLI', { timeout: 60_000 }, () => {
  it('validate: exit 2 with the error cell named first; nothing written', async () => {
    const dir = await tempDir();
    await workbook(dir, (ws, col) => {
      ws.getCell(2, col('value_added')).value = { error: '#VALUE!' } as Cell;
    });
    await writeScenario(dir, 'r.xlsx');
    const before = await snapshot(dir);
    const r = dcsim(dir, 'run', 'scenario.yaml', '--draws', '1', '--workers', '0', '--no-charts', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.first).toBe(`r.xlsx [sheet 企业数据, header row 1] row 2, column value_added: ${msg.xlsxErrorCell('#VALUE!')}`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(await snapshot(dir)).toEqual(before);
  });
});
