import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { ROOT } from '../helpers.js';
import { runText, value } from '../engine/run-helpers.js';
import { SIX_FIRMS } from '../support/six-firms.js';

/** A plain CSV reader, independent of src/io (no quoted cells in these files). */
async function readCsv(path: string): Promise<Record<string, string>[]> {
  const text = (await readFile(join(ROOT, path), 'utf8')).replace(/^\uFEFF/, '');
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const keys = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
}
const num = (s: string | undefined) => (s === undefined || s === '' ? 0 : Number(s));

// GB/T 2589-2020 (DOMAIN §3): tce per unit
const ELEC_CAL = 1.229; // per 10⁴ kWh, calorific
const REFINERY_GAS = 1.5714; // per t
const CRUDE = 1.4286; // per t (the naphtha feedstock is booked as crude oil)
const GAS = 12.143; // per 10⁴ m³
const KGCE_PER_KGOE = 1.4286;

describe('models/projects/zhenhai-pipeline-2030.csv (models/projects/README.md)', () => {
  it('ZH-P2-ETH: 1.5 Mt/a ethylene at the 590 kgoe/t benchmark, 3.9 tce/t feedstock, not 能耗单列, from 2027', async () => {
    const rows = await readCsv('models/projects/zhenhai-pipeline-2030.csv');
    const eth = rows.find((r) => r.id === 'ZH-P2-ETH')!;
    // 590 kgoe/t × 1,500,000 t × 1.4286 kgce/kgoe ÷ 1,000 = 1,264,311 tce of process energy, of which
    // 300 kWh/t × 1.5 Mt = 45,000 × 10⁴ kWh (55,305 tce) and 769,381 t of cracker fuel gas (1,209,006 tce)
    const process = num(eth.electricity_10k_kwh) * ELEC_CAL + num(eth.refinery_gas_t) * REFINERY_GAS;
    expect((590 * 1_500_000 * KGCE_PER_KGOE) / 1000).toBeCloseTo(1_264_311, 0);
    expect(Math.abs(process - 1_264_311)).toBeLessThan(1);
    expect(num(eth.electricity_10k_kwh)).toBe(45_000);
    // feedstock 3.9 tce/t × 1.5 Mt = 5,850,000 tce = 4,094,918 t of naphtha (as crude_oil_t) × 1.4286
    expect(num(eth.feedstock_tce)).toBe(5_850_000);
    expect(Math.abs(num(eth.crude_oil_t) * CRUDE - 5_850_000)).toBeLessThan(1);
    // energy per VA at full capacity, calorific: 1,264,311 ÷ 600,000 万元 = 2.107 tce/万元
    expect(process / num(eth.value_added)).toBeCloseTo(2.107, 3);
    expect(eth).toMatchObject({ start_year: '2027', national_major: 'false', ramp: '0.5;0.9;1', sector: 'C2614' });
  });

  it('the four smaller projects: energy as in the README, each starting in 2026–2030', async () => {
    const rows = await readCsv('models/projects/zhenhai-pipeline-2030.csv');
    // README: POE 0.2 tce/t × 200,000 t; electronic chemicals 0.15 × 50,000; EO 0.3 × 200,000; robots 6,000 tce
    const expected: Record<string, number> = { 'ZH-26-POE': 40_000, 'ZH-27-ECM': 7_500, 'ZH-28-EOD': 60_000, 'ZH-29-RBT': 6_000 };
    for (const [id, tce] of Object.entries(expected)) {
      const r = rows.find((x) => x.id === id)!;
      const energy = num(r.electricity_10k_kwh) * ELEC_CAL + num(r.natural_gas_10k_m3) * GAS;
      expect(Math.abs(energy - tce), id).toBeLessThan(1); // gas rounded to 0.1 × 10⁴ m³ = 1.2 tce at most: < 1 here
      expect(num(r.start_year), id).toBeGreaterThanOrEqual(2026);
      expect(num(r.start_year), id).toBeLessThanOrEqual(2030);
      expect(r.national_major, id).toBe('false');
    }
    // the EO unit's process CO2: 0.3 t per t × 200,000 t (ethylene burnt at the silver catalyst)
    expect(num(rows.find((x) => x.id === 'ZH-28-EOD')!.process_co2_t)).toBe(60_000);
    expect(rows.map((r) => r.id)).toHaveLength(5);
  });

  it("the engine books ZH-P2-ETH's full-capacity energy and CO2 as the README computes them", async () => {
    // the ETH row alone on the six-firm district (electricity only: every kWh imported), no growth,
    // grid 0.42 tCO2/MWh every year, calorific basis; the row starts in 2021 (ramp 0.5, 0.9, 1 → full in 2023)
    const rows = (await readFile(join(ROOT, 'models/projects/zhenhai-pipeline-2030.csv'), 'utf8')).trim().split('\n');
    const eth = rows.find((l) => l.startsWith('ZH-P2-ETH,'))!.replace(',C2614,2027,', ',C2614,2021,');
    const scenario = `name: t
registry: reg.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2023 }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
grid_emission_factor: 0.42
policies:
  - { type: new_projects, pipeline: p.csv }
`;
    const run = await runText(scenario, 1, 1, { 'reg.csv': SIX_FIRMS, 'p.csv': `${rows[0]}\n${eth}\n` });
    const sum = (metric: string) => [2021, 2022, 2023].reduce((a, y) => a + value(run, metric, y), 0);
    // energy: 45,000 × 1.229 + fossil (769,381 × 1.5714 + 4,094,918 × 1.4286 = 7,059,005.16) − feedstock 5,850,000
    // = 55,305 + 1,209,005.16 = 1,264,310.16 tce
    const fossil = 769_381 * 1.5714 + 4_094_918 * 1.4286;
    expect(sum('new_project_energy_tce')).toBeCloseTo(45_000 * 1.229 + fossil - 5_850_000, 3);
    // CO2: fuel gas 769,381 × 3.0119 = 2,317,298.6 + naphtha 4,094,918 × 3.0202 = 12,367,471.4 → 14,684,770.0,
    // × (1 − 5,850,000 ÷ 7,059,005.2) = × 0.171272 → 2,515,080.0 t direct; + 450,000 MWh × 0.42 = 189,000 t
    // → 2,704,080 t a year at full capacity
    const direct = (769_381 * 3.0119 + 4_094_918 * 3.0202) * (1 - 5_850_000 / fossil);
    expect(direct).toBeCloseTo(2_515_080, -1);
    expect(sum('new_project_co2_t')).toBeCloseTo(direct + 450_000 * 0.42, 0);
    expect(value(run, 'co2_t', 2023) - value(run, 'co2_t', 2020)).toBeCloseTo(direct + 450_000 * 0.42, 0);
  });
});

