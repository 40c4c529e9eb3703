import { readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, simulationShape, type SimulationInput } from '../../src/engine/simulate.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { ROOT } from '../helpers.js';

async function input(file: string): Promise<SimulationInput> {
  const { value, diagnostics } = await loadScenario(file);
  if (!value) throw new Error(diagnostics.map((d) => `${d.field}: ${d.message}`).join('\n'));
  return { scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
}

// the main thread of a worker run takes the shape of the results from simulationShape, the workers' rows from createSimulation
describe('simulationShape', () => {
  const shipped = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));

  it.each(shipped)('agrees with the simulation it describes: %s', async (file) => {
    const i = await input(join(ROOT, 'scenarios', file));
    const sim = createSimulation(i);
    const shape = simulationShape(i);
    expect(shape.layout).toEqual(sim.layout);
    expect(shape.drawSize).toBe(sim.drawSize);
    expect(shape.ids).toEqual(sim.state.ids);
    expect(shape.names).toEqual(sim.state.names);
    expect(shape.paramNames).toEqual(sim.paramNames);
  });

  it('agrees where policies, sectors, years and the grid path all draw numbers per draw', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-shape-'));
    await writeFile(join(dir, 's.yaml'), DRAWN);
    const i = await input(join(dir, 's.yaml'));
    const sim = createSimulation(i);
    const shape = simulationShape(i);
    expect(shape.paramNames).toEqual(sim.paramNames);
    expect(shape.ids).toEqual(sim.state.ids);
    expect(shape.layout).toEqual(sim.layout);
    // every source of names is there, so a change to one of them in createSimulation is seen here
    expect(shape.paramNames).toEqual([
      'growth.value_added.default',
      'growth.value_added.C26',
      'growth.energy_elasticity',
      'grid_emission_factor.2030',
      'grid_emission_factor.multiplier',
      'policies.rectification.dispositions.upgrade.energy_saving',
      'policies.rectification.dispositions.upgrade.value_added_gain',
      'policies.green_manufacturing.retrofits_per_year',
      'policies.new_projects.generated.energy_tce',
    ]);
  });
});

const DRAWN = `name: drawn
registry: ${join(ROOT, 'models/enterprises/zhenhai-2025.csv')}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2025, end: 2028 }
growth:
  value_added:
    default: { triangular: [0.02, 0.04, 0.06], per: draw }
    C26: { triangular: [0.01, 0.03, 0.05], per: draw }
    C28: { triangular: [0.01, 0.03, 0.05], per: enterprise }
  energy_elasticity: { triangular: [0.6, 0.7, 0.8], per: year }
  efficiency_gain: 0.005
  employment_elasticity: 0.2
grid_emission_factor: { 2025: 0.50, 2030: { triangular: [0.38, 0.42, 0.46] }, multiplier: { triangular: [0.9, 1, 1.1] } }
policies:
  - id: rect
    type: rectification
    groups: [above_scale]
    grades: [D]
    rank_by: energy_tce
    max_per_year: 10
    dispositions:
      upgrade: { share: 0.5, energy_saving: { triangular: [0.05, 0.12, 0.25], per: draw }, value_added_gain: { triangular: [0, 0.05, 0.1], per: draw } }
      close: { share: 0.5 }
  - id: green-mfg
    type: green_manufacturing
    evaluations_per_year: 100
    retrofits_per_year: { triangular: [20, 40, 60], per: draw }
    retrofit_saving: { triangular: [0.05, 0.10, 0.20], per: enterprise }
    green_factories_per_year: 20
    green_factory_efficiency_gain: 0.02
    green_factory_renewable_share: 0.1
  - id: expansions
    type: new_projects
    generated:
      per_year: 2
      sector: C3489
      energy_tce: { lognormal: [1500, 1000], per: draw }
      value_added: 15000
      value_added_rate: 0.3
      tax_rate: 0.25
      land_mu: 40
      labor_productivity: 45
`;
