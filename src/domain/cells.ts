/**
 * Parses a number cell of a spreadsheet: digits with optional ',' thousands separators and an
 * exponent. Returns NaN for an empty cell and undefined for text that is not a number.
 */
export function parseNumberCell(raw: string): number | undefined {
  const s = raw.trim().replace(/,/g, '');
  if (s === '') return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** A table read from a CSV or XLSX file: headers and rows numbered as a spreadsheet shows them. */
export interface SheetTable {
  readonly file: string;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
}
