import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/engine/attribution.js';
import { attributionRows } from '../../src/io/events-read.js';
import { eventsCsv, registryPlaces } from '../../src/io/run-tables.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { runDraws } from '../../src/parallel/runner.js';
import { ROOT } from '../helpers.js';
import { join } from 'node:path';

describe('attribution', () => {
  it("every grouping — by disposition, town, park, sector — sums to the totals, which equal the draw's flows", async () => {
    const { value } = await loadScenario(join(ROOT, 'scenarios/zhenhai-2025.yaml'));
    const input = { scenario: value!.scenario, table: value!.registry.table, factors: value!.factors, evaluation: value!.evaluation };
    const r = await runDraws(input, { seed: 3, draws: [0], workers: 0, recordDraw: 0 });
    const a = attribute(attributionRows(eventsCsv(r, registryPlaces(value!.registry.table))));
    const Y = r.layout.years.length;
    const flow = (id: string) => {
      const m = r.layout.ids.indexOf(id);
      let s = 0;
      for (let y = 0; y < Y; y++) s += r.values[m * Y + y];
      return s;
    };
    expect(a.total.vacated_energy_tce).toBeCloseTo(flow('vacated_energy_tce'), 3);
    expect(a.total.co2_reduction_t).toBeCloseTo(flow('co2_reduction_t'), 3);
    expect(a.total.vacated_land_mu).toBeCloseTo(flow('vacated_land_mu'), 3);
    for (const group of [a.byDisposition, a.byTown, a.byPark, a.bySector]) {
      for (const k of ['vacated_energy_tce', 'co2_reduction_t', 'vacated_land_mu'] as const) {
        expect(group.reduce((s, x) => s + x[k], 0)).toBeCloseTo(a.total[k], 3);
      }
    }
    expect(a.byTown.map((x) => x.key)).toContain('骆驼街道');
    expect(a.byDisposition[0].vacated_energy_tce).toBeGreaterThanOrEqual(a.byDisposition[1].vacated_energy_tce);
  });
});
