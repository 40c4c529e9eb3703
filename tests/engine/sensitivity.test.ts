import { describe, expect, it } from 'vitest';
import { runText, STILL } from './run-helpers.js';

describe('sensitivity', () => {
  it('ranks a number that drives the outcome by construction above one that does not', async () => {
    const text = `${STILL.replace(
      'growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }',
      'growth: { value_added: { uniform: [0, 0.1] }, energy_elasticity: 0, efficiency_gain: { uniform: [0, 0.02] }, employment_elasticity: 0 }',
    )}targets:\n  - { id: va, metric: value_added, year: 2023, at_least: 16000 }\n  - { id: energy, metric: energy_tce, year: 2023, at_most: 2000 }\n`;
    const run = await runText(text, 60, 9);
    expect(run.paramNames).toEqual(['growth.value_added', 'growth.efficiency_gain']);
    const [va, energy] = run.summary.sensitivity!;
    // VA grows by the drawn rate: its rank correlation with the 2023 VA is 1; the efficiency gain does not touch VA
    expect(va.drivers[0]).toEqual({ param: 'growth.value_added', rho: 1 });
    expect(Math.abs(va.drivers[1].rho)).toBeLessThan(0.5);
    // energy with elasticity 0 falls with the efficiency gain alone: a perfect negative rank correlation
    expect(energy.drivers[0]).toEqual({ param: 'growth.efficiency_gain', rho: -1 });
  });

  it("records the same per-draw numbers in-process and on workers (a policy's draw numbers too)", async () => {
    const { loadScenario } = await import('../../src/io/scenario-load.js');
    const { runDraws } = await import('../../src/parallel/runner.js');
    const { join } = await import('node:path');
    const { ROOT } = await import('../helpers.js');
    const { value } = await loadScenario(join(ROOT, 'scenarios/baseline.yaml'));
    const input = { scenario: value!.scenario, table: value!.registry.table, factors: value!.factors, evaluation: value!.evaluation };
    const a = await runDraws(input, { seed: 4, draws: [0, 1, 2, 3], workers: 0, recordDraw: -1 });
    const b = await runDraws(input, { seed: 4, draws: [0, 1, 2, 3], workers: 2, recordDraw: -1 });
    expect(a.paramNames).toEqual([
      'growth.value_added.default',
      'growth.value_added.C25',
      'growth.value_added.C26',
      'growth.energy_elasticity',
      'grid_emission_factor', // baseline.yaml draws the 2025 grid factor (after the last published value)
    ]);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
  });
});
