import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/simulate.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { ROOT } from '../helpers.js';

/**
 * Every shipped scenario and the small fixture, three draws in this thread: the sha256 of every
 * metric value, every per-draw parameter and draw 0's audit trail. The hashes were made by the
 * code before the speed work of issue 15 (commit 9365e4f), so a faster engine is checked to give
 * the same results to the bit. A change that is meant to move results (a modelling change, or a
 * declared reordering of floating-point sums) updates a hash here, once, and says so in its commit.
 */
const EXPECTED: [file: string, sha256: string][] = [
  ['scenarios/baseline.yaml', '22f928fa8349ddef80b73cdb972b739f'],
  ['scenarios/closure-led.yaml', '9f8e4f9eee48951094c678c5a6b98b11'],
  ['scenarios/retrofit-led.yaml', '8e63cb5472d5efcfbc692ce903101eaf'],
  ['scenarios/zhenhai-2025-calibrated.yaml', '38cf4b5288493ccb5933e1b446c08bbd'],
  ['scenarios/zhenhai-2025-tracking.yaml', '49df4dccb044cb551463c79b15352403'],
  ['scenarios/zhenhai-2025.yaml', '6e2468877c65f1f4af0a194236e9b377'],
  ['scenarios/zhenhai-2030-ccus.yaml', 'e5da38dd912ce211e0a0ce055db0ea54'],
  ['scenarios/zhenhai-2030-green-power.yaml', 'a35d3005787f26da6ac962dff1a11335'],
  ['scenarios/zhenhai-2030.yaml', '97baf41131567d8945de7e1bd1a084ac'],
  ['tests/fixtures/scenario-small.yaml', '909fa825b1495bf35aa4fc53ad2e1d8f'],
];
const DRAWS = 3;

describe('results are the same to the bit as before the speed work', () => {
  it.each(EXPECTED)('%s', { timeout: 60_000 }, async (file, expected) => {
    const { value, diagnostics } = await loadScenario(join(ROOT, file), undefined, {});
    if (!value) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    const sim = createSimulation({
      scenario: value.scenario,
      table: value.registry.table,
      factors: value.factors,
      evaluation: value.evaluation,
    });
    const P = sim.paramNames.length;
    const values = new Float64Array(DRAWS * sim.drawSize);
    const params = new Float64Array(DRAWS * P);
    let events;
    for (let d = 0; d < DRAWS; d++)
      events = sim.runDraw(value.scenario.monteCarlo.seed, d, values, d * sim.drawSize, d === 0, params, d * P) ?? events;
    const sha = createHash('sha256')
      .update(Buffer.from(values.buffer))
      .update(Buffer.from(params.buffer))
      .update(JSON.stringify(events))
      .digest('hex');
    expect(sha.slice(0, 32)).toBe(expected);
  });
});

describe("a draw's numbers do not depend on the draws run before it in the same simulation", () => {
  // the base year is kept from the first draw a simulation runs (a worker's first may be any draw)
  it.each(['scenarios/zhenhai-2025.yaml', 'scenarios/zhenhai-2025-tracking.yaml', 'scenarios/zhenhai-2030-ccus.yaml'])(
    '%s: draws 2, 0, 1 in a fresh simulation give the rows of draws 0, 1, 2',
    { timeout: 60_000 },
    async (file) => {
      const { value, diagnostics } = await loadScenario(join(ROOT, file), undefined, {});
      if (!value) throw new Error(diagnostics.map((d) => d.message).join('\n'));
      const input = { scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
      const seed = value.scenario.monteCarlo.seed;
      const rows = (order: number[]) => {
        const sim = createSimulation(input);
        const out = new Float64Array(3 * sim.drawSize);
        for (const d of order) sim.runDraw(seed, d, out, d * sim.drawSize, false);
        return out;
      };
      expect(rows([2, 0, 1])).toEqual(rows([0, 1, 2]));
    },
  );
});
