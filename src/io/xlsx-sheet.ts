import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
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

/** A workbook written as it is built: each sheet's rows go to the zip as they are added, none are kept. */
export type StreamedWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Builds an XLSX with exceljs's streaming writer and returns its bytes. A sheet's rows are written
 * out as they are added: an in-memory workbook holds a Cell object per cell until it is written
 * (~200 MB of heap for the events sheet of 100,000 firms). Strings are shared (the events repeat
 * their names and places), deflated at zlib's default level 6 (the writer's zip would use level 1:
 * a file a third larger).
 */
export async function streamedXlsx(build: (wb: StreamedWorkbook) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } });
  wb.creator = 'dcsim';
  wb.lastModifiedBy = 'Unknown'; // exceljs's word for "not set", which its in-memory writer puts (the streaming one puts "ExcelJS")
  build(wb);
  await wb.commit();
  return Buffer.concat(chunks);
}

/**
 * Adds a table as a worksheet: a bold header in `lang`, every cell typed from its column (text
 * neutralised, numbers checked finite), number formats by column type, widths fitted to the
 * content, the header frozen, and the layout's filter and print setup. The widths are fitted in a
 * first pass over the rows: a streamed sheet's columns are written before its first row.
 */
export function addTableSheet(wb: StreamedWorkbook, name: string, table: Table, lang: ReportLang, layout: SheetLayout = {}): void {
  const cols = table.columns;
  const titles = cols.map((c) => (lang === 'zh' ? c.zh : c.en));
  const widths = titles.map(textWidth);
  table.rows.forEach((r, i) => {
    const format = table.rowFormats?.[i];
    cols.forEach((c, j) => {
      widths[j] = Math.max(widths[j], textWidth(shownText(c, typedCell(c, r[j] ?? null, i + 2), format)));
    });
  });
  const last = `${columnLetters(cols.length)}${table.rows.length + 1}`;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: layout.frozenColumns ?? 0, ySplit: 1 }],
    pageSetup: layout.print
      ? {
          orientation: 'landscape',
          paperSize: 9, // A4
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printArea: `A1:${last}`,
          printTitlesRow: '1:1',
        }
      : undefined,
  });
  if (layout.autoFilter) ws.autoFilter = `A1:${last}`;
  cols.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    col.width = Math.min(60, Math.max(8, widths[j] + 2));
    const fmt = c.perRow ? undefined : numberFormat(c); // a column format would overwrite the rows' own
    if (fmt) col.numFmt = fmt;
  });
  const header = ws.addRow(titles);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: false };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }));
  header.commit();
  table.rows.forEach((r, i) => {
    const format = table.rowFormats?.[i];
    const row = ws.addRow(
      cols.map((c, j) => {
        const v = typedCell(c, r[j] ?? null, i + 2);
        return typeof v === 'string' ? neutralise(v) : v;
      }),
    );
    if (format) {
      cols.forEach((c, j) => {
        if (c.perRow) row.getCell(j + 1).numFmt = numberFormat(c, format)!;
      });
    }
    row.commit();
  });
  ws.commit();
}
