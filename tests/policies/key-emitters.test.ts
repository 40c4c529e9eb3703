import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/simulate.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { runText, value } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';
import { SIX_FIRMS, TAX_PER_MU_EVALUATION } from '../support/six-firms.js';

// Hand-made key units, electricity only, calorific basis (1.229 tce per 10⁴ kWh), no growth, VA 10,000 万元 each:
//   K1 10,000 × 10⁴ kWh = 12,290 tce (≥ 1 万tce)       · K0 8,136 × 10⁴ kWh = 9,999.144 tce (just below)
//   C1 4,670 × 10⁴ kWh: 46,700 MWh × 0.5568 = 26,002.56 tCO2 (≥ 2.6 万t) · C0 4,669: 25,996.992 tCO2 (just below)
// The grid factor is 0.5568 t/MWh in 2020 and 2021 (china.yaml: years before 2021 take 2021's value), so a firm's CO2
// and energy do not move between the base year and 2021 before the policy acts.
const HEAD =
  'id,name,sector,town,park,above_scale,land_mu,output,value_added,tax,employees,electricity_10k_kwh,year_built,village_cluster,lsmp,green_factory,year';
const firm = (id: string, kwh: number) => `${id},${id},C3451,骆驼街道,,true,100,40000,10000,1000,100,${kwh},2010,false,false,none,2020`;
const REGISTRY = [HEAD, firm('K1', 10_000), firm('K0', 8_136), firm('C1', 4_670), firm('C0', 4_669)].join('\n');
const scenario = (policy: string, renewables = 'none', end = 2022) => `name: t
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: ${end} }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: ${renewables} }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
policies:
  - { type: key_emitters, ${policy} }
`;
const run = (policy: string, renewables = 'none', end = 2022) => runText(scenario(policy, renewables, end), 1, 1, { 'r.csv': REGISTRY });
type Run = Awaited<ReturnType<typeof run>>;
const events = (r: Run) => r.events.map((e) => `${e.year} ${r.ids[e.enterprise]} ${e.action} | ${e.detail}`);
const ENERGY_ONLY = 'threshold: { energy_tce: 10000 }';
const CO2_ONLY = 'threshold: { co2_t: 26000 }';
const E1 = 'obligation: { basis: energy, per_year: 0.02 }';
const C2 = 'obligation: { basis: carbon, per_year: 0.02 }';

describe('key_emitters: the cost curve', () => {
  it('the cheapest measure alone meets the first year; its rest and the next measure the second', async () => {
    // measures given dearest first: 电机 0.05 at 2,000 yuan/tce, 余热 0.03 at 500 → 余热 is used first
    const r = await run(
      `${ENERGY_ONLY}, ${E1}, measures: [{ name: 电机, potential: 0.05, cost_yuan_per_tce: 2000 }, { name: 余热, potential: 0.03, cost_yuan_per_tce: 500 }]`,
    );
    // 2021: reference 12,290 tce (2020, VA 10,000) → target 0.98 × 12,290 = 12,044.2; gap 245.8 tce = 0.02 of the
    // process energy (12,290): 余热 alone (0.02 of its 0.03), 245.8 × 500 = 122,900 yuan = 12.29 万元
    // 2022: reference 12,044.2 → target 11,803.316; gap 240.884 = 0.02 of 12,044.2. 余热 has 0.01 left = 120.442 tce,
    // 电机 gives the other 0.01 = 120.442 tce: 120.442 × 500 + 120.442 × 2,000 = 301,105 yuan = 30.11 万元
    expect(events(r)).toEqual([
      '2021 K1 save | 措施 1 项 (余热), 245.8 tce, 12.29 万元',
      '2022 K1 save | 措施 2 项 (余热, 电机), 240.9 tce, 30.11 万元',
    ]);
    expect(value(r, 'vacated_energy_tce', 2021)).toBeCloseTo(245.8, 6);
    expect(value(r, 'vacated_energy_tce', 2022)).toBeCloseTo(240.884, 6);
    // K1 + K0, C1, C0 (untouched: below 1 万tce): 12,290 × 0.98² + 9,999.144 + (4,670 + 4,669) × 1.229
    const others = 9_999.144 + 9_339 * 1.229;
    expect(value(r, 'dual_control_energy_tce', 2022)).toBeCloseTo(12_290 * 0.98 * 0.98 + others, 6);
    expect(value(r, 'non_compliant_firms', 2021)).toBe(0);
    expect(value(r, 'non_compliant_firms', 2022)).toBe(0);
  });

  it('a firm just below the energy threshold is not touched; the CO2 threshold alone takes C1, not C0', async () => {
    const energy = await run(`${ENERGY_ONLY}, ${E1}`, 'none', 2021);
    // K1 (12,290 tce) listed: no measures; K0 (9,999.144 tce), C1, C0 are below 1 万tce
    expect(energy.events.map((e) => energy.ids[e.enterprise])).toEqual(['K1']);
    const co2 = await run(`${CO2_ONLY}, ${E1}`, 'none', 2021);
    // with the CO2 threshold alone: K1 (122,900 MWh × 0.5568 = 68,430.72 t), K0 (45,301.25 t) and C1 (26,002.56 t)
    // are key units; C0 (25,996.992 t) is not
    expect(co2.events.map((e) => co2.ids[e.enterprise])).toEqual(['K1', 'K0', 'C1']);
    expect(value(co2, 'non_compliant_firms', 2021)).toBe(3);
  });
});

