import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { hasErrors, type Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';
import {
  buildRegistry,
  registryBuilder,
  type CellProblem,
  type LoadedRegistry,
  type RawRow,
  type RegistryBuilder,
} from './registry-build.js';
import { PIPELINE_COLUMNS, REGISTRY_COLUMNS, type ColumnDef } from './registry-columns.js';
import { findHeaderRow, HEADER_SEARCH_ROWS } from './registry-headers.js';
import { readMetaYear, type MetaYear } from './registry-meta.js';
import { checkCsvBytes, otherDelimiter } from './csv-text.js';
import { readInput } from './read-input.js';
import { checkXlsxBounds } from './xlsx-bounds.js';

interface Sheet {
  headers: string[];
  rows: RawRow[];
}

/** A worksheet's non-empty rows, numbered as the spreadsheet shows them. */
export interface SheetRows {
  readonly name: string;
  readonly visible: boolean;
  readonly rows: readonly RawRow[];
}

/** Options of {@link loadRegistry}: the worksheet to read (scenario `registry_sheet:`), a registry or a project table. */
export interface RegistryLoadOptions {
  readonly sheet?: string;
  /** `projects`: a new-project pipeline (its own columns; the input limit of a pipeline). Default `registry`. */
  readonly kind?: 'registry' | 'projects';
}

/**
 * Splits CSV text (UTF-8, BOM optional) into its non-empty rows numbered as a spreadsheet shows
 * them; a file delimited by ';' or tabs is refused in one message (see {@link otherDelimiter}).
 */
export function readCsvRows(text: string, file: string): { rows?: RawRow[]; diagnostics: Diagnostic[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { diagnostics: [{ code: 'registry/csv-syntax', message: `CSV syntax error: ${err.message}`, file, row: err.lines }] };
  }
  const rows = records.map((r) => ({ row: r.info.lines, cells: r.record })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const other = otherDelimiter(rows);
  if (other) return { diagnostics: [{ code: 'csv/delimiter', message: msg.wrongDelimiter(other.sep), file, row: other.row }] };
  if (rows.length === 0) return { diagnostics: [{ code: 'registry/empty', message: msg.registryEmpty(), file, row: 1 }] };
  return { rows, diagnostics: [] };
}

/** Splits CSV text (UTF-8, BOM optional) into header (the first row) and rows numbered as a spreadsheet shows them. */
export function readCsvSheet(text: string, file: string): { sheet?: Sheet; diagnostics: Diagnostic[] } {
  const { rows, diagnostics } = readCsvRows(text, file);
  if (!rows) return { diagnostics };
  const [head, ...body] = rows;
  return { sheet: { headers: [...head.cells], rows: body }, diagnostics: [] };
}

/** Rows {@link otherDelimiter} reads at the start of a CSV. */
const DELIMITER_ROWS = 20;

/**
 * Reads a registry CSV's bytes (UTF-8, checked by checkCsvBytes; a BOM allowed) into its table,
 * each row typed into the columns as it is parsed: neither the file as text nor its rows as
 * strings are held beside the bytes and the columns (at 100k firms that was several times the
 * table's size). The first rows are held until the header row is found (as {@link readCsvRows}
 * and {@link findHeaderRow} would find it); the columns are allocated for at most one row per
 * line of the file and cut to the rows read.
 */
export function readCsvRegistry(
  data: Buffer,
  file: string,
  kind: 'registry' | 'projects',
  columns: readonly ColumnDef[],
): { value?: LoadedRegistry; diagnostics: Diagnostic[] } {
  // a record ends at a line end (\n, \r\n or a lone \r: csv-parse detects which), so there are at most this many
  const count = (byte: number) => {
    let k = 0;
    for (let i = data.indexOf(byte); i >= 0; i = data.indexOf(byte, i + 1)) k++;
    return k;
  };
  const lines = Math.max(count(0x0a), count(0x0d)) + 1;
  const head: RawRow[] = [];
  let builder: RegistryBuilder | undefined;
  let refused: Diagnostic[] | undefined;
  const start = () => {
    const other = otherDelimiter(head);
    if (other) refused = [{ code: 'csv/delimiter', message: msg.wrongDelimiter(other.sep), file, row: other.row }];
    else if (head.length === 0) refused = [{ code: 'registry/empty', message: msg.registryEmpty(), file, row: 1 }];
    else {
      const { index } = findHeaderRow(head, columns);
      const b = registryBuilder(file, head[index].cells, lines, { kind, headerRow: head[index].row });
      if ('add' in b) {
        builder = b;
        for (const r of head.slice(index + 1)) b.add(r);
      } else refused = b.diagnostics;
    }
    head.length = 0;
  };
  try {
    parse(data, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context: { lines: number }) => {
        if (refused || cells.every((c) => c.trim() === '')) return null;
        const r = { row: context.lines, cells };
        if (builder) builder.add(r);
        else {
          head.push(r);
          if (head.length >= DELIMITER_ROWS && r.row > HEADER_SEARCH_ROWS) start();
        }
        return null; // kept in the columns, not in a list of records
      },
    });
  } catch (e) {
    const err = e as { message: string; lines?: number; code?: string };
    if (!err.code?.startsWith('CSV_')) throw e; // not the file's: a bug in the rows' handling
    return { diagnostics: [{ code: 'registry/csv-syntax', message: `CSV syntax error: ${err.message}`, file, row: err.lines }] };
  }
  if (!builder && !refused) start();
  return builder ? builder.finish() : { diagnostics: refused ?? [] };
}

