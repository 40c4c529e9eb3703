import { rms } from './objective.js';
import { parameterBox, type FitParameter } from './parameters.js';
import { VA_FAMILY, type FitSeriesPoint } from './series.js';

/** A fitted value as calibrated.yaml writes it: a constant, or a triangular distribution per draw. */
export type FittedValue = number | { readonly triangular: readonly [number, number, number]; readonly per: 'draw' };

/** Half-widths below this are written as a constant. */
const NO_SPREAD = 1e-6;

/**
 * The uncertainty left after the fit, as a half-width per parameter (README "Calibrate"): a
 * level missed by a relative residual r after t years (t = year − base) is a yearly rate
 * missed by about r ÷ t, so
 * - VA growth (every group): the RMS of r ÷ t over the VA-family points (VA, 规上 VA, output, tax);
 * - efficiency gain: the RMS of r ÷ t over the energy and CO2 points (energy × (1 − η) a year);
 * - energy elasticity: the efficiency gain's half-width ÷ the mean fitted VA growth (at least
 *   1 %), since energy × (1 + g)^ε moves by about ε g a year.
 * A family without points gives 0 (the parameter is written as a constant).
 */
export function halfWidths(
  params: readonly FitParameter[],
  x: readonly number[],
  points: readonly FitSeriesPoint[],
  errors: readonly number[],
  base: number,
): number[] {
  const perYear = (va: boolean) =>
    rms(points.flatMap((p, i) => ((VA_FAMILY as readonly string[]).includes(p.metric) === va ? [errors[i] / (p.year - base)] : [])));
  const hVa = perYear(true);
  const hEnergy = perYear(false);
  const growths = params.flatMap((p, i) => (p.kind === 'value_added' ? [x[i]] : []));
  const meanGrowth = growths.length ? growths.reduce((a, b) => a + b, 0) / growths.length : 0;
  return params.map((p) =>
    p.kind === 'value_added' ? hVa : p.kind === 'efficiency_gain' ? hEnergy : hEnergy / Math.max(Math.abs(meanGrowth), 0.01),
  );
}

/** Rounds to 6 decimals (a yearly rate to 0.0001 %), as calibrated.yaml writes numbers. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

/**
 * The value written for a fitted parameter: triangular [v − h, v, v + h] per draw, the ends
 * clipped to the parameter's box (inside its domain); a constant when h is about 0.
 */
export function fittedValue(p: FitParameter, v: number, h: number): FittedValue {
  const box = parameterBox(p.kind);
  const mode = round6(v);
  const lo = round6(Math.max(box.lower, v - h));
  const hi = round6(Math.min(box.upper, v + h));
  if (!(h > NO_SPREAD) || !(lo < mode || mode < hi)) return mode;
  return { triangular: [lo, mode, hi], per: 'draw' };
}