describe('key_emitters: green power and listing', () => {
  const SMALL = 'measures: [{ name: 余热, potential: 0.004, cost_yuan_per_tce: 500 }]';

  it('energy basis without the renewable exclusion: green power does not count, the firm is listed with its gap', async () => {
    const r = await run(`${ENERGY_ONLY}, ${E1}, ${SMALL}, green_power: { max_share: 0.5 }`, 'none', 2021);
    // 余热 saves 0.004 × 12,290 = 49.16 tce (2.458 万元); still 245.8 − 49.16 = 196.64 tce short; the intensity fell
    // 0.4 % of the 2 % asked. Green power leaves dual-control energy unchanged with exclude_renewables: none → not bought
    expect(events(r)).toEqual([
      '2021 K1 save | 措施 1 项 (余热), 49.2 tce, 2.46 万元',
      `2021 K1 listed | ${msg.keyEmittersListed(true, 0.004, 0.02, 196.64, 'tce')}`,
    ]);
    expect(r.events[1].detail).toBe('强度下降 0.40 %, 要求 2.00 %: 差 196.6 tce');
    expect(value(r, 'non_compliant_firms', 2021)).toBe(1);
    expect(value(r, 'non_compliant_firms', 2020)).toBe(0);
  });

  it('energy basis with exclude_renewables: non_fossil: green power closes the gap', async () => {
    const r = await run(`${ENERGY_ONLY}, ${E1}, ${SMALL}, green_power: { max_share: 0.5, premium_yuan_per_mwh: 30 }`, 'non_fossil', 2021);
    // after 余热: 9,960 × 10⁴ kWh, 12,240.84 tce, 196.64 tce short → green 196.64 ÷ 1.229 = 160 × 10⁴ kWh
    // = 160 ÷ 9,960 = 1.606 % of the power; premium 1,600 MWh × 30 yuan = 48,000 yuan = 4.80 万元
    expect(events(r)).toEqual([
      '2021 K1 save | 措施 1 项 (余热), 49.2 tce, 2.46 万元',
      '2021 K1 green_power | 绿电 0.0 % → 1.6 % (+160.0 万kWh), 4.80 万元',
    ]);
    expect(value(r, 'dual_control_energy_tce', 2021)).toBeCloseTo(0.98 * 12_290 + 9_999.144 + 9_339 * 1.229, 6);
    expect(value(r, 'non_compliant_firms', 2021)).toBe(0);
  });

  it('carbon basis: measures, then green power at the residual-mix factor', async () => {
    const r = await run(`${CO2_ONLY}, ${C2}, ${SMALL}, green_power: { max_share: 0.3 }`, 'none', 2021);
    // C1: 46,700 MWh × 0.5568 = 26,002.56 t; target 0.98 × that = 25,482.5088 t.
    // 余热 0.004: 4,651.32 × 10⁴ kWh → 25,898.54976 t. A firm holding green power reports the rest at the residual
    // mix ρ = 0.5568 × 0.5856 ÷ 0.5366 t/MWh (factors: 2022 residual ÷ average, held before 2022):
    // (4,651.32 − g) × 10 × ρ = 25,482.5088 → g = 4,651.32 − 2,548.25088 ÷ ρ
    const rho = (0.5568 * 0.5856) / 0.5366;
    const g = 4_651.32 - 2_548.25088 / rho;
    const c1 = r.events.filter((e) => r.ids[e.enterprise] === 'C1');
    expect(c1.map((e) => e.action)).toEqual(['save', 'green_power']);
    expect(c1[1].detail).toBe(msg.keyEmittersGreen(0, g / 4_651.32, g, 0));
    // C1's CO2 after both: the target, exactly
    const before = 26_002.56;
    expect(before - c1[0].co2ReductionT - c1[1].co2ReductionT).toBeCloseTo(25_482.5088, 6);
    expect(value(r, 'non_compliant_firms', 2021)).toBe(0);
  });

  it('carbon basis: green power capped below the need → listed with the gap in tCO2', async () => {
    const r = await run(`${CO2_ONLY}, ${C2}, ${SMALL}, green_power: { max_share: 0.05 }`, 'none', 2021);
    // C1 at the 5 % cap: 4,651.32 × 0.95 × 10 × ρ = 26,849.35… t, more than after 余热 alone (the residual mix is
    // dearer than the average): green power does not help → not bought; 25,898.54976 − 25,482.5088 = 416.04096 t short
    const c1 = r.events.filter((e) => r.ids[e.enterprise] === 'C1');
    expect(c1.map((e) => e.action)).toEqual(['save', 'listed']);
    expect(c1[1].detail).toBe(msg.keyEmittersListed(true, 0.004, 0.02, 416.04096, 'tCO2'));
    expect(c1[1].detail).toMatch(/差 416\.0 tCO2$/);
  });

  it('compliance 0: the firm does nothing and is listed; named listed entries are recorded and counted', async () => {
    const r = await run(`${ENERGY_ONLY}, ${E1}, ${SMALL}, compliance: 0, named: [{ id: C0, year: 2021, action: listed }]`, 'none', 2021);
    expect(events(r)).toEqual([
      `2021 C0 listed | ${msg.keyEmittersNamedListed()}`,
      `2021 K1 listed | ${msg.keyEmittersListed(false, 0, 0.02, 245.8, 'tce')}`,
    ]);
    expect(value(r, 'non_compliant_firms', 2021)).toBe(2);
  });
});