/** A workbook cell without a usable value: an error value (#DIV/0!, #N/A …), or a formula never calculated. */
function cellProblem(v: ExcelJS.CellValue): CellProblem | undefined {
  if (v === null || typeof v !== 'object' || v instanceof Date) return undefined;
  if ('error' in v) return { kind: 'error', error: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: 'formula-without-value' };
    if (typeof result === 'object' && 'error' in result) return { kind: 'error', error: String((result as { error: unknown }).error) };
  }
  return undefined;
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

function sheetRows(ws: ExcelJS.Worksheet): RawRow[] {
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const problems = new Map<number, CellProblem>();
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const problem = cellProblem(cell.value);
      if (problem) problems.set(col - 1, problem);
      cells[col - 1] = problem ? '' : cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (problems.size === 0 && cells.every((c) => c.trim() === '')) return;
    rows.push({ row: rowNumber, cells, ...(problems.size ? { problems } : {}) });
  });
  return rows;
}

/**
 * Reads every worksheet of an XLSX workbook (name, visibility, non-empty rows numbered as the
 * sheet numbers them, cells holding errors or uncalculated formulas marked). The zip's inflated
 * size and cell count are bounded before the workbook is parsed ({@link checkXlsxBounds}).
 */
export async function readXlsxSheets(data: Buffer, file: string): Promise<{ sheets?: SheetRows[]; diagnostics: Diagnostic[] }> {
  const bounds = await checkXlsxBounds(data, file);
  if (bounds.length) return { diagnostics: bounds };
  const { default: Excel } = await import('exceljs'); // loaded only for workbooks: it is slow to import
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch (e) {
    return { diagnostics: [{ code: 'registry/xlsx', message: msg.fileUnreadable(file, (e as Error).message), file }] };
  }
  if (wb.worksheets.length === 0) return { diagnostics: [{ code: 'registry/xlsx', message: msg.xlsxNoSheet(), file }] };
  return {
    sheets: wb.worksheets.map((ws) => ({ name: ws.name, visible: (ws.state ?? 'visible') === 'visible', rows: sheetRows(ws) })),
    diagnostics: [],
  };
}

/** The name of the sheet that declares a workbook's data year (`year | 2020`). */
export const META_SHEET = '_meta';

/**
 * Chooses the registry's worksheet: the one `requested` names, else the visible sheet whose best
 * header row names most known columns (a notes sheet in front is skipped); the `_meta` sheet is
 * never the registry.
 */
