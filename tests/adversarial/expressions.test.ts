import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import {
  ALLOWED_FUNCTIONS,
  evaluateExpression,
  loadExpressionEngine,
  MAX_EXPRESSION_LENGTH,
  MAX_EXPRESSION_NODES,
  refusedFunctionReason,
} from '../../src/scenario/expression.js';
import { shown } from '../../src/io/scenario-load.js';
import { cli, dcsim, scenarioFile, snapshot, STACK } from './scenario-kit.js';

const constants = new Map([['rate', 0.05]]);

beforeAll(loadExpressionEngine);

describe('expressions: an allow-list of scalar arithmetic (issue #9 item 3)', () => {
  it('still evaluates arithmetic, comparisons, a ? b : c, the allowed functions, pi and e', () => {
    expect(evaluateExpression('(1 + rate)^5', constants)).toEqual({ ok: true, value: 1.05 ** 5 });
    expect(evaluateExpression('rate > 0.01 ? max(rate, 0.02) : 0', constants)).toEqual({ ok: true, value: 0.05 });
    expect(evaluateExpression('round(pi, 2) + floor(e) + 7 mod 4 + log(100, 10) + abs(-1)', constants)).toEqual({
      ok: true,
      value: 3.14 + 2 + 3 + 2 + 1,
    });
    expect(evaluateExpression('2 rate', constants)).toEqual({ ok: true, value: 0.1 });
    for (const f of ALLOWED_FUNCTIONS) expect(evaluateExpression(`${f}(${f === 'pow' ? '2, 2' : '2'})`, constants).ok, f).toBe(true);
  });

  // randomness, time, the engine's state, other parsers, matrices: refused by name with the reason
  for (const [expr, name] of [
    ['random()', 'random'],
    ['randomInt(1, 10)', 'randomInt'],
    ['pickRandom(1)', 'pickRandom'],
    ['config({relTol: 0.5})', 'config'],
    ['import({x: 1})', 'import'],
    ['createUnit("mu")', 'createUnit'],
    ['evaluate("1")', 'evaluate'],
    ['parse("1")', 'parse'],
    ['now()', 'now'],
    ['ones(40000, 40000)', 'ones'],
    ['zeros(40000, 40000)', 'zeros'],
    ['range(1, 1e9)', 'range'],
    ['matrix(1)', 'matrix'],
  ] as const) {
    it(`refuses ${expr} by name`, () => {
      const reason = refusedFunctionReason(name);
      expect(reason).toBeDefined();
      expect(evaluateExpression(expr, constants)).toEqual({ ok: false, message: msg.expressionRefused(expr, `${name}()`, reason!) });
    });
  }

  it('refuses every other function, node kind, string and non-finite result', () => {
    for (const expr of [
      'cos(1)',
      'sum(1, 2)',
      'rate = 1',
      'f(x) = x',
      'rate.constructor',
      'cos["constructor"]',
      '{a: 1}',
      '[1, 2]',
      '1:1000000000',
      '1; 2',
      '"text"',
      '5!',
      'null',
      '1e309',
      '1/0',
      'sqrt(-1)',
      'Infinity',
      'NaN',
      'round(1, 99)',
      'max()',
    ]) {
      const r = evaluateExpression(expr, constants);
      expect(r.ok, expr).toBe(false);
    }
  });

  it('caps the length and the number of terms', () => {
    const long = `1${' + 1'.repeat(MAX_EXPRESSION_LENGTH)}`;
    expect(evaluateExpression(long, constants)).toEqual({
      ok: false,
      message: msg.expressionTooLarge(long, MAX_EXPRESSION_NODES, MAX_EXPRESSION_LENGTH),
    });
    const many = `1${'+1'.repeat(MAX_EXPRESSION_NODES)}`;
    expect(many.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    expect(evaluateExpression(many, constants)).toEqual({
      ok: false,
      message: msg.expressionTooLarge(many, MAX_EXPRESSION_NODES, MAX_EXPRESSION_LENGTH),
    });
    const deep = `${'('.repeat(240)}1${')'.repeat(240)}`;
    expect(evaluateExpression(deep, constants).ok).toBe(false);
  });

  it('compares within mathjs’s default tolerance, which no expression can change', () => {
    expect(evaluateExpression('0.1 + 0.2 == 0.3', constants)).toEqual({ ok: true, value: 1 });
    expect(evaluateExpression('1 == 1.5', constants)).toEqual({ ok: true, value: 0 });
    expect(evaluateExpression('round(1.005, 2) + round(-2.5)', constants)).toEqual({ ok: true, value: 1.01 - 3 });
  });

  it('no expression changes what a later one gives', () => {
    const before = evaluateExpression('0.1 + 0.2 == 0.3', constants);
    evaluateExpression('config({relTol: 0.5, number: "BigNumber"})', constants);
    evaluateExpression('import({rate: 9}, {override: true})', constants);
    expect(evaluateExpression('0.1 + 0.2 == 0.3', constants)).toEqual(before);
    expect(evaluateExpression('rate', constants)).toEqual({ ok: true, value: 0.05 });
  });
});

describe('expressions in a scenario file', { timeout: 60_000 }, () => {
  it('dcsim run refuses random() at its line and column: exit 2, nothing written (built CLI)', async () => {
    const { dir } = await scenarioFile('constants:\n  x: "random()"\ngrowth:\n  value_added: "x"');
    const before = await snapshot(dir);
    const r = dcsim(dir, 'run', 'scenario.yaml', '--out', join(dir, 'out'), '--workers', '0', '--no-charts', '--draws', '2');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(STACK);
    expect(r.firstLine).toBe(
      `scenario.yaml:8:6 constants.x: ${msg.expressionRefused('random()', 'random()', refusedFunctionReason('random')!)}`,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  for (const [expr, name] of [
    ['config({relTol: 0.5})', 'config'],
    ['ones(40000, 40000)', 'ones'],
  ] as const) {
    it(`dcsim run refuses ${expr} at its line and column, exit 2, nothing written`, async () => {
      const { dir, file } = await scenarioFile(`growth:\n  value_added: { uniform: [0.01, "${expr}"] }`);
      const before = await snapshot(dir);
      const r = await cli('run', file, '--out', join(dir, 'out'), '--workers', '0', '--no-charts', '--draws', '2');
      expect(r.code).toBe(2);
      expect(r.firstLine).toBe(
        `${shown(file)}:8:34 growth.value_added.uniform[1]: ${msg.expressionRefused(expr, `${name}()`, refusedFunctionReason(name)!)}`,
      );
      expect(await snapshot(dir)).toEqual(before);
    });
  }

  it('a scenario with expressions gives a byte-identical summary.json for one seed', async () => {
    const { dir, file } = await scenarioFile(
      'constants:\n  g: "round(0.045 + 0.01 * sqrt(4), 3)"\ngrowth:\n  value_added: { uniform: ["g - 0.02", "g + 0.02"] }',
    );
    const run = (out: string) =>
      cli('run', file, '--out', join(dir, out), '--workers', '0', '--no-charts', '--draws', '8', '--seed', '3', '--quiet');
    expect((await run('a')).code).toBe(0);
    expect((await run('b')).code).toBe(0);
    const a = await readFile(join(dir, 'a', 'summary.json'));
    expect(a.equals(await readFile(join(dir, 'b', 'summary.json')))).toBe(true);
  });
});
