import type { Period } from './types.js';

/**
 * Parses a period as the actuals file and `as_of` write it: `2023` (a year), `2023-Q3` (a
 * quarter, also `2023Q3`, `2023-q3`, `2023年第3季度`), `2023-09` (a month, also `2023-9`,
 * `2023/09`, `2023年9月`). Undefined when the text is none of these.
 */
export function parsePeriod(input: string | number): Period | undefined {
  const text = String(input).trim();
  let m = /^(\d{4})(?:年)?$/.exec(text);
  if (m) return period(Number(m[1]), 12, 'year');
  m = /^(\d{4})\s*[-/]?\s*[Qq]([1-4])$/.exec(text) ?? /^(\d{4})年\s*第?\s*([1-4一二三四])\s*季度?$/.exec(text);
  if (m) return period(Number(m[1]), 3 * quarterNumber(m[2]), 'quarter');
  m = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(text) ?? /^(\d{4})年\s*(\d{1,2})\s*月$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? period(Number(m[1]), month, 'month') : undefined;
  }
  return undefined;
}

function quarterNumber(q: string): number {
  const zh = '一二三四'.indexOf(q);
  return zh >= 0 ? zh + 1 : Number(q);
}

/** A period from its year, last month and kind, with its canonical text. */
export function period(year: number, month: number, kind: Period['kind']): Period {
  const text = kind === 'year' ? String(year) : kind === 'quarter' ? `${year}-Q${month / 3}` : `${year}-${String(month).padStart(2, '0')}`;
  return { year, month, kind, text };
}

/** Months since year 0 at the period's end: orders periods (a year ends with its December). */
export function periodEnd(p: Pick<Period, 'year' | 'month'>): number {
  return p.year * 12 + p.month;
}

/** True when the period `p` ends at or before `asOf` ends. */
export function notAfter(p: Pick<Period, 'year' | 'month'>, asOf: Pick<Period, 'year' | 'month'>): boolean {
  return periodEnd(p) <= periodEnd(asOf);
}

/** The last year `asOf` completes: its own year when it ends in December, else the year before. */
export function lastCompleteYear(asOf: Pick<Period, 'year' | 'month'>): number {
  return asOf.month === 12 ? asOf.year : asOf.year - 1;
}
