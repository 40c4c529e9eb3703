import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/engine/compare.js';
import { runText, STILL } from './run-helpers.js';

const MIX = `${STILL.replace('value_added: 0', 'value_added: { triangular: [0.02, 0.05, 0.08] }')}policies:
  - { type: village_cleanup, per_year: 1, dispositions: { close: { share: 0.5 }, move_to_park: { share: 0.5 } } }
targets:
  - { id: land, metric: vacated_land_mu, kind: cumulative, year: 2023, at_least: 5 }
`;

describe('compareRuns', () => {
  it('a scenario compared with itself differs by exactly 0 in every metric, year and draw statistic', async () => {
    const a = await runText(MIX, 8, 3);
    const b = await runText(MIX, 8, 3);
    const c = compareRuns([a, b], 8, 3);
    for (const byYear of Object.values(c.metrics)) {
      for (const { difference } of Object.values(byYear)) expect(difference[1]).toEqual({ mean: 0, p10: 0, p50: 0, p90: 0 });
    }
    expect(c.costs[1]).toMatchObject({ valueAddedLost: 0, taxLost: 0, jobsLost: 0, extraVacatedEnergyTce: 0 });
    expect(c.targets[0].byScenario[0]).toEqual(c.targets[0].byScenario[1]);
  });

  it("pairs draws: the difference to a no-policy run is the policy's effect, draw by draw", async () => {
    const base = await runText(STILL.replace('value_added: 0', 'value_added: { triangular: [0.02, 0.05, 0.08] }'), 8, 3);
    const mix = await runText(MIX, 8, 3);
    const c = compareRuns([base, mix], 8, 3);
    // the clean-up closes or moves one flagged firm a year: the vacated land differs, the grown VA of the others does not
    expect(c.cumulative.vacated_land_mu.difference[1]!.p10).toBeGreaterThan(0);
    expect(c.costs[1].jobsLost).toBeGreaterThanOrEqual(0);
    expect(c.metrics.value_added['2020'].difference[1]).toEqual({ mean: 0, p10: 0, p50: 0, p90: 0 });
    expect(c.targets[0].byScenario[0]).toBeNull(); // the baseline has no land target
  });
});
