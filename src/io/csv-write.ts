/**
 * CSV for Excel users: UTF-8 with BOM (so Excel shows Chinese correctly), CRLF-free "\n" line
 * ends, RFC 4180 quoting, and text cells that start with =, +, -, @ neutralised with a leading
 * apostrophe so a spreadsheet never runs them as formulas (DESIGN §8).
 */
export const BOM = '\uFEFF';

/** Neutralises a text cell that a spreadsheet would read as a formula. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line of cells, without its line end. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => quote(neutralise(c))).join(',');
}

/** Renders header and rows as CSV text (BOM first). */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return BOM + [csvLine(header), ...rows.map(csvLine)].join('\n') + '\n';
}
