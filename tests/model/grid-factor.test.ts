import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, mergeScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { createSimulation } from '../../src/engine/simulate.js';
import { ROOT } from '../helpers.js';
import { runText, value } from '../engine/run-helpers.js';

/** One consumer buying 100 × 10⁴ kWh (= 1000 MWh): its CO2 is 1000 × the grid factor. */
const CSV =
  'id,name,sector,land_mu,output,value_added,tax,employees,electricity_10k_kwh,renewable_electricity_10k_kwh\nA,a,C34,10,1000,250,50,100,100,0\nG,g,C34,10,1000,250,50,100,100,20\n';
const head = (grid: string, end = 2025) => `name: g
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: ${end} }
accounting: { electricity_basis: calorific }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
${grid}
`;
/** Firm A alone: its CO2 in a year is 1000 MWh × the year's factor. */
const factorOf = (run: Awaited<ReturnType<typeof runText>>, year: number) => value(run, 'co2_t', year);
const ONLY_A = CSV.split('\n').slice(0, 2).join('\n');

describe('grid factor: uncertainty only after the last published value', () => {
  it('a distribution is the end year, interpolated from the last published value (2023: 0.5306)', async () => {
    const run = await runText(head('grid_emission_factor: { uniform: [0.40, 0.40] }'), 1, 1, { 'r.csv': ONLY_A });
    // published 2021 0.5568, 2022 0.5366, 2023 0.5306; 2025 drawn 0.40; 2024 (0.5306 + 0.40) / 2 = 0.4653
    expect(factorOf(run, 2021)).toBeCloseTo(1000 * 0.5568, 6);
    expect(factorOf(run, 2023)).toBeCloseTo(1000 * 0.5306, 6);
    expect(factorOf(run, 2024)).toBeCloseTo(1000 * 0.4653, 6);
    expect(factorOf(run, 2025)).toBeCloseTo(1000 * 0.4, 6);
  });

  it('a series with a per-draw multiplier ramping in after the last published year', async () => {
    const run = await runText(head('grid_emission_factor: { 2025: 0.50, multiplier: { uniform: [1.2, 1.2] } }'), 1, 1, { 'r.csv': ONLY_A });
    // 2023 published 0.5306 (weight 0); 2024 path (0.5306 + 0.50) / 2 = 0.5153 × (1 + 0.2 × 1/2) = 0.56683; 2025 0.50 × 1.2 = 0.6
    expect(factorOf(run, 2023)).toBeCloseTo(530.6, 6);
    expect(factorOf(run, 2024)).toBeCloseTo(566.83, 6);
    expect(factorOf(run, 2025)).toBeCloseTo(600, 6);
  });

  it('the per-draw numbers are registered for the sensitivity analysis', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-grid-'));
    await writeFile(join(dir, 'r.csv'), CSV);
    await writeFile(
      join(dir, 's.yaml'),
      head('grid_emission_factor: { 2024: { uniform: [0.5, 0.52] }, 2025: 0.5, multiplier: { uniform: [0.9, 1.1] } }'),
    );
    const { value: v, diagnostics } = await loadScenario(join(dir, 's.yaml'));
    expect(diagnostics).toEqual([]);
    const sim = createSimulation({ scenario: v!.scenario, table: v!.registry.table, factors: v!.factors, evaluation: v!.evaluation });
    expect(sim.paramNames).toEqual(expect.arrayContaining(['grid_emission_factor.2024', 'grid_emission_factor.multiplier']));
  });

  it('uncertainty on a published year is an error at its line', async () => {
    await expect(runText(head('grid_emission_factor: { 2022: { uniform: [0.5, 0.6] } }'), 1, 1, { 'r.csv': CSV })).rejects.toThrow(
      msg.gridUncertaintyBeforePublished(2022, 2023),
    );
  });
});

describe('extends: a value replaces the parent value whole', () => {
  it('a child replaces the parent series with a distribution (today: "unknown key 2023")', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-ext-'));
    await writeFile(join(dir, 'r.csv'), ONLY_A);
    await writeFile(join(dir, 'parent.yaml'), head('grid_emission_factor: { 2021: 0.5568, 2022: 0.5366, 2023: 0.5306, 2025: 0.50 }'));
    await writeFile(join(dir, 'child.yaml'), 'extends: parent.yaml\nname: child\ngrid_emission_factor: { uniform: [0.40, 0.40] }\n');
    const { value: v, diagnostics } = await loadScenario(join(dir, 'child.yaml'));
    expect(diagnostics).toEqual([]);
    expect(v!.scenario.gridEmissionFactor).toMatchObject({ kind: 'path', points: [{ year: 2025, param: { kind: 'distribution' } }] });
  });

  it('merge rule: distributions and year series replace whole; other maps merge by key; lists replace', () => {
    expect(mergeScenario({ g: { 2021: 1, 2023: 2 } }, { g: { triangular: [1, 2, 3] } })).toEqual({ g: { triangular: [1, 2, 3] } });
    expect(mergeScenario({ g: { 2021: 1, 2023: 2 } }, { g: { 2025: 3 } })).toEqual({ g: { 2025: 3 } });
    expect(mergeScenario({ g: { triangular: [1, 2, 3] } }, { g: { default: 1, C25: 2 } })).toEqual({ g: { default: 1, C25: 2 } });
    expect(mergeScenario({ v: { default: 1, C25: 2 } }, { v: { C26: 3 } })).toEqual({ v: { default: 1, C25: 2, C26: 3 } });
    expect(mergeScenario({ a: { x: 1, y: 2 } }, { a: { y: 3 } })).toEqual({ a: { x: 1, y: 3 } });
    expect(mergeScenario({ p: [1, 2] }, { p: [3] })).toEqual({ p: [3] });
  });
});

describe('green electricity at the residual-mix factor (MEE 2022: 0.5856, average 0.5366)', () => {
  it('a firm holding green power reports the rest at the residual factor; others at the average', async () => {
    const run = await runText(head('', 2022), 1, 1, { 'r.csv': CSV });
    // 2022: A 100 × 10 × 0.5366 = 536.6; G (100 − 20) × 10 × 0.5856 = 468.48
    expect(value(run, 'co2_t', 2022)).toBeCloseTo(536.6 + 468.48, 6);
  });

  it('under a scenario path the residual factor keeps the published ratio to the average', async () => {
    const run = await runText(head('grid_emission_factor: { 2021: 0.5568, 2022: 0.50 }', 2022), 1, 1, { 'r.csv': CSV });
    // 2022: average 0.50; residual 0.50 × 0.5856 / 0.5366; A 500, G 800 × 0.50 × 0.5856 / 0.5366
    expect(value(run, 'co2_t', 2022)).toBeCloseTo(500 + (800 * 0.5 * 0.5856) / 0.5366, 6);
  });
});