describe('key_emitters: conventions', () => {
  const CURVE = 'measures: [{ name: 余热, potential: 0.03, cost_yuan_per_tce: 500 }]';

  it('when VA falls the obligation is on the quantity: −2 % of last year’s energy, not of its intensity', async () => {
    const text = scenario(`${ENERGY_ONLY}, ${E1}, ${CURVE}`, 'none', 2021).replace('value_added: 0,', 'value_added: -0.1,');
    const r = await runText(text, 1, 1, { 'r.csv': REGISTRY });
    // 2021: VA 10,000 → 9,000 at constant prices, energy stays 12,290 (elasticity 0). By intensity the target would be
    // 0.98 × 1.229 × 9,000 = 10,839.78 tce (−11.8 %); by the convention 0.98 × 1.229 × max(9,000, 10,000) = 12,044.2 tce
    expect(value(r, 'value_added_constant', 2021)).toBeCloseTo(0.9 * 40_000, 6);
    expect(events(r)).toEqual(['2021 K1 save | 措施 1 项 (余热), 245.8 tce, 12.29 万元']);
  });

  it('a firm that left the district earlier in the year has no obligation', async () => {
    const text = scenario(`${ENERGY_ONLY}, ${E1}, ${CURVE}`, 'none', 2021).replace(
      'policies:\n',
      'policies:\n  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { close: { share: 1 } }, named: [{ id: K1, year: 2021, action: close }] }\n',
    );
    const r = await runText(text, 1, 1, { 'r.csv': REGISTRY });
    expect(events(r)).toEqual(['2021 K1 close | ']);
  });

  it('a named saving counts towards the obligation; the cost curve tops it up', async () => {
    const r = await run(
      `${ENERGY_ONLY}, ${E1}, ${CURVE}, named: [{ id: K1, year: 2021, action: save, energy_saving: 0.012 }]`,
      'none',
      2021,
    );
    // named 0.012 × 12,290 = 147.48 tce → 12,142.52; target 12,044.2 → 98.32 tce more from 余热: 98.32 × 500 = 4.92 万元
    expect(events(r)).toEqual(['2021 K1 save | ', '2021 K1 save | 措施 1 项 (余热), 98.3 tce, 4.92 万元']);
    expect(value(r, 'vacated_energy_tce', 2021)).toBeCloseTo(245.8, 6);
  });
});

