import { parse } from 'csv-parse/sync';
import { toCsv } from './csv-write.js';

/**
 * How a column's cells are typed in every file dcsim writes: CSV and XLSX read the same
 * definition, so a column is text in both or a number in both (never `NaN` in a cell).
 * - `text`: a string (neutralised against formula injection when written);
 * - `integer`: a whole number (counts, draws, headcounts);
 * - `number`: a finite number shown with `decimals` places;
 * - `ratio`: a fraction shown as a percentage (0.245 → 24.5 %);
 * - `year`: a calendar year, shown without grouping;
 * - `general`: text or a finite number, each kept as it is (a list of assumptions).
 */
export type ColumnType = 'text' | 'integer' | 'number' | 'ratio' | 'year' | 'general';

/** One column of an output table. */
export interface Column {
  /** The snake_case header of CSV files (the contract scripts read). */
  readonly key: string;
  /** The header of the Chinese workbook. */
  readonly zh: string;
  /** The header of the English workbook. */
  readonly en: string;
  readonly type: ColumnType;
  /** Decimal places shown for `number` (default 2) and `ratio` (default 1) columns. */
  readonly decimals?: number;
  /** Numbers in this column are signed differences: shown as +1.2 / −1.2. */
  readonly signed?: boolean;
  /** The number format comes from the row ({@link Table.rowFormats}): a column of years whose rows hold different metrics. */
  readonly perRow?: boolean;
}

/** The format of a row's cells in `perRow` columns: its metric's display unit. */
export interface RowFormat {
  readonly type: 'number' | 'ratio';
  readonly decimals: number;
}

/** A cell value: text, a finite number, or empty. */
export type Cell = string | number | null;

/** An output table: its columns and rows of cells in column order. */
export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** Per row, the format of its `perRow` cells. */
  readonly rowFormats?: readonly RowFormat[];
}

/** Thrown when a cell does not fit its column's type: a bug upstream, never written to a file. */
export class CellTypeError extends Error {}

/** Checks a cell against its column's type and returns it; throws {@link CellTypeError} on a mismatch. */
export function typedCell(column: Column, value: Cell, row: number): Cell {
  if (value === null || value === '') return null;
  if (column.type === 'text') return String(value);
  if (column.type === 'general' && typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CellTypeError(`column ${column.key}, row ${row}: ${String(value)} is not a finite number`);
  }
  if ((column.type === 'integer' || column.type === 'year') && !Number.isInteger(value)) {
    throw new CellTypeError(`column ${column.key}, row ${row}: ${value} is not a whole number`);
  }
  return value;
}

/** Writes a number as a CSV cell: up to `digits` significant digits, no exponent noise. */
export function csvNumber(x: number, digits = 12): string {
  return String(Number(x.toPrecision(digits)));
}

/** Renders a table as CSV (header = the column keys), each cell checked against its column's type. */
export function tableCsv(table: Table, digits = 12): string {
  const rows = table.rows.map((r, i) =>
    table.columns.map((c, j) => {
      const v = typedCell(c, r[j] ?? null, i + 2);
      return v === null ? '' : typeof v === 'number' ? csvNumber(v, digits) : v;
    }),
  );
  return toCsv(
    table.columns.map((c) => c.key),
    rows,
  );
}

/** Removes the apostrophe {@link neutralise} put before a cell that starts like a formula. */
export function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * Reads a CSV file dcsim wrote back into a typed table of the given columns (matched by header
 * key; a column the file lacks is empty). Throws {@link CellTypeError} naming the row and column
 * when a number cell is not a finite number.
 */
export function readTableCsv(text: string, columns: readonly Column[], file: string): Table {
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  if (records.length === 0) return { columns, rows: [] };
  const [head, ...body] = records;
  const at = columns.map((c) => head.indexOf(c.key));
  const rows = body.map((cells, i) =>
    columns.map((c, j): Cell => {
      const raw = at[j] < 0 ? '' : (cells[at[j]] ?? '');
      if (raw === '') return null;
      if (c.type === 'text') return unneutralise(raw);
      const v = Number(raw);
      if (!Number.isFinite(v)) throw new CellTypeError(`${file} row ${i + 2}, column ${c.key}: "${raw}" is not a finite number`);
      return v;
    }),
  );
  return { columns, rows };
}

/** A column definition in one line: key, Chinese and English header, type, and anything else. */
export function col(key: string, zh: string, en: string, type: Column['type'], more: Partial<Column> = {}): Column {
  return { key, zh, en, type, ...more };
}
