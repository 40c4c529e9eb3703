import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { NonFiniteResult, runDraws } from '../../src/parallel/runner.js';
import { assertFiniteRows } from '../../src/parallel/non-finite.js';
import type { Scenario } from '../../src/scenario/resolve.js';
import { cli, dcsim, scenarioFile, snapshot, STACK } from './scenario-kit.js';

/**
 * Valid numbers whose product overflows: VA shrinks by (almost) 100 % a year and energy grows by
 * (1 + g)^−1 ≈ 10⁹ a year, so energy passes 1.8e308 within the period.
 */
const OVERFLOW = [
  'period: { base: 2020, end: 2060 }',
  'growth:',
  '  value_added: { uniform: [-0.9999999999, -0.999999999] }',
  '  energy_elasticity: -1',
  'targets:',
  '  - { id: cap, metric: energy_tce, kind: level, year: 2025, at_most: 1.0e9 }',
].join('\n');

/** The small scenario with `body`, with its head's period replaced when body sets one. */
async function overflowScenario() {
  const { SCENARIO_HEAD } = await import('./scenario-kit.js');
  return scenarioFile(OVERFLOW, SCENARIO_HEAD.replace(/^period:.*$/m, ''));
}

async function expectedFailure(file: string, draws: number[]): Promise<NonFiniteResult> {
  const { value } = await loadScenario(file);
  const input = { scenario: value!.scenario, table: value!.registry.table, factors: value!.factors, evaluation: value!.evaluation };
  const e = await runDraws(input, { seed: 1, draws, workers: 0, recordDraw: 0 }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(NonFiniteResult);
  return e as NonFiniteResult;
}

describe('non-finite numbers at run time (issue #9 item 4)', { timeout: 60_000 }, () => {
  it('stops the run with exit 2 naming draw, year, metric and the draw’s sampled values; nothing written (built CLI, workers)', async () => {
    const { dir, file } = await overflowScenario();
    const e = await expectedFailure(file, [0, 1, 2, 3]);
    expect(e.metric).toBe('energy_tce');
    expect(e.value).toBe(Infinity);
    expect(e.params.map(([k]) => k)).toEqual(['growth.value_added']);
    expect(e.message).toBe(msg.nonFiniteResult(e.draw, e.year, e.metric, e.value, e.params));
    const before = await snapshot(dir);
    const r = dcsim(dir, 'run', 'scenario.yaml', '--out', join(dir, 'out'), '--workers', '2', '--no-charts', '--draws', '4', '--seed', '1');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(STACK);
    expect(r.firstLine).toBe(e.message);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('compare and seek stop the same way (in-process, --workers 0)', async () => {
    const { dir, file } = await overflowScenario();
    const e = await expectedFailure(file, [0, 1]);
    const before = await snapshot(dir);
    const c = await cli('compare', file, file, '--out', join(dir, 'cmp'), '--workers', '0', '--draws', '2', '--seed', '1', '--no-charts');
    expect(c.code).toBe(2);
    expect(c.firstLine).toBe(e.message);
    const s = await cli(
      'seek',
      file,
      '--vary',
      'growth.efficiency_gain',
      '--target',
      'cap',
      '--min',
      '0',
      '--max',
      '0.1',
      '--out',
      join(dir, 'seek'),
      '--workers',
      '0',
      '--draws',
      '2',
    );
    expect(s.code).toBe(2);
    expect(s.firstLine).toMatch(
      /^draw \d+, year \d+: energy_tce is Infinity, not a finite number \(this draw's sampled values: growth.value_added = /,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a NaN that bypassed validation (growth −1.5 set in code) is caught the same way, workers or not', async () => {
    const { file } = await scenarioFile('growth:\n  value_added: 0.05');
    const { value } = await loadScenario(file);
    const s = value!.scenario;
    const scenario: Scenario = {
      ...s,
      growth: { ...s.growth, valueAdded: { default: { kind: 'constant', value: -1.5 }, bySector: new Map() } },
    };
    const input = { scenario, table: value!.registry.table, factors: value!.factors, evaluation: value!.evaluation };
    for (const workers of [0, 1]) {
      const e = await runDraws(input, { seed: 1, draws: [5, 6], workers, recordDraw: -1 }).catch((x: unknown) => x);
      expect(e, `workers ${workers}`).toBeInstanceOf(NonFiniteResult);
      expect((e as NonFiniteResult).draw).toBe(5);
      expect((e as NonFiniteResult).year).toBe(2021);
    }
  });

  it('a ratio with nothing to divide by stops the run and says why; a non-finite event value never reaches events.csv', () => {
    const layout = { ids: ['energy_tce', 'value_added_rate'], years: [2020, 2021], policyKeys: [] };
    const rows = {
      layout,
      drawSize: 4,
      values: Float64Array.from([1, 2, Number.NaN, Number.NaN]),
      events: [] as never[],
      ids: ['E1'],
      paramNames: ['p'],
      params: Float64Array.from([0.5]),
    };
    expect(() => assertFiniteRows(rows, [3])).toThrow(msg.undefinedRatio(3, 2020, 'value_added_rate', [['p', 0.5]]));
    const finite = { ...rows, values: Float64Array.from([1, 2, 0.2, 0.3]) };
    expect(() => assertFiniteRows(finite, [3])).not.toThrow();
    const event = {
      draw: 3,
      year: 2021,
      enterprise: 0,
      policy: 0,
      action: 'close',
      vacatedEnergyTce: Number.NaN,
      co2ReductionT: 0,
      vacatedLandMu: 0,
      newProjectEnergyTce: 0,
    };
    expect(() => assertFiniteRows({ ...finite, events: [event] as never[] }, [3])).toThrow(
      msg.nonFiniteResult(3, 2021, 'events.csv vacatedEnergyTce of E1', Number.NaN, [['p', 0.5]]),
    );
    expect(() => assertFiniteRows({ ...rows, values: Float64Array.from([1, Infinity, 0, 0]) }, [3])).toThrow(
      msg.nonFiniteResult(3, 2021, 'energy_tce', Infinity, [['p', 0.5]]),
    );
  });
});
