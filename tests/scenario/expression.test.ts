import { beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { evaluateExpression, loadExpressionEngine } from '../../src/scenario/expression.js';

const constants = new Map([
  ['rate', 0.05],
  ['years', 5],
]);

beforeAll(loadExpressionEngine);

describe('evaluateExpression (allow-listed scalar arithmetic)', () => {
  it('evaluates arithmetic, functions and named constants', () => {
    expect(evaluateExpression('(1 + rate)^years', constants)).toEqual({ ok: true, value: 1.05 ** 5 });
    expect(evaluateExpression('max(2, 3) * 130000 / 10', constants)).toEqual({ ok: true, value: 39000 });
  });

  // DESIGN §8 and the mathjs security guide: these would change the instance or parse new input.
  for (const expr of [
    'import({x: 1})',
    'createUnit("mu", "666.67 m^2")',
    'evaluate("1 + 1")',
    'parse("1")',
    'simplify("x + x")',
    'derivative("x^2", "x")',
    'resolve("x", {})',
    'compile("1")',
  ]) {
    it(`refuses ${expr}`, () => {
      const r = evaluateExpression(expr, constants);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/parses or evaluates other expressions|changes the maths engine/);
    });
  }

  it('refuses constructor access', () => {
    for (const expr of ['cos.constructor', '[].constructor', 'cos["constructor"]("return process")', '{}.constructor']) {
      const r = evaluateExpression(expr, constants);
      expect(r.ok, expr).toBe(false);
    }
  });

  it('refuses an assignment, so nothing leaks into the next expression', () => {
    expect(evaluateExpression('rate = 1', constants).ok).toBe(false);
    expect(evaluateExpression('rate', constants)).toEqual({ ok: true, value: 0.05 });
  });

  it('refuses results that are not finite numbers', () => {
    for (const expr of ['1/0', '"text"', '[1, 2]', 'sqrt(-1)', 'f(x) = x'])
      expect(evaluateExpression(expr, constants).ok, expr).toBe(false);
  });

  it('names an unknown symbol', () => {
    const r = evaluateExpression('rat * 2', constants);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(msg.expressionUnknownName('rat * 2', 'rat', ['rate', 'years']));
  });
});
