/**
 * A quantity given for some years: linear in between, flat outside (DESIGN §3).
 */
export interface YearSeries {
  readonly years: readonly number[];
  readonly values: readonly number[];
}

/** Creates a series from a `{year: value}` map; years are sorted. */
export function yearSeries(points: Readonly<Record<string | number, number>>): YearSeries {
  const entries = Object.entries(points)
    .map(([y, v]) => [Number(y), v] as const)
    .sort((a, b) => a[0] - b[0]);
  return { years: entries.map((e) => e[0]), values: entries.map((e) => e[1]) };
}

/** Returns the series' value in `year`, interpolating linearly and holding the end values flat. */
export function valueAt(series: YearSeries, year: number): number {
  const { years, values } = series;
  const last = years.length - 1;
  if (year <= years[0]) return values[0];
  if (year >= years[last]) return values[last];
  let i = 1;
  while (years[i] < year) i++;
  const t = (year - years[i - 1]) / (years[i] - years[i - 1]);
  return values[i - 1] + t * (values[i] - values[i - 1]);
}
