import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** A worksheet to write: its rows from row 1 (null = an empty row), visibility and merged ranges. */
export interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[] | null)[];
  readonly state?: 'visible' | 'hidden' | 'veryHidden';
  readonly merges?: readonly string[];
}

/** Writes a workbook into a fresh temporary folder and returns its path. */
export async function writeWorkbook(sheets: readonly SheetSpec[], name = 'registry.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    s.rows.forEach((r, i) => {
      if (r) ws.getRow(i + 1).values = [...r] as ExcelJS.CellValue[];
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  const path = join(await mkdtemp(join(tmpdir(), 'dcsim-wb-')), name);
  await wb.xlsx.writeFile(path);
  return path;
}
