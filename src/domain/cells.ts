/** Why a number cell cannot be read (see {@link readNumberCell}). */
export type NumberCellProblem =
  /** Text that is no number at all (`12万`, `abc`). */
  | 'not-a-number'
  /** A comma that is not thousands grouping (`1,5`, `12,34`, `2,0,0,0,0`): a decimal comma, most likely. */
  | 'bad-comma'
  /** `Infinity`, `NaN`, or digits beyond the range of a number (`1e309`). */
  | 'not-finite'
  /** Above the column's ceiling ({@link cellCeiling}): a unit or digit slip, and sums could overflow. */
  | 'too-large';

/** A number cell read: its value (NaN for an empty cell), or why it cannot be read. */
export type NumberCell =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: NumberCellProblem; readonly ceiling?: number };

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Thousands grouping: 1–3 leading digits, then groups of exactly three; no exponent after grouped digits. */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const NON_FINITE_WORDS = /^[+-]?(infinity|inf|nan|∞)$/i;

/**
 * Folds full-width ASCII forms (U+FF01–U+FF5E: １２．５, －, ，) and the ideographic space to
 * ASCII. Only these: NFKC would also fold superscripts (10² → 102), a silent wrong number.
 */
function foldFullWidth(raw: string): string {
  return raw.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Reads a number cell of a spreadsheet (registry or project pipeline) — the one place where a
 * cell becomes a number. Full-width digits and signs (１２．５) are folded to ASCII. A comma is accepted only as thousands grouping (`1,234,567.8`, `12,345`); any other
 * comma (`1,5`, `12,34`) is refused as `bad-comma`, never deleted. A result that is not finite
 * (`1e309`, `Infinity`, `NaN`) is refused as `not-finite`, one above `ceiling` as `too-large`.
 * An empty cell gives NaN.
 */
export function readNumberCell(raw: string, ceiling = Number.POSITIVE_INFINITY): NumberCell {
  const s = foldFullWidth(raw).trim();
  if (s === '') return { ok: true, value: Number.NaN };
  if (NON_FINITE_WORDS.test(s)) return { ok: false, problem: 'not-finite' };
  let digits: string;
  if (PLAIN.test(s)) digits = s;
  else if (GROUPED.test(s)) digits = s.replace(/,/g, '');
  else return { ok: false, problem: s.includes(',') && PLAIN.test(s.replace(/,/g, '')) ? 'bad-comma' : 'not-a-number' };
  const value = Number(digits);
  if (!Number.isFinite(value)) return { ok: false, problem: 'not-finite' };
  if (Math.abs(value) > ceiling) return { ok: false, problem: 'too-large', ceiling };
  return { ok: true, value };
}

/**
 * Parses a number cell: the value, NaN for an empty cell, undefined for anything
 * {@link readNumberCell} refuses (callers that name the reason use readNumberCell).
 */
export function parseNumberCell(raw: string): number | undefined {
  const r = readNumberCell(raw);
  return r.ok ? r.value : undefined;
}

/**
 * The largest plausible value of a registry or pipeline number column, by what it counts: land
 * 10⁹ mu, people 10⁸, money, energy and physical quantities 10¹² (万元, tce, t, 万m³, 万kWh, GJ).
 * A million firms at the ceiling still sum far inside a double's range, so no sum overflows.
 */
export function cellCeiling(column: string): number {
  if (column === 'land_mu') return 1e9;
  if (column === 'employees') return 1e8;
  return 1e12;
}

/** A table read from a CSV or XLSX file: headers and rows numbered as a spreadsheet shows them. */
export interface SheetTable {
  readonly file: string;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
}

/** What a share cell holds: a fraction, an empty cell (NaN), or why it cannot be read. */
export type ShareCell =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: 'above-one' | NumberCellProblem; readonly ceiling?: number };

/**
 * Parses a share cell (a ratio column such as R&D ÷ revenue): `35%`, `35 %` or `0.35` all give
 * 0.35; an empty cell gives NaN. A number above 1 without `%` is refused (`above-one`): it is
 * ambiguous whether `35` means 35 % or 35 times. The number itself is read by {@link readNumberCell}.
 */
export function parseShareCell(raw: string): ShareCell {
  const s = raw.trim();
  const percent = /^(.*?)\s*[%％]$/.exec(s);
  const v = readNumberCell(percent ? percent[1] : s, 1e6);
  if (!v.ok) return { ok: false, reason: v.problem, ...(v.ceiling !== undefined ? { ceiling: v.ceiling } : {}) };
  if (percent) return percent[1].trim() === '' ? { ok: false, reason: 'not-a-number' } : { ok: true, value: v.value / 100 };
  if (v.value > 1) return { ok: false, reason: 'above-one' };
  return { ok: true, value: v.value };
}