describe('models/enterprises/zhenhai-2025.csv (dcsim rebase, models/enterprises/README.md)', () => {
  it('is a registry of 2025 whose VA is the observed 2025 value, with the Phase I units as firms', async () => {
    const rows = await readCsv('models/enterprises/zhenhai-2025.csv');
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set(['2025']));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // values-to-2025.csv: value_added, district, 2025 = 1,024.9 亿元 = 10,249,000 万元 (matched by rebase)
    const va = rows.reduce((a, r) => a + num(r.value_added), 0);
    expect(va).toBeCloseTo(10_249_000, -1);
    expect(rows.some((r) => r.id === 'ZH-P1-ETH') && rows.some((r) => r.id === 'ZH-P1-REF')).toBe(true);
  });
});

describe('scenarios/zhenhai-2030.yaml', () => {
  it('loads on the 2025 registry, 2025–2030, with the 15th FYP targets', async () => {
    const r = await loadScenario(join(ROOT, 'scenarios/zhenhai-2030.yaml'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const s = r.value!.scenario;
    expect(s.period).toMatchObject({ base: 2025, end: 2030 });
    const byId = new Map(s.targets.map((t) => [t.id, t]));
    expect(byId.get('carbon-intensity-2030')).toMatchObject({ metric: 'carbon_intensity', kind: 'change', from: 2025, bound: 'at_most' });
    expect(byId.get('energy-intensity-2030')).toMatchObject({ metric: 'energy_intensity', kind: 'change', from: 2025 });
    expect(byId.get('co2-2030')).toMatchObject({ metric: 'co2_t', kind: 'level', year: 2030, bound: 'at_most' });
    expect(byId.get('non-fossil-share-2030')).toMatchObject({ metric: 'non_fossil_share', kind: 'level', bound: 'at_least' });
    expect(byId.get('coal-cap-2030')).toMatchObject({ metric: 'coal_t', kind: 'level', bound: 'at_most' });
  });
});
