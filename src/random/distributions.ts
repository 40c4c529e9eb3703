import type { Rng } from './rng.js';

/**
 * Samplers for the scenario distributions. Each takes the stream explicitly (randomness is
 * injected, DESIGN §9). Parameters are checked when the scenario is resolved, not here.
 */

/** Draws from U(min, max). */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** Draws from the triangular distribution by inverse CDF. */
export function triangular(rng: Rng, min: number, mode: number, max: number): number {
  if (max === min) return min;
  const u = rng.next();
  const fc = (mode - min) / (max - min);
  return u < fc ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/** Draws a standard normal deviate (Box–Muller, one of the pair). */
export function standardNormal(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws from N(mean, sd²). */
export function normal(rng: Rng, mean: number, sd: number): number {
  return mean + sd * standardNormal(rng);
}

/**
 * Draws from the lognormal distribution with the given mean and standard deviation of the
 * variable itself (not of its logarithm): σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
 */
export function lognormal(rng: Rng, mean: number, sd: number): number {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * standardNormal(rng));
}

/** Draws from Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Draws from the PERT distribution (Vose, Risk Analysis, 2008): a beta on [min, max] with
 * α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min); mean (min + 4·mode + max)/6.
 */
export function pert(rng: Rng, min: number, mode: number, max: number): number {
  if (max === min) return min;
  const alpha = 1 + (4 * (mode - min)) / (max - min);
  const beta = 1 + (4 * (max - mode)) / (max - min);
  const x = gamma(rng, alpha);
  const y = gamma(rng, beta);
  return min + ((max - min) * x) / (x + y);
}
