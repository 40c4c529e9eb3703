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

/** What a share cell holds: a fraction, an empty cell (NaN), or why it cannot be read. */
export type ShareCell =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: 'not-a-number' | 'above-one' };

/**
 * Parses a share cell (a ratio column such as R&D ÷ revenue): `35%`, `35 %` or `0.35` all give
 * 0.35; an empty cell gives NaN. A number above 1 without `%` is refused (`above-one`): it is
 * ambiguous whether `35` means 35 % or 35 times.
 */
export function parseShareCell(raw: string): ShareCell {
  const s = raw.trim();
  const percent = /^(.*?)\s*[%％]$/.exec(s);
  const v = parseNumberCell(percent ? percent[1] : s);
  if (v === undefined) return { ok: false, reason: 'not-a-number' };
  if (percent) return percent[1].trim() === '' ? { ok: false, reason: 'not-a-number' } : { ok: true, value: v / 100 };
  if (v > 1) return { ok: false, reason: 'above-one' };
  return { ok: true, value: v };
}
