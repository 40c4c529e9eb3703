import type { Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';
import { normalizeHeader } from './registry-columns.js';

/** A data year a workbook's `_meta` sheet declares, and where. */
export interface MetaYear {
  readonly year: number;
  readonly sheet: string;
  readonly row: number;
}

/** Labels of the `_meta` row that declares the data year. */
export const META_YEAR_LABELS = ['year', '年份', '数据年份', '统计年度'];

/** Parses a four-digit data year (1900–2100); undefined when the text is not one. */
export function parseDataYear(raw: string): number | undefined {
  const s = raw.trim().replace(/年$/, '');
  if (!/^\d{4}$/.test(s)) return undefined;
  const y = Number(s);
  return y >= 1900 && y <= 2100 ? y : undefined;
}

/** Reads the data year from a `_meta` sheet's rows (`year | 2020` or `年份 | 2020`). */
export function readMetaYear(
  rows: readonly { readonly row: number; readonly cells: readonly string[] }[],
  file: string,
  sheet: string,
): { year?: MetaYear; diagnostics: Diagnostic[] } {
  const labels = META_YEAR_LABELS.map(normalizeHeader);
  const r = rows.find((x) => labels.includes(normalizeHeader(x.cells[0] ?? '')));
  if (!r) return { diagnostics: [] };
  const raw = (r.cells[1] ?? '').trim();
  const year = parseDataYear(raw);
  if (year === undefined) {
    return { diagnostics: [{ code: 'registry/not-a-year', message: msg.notADataYear(raw), file, sheet, row: r.row, field: r.cells[0] }] };
  }
  return { year: { year, sheet, row: r.row }, diagnostics: [] };
}
