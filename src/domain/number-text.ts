/** One formatter per number of decimals: `toLocaleString('en-US', …)` builds a new one on every call, and a workbook of 10,000 firms spent over a second there. */
const formatters = new Map<number, Intl.NumberFormat>();

/** Writes a number with thousands grouping and exactly `decimals` decimals ("12,345.60"), as `x.toLocaleString('en-US', …)` does. */
export function groupedFixed(x: number, decimals: number): string {
  let f = formatters.get(decimals);
  if (!f)
    formatters.set(decimals, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f.format(x);
}
