import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { loadExpressionEngine } from '../../src/scenario/expression.js';
import { checkParam, paramValue, resolveParam, sample } from '../../src/scenario/param.js';
import type { PathIssue } from '../../src/domain/path-issue.js';

const none = new Map<string, number>();
const ANY = { what: 'a number', min: -Infinity, max: Infinity };

function resolve(v: unknown) {
  const issues: PathIssue[] = [...checkParam(v, ['p'], true)];
  if (issues.length) return { issues };
  const p = resolveParam(v as never, new Map([['g', 0.02]]), ['p'], issues, ANY);
  return { p, issues };
}

beforeAll(loadExpressionEngine);

describe('scenario numbers', () => {
  it('a constant, an expression, a series and a distribution', () => {
    expect(resolve(0.05).p).toEqual({ kind: 'constant', value: 0.05 });
    expect(resolve('g * 2').p).toEqual({ kind: 'constant', value: 0.04 });
    const s = resolve({ 2021: 0.5568, 2025: 0.5 }).p!;
    expect(paramValue(s, 2019, 0)).toBe(0.5568); // flat before
    expect(paramValue(s, 2023, 0)).toBeCloseTo(0.5284, 10); // linear between
    expect(paramValue(s, 2030, 0)).toBe(0.5); // flat after
    expect(resolve({ triangular: [0.04, 0.06, 0.08], per: 'enterprise' }).p).toEqual({
      kind: 'distribution',
      dist: { name: 'triangular', args: [0.04, 0.06, 0.08] },
      per: 'enterprise',
    });
    expect(resolve({ normal: [0, 1] }).p).toMatchObject({ per: 'draw' });
  });

  it('clip bounds a sample', () => {
    const { p } = resolve({ normal: [0, 10], clip: [-1, 1] });
    if (p?.kind !== 'distribution') throw new Error('expected a distribution');
    const rng = createRng(3);
    for (let i = 0; i < 200; i++) {
      const x = sample(p.dist, rng);
      expect(Math.abs(x)).toBeLessThanOrEqual(1);
    }
  });

  it('reports wrong shapes at their path', () => {
    expect(resolve({ triangular: [1, 2] }).issues).toEqual([expect.objectContaining({ path: ['p', 'triangular'], code: 'param/arity' })]);
    expect(resolve({ triangular: [3, 2, 1] }).issues).toEqual([
      expect.objectContaining({ path: ['p', 'triangular'], code: 'param/order' }),
    ]);
    expect(resolve({ gamma: [1, 2] }).issues).toEqual([
      expect.objectContaining({ path: ['p', 'gamma'], code: 'param/unknown-key' }),
      expect.objectContaining({ path: ['p'], code: 'param/distribution' }),
    ]);
    expect(resolve({ uniform: [0, 1], per: 'firm' }).issues).toEqual([expect.objectContaining({ path: ['p', 'per'] })]);
    expect(resolve({ 2021: 'x +' }).issues).toEqual([expect.objectContaining({ path: ['p', '2021'], code: 'param/expression' })]);
    expect(resolve(true).issues[0].code).toBe('param/bad');
    expect(checkParam({ uniform: [0, 1], per: 'enterprise' }, ['grid'], false)[0].path).toEqual(['grid', 'per']);
  });

  it('lognormal needs a positive mean', () => {
    expect(resolve({ lognormal: [0, 1] }).issues[0].code).toBe('param/order');
    expect(resolveParam({ lognormal: [2, 1] }, none, [], [], ANY).kind).toBe('distribution');
  });
});
