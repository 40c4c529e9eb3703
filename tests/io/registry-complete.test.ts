import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { writeWorkbook } from './workbook.js';

const HEADER = 'id,name,sector,land_mu,output,value_added,tax,employees,above_scale,year_built,village_cluster,lsmp,year';

/** Writes a registry and a scenario naming it (with `extra` YAML lines) into a fresh folder and loads it. */
async function loadWith(registryCsv: string, extra = '', factors = join(ROOT, 'models/factors/china.yaml')) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-complete-'));
  await writeFile(join(dir, 'reg.csv'), registryCsv);
  await writeFile(
    join(dir, 's.yaml'),
    `name: t\nregistry: reg.csv\nfactors: ${factors}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\n${extra}`,
  );
  return loadScenario(join(dir, 's.yaml'));
}

const row = (id: string, sector: string, rest: string) => `${id},${id},${sector},10,1000,200,50,20,true,2010,false,false,2020,${rest}`;

describe('registry energy as a total and electricity', () => {
  it('completes firms that give only 综合能耗 and 用电量 on the calorific basis and says how many, on which mix', async () => {
    const r = await loadWith(
      `${HEADER},综合能耗(吨标准煤),用电量(万千瓦时)\n${row('A', 'C26', '10000,2000')}\n${row('B', 'C34', '500,100')}\n`,
    );
    expect(r.diagnostics).toEqual([]);
    const t = r.value!.registry.table;
    // A: 10,000 − 2,000 × 1.229 = 7,542 tce on the C26 mix; coal share 0.3 ÷ 0.7143 tce/t
    expect(t.carriers.coal_t[0]).toBeCloseTo((7542 * 0.3) / 0.7143, 6);
    expect(r.value!.energyCompletion).toEqual({ firms: 2, basis: 'calorific', mixes: ['C26', 'default'] });
    expect(msg.energyCompleted(2, 'calorific', ['C26', 'default'])).toContain('2 firms completed');
  });

  it('registry_defaults sets the basis and overrides a division mix', async () => {
    const r = await loadWith(
      `${HEADER},energy_tce,electricity_10k_kwh\n${row('A', 'C26', '1000,100')}\n`,
      'registry_defaults: { energy_total_basis: primary, fuel_mix: { C26: { natural_gas_10k_m3: 1 } } }\n',
    );
    expect(r.diagnostics).toEqual([]);
    // 1,000 − 100 × 3.055 (2020 primary) = 694.5 tce of gas ÷ 12.143 tce per 10⁴ m³
    expect(r.value!.registry.table.carriers.natural_gas_10k_m3[0]).toBeCloseTo(694.5 / 12.143, 9);
    expect(r.value!.registry.table.carriers.coal_t[0]).toBe(0);
    expect(r.value!.energyCompletion).toEqual({ firms: 1, basis: 'primary', mixes: ['C26'] });
  });

  it('a total below the firm own electricity is an error naming file, row and column with both numbers', async () => {
    const r = await loadWith(
      `${HEADER},综合能耗(吨标准煤),用电量(万千瓦时)\n${row('A', 'C26', '1000,100')}\n${row('B', 'C26', '100,100')}\n`,
    );
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/reg\.csv$/),
        row: 3,
        field: '综合能耗(吨标准煤)',
        message: msg.energyBelowElectricity(100, 122.9, 'calorific'),
      }),
    ]);
    expect(r.diagnostics[0].message).toContain('100');
    expect(r.diagnostics[0].message).toContain('122.9');
  });

  it('in a workbook the error also names the sheet and header row', async () => {
    const head = [...HEADER.split(','), '综合能耗(吨标准煤)', '用电量(万千瓦时)'];
    const book = await writeWorkbook([{ name: '企业数据', rows: [['标题'], head, row('A', 'C26', '100,100').split(',')] }], 'reg.xlsx');
    await writeFile(
      join(dirname(book), 's.yaml'),
      `name: t\nregistry: reg.xlsx\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\n`,
    );
    const r = await loadScenario(join(dirname(book), 's.yaml'));
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        sheet: '企业数据',
        headerRow: 2,
        row: 3,
        field: '综合能耗(吨标准煤)',
        message: msg.energyBelowElectricity(100, 122.9, 'calorific'),
      }),
    ]);
  });

  it('carriers and a total more than 5 % apart are a warning naming the row and both numbers; the carriers stand', async () => {
    // coal 1,000 t × 0.7143 + electricity 100 × 1.229 = 837.2 tce against 1,000 (16 % apart) and 850 (1.5 %)
    const r = await loadWith(
      `${HEADER},energy_tce,coal_t,electricity_10k_kwh\n${row('A', 'C26', '1000,1000,100')}\n${row('B', 'C26', '850,1000,100')}\n`,
    );
    expect(r.diagnostics).toEqual([]);
    const w = r.value!.warnings.filter((d) => d.code === 'registry/energy-total-disagrees');
    expect(w).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'energy_tce',
        severity: 'warning',
        message: msg.energyTotalDisagrees(1000, 837.2, 'calorific'),
      }),
    ]);
    expect(r.value!.registry.table.carriers.coal_t[0]).toBe(1000);
    expect(r.value!.energyCompletion!.firms).toBe(0);
  });

  it('feedstock still applies on top of completed carriers (and is checked against the completed fossil energy)', async () => {
    // 10,000 − 2,458 = 7,542 tce; C26 fossil = coal 0.3 + gas 0.3 = 4,525.2 tce; heat is not fossil
    const ok = await loadWith(`${HEADER},energy_tce,electricity_10k_kwh,feedstock_tce\n${row('A', 'C26', '10000,2000,4000')}\n`);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.value!.registry.table.feedstockTce[0]).toBe(4000);
    const bad = await loadWith(`${HEADER},energy_tce,electricity_10k_kwh,feedstock_tce\n${row('A', 'C26', '10000,2000,5000')}\n`);
    expect(bad.diagnostics).toEqual([expect.objectContaining({ row: 2, field: 'feedstock_tce', code: 'registry/feedstock-above-fossil' })]);
    expect(bad.diagnostics[0].message).toBe(msg.feedstockAboveFossil(5000, 7542 * 0.6));
  });

  it('a firm to complete with no mix for its division nor a default is an error naming the row and the fix', async () => {
    const china = await readFile(join(ROOT, 'models/factors/china.yaml'), 'utf8');
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-factors-'));
    const factors = join(dir, 'no-mix.yaml');
    await writeFile(factors, china.slice(0, china.indexOf('default_fuel_mix:')));
    const reg = `${HEADER},energy_tce,electricity_10k_kwh\n${row('A', 'C26', '1000,100')}\n${row('B', 'C34', '1000,100')}\n`;
    const r = await loadWith(reg, 'registry_defaults: { fuel_mix: { C26: { coal_t: 1 } } }\n', factors);
    expect(r.diagnostics).toEqual([expect.objectContaining({ row: 3, field: 'energy_tce', message: msg.noFuelMix('C34') })]);
  });

  it('registry_defaults refuses unknown keys, a bad basis and shares that do not sum to 1', async () => {
    const reg = `${HEADER}\n${row('A', 'C26', '')}\n`.replace(/,\n/g, '\n');
    const r = await loadWith(reg, 'registry_defaults: { basis: primary }\n');
    expect(r.diagnostics[0].message).toBe(msg.unknownKey('basis', ['energy_total_basis', 'fuel_mix']));
    const r2 = await loadWith(reg, 'registry_defaults: { energy_total_basis: gross }\n');
    expect(r2.diagnostics[0].message).toBe(msg.notOneOf('gross', ['calorific', 'primary']));
    const r3 = await loadWith(reg, 'registry_defaults: { fuel_mix: { C26: { coal_t: 0.5 } } }\n');
    expect(r3.diagnostics[0]).toMatchObject({
      field: 'registry_defaults.fuel_mix.C26',
      message: msg.sharesNotOne('fuel mix', [['coal_t', 0.5]], 0.5),
    });
  });
});
