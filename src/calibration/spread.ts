import { rms } from './objective.js';
import { parameterBox, type FitParameter } from './parameters.js';
import { VA_FAMILY, type FitSeriesPoint } from './series.js';

/** A fitted value as calibrated.yaml writes it: a constant, or a triangular distribution per draw. */
export type FittedValue = number | { readonly triangular: readonly [number, number, number]; readonly per: 'draw' };

/** The widest spread of the energy elasticity (± 0.3 around the fitted value). */
const MAX_ELASTICITY_SPREAD = 0.3;

/** Half-widths below this are written as a constant. */
const NO_SPREAD = 1e-6;

/**
 * The uncertainty left after the fit, as a half-width per parameter (README "Calibrate"): a
 * level missed by a relative residual r after t years (t = year − base) is a yearly rate
 * missed by about r ÷ t, so
 * - VA growth (every group): the RMS of r ÷ t over the VA-family points (VA, 规上 VA, output, tax);
 * - efficiency gain: the RMS of r ÷ t over the energy and CO2 points (energy × (1 − η) a year);
 * - energy elasticity: the efficiency gain's half-width ÷ the mean fitted VA growth (taken as at
 *   least 2 %), since energy × (1 + g)^ε moves by about ε g a year; at most 0.3 (half the
 *   usual 0.6, so a near-zero growth does not make ε anything at all).
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
    p.kind === 'value_added'
      ? hVa
      : p.kind === 'efficiency_gain'
        ? hEnergy
        : Math.min(MAX_ELASTICITY_SPREAD, hEnergy / Math.max(Math.abs(meanGrowth), 0.02)),
  );
}

/** Rounds to 6 decimals (a yearly rate to 0.0001 %), as calibrated.yaml writes numbers. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

/**
 * The value written for a fitted parameter: triangular [v − h, v, v + h] per draw, its mean the
 * fitted value; near a bound of the parameter's box (inside its domain) both sides narrow to
 * the room left, so the mean stays the fitted value; a constant when h is about 0.
 */
export function fittedValue(p: FitParameter, v: number, h: number): FittedValue {
  const box = parameterBox(p.kind);
  const half = Math.min(h, v - box.lower, box.upper - v);
  const mode = round6(v);
  if (!(half > NO_SPREAD)) return mode;
  return { triangular: [round6(v - half), mode, round6(v + half)], per: 'draw' };
}
