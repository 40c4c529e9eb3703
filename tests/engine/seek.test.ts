import { describe, expect, it } from 'vitest';
import { seekValue } from '../../src/engine/seek.js';
import { setByPath } from '../../src/scenario/vary-path.js';

const step = (threshold: number) => async (v: number) => ({ value: v, probability: v >= threshold ? 1 : 0, p50: v });

describe('seekValue', () => {
  it('finds the smallest whole number meeting the target by bisection', async () => {
    const r = await seekValue(step(37), { min: 0, max: 100, confidence: 0.9, maximize: false, integer: true, tolerance: 1 });
    expect(r.answer).toBe(37);
    expect(r.monotone).toBe(true);
    expect(r.points.length).toBeLessThanOrEqual(11); // a 5-point grid, then bisection in a 25-wide interval
  });

  it('finds the largest value with --maximize, and reports none in range', async () => {
    const down = async (v: number) => ({ value: v, probability: v <= 0.42 ? 1 : 0, p50: v });
    const r = await seekValue(down, { min: 0, max: 1, confidence: 0.9, maximize: true, integer: false, tolerance: 0.001 });
    expect(r.answer).toBeGreaterThan(0.419);
    expect(r.answer).toBeLessThanOrEqual(0.42);
    expect(
      (await seekValue(step(200), { min: 0, max: 100, confidence: 0.9, maximize: false, integer: true, tolerance: 1 })).answer,
    ).toBeNull();
  });

  it('says when the points contradict the monotonicity it assumes', async () => {
    const bumpy = async (v: number) => ({ value: v, probability: v === 25 || v >= 90 ? 1 : 0, p50: v });
    const r = await seekValue(bumpy, { min: 0, max: 100, confidence: 0.9, maximize: false, integer: true, tolerance: 1 });
    expect(r.monotone).toBe(false);
  });
});

describe('seekValue without --max', () => {
  it('expands ×2 from the current value until the target is met, then bisects (by hand: 0 fails; 5, 10, 20 fail; 40 meets; bisect 20–40 → 37)', async () => {
    const r = await seekValue(step(37), {
      min: 0,
      start: 5,
      bound: 100_000,
      confidence: 0.9,
      maximize: false,
      integer: true,
      tolerance: 1,
    });
    expect(r.answer).toBe(37);
    expect(r.points.map((p) => p.value)).toEqual(expect.arrayContaining([0, 5, 10, 20, 40]));
    expect(r.range).toEqual([0, 40]);
    expect(r.plateau).toBeNull();
  });

  it('starts from 1 when the current value is 0 or absent, and finds a largest share when maximising', async () => {
    const r = await seekValue(step(3), { min: 0, bound: 100_000, confidence: 0.9, maximize: false, integer: true, tolerance: 1 });
    expect(r.answer).toBe(3); // 0, 1, 2 fail; 4 meets; bisect 2–4 → 3
    const down = async (v: number) => ({ value: v, probability: v <= 0.42 ? 1 : 0, p50: v });
    const m = await seekValue(down, { min: 0, start: 0.1, bound: 1, confidence: 0.9, maximize: true, integer: false, tolerance: 0.001 });
    expect(m.answer).toBeGreaterThan(0.419);
    expect(m.answer).toBeLessThanOrEqual(0.42);
  });

  it('reports a plateau below the confidence when the bound is reached', async () => {
    const flat = async (v: number) => ({ value: v, probability: Math.min(0.62, v / 100), p50: v });
    const r = await seekValue(flat, { min: 0, start: 10, bound: 1000, confidence: 0.9, maximize: false, integer: true, tolerance: 1 });
    expect(r.answer).toBeNull();
    expect(r.plateau).toBe(0.62);
    expect(r.points.at(-1)!.value).toBe(1000); // 0, 10, 20, …, 640, then the bound 1000
    expect(r.range).toEqual([0, 1000]);
  });
});

describe('setByPath', () => {
  it('sets a policy parameter by type or index, writing a key left at its default', () => {
    const spec = { policies: [{ type: 'rectification' }, { type: 'village_cleanup', per_year: 100 }] } as Record<string, unknown>;
    expect(setByPath(spec, 'policies[village_cleanup].per_year', 64)).toBeUndefined();
    expect(setByPath(spec, 'policies[0].max_per_year', 5)).toBeUndefined();
    expect(spec.policies).toEqual([
      { type: 'rectification', max_per_year: 5 },
      { type: 'village_cleanup', per_year: 64 },
    ]);
    expect(setByPath(spec, 'policies[2].per_year', 1)).toContain("'[2]' does not lead to a number");
  });

  it('rescales the other disposition shares so they still sum to 1', () => {
    const spec = { policies: [{ type: 'v', dispositions: { close: { share: 0.6 }, move_to_park: { share: 0.4 } } }] } as Record<
      string,
      unknown
    >;
    setByPath(spec, 'policies[v].dispositions.close.share', 0.8);
    const d = (spec.policies as { dispositions: Record<string, { share: number }> }[])[0].dispositions;
    expect(d.close.share).toBe(0.8);
    expect(d.move_to_park.share).toBeCloseTo(0.2, 12);
  });
});