describe('key_emitters: distributions', () => {
  it('per_year and compliance take distributions; a per-enterprise compliance is drawn per firm from the policy stream', async () => {
    // per_year uniform [0.02, 0.02] is the constant 2 %; compliance uniform [0, 0] per firm: nobody acts → K1 listed, full gap
    const r = await run(
      `${ENERGY_ONLY}, obligation: { basis: energy, per_year: { uniform: [0.02, 0.02] } }, compliance: { uniform: [0, 0], per: enterprise }`,
      'none',
      2021,
    );
    expect(events(r)).toEqual([`2021 K1 listed | ${msg.keyEmittersListed(false, 0, 0.02, 245.8, 'tce')}`]);
  });
});

describe('key_emitters: bad inputs', () => {
  it.each([
    ['threshold: {}', msg.keyEmittersNoThreshold()],
    [
      'measures: [{ name: a, potential: 0.1, cost_yuan_per_tce: 1 }, { name: a, potential: 0.1, cost_yuan_per_tce: 2 }]',
      msg.keyEmittersDuplicateMeasure('a'),
    ],
    [
      'measures: [{ name: a, potential: 0.6, cost_yuan_per_tce: 1 }, { name: b, potential: 0.5, cost_yuan_per_tce: 2 }]',
      msg.keyEmittersPotentialsAboveOne(1.1),
    ],
    ['named: [{ id: K1, year: 2021, action: save }]', msg.keyEmittersNamedSaving()],
    ['named: [{ id: K1, year: 2021, action: green_power }]', msg.keyEmittersNamedShare()],
  ])('%s', async (extra, message) => {
    await expect(run(`${E1}, ${extra}`)).rejects.toThrow(message);
  });

  it('an intensity cut of 100 %, an unknown basis and an unknown key are named', async () => {
    await expect(run('obligation: { basis: energy, per_year: 1 }')).rejects.toThrow(/per_year.*a yearly intensity reduction/s);
    await expect(run('obligation: { basis: water, per_year: 0.02 }')).rejects.toThrow(/obligation.*basis/s);
    await expect(run(`${E1}, max_share: 0.2`)).rejects.toThrow(/max_share/);
  });
});

describe('key_emitters on the six-firm district (createSimulation)', () => {
  it('A2 (1,229 tce) is the only key unit at 1,000 tce; its measure runs out and it is listed, counted each year', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-key-'));
    await writeFile(join(dir, 'r.csv'), SIX_FIRMS);
    await writeFile(join(dir, 'e.yaml'), TAX_PER_MU_EVALUATION);
    await writeFile(
      join(dir, 's.yaml'),
      `name: t
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: e.yaml
period: { base: 2020, end: 2022 }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
policies:
  - type: key_emitters
    threshold: { energy_tce: 1000 }
    obligation: { basis: energy, per_year: 0.02 }
    measures: [{ name: 变频, potential: 0.01, cost_yuan_per_tce: 800 }]
`,
    );
    const { value: v, diagnostics } = await loadScenario(join(dir, 's.yaml'));
    expect(diagnostics).toEqual([]);
    const sim = createSimulation({ scenario: v!.scenario, table: v!.registry.table, factors: v!.factors, evaluation: v!.evaluation });
    const out = new Float64Array(sim.drawSize);
    const ev = sim.runDraw(1, 0, out, 0, true)!;
    const Y = sim.layout.years.length;
    const metric = (id: string, year: number) => out[sim.layout.ids.indexOf(id) * Y + year - 2020];
    // 2021: A2 1,229 tce → target 1,204.42; 变频 saves 0.01 = 12.29 tce (0.98 万元); 12.29 tce short → listed
    // 2022: reference 1,216.71 → target 1,192.3758; 变频 used up → 24.3342 tce short → listed again
    expect(ev.map((e) => `${e.year} ${sim.state.ids[e.enterprise]} ${e.action} | ${e.detail}`)).toEqual([
      '2021 A2 save | 措施 1 项 (变频), 12.3 tce, 0.98 万元',
      `2021 A2 listed | ${msg.keyEmittersListed(true, 0.01, 0.02, 12.29, 'tce')}`,
      `2022 A2 listed | ${msg.keyEmittersListed(true, 0, 0.02, 24.3342, 'tce')}`,
    ]);
    expect([2020, 2021, 2022].map((y) => metric('non_compliant_firms', y))).toEqual([0, 1, 1]);
    expect(metric('dual_control_energy_tce', 2022)).toBeCloseTo((100 + 1000 * 0.99 + 50 + 10 + 5 + 5) * 1.229, 6);
  });
});
