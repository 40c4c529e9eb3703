import { describe, expect, it } from 'vitest';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { lognormal, normal, pert, triangular, uniform } from '../../src/random/distributions.js';
import { createRng } from '../../src/random/rng.js';

const N = 40_000;
const draws = (f: () => number) => Array.from({ length: N }, f);

describe('createRng', () => {
  it('gives the same stream for the same (seed, keys) and different streams otherwise', () => {
    const a = createRng(2021, 5, 1);
    const b = createRng(2021, 5, 1);
    const seqA = draws(() => a.next()).slice(0, 100);
    expect(draws(() => b.next()).slice(0, 100)).toEqual(seqA);
    const c = createRng(2021, 5, 2);
    const d = createRng(2021, 6, 1);
    const e = createRng(2022, 5, 1);
    for (const other of [c, d, e]) expect(draws(() => other.next()).slice(0, 100)).not.toEqual(seqA);
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12 within 4 standard errors', () => {
    const r = createRng(1);
    const xs = draws(() => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(sampleStandardDeviation(xs)).toBeCloseTo(Math.sqrt(1 / 12), 2);
  });
});

// Statistical bounds as in d3-random's tests: sample moments within a few standard errors of
// the closed forms (triangular mean (a+b+c)/3; PERT mean (a+4m+b)/6, Vose 2008).
describe('distributions', () => {
  const within = (xs: number[], m: number, sd: number) => {
    expect(Math.abs(mean(xs) - m)).toBeLessThan((5 * sd) / Math.sqrt(N));
    expect(sampleStandardDeviation(xs)).toBeCloseTo(sd, 1);
  };
  it('uniform(2, 6): mean 4, sd 4/√12', () => {
    const r = createRng(11);
    within(
      draws(() => uniform(r, 2, 6)),
      4,
      4 / Math.sqrt(12),
    );
  });
  it('triangular(0.04, 0.06, 0.10): mean 0.0667, stays in range', () => {
    const r = createRng(12);
    const xs = draws(() => triangular(r, 0.04, 0.06, 0.1));
    const [a, c, b] = [0.04, 0.06, 0.1];
    within(xs, (a + b + c) / 3, Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(a);
    expect(Math.max(...xs)).toBeLessThanOrEqual(b);
  });
  it('pert(0.4, 0.6, 0.8): mean 0.6, sd (b−a)/√28 for a symmetric PERT', () => {
    const r = createRng(13);
    within(
      draws(() => pert(r, 0.4, 0.6, 0.8)),
      0.6,
      0.4 / Math.sqrt(28),
    );
  });
  it('normal(10, 2)', () => {
    const r = createRng(14);
    within(
      draws(() => normal(r, 10, 2)),
      10,
      2,
    );
  });
  it('lognormal with mean 5 and sd 2 (of the variable itself)', () => {
    const r = createRng(15);
    const xs = draws(() => lognormal(r, 5, 2));
    expect(Math.abs(mean(xs) - 5)).toBeLessThan(0.05);
    expect(sampleStandardDeviation(xs)).toBeCloseTo(2, 0);
    expect(Math.min(...xs)).toBeGreaterThan(0);
  });
});
