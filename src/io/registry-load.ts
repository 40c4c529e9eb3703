import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';
import { buildRegistry, type LoadedRegistry, type RawRow } from './registry-build.js';
import { readInput } from './read-input.js';

interface Sheet {
  headers: string[];
  rows: RawRow[];
}

/** Splits CSV text (UTF-8, BOM optional) into header and rows numbered as a spreadsheet shows them. */
export function readCsvSheet(text: string, file: string): { sheet?: Sheet; diagnostics: Diagnostic[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { diagnostics: [{ code: 'registry/csv-syntax', message: `CSV syntax error: ${err.message}`, file, row: err.lines }] };
  }
  if (records.length === 0) return { diagnostics: [{ code: 'registry/empty', message: msg.registryEmpty(), file, row: 1 }] };
  const [head, ...body] = records;
  return {
    sheet: { headers: head.record, rows: body.map((r) => ({ row: r.info.lines, cells: r.record })) },
    diagnostics: [],
  };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/** Reads the first worksheet of an XLSX workbook; row numbers are the sheet's own. */
export async function readXlsxSheet(data: Buffer, file: string): Promise<{ sheet?: Sheet; diagnostics: Diagnostic[] }> {
  const { default: Excel } = await import('exceljs'); // loaded only for workbooks: it is slow to import
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch (e) {
    return { diagnostics: [{ code: 'registry/xlsx', message: msg.fileUnreadable(file, (e as Error).message), file }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { diagnostics: [{ code: 'registry/xlsx', message: msg.xlsxNoSheet(), file }] };
  const headers: string[] = [];
  const rows: RawRow[] = [];
  let headerRow = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.every((c) => c.trim() === '')) return;
    if (!headerRow) {
      headerRow = rowNumber;
      headers.push(...cells);
    } else rows.push({ row: rowNumber, cells });
  });
  if (!headerRow) return { diagnostics: [{ code: 'registry/empty', message: msg.registryEmpty(), file, row: 1 }] };
  return { sheet: { headers, rows }, diagnostics: [] };
}

/** Loads a registry file (.csv or .xlsx) into an EnterpriseTable, or every problem found. */
export async function loadRegistry(path: string, shownAs = path): Promise<{ value?: LoadedRegistry; diagnostics: Diagnostic[] }> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') {
    return { diagnostics: [{ code: 'registry/format', message: msg.unsupportedRegistryFormat(shownAs), file: shownAs }] };
  }
  const data = await readInput(path, shownAs, 'registry');
  if (!data.ok) return { diagnostics: data.diagnostics };
  const read = ext === '.csv' ? readCsvSheet(data.value.toString('utf8'), shownAs) : await readXlsxSheet(data.value, shownAs);
  if (!read.sheet) return { diagnostics: read.diagnostics };
  return buildRegistry(shownAs, read.sheet.headers, read.sheet.rows);
}
