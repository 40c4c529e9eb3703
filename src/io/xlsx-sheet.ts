import type ExcelJS from 'exceljs';
import type { ReportLang } from '../report/labels.js';
import { neutralise } from './csv-write.js';
import { typedCell, type Column, type RowFormat, type Table } from './table.js';
import { displayWidth } from '../domain/text-width.js';
import { groupedFixed } from '../domain/number-text.js';

/** How a sheet is laid out beyond its cells. */
export interface SheetLayout {
  /** Columns kept in view when scrolling right (the header row always stays). */
  readonly frozenColumns?: number;
  /** An autofilter on the header row. */
  readonly autoFilter?: boolean;
  /** A print area over the table, landscape, one page wide, the header repeated on every page. */
  readonly print?: boolean;
}

/** Returns the Excel number format of a column (or of a row's cells in it): grouping, fixed decimals, percentages, signs. */
export function numberFormat(c: Column, row?: RowFormat): string | undefined {
  const places = (d: number) => (d > 0 ? `.${'0'.repeat(d)}` : '');
  const signed = (f: string) => (c.signed ? `+${f};-${f};${f}` : f);
  const type = c.perRow && row ? row.type : c.type;
  const decimals = c.perRow && row ? row.decimals : c.decimals;
  switch (type) {
    case 'text':
      return undefined;
    case 'general':
      return undefined;
    case 'year':
      return '0';
    case 'integer':
      return signed('#,##0');
    case 'number':
      return signed(`#,##0${places(decimals ?? 2)}`);
    case 'ratio':
      return signed(`0${places(decimals ?? 1)}%`);
  }
}

/** Shows a cell as the format would (for fitting the column width). */
function shownText(c: Column, v: string | number | null, row?: RowFormat): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  const type = c.perRow && row ? row.type : c.type;
  if (type === 'year' || type === 'general') return String(v);
  const d =
    type === 'number'
      ? ((c.perRow && row ? row.decimals : c.decimals) ?? 2)
      : type === 'ratio'
        ? ((c.perRow && row ? row.decimals : c.decimals) ?? 1)
        : 0;
  const x = type === 'ratio' ? v * 100 : v;
  const s = groupedFixed(x, d);
  return `${c.signed && v > 0 ? '+' : ''}${s}${type === 'ratio' ? '%' : ''}`;
}

/** The width of text in Excel's character units: CJK and full-width characters count two. */
export const textWidth = displayWidth;

/** Converts a 1-based column number to its letters (1 → A, 27 → AA). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Adds a table as a worksheet: a bold header in `lang`, every cell typed from its column (text
 * neutralised, numbers checked finite), number formats by column type, widths fitted to the
 * content, the header frozen, and the layout's filter and print setup.
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  table: Table,
  lang: ReportLang,
  layout: SheetLayout = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  const cols = table.columns;
  const header = ws.addRow(cols.map((c) => (lang === 'zh' ? c.zh : c.en)));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: false };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }));
  const widths = cols.map((c) => textWidth(lang === 'zh' ? c.zh : c.en));
  table.rows.forEach((r, i) => {
    const format = table.rowFormats?.[i];
    const cells = cols.map((c, j) => {
      const v = typedCell(c, r[j] ?? null, i + 2);
      widths[j] = Math.max(widths[j], textWidth(shownText(c, v, format)));
      return typeof v === 'string' ? neutralise(v) : v;
    });
    const row = ws.addRow(cells);
    if (format) {
      cols.forEach((c, j) => {
        if (c.perRow) row.getCell(j + 1).numFmt = numberFormat(c, format)!;
      });
    }
  });
  cols.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    col.width = Math.min(60, Math.max(8, widths[j] + 2));
    const fmt = c.perRow ? undefined : numberFormat(c); // a column format would overwrite the rows' own
    if (fmt) col.numFmt = fmt;
  });
  ws.views = [{ state: 'frozen', xSplit: layout.frozenColumns ?? 0, ySplit: 1 }];
  const last = `${columnLetters(cols.length)}${table.rows.length + 1}`;
  if (layout.autoFilter) ws.autoFilter = `A1:${last}`;
  if (layout.print) {
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: 'landscape',
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: `A1:${last}`,
      printTitlesRow: '1:1',
    };
  }
  return ws;
}
