import { describe, expect, it } from 'vitest';
import { patternSearch } from '../../src/calibration/optimise.js';

describe('patternSearch', () => {
  it('finds the minimum of a known quadratic inside the box', async () => {
    // f = (x − 0.3)² + 10 (y + 0.2)²: minimum 0 at (0.3, −0.2)
    const f = (x: readonly number[]) => (x[0] - 0.3) ** 2 + 10 * (x[1] + 0.2) ** 2;
    const r = await patternSearch(f, [0, 0], { lower: [-1, -1], upper: [1, 1], step: [0.1, 0.1], tolerance: 1 / 256 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.3, 3);
    expect(r.x[1]).toBeCloseTo(-0.2, 3);
    expect(r.value).toBeLessThan(1e-6);
  });

  it('follows a narrow valley (x + y fixed by the data) to its lowest point', async () => {
    // f = 100 (x + y − 1)² + 0.01 ((x − 0.2)² + (y − 0.2)²): minimum at x = y ≈ 0.4998
    const f = (x: readonly number[]) => 100 * (x[0] + x[1] - 1) ** 2 + 0.01 * ((x[0] - 0.2) ** 2 + (x[1] - 0.2) ** 2);
    const r = await patternSearch(f, [0, 0], {
      lower: [-2, -2],
      upper: [2, 2],
      step: [0.1, 0.1],
      tolerance: 1 / 1024,
      maxEvaluations: 400,
    });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.5, 2);
    expect(r.x[1]).toBeCloseTo(0.5, 2);
  });

  it('stops at the bound when the minimum lies outside the box, and never evaluates outside it', async () => {
    const seen: number[][] = [];
    const f = (x: readonly number[]) => {
      seen.push([...x]);
      return (x[0] - 2) ** 2 + x[1] ** 2;
    };
    const r = await patternSearch(f, [0.5, 0.5], { lower: [0, -1], upper: [1, 1], step: [0.2, 0.2] });
    expect(r.x[0]).toBe(1);
    expect(Math.abs(r.x[1])).toBeLessThan(0.01);
    for (const x of seen) {
      expect(x[0]).toBeGreaterThanOrEqual(0);
      expect(x[0]).toBeLessThanOrEqual(1);
    }
  });

  it('evaluates a point once and stops at maxEvaluations', async () => {
    let calls = 0;
    const f = async (x: readonly number[]) => {
      calls++;
      return (x[0] - 0.77) ** 2;
    };
    const r = await patternSearch(f, [0], { lower: [-5], upper: [5], step: [0.01], maxEvaluations: 10 });
    expect(r.evaluations).toBe(10);
    expect(calls).toBe(10);
    expect(r.converged).toBe(false);
    expect(r.value).toBeLessThan(0.77 ** 2); // the best point seen
  });
});