export function chooseSheet(
  sheets: readonly SheetRows[],
  requested: string | undefined,
  file: string,
  columns: readonly ColumnDef[] = REGISTRY_COLUMNS,
): { sheet?: SheetRows; diagnostics: Diagnostic[] } {
  if (requested !== undefined) {
    const sheet = sheets.find((s) => s.name === requested) ?? sheets.find((s) => s.name.trim() === requested.trim());
    if (sheet) return { sheet, diagnostics: [] };
    const names = sheets.filter((s) => s.visible).map((s) => s.name);
    return { diagnostics: [{ code: 'registry/no-such-sheet', message: msg.registrySheetMissing(requested, names), file }] };
  }
  const candidates = sheets.filter((s) => s.visible && s.name !== META_SHEET);
  let best: { sheet?: SheetRows; score: number } = { score: -1 };
  for (const s of candidates) {
    const score = s.rows.length ? findHeaderRow(s.rows, columns).score : -1;
    if (score > best.score) best = { sheet: s, score };
  }
  if (!best.sheet) return { diagnostics: [{ code: 'registry/xlsx', message: msg.xlsxNoSheet(), file }] };
  return { sheet: best.sheet, diagnostics: [] };
}

/**
 * Loads a registry file (.csv or .xlsx) into an EnterpriseTable, or every problem found. The
 * header row is found among the first rows (titles and notes above it are skipped); in a
 * workbook the sheet is `options.sheet` or the visible sheet that looks most like a registry, and
 * a `_meta` sheet may declare the data year.
 */
export async function loadRegistry(
  path: string,
  shownAs = path,
  options: RegistryLoadOptions = {},
): Promise<{ value?: LoadedRegistry; diagnostics: Diagnostic[] }> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') {
    return { diagnostics: [{ code: 'registry/format', message: msg.unsupportedRegistryFormat(shownAs), file: shownAs }] };
  }
  const kind = options.kind ?? 'registry';
  const columns = kind === 'projects' ? PIPELINE_COLUMNS : REGISTRY_COLUMNS;
  const data = await readInput(path, shownAs, kind === 'projects' ? 'pipeline' : 'registry');
  if (!data.ok) return { diagnostics: data.diagnostics };
  let rows: readonly RawRow[];
  let sheetName: string | undefined;
  let metaYear: MetaYear | undefined;
  const diagnostics: Diagnostic[] = [];
  if (ext === '.csv') {
    if (options.sheet !== undefined) {
      return { diagnostics: [{ code: 'registry/sheet-in-csv', message: msg.registrySheetInCsv(options.sheet), file: shownAs }] };
    }
    const refused = checkCsvBytes(data.value, shownAs);
    if (refused.length) return { diagnostics: refused };
    return readCsvRegistry(data.value, shownAs, kind, columns);
  } else {
    const read = await readXlsxSheets(data.value, shownAs);
    if (!read.sheets) return { diagnostics: read.diagnostics };
    const chosen = chooseSheet(read.sheets, options.sheet, shownAs, columns);
    if (!chosen.sheet) return { diagnostics: chosen.diagnostics };
    sheetName = chosen.sheet.name;
    rows = chosen.sheet.rows;
    const meta = read.sheets.find((s) => s.name === META_SHEET);
    if (meta) {
      const m = readMetaYear(meta.rows, shownAs, META_SHEET);
      diagnostics.push(...m.diagnostics);
      metaYear = m.year;
    }
    if (rows.length === 0) {
      return { diagnostics: [{ code: 'registry/empty', message: msg.registryEmpty(), file: shownAs, sheet: sheetName, row: 1 }] };
    }
  }
  const { index } = findHeaderRow(rows, columns);
  const built = buildRegistry(shownAs, rows[index].cells, rows.slice(index + 1), {
    kind,
    sheet: sheetName,
    headerRow: rows[index].row,
    metaYear,
  });
  const all = [...diagnostics, ...built.diagnostics];
  return hasErrors(all) ? { diagnostics: all } : { value: built.value, diagnostics: all };
}
