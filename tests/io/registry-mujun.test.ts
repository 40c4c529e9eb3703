import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/domain/diagnostic.js';
import { computeBaseYear } from '../../src/engine/base-year.js';
import { REGISTRY_COLUMNS } from '../../src/io/registry-columns.js';
import { loadScenario, type LoadedScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { MUJUN_FIRMS, writeMujunExport, writeMujunScenario } from './mujun-export.js';

let loaded: { value?: LoadedScenario; diagnostics: Diagnostic[] };
beforeAll(async () => {
  loaded = await loadScenario(await writeMujunScenario(await writeMujunExport()));
});

// Factors of models/factors/china.yaml used by hand below (GB/T 2589-2020 appendix A; NDRC guidelines):
const ELEC_TCE = 1.229; // tce per 10⁴ kWh, calorific (当量值)
const GRID_2020 = 0.5568; // tCO2/MWh: the file's series starts in 2021 and is flat before it
// tCO2 per tce of each carrier = tCO2 per unit ÷ tce per unit
const CO2_PER_TCE = {
  coal: 1.9003 / 0.7143,
  coke: 2.8604 / 0.9714,
  fuelOil: 3.1705 / 1.4286,
  diesel: 3.0959 / 1.4571,
  refineryGas: 3.0119 / 1.5714,
  gas: 21.622 / 12.143,
  heat: 0.11 / 0.03412,
  other: 2.6604 / 1,
};
// the factors file's default_fuel_mix, as tCO2 per tce of the non-electric remainder
const MIX_CO2_PER_TCE = {
  C26: 0.3 * CO2_PER_TCE.coal + 0.3 * CO2_PER_TCE.gas + 0.4 * CO2_PER_TCE.heat,
  C25: 0.5 * CO2_PER_TCE.refineryGas + 0.2 * CO2_PER_TCE.gas + 0.2 * CO2_PER_TCE.other + 0.1 * CO2_PER_TCE.fuelOil,
  C30: 0.7 * CO2_PER_TCE.coal + 0.2 * CO2_PER_TCE.gas + 0.1 * CO2_PER_TCE.diesel,
  D44: 0.9 * CO2_PER_TCE.coal + 0.1 * CO2_PER_TCE.gas,
  default: 0.5 * CO2_PER_TCE.gas + 0.35 * CO2_PER_TCE.heat + 0.15 * CO2_PER_TCE.diesel,
};

describe('a registry shaped like a 亩均 export (notes sheet first, banner and notes above a full-width Chinese header, total energy only)', () => {
  it('loads with warnings only: 序号 unknown, 规上企业 read as 规上, no year_built / village_cluster / lsmp', () => {
    expect(loaded.diagnostics).toEqual([]);
    const w = loaded.value!.warnings;
    expect(w.map((d) => [d.code, d.sheet, d.headerRow, d.row, d.field, d.message])).toEqual([
      [
        'registry/unknown-column',
        '企业数据',
        3,
        3,
        '序号',
        msg.unknownColumn(
          '序号',
          REGISTRY_COLUMNS.map((c) => c.key),
        ),
      ],
      ['registry/column-read-as', '企业数据', 3, 3, '规上企业', msg.columnReadAs('规上企业', 'above_scale', '规上')],
      ['registry/default-taken', '企业数据', 3, 3, 'year_built', msg.missingYearBuilt(7)],
      ['registry/default-taken', '企业数据', 3, 3, 'village_cluster', msg.missingCleanupFlag('village_cluster', '村级工业集聚点', 7)],
      ['registry/default-taken', '企业数据', 3, 3, 'lsmp', msg.missingCleanupFlag('lsmp', '低散乱污', 7)],
    ]);
    const r = loaded.value!.registry;
    expect(r.sheet).toBe('企业数据');
    expect(Array.from(r.rows)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(r.dataYear).toMatchObject({ year: 2020, source: 'column' });
    expect(Array.from(r.table.aboveScale)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(loaded.value!.energyCompletion).toEqual({ firms: 7, basis: 'calorific', mixes: ['C26', 'C25', 'default', 'C30', 'D44'] });
  });

  it('its district totals match a hand computation: energy (calorific), CO2 (2020 grid factor), VA, land', () => {
    const { scenario, registry, factors, evaluation } = loaded.value!;
    const b = computeBaseYear(registry.table, scenario, factors, evaluation);
    // energy: the completion books exactly total − electricity, so gross energy is Σ 综合能耗
    // 200,000 + 150,000 + 1,500 + 12,000 + 1,000 + 300,000 + 200 = 664,700 tce
    expect(b.totals.grossTce).toBeCloseTo(664700, 6);
    // electricity: 30,000 + 10,000 + 800 + 1,500 + 700 + 5,000 + 120 = 48,120 × 10⁴ kWh = 481,200 MWh
    const electricityCo2 = 481200 * GRID_2020; // 267,932.16 t
    // the non-electric remainders (total − electricity × 1.229), each on its division's mix
    const remainder = (total: number, elec: number) => total - elec * ELEC_TCE;
    const fuelCo2 =
      remainder(200000, 30000) * MIX_CO2_PER_TCE.C26 + // 163,130 tce
      remainder(150000, 10000) * MIX_CO2_PER_TCE.C25 + // 137,710 tce
      remainder(1500, 800) * MIX_CO2_PER_TCE.default + // 516.8 tce (C34)
      remainder(12000, 1500) * MIX_CO2_PER_TCE.C30 + // 10,156.5 tce
      remainder(1000, 700) * MIX_CO2_PER_TCE.default + // 139.7 tce (C38)
      remainder(300000, 5000) * MIX_CO2_PER_TCE.D44 + // 293,855 tce
      remainder(200, 120) * MIX_CO2_PER_TCE.default; // 52.52 tce (C17)
    expect(b.totals.electricityCo2T).toBeCloseTo(267932.16, 4);
    expect(b.totals.firmCo2T).toBeCloseTo(electricityCo2 + fuelCo2, 4);
    // ≈ 1,715,000 t in all: a sanity bound on the sum above
    expect(b.totals.firmCo2T).toBeGreaterThan(1.6e6);
    expect(b.totals.firmCo2T).toBeLessThan(1.8e6);
    // the territorial total (the default boundary): the D44 plant (no supplies column: power and
    // heat) delivers 293,855 tce × 0.25 × 29.3076 ÷ 36 = 59,807 × 10⁴ kWh, displacing imports at the
    // grid factor, and 293,855 × 0.45 × 29.3076 = 3,875,492 GJ of heat, counted once where bought
    const fuelD44 = remainder(300000, 5000);
    const power = (fuelD44 * 0.25 * 29.3076) / 36;
    const heatBought = registry.table.carriers.heat_gj.reduce((a, v) => a + v, 0);
    const heatLocal = fuelD44 * 0.45 * 29.3076;
    expect(b.totals.co2T).toBeCloseTo(electricityCo2 + fuelCo2 - power * 10 * GRID_2020 - Math.min(heatBought, heatLocal) * 0.11, 4);
    // VA: 120,000 + 60,000 + 8,000 + 5,000 + 7,000 + 20,000 + 700 = 220,700 万元 (规上: 220,000)
    expect(registry.table.valueAdded.reduce((a, v) => a + v, 0)).toBe(220700);
    expect(b.aboveScale.valueAdded).toBe(220000);
    // land: 500 + 300 + 60 + 80 + 40 + 120 + 15 = 1,115 亩
    expect(registry.table.landMu.reduce((a, v) => a + v, 0)).toBe(1115);
    expect(MUJUN_FIRMS).toHaveLength(7);
  });
});
