import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_METRICS } from '../../src/domain/metrics.js';
import { ROOT } from '../helpers.js';
import { E4_TCE, runText, STILL, value } from './run-helpers.js';

describe('engine', () => {
  it('a zero-policy scenario vacates nothing, in any year or draw', async () => {
    const run = await runText(STILL.replace('value_added: 0', 'value_added: { triangular: [0.02, 0.05, 0.08], per: enterprise }'), 5);
    for (const metric of FLOW_METRICS)
      for (let d = 0; d < 5; d++) for (const y of run.layout.years) expect(value(run, metric, y, d)).toBe(0);
    expect(run.events).toEqual([]);
  });

  it('one firm grows as the closed form: VA × (1+g)^t, energy × ((1+g)^ε (1−η))^t, jobs × (1+λg)^t', async () => {
    const csv = 'id,name,sector,land_mu,output,value_added,tax,employees,electricity_10k_kwh,coal_t\nA,a,C34,10,1000,250,50,100,100,200\n';
    const text = `name: one
registry: one.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2030 }
accounting: { electricity_basis: calorific }
growth: { value_added: 0.05, energy_elasticity: 0.6, efficiency_gain: 0.01, employment_elasticity: 0.2 }
`;
    const run = await runText(text, 1, 1, { 'one.csv': csv });
    const e0 = 100 * 1.229 + 200 * 0.7143;
    for (let t = 0; t <= 10; t++) {
      const year = 2020 + t;
      expect(value(run, 'value_added', year)).toBeCloseTo(250 * 1.05 ** t, 9);
      expect(value(run, 'output', year)).toBeCloseTo(1000 * 1.05 ** t, 9);
      expect(value(run, 'tax', year)).toBeCloseTo(50 * 1.05 ** t, 9);
      expect(value(run, 'energy_tce', year)).toBeCloseTo(e0 * (1.05 ** 0.6 * 0.99) ** t, 9);
      expect(value(run, 'employees', year)).toBeCloseTo(100 * 1.01 ** t, 9);
      expect(value(run, 'land_mu', year)).toBe(10);
      expect(value(run, 'value_added_rate', year)).toBeCloseTo(0.25, 12);
    }
  });

  it('events add up to the metric flows of the same draw (energy, CO2, land vacated; new-project energy)', async () => {
    const run = await runText(
      `${STILL.replace('end: 2023', 'end: 2025')}policies:
  - { type: rectification, also: { tax_per_mu_below: 12 }, dispositions: { upgrade: { share: 0.5, energy_saving: 0.2, lag: 1 }, close: { share: 0.5 } } }
  - { type: village_cleanup, per_year: 1, dispositions: { close: { share: 0.5 }, move_to_park: { share: 0.5 } } }
  - { type: green_manufacturing, retrofits_per_year: 1, green_factories_per_year: 1 }
`,
      4,
      11,
    );
    expect(run.events.length).toBeGreaterThan(3);
    const flows = [
      ['vacated_energy_tce', 'vacatedEnergyTce'],
      ['co2_reduction_t', 'co2ReductionT'],
      ['vacated_land_mu', 'vacatedLandMu'],
      ['new_project_energy_tce', 'newProjectEnergyTce'],
    ] as const;
    for (const year of run.layout.years) {
      for (const [metric, field] of flows) {
        const sum = run.events.filter((e) => e.year === year).reduce((s, e) => s + e[field], 0);
        expect(value(run, metric, year), `${metric} ${year}`).toBeCloseTo(sum, 6);
        const byPolicy = run.layout.policyKeys.reduce((s, k) => s + value(run, `${metric}.${k}`, year), 0);
        expect(byPolicy).toBeCloseTo(value(run, metric, year), 6);
      }
    }
  });

  it('a closed firm contributes nothing afterwards', async () => {
    const base = await runText(STILL);
    const run = await runText(
      `${STILL}policies:\n  - { type: village_cleanup, per_year: 0, dispositions: { close: { share: 1 } }, named: [{ id: E4, year: 2022, action: close }] }\n`,
    );
    expect(value(run, 'enterprises', 2021)).toBe(5);
    expect(value(run, 'enterprises', 2022)).toBe(4);
    expect(value(run, 'vacated_energy_tce', 2022)).toBeCloseTo(E4_TCE, 9);
    expect(value(run, 'vacated_land_mu', 2022)).toBe(8);
    for (const year of [2022, 2023]) {
      expect(value(run, 'energy_tce', year)).toBeCloseTo(value(base, 'energy_tce', year) - E4_TCE, 9);
      expect(value(run, 'value_added', year)).toBeCloseTo(value(base, 'value_added', year) - 160, 9);
      expect(value(run, 'land_mu', year)).toBeCloseTo(value(base, 'land_mu', year) - 8, 9);
      expect(value(run, 'employees', year)).toBeCloseTo(value(base, 'employees', year) - 15, 9);
    }
    expect(value(run, 'vacated_energy_tce', 2023)).toBe(0);
  });

  it('the same seed gives an identical summary; another seed does not', async () => {
    const text = (await import('node:fs')).readFileSync(join(ROOT, 'scenarios/zhenhai-2025.yaml'), 'utf8');
    const t = text
      .replace('extends: baseline.yaml', `extends: ${join(ROOT, 'scenarios/baseline.yaml')}`)
      .replaceAll('../models/projects', join(ROOT, 'models/projects'));
    const a = await runText(t, 4, 5);
    const b = await runText(t, 4, 5);
    const c = await runText(t, 4, 6);
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    expect(JSON.stringify(c.summary)).not.toBe(JSON.stringify(a.summary));
  });

  it("reports the base year: flows are zero and the registry's values stand", async () => {
    const run = await runText(STILL);
    expect(value(run, 'enterprises', 2020)).toBe(5);
    expect(value(run, 'value_added', 2020)).toBe(10000 + 3600 + 1500 + 160 + 100);
    expect(value(run, 'value_added_rate', 2020)).toBeCloseTo((10000 + 3600 + 1500) / (40000 + 12000 + 6000), 12);
  });
});
