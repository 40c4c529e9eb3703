import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountEnterprises, createEnterpriseAccounts, sumAccounts, type EnergyColumns } from '../../src/accounting/account.js';
import { createYearCoefficients } from '../../src/accounting/account-one.js';
import { CarbonLedger, SUPPLIES_HEAT, supplyBase, type CarbonBoundary } from '../../src/accounting/boundary.js';
import type { AccountingConfig } from '../../src/accounting/config.js';
import {
  ALWAYS_COVERED,
  ETS_BY_SECTOR,
  ETS_NO,
  ETS_YES,
  NEVER_COVERED,
  etsFirstYear,
  registryEtsFirstYears,
} from '../../src/accounting/ets.js';
import { factorsSchema, withGridNonFossilShare, type Factors } from '../../src/accounting/factors.js';
import { ImpossibleValue } from '../../src/domain/impossible-value.js';
import { yearSeries } from '../../src/domain/year-series.js';
import { nonFossilShare } from '../../src/engine/metrics.js';
import { SimState } from '../../src/engine/state.js';
import { buildRegistry } from '../../src/io/registry-build.js';
import { readCsvSheet } from '../../src/io/registry-load.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { loadYamlWith } from '../../src/io/yaml-file.js';
import { msg } from '../../src/messages/messages.js';
import { runText, value } from '../engine/run-helpers.js';
import { ROOT, chinaFactors, energyColumns } from '../helpers.js';

// Issue 13 §1: coal, direct/indirect CO2, capture, the carbon market, the non-fossil share.
// Year 2024, calorific basis, china.yaml: coal 0.7143 tce and 1.9003 tCO2 per t; natural gas
// 12.143 tce and 21.622 tCO2 per 10⁴ m³; heat 0.03412 tce and 0.11 tCO2 per GJ; electricity
// 1.229 tce per 10⁴ kWh; grid 0.5306 t/MWh (2023, flat after) = 5.306 t per 10⁴ kWh; residual mix
// 0.6096 t/MWh (2023, flat) = 6.096 t per 10⁴ kWh for a firm holding green power; the grid's
// non-fossil share 0.362 (2022, flat after).
//
//   F0 coal boiler, C3011 cement, supplies heat 100,000 GJ: coal 20,000 t, electricity 1,000
//      gross = 14,286 + 1,229 = 15,515 tce; direct = 20,000 × 1.9003 = 38,006 t; electricity 5,306 t
//   F1 chemicals, C2614: gas 1,000 × 10⁴ m³ (12,143 tce) of which feedstock 6,071.5 tce (half),
//      process 5,000 t, electricity 2,000, heat bought 80,000 GJ, capture rate 0.5
//      combustion = 21,622 × (1 − 6,071.5 / 12,143) = 10,811 t; direct before capture 15,811 t
//      captured 7,905.5 t; direct 7,905.5 t; electricity 10,612 t; heat 8,800 t
//      gross = 12,143 + 2,458 + 2,729.6 = 17,330.6 tce
//   F2 green power, C3216 aluminium: gas 100 (1,214.3 tce, 2,162.2 t), electricity 3,000 of which
//      1,000 renewable: gross = 1,214.3 + 3,687 = 4,901.3 tce; electricity (3,000 − 1,000) × 6.096 = 12,192 t
//
//   coal_t = 20,000; direct = 38,006 + 7,905.5 + 2,162.2 = 48,073.7 t; captured 7,905.5 t
//   firm boundary = (38,006 + 5,306) + (7,905.5 + 10,612 + 8,800) + (2,162.2 + 12,192) = 84,983.7 t
//     indirect (scope 2) = 84,983.7 − 48,073.7 = 36,910 = 5,306 + 10,612 + 8,800 + 12,192
//   territorial = 84,983.7 − min(80,000 bought, 100,000 supplied) × 0.11 = 84,983.7 − 8,800 = 76,183.7 t
//     indirect = 76,183.7 − 48,073.7 = 28,110 = net imported electricity (5,306 + 10,612 + 12,192) + heat from outside (0)
//   carbon market: F0 (C3011 from 2024, 38,006 ≥ 26,000) covered; F1 C2614 not a covered sector;
//     F2 C3216 covered from 2024 but 2,162.2 < 26,000: not covered → ets 2024 = 38,006, 2023 = 0
//     non-ETS territorial 2024 = 76,183.7 − 38,006 = 38,177.7
//   non-fossil = (0.362 × 1,000) + (0.362 × 2,000) + (1,000 + 0.362 × 2,000) = 2,810 × 10⁴ kWh
//     × 1.229 = 3,453.49 tce; gross = 15,515 + 17,330.6 + 4,901.3 = 37,746.9 tce
//     share = 3,453.49 / 37,746.9 = 0.091490…
const FIRMS = [
  { coal_t: 20000, electricity_10k_kwh: 1000 },
  {
    natural_gas_10k_m3: 1000,
    feedstock_tce: 6071.5,
    process_co2_t: 5000,
    electricity_10k_kwh: 2000,
    heat_gj: 80000,
  },
  { natural_gas_10k_m3: 100, electricity_10k_kwh: 3000, renewable_electricity_10k_kwh: 1000 },
];
const SECTOR_RAW = ['C3011', 'C2614', 'C3216'];
const DIRECT = 38006 + 7905.5 + 2162.2;
const FIRM_CO2 = 84983.7;
const TERRITORIAL_CO2 = 76183.7;
const GROSS = 15515 + 17330.6 + 4901.3;
const NON_FOSSIL_TCE = 2810 * 1.229;

const config = (boundary: CarbonBoundary): AccountingConfig => ({
  electricityBasis: 'calorific',
  excludeFeedstock: true,
  excludeRenewables: 'none',
  carbonBoundary: boundary,
});

let factors: Factors;
beforeAll(async () => {
  factors = await chinaFactors();
});

/** The fixture's columns, capture on F1 and the carbon market's coverage from its base year 2024. */
function fixture(): EnergyColumns {
  const cols = { ...energyColumns(FIRMS), captureRate: Float64Array.of(0, 0.5, 0) };
  const etsFromYear = registryEtsFirstYears({ ...cols, sectorRaw: SECTOR_RAW }, factors, config('firm'), 2024);
  return { ...cols, etsFromYear };
}

function ledger(cols: EnergyColumns, boundary: CarbonBoundary): CarbonLedger {
  const supply = {
    n: 3,
    sector: Uint32Array.of(0, 1, 2),
    sectors: ['C30', 'C26', 'C32'],
    supplies: Uint8Array.of(SUPPLIES_HEAT, 0, 0),
    heatSuppliedGj: Float64Array.of(100000, Number.NaN, Number.NaN),
  };
  return new CarbonLedger(boundary, supplyBase(supply, cols, factors, 2024), 3, factors);
}

function account(boundary: CarbonBoundary, year = 2024, cols = fixture(), f = factors) {
  const out = createEnterpriseAccounts(3);
  const k = createYearCoefficients(f, config(boundary));
  const carbon = ledger(cols, boundary);
  const totals = accountEnterprises(cols, f, config(boundary), year, 0, out, { k, carbon });
  return { cols, out, k, carbon, totals };
}

describe('coal, direct, indirect and captured CO2 (hand-computed fixture)', () => {
  it('per firm: direct CO2 after feedstock and capture, the captured tonnes apart', () => {
    const { out } = account('firm');
    expect(Array.from(out.directCo2T)).toEqual([expect.closeTo(38006, 6), expect.closeTo(7905.5, 6), expect.closeTo(2162.2, 6)]);
    expect(Array.from(out.capturedCo2T)).toEqual([0, expect.closeTo(7905.5, 6), 0]);
    // the firm's total carries the capture: 7,905.5 + 10,612 + 8,800 = 27,317.5
    expect(out.co2T[1]).toBeCloseTo(27317.5, 6);
  });

  it('firm boundary: indirect = co2_t − direct = scope 2 (electricity and heat bought)', () => {
    const { totals } = account('firm');
    expect(totals.coalT).toBe(20000);
    expect(totals.directCo2T).toBeCloseTo(DIRECT, 6);
    expect(totals.capturedCo2T).toBeCloseTo(7905.5, 6);
    expect(totals.co2T).toBeCloseTo(FIRM_CO2, 6);
    expect(totals.co2T - totals.directCo2T).toBeCloseTo(5306 + 10612 + 8800 + 12192, 6);
  });

  it('territorial boundary: indirect = net imported electricity + heat from outside (local heat counted at its producer)', () => {
    const { totals } = account('territorial');
    expect(totals.firmCo2T).toBeCloseTo(FIRM_CO2, 6);
    expect(totals.co2T).toBeCloseTo(TERRITORIAL_CO2, 6);
    expect(totals.directCo2T).toBeCloseTo(DIRECT, 6); // direct CO2 is the same on both boundaries
    expect(totals.co2T - totals.directCo2T).toBeCloseTo(5306 + 10612 + 12192, 6);
  });

  it('without a capture rate nothing is captured and direct CO2 is combustion + process', () => {
    const { captureRate: _dropped, ...plain } = fixture();
    const { totals } = account('firm', 2024, plain);
    expect(totals.capturedCo2T).toBe(0);
    expect(totals.directCo2T).toBeCloseTo(DIRECT + 7905.5, 6);
  });
});

describe('the national carbon market (co2_ets_t)', () => {
  it('covers F0 (cement C3011, 38,006 t ≥ 26,000) from 2024; F1 (C2614) never; F2 (aluminium, 2,162.2 t) below the threshold', () => {
    expect(Array.from(fixture().etsFromYear!)).toEqual([2024, NEVER_COVERED, NEVER_COVERED]);
    const y2024 = account('territorial', 2024).totals;
    expect(y2024.etsCo2T).toBeCloseTo(38006, 6);
    expect(y2024.co2T - y2024.etsCo2T).toBeCloseTo(TERRITORIAL_CO2 - 38006, 6);
    expect(account('territorial', 2023).totals.etsCo2T).toBe(0);
  });

  it('the registry flag overrides the sector: true = every year, false = never', () => {
    const cols = { ...energyColumns(FIRMS), captureRate: Float64Array.of(0, 0.5, 0) };
    const ets = Int8Array.of(ETS_NO, ETS_YES, ETS_BY_SECTOR);
    const first = registryEtsFirstYears({ ...cols, sectorRaw: SECTOR_RAW, ets }, factors, config('firm'), 2024);
    expect(Array.from(first)).toEqual([NEVER_COVERED, ALWAYS_COVERED, NEVER_COVERED]);
    // F1 covered: its direct CO2 after capture, 7,905.5 t, is the ETS total in any year
    expect(account('firm', 2023, { ...cols, etsFromYear: first }).totals.etsCo2T).toBeCloseTo(7905.5, 6);
  });

  it('the threshold is reached at 26,000 t exactly; a code matches as a prefix (D44 covers D4411, C3011 not C3012)', () => {
    const cov = factors.etsCoverage!;
    expect(cov.thresholdTCo2).toBe(26000);
    expect(etsFirstYear(ETS_BY_SECTOR, 'C3011', 26000, cov)).toBe(2024);
    expect(etsFirstYear(ETS_BY_SECTOR, 'C3011', 25999.9, cov)).toBe(NEVER_COVERED);
    expect(etsFirstYear(ETS_BY_SECTOR, 'D4411', 1e6, cov)).toBe(2021);
    expect(etsFirstYear(ETS_BY_SECTOR, 'C3110', 1e6, cov)).toBe(2024);
    expect(etsFirstYear(ETS_BY_SECTOR, 'C3012', 1e6, cov)).toBe(NEVER_COVERED);
    expect(etsFirstYear(ETS_BY_SECTOR, 'D4411', 1e6, undefined)).toBe(NEVER_COVERED);
  });
});

describe('non_fossil_share', () => {
  it('own renewables + the grid share (factors 0.362) of the rest, over gross energy: 3,453.49 / 37,746.9', () => {
    const { totals } = account('firm');
    expect(totals.nonFossilTce).toBeCloseTo(NON_FOSSIL_TCE, 6);
    expect(totals.grossTce).toBeCloseTo(GROSS, 6);
    expect(nonFossilShare(totals)).toBeCloseTo(3453.49 / 37746.9, 12);
  });

  it('a scenario share replaces the factors file: 0.5 in 2024 → (1,000 + 0.5 × 5,000) × 1.229 = 4,301.5 tce', () => {
    const f = withGridNonFossilShare(factors, yearSeries({ 2025: 0.5 }));
    expect(account('firm', 2024, fixture(), f).totals.nonFossilTce).toBeCloseTo(4301.5, 6);
  });

  it('without any series the grid part is 0: only the own 1,000 × 10⁴ kWh = 1,229 tce', () => {
    const { gridNonFossilShare: _dropped, ...f } = factors;
    expect(account('firm', 2024, fixture(), f).totals.nonFossilTce).toBeCloseTo(1229, 6);
  });

  it('the primary basis converts both sides at the year’s supply coal rate (2022: 300.7 gce/kWh)', () => {
    const cols = energyColumns([{ electricity_10k_kwh: 100, renewable_electricity_10k_kwh: 40 }]);
    const primary = { ...config('firm'), electricityBasis: 'primary' as const };
    const t = accountEnterprises(cols, factors, primary, 2022, 0, createEnterpriseAccounts(1));
    // (40 + 0.362 × 60) × 3.007 = 61.72 × 3.007 = 185.59204 tce of 300.7 tce gross
    expect(t.nonFossilTce).toBeCloseTo(185.59204, 9);
    expect(nonFossilShare(t)).toBeCloseTo(0.6172, 12);
  });

  it('0 without energy; above 1 stops the run', () => {
    expect(nonFossilShare({ nonFossilTce: 0, grossTce: 0 })).toBe(0); // nothing used, nothing non-fossil
    expect(() => nonFossilShare({ nonFossilTce: 2, grossTce: 1 })).toThrow(ImpossibleValue);
    expect(() => nonFossilShare({ nonFossilTce: 2, grossTce: 1 })).toThrow(msg.nonFossilShareAboveOne(2, 1));
  });
});

describe('sumAccounts gives the totals of accountEnterprises', () => {
  for (const boundary of ['firm', 'territorial'] as const) {
    for (const year of [2023, 2024]) {
      it(`${boundary} ${year}`, () => {
        const { cols, out, k, carbon, totals } = account(boundary, year);
        const s = sumAccounts(cols, out, Uint8Array.of(1, 1, 1), config(boundary), k, 0, carbon);
        for (const key of Object.keys(s) as (keyof typeof s)[]) expect(s[key], key).toBeCloseTo(totals[key], 9);
      });
    }
  }

  it('with a firm closed (active 0) both skip it', () => {
    const cols = fixture();
    const out = createEnterpriseAccounts(3);
    const k = createYearCoefficients(factors, config('firm'));
    const active = Uint8Array.of(0, 1, 1);
    const t = accountEnterprises(cols, factors, config('firm'), 2024, 0, out, { k, active });
    const s = sumAccounts(cols, out, active, config('firm'), k, 0);
    expect(t.coalT).toBe(0);
    expect(t.etsCo2T).toBe(0);
    expect([s.coalT, s.directCo2T, s.capturedCo2T, s.etsCo2T, s.nonFossilTce]).toEqual([
      t.coalT,
      t.directCo2T,
      t.capturedCo2T,
      t.etsCo2T,
      t.nonFossilTce,
    ]);
    expect(out.directCo2T[0]).toBe(0);
  });
});

const REG_HEAD =
  'id,name,sector,land_mu,output,value_added,tax,employees,coal_t,natural_gas_10k_m3,electricity_10k_kwh,heat_gj,feedstock_tce,process_co2_t,renewable_electricity_10k_kwh,supplies,heat_supplied_gj,ets';
const REGISTRY = [
  REG_HEAD,
  'F0,锅炉,C3011,10,4000,1000,100,50,20000,0,1000,0,0,0,0,heat,100000,',
  'F1,化工,C2614,10,4000,1000,100,50,0,1000,2000,80000,6071.5,5000,0,none,,',
  'F2,绿电,C3216,10,4000,1000,100,50,0,100,3000,0,0,0,1000,none,,',
].join('\n');

function registry(text: string) {
  const { sheet, diagnostics } = readCsvSheet(text, 'reg.csv');
  if (!sheet) throw new Error(JSON.stringify(diagnostics));
  return buildRegistry('reg.csv', sheet.headers, sheet.rows);
}

describe('the registry ets column', () => {
  it('reads true/是, false/否 and blank (by sector); no column → no array', () => {
    const text = REGISTRY.replace('heat,100000,', 'heat,100000,是').replace('none,,\nF2', 'none,,false\nF2');
    const r = registry(text);
    expect(r.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(Array.from(r.value!.table.ets!)).toEqual([ETS_YES, ETS_NO, ETS_BY_SECTOR]);
    const without = registry(REGISTRY.replace(/,ets$/m, '').replace(/,$/gm, ''));
    expect(without.value!.table.ets).toBeUndefined();
  });

  it('a Chinese header 纳入碳市场 reads the same', () => {
    const r = registry(REGISTRY.replace(',ets', ',纳入碳市场').replace('heat,100000,', 'heat,100000,TRUE'));
    expect(r.value!.table.ets![0]).toBe(ETS_YES);
  });

  it('a bad value names the file, row, column and the accepted words', () => {
    const r = registry(REGISTRY.replace('heat,100000,', 'heat,100000,maybe'));
    const d = r.diagnostics.find((x) => x.code === 'registry/bad-ets')!;
    expect(d).toMatchObject({ file: 'reg.csv', row: 2, field: 'ets', message: msg.etsCell('maybe') });
  });
});

describe('the factors file: grid_non_fossil_share and ets_coverage', () => {
  let text: string;
  beforeAll(async () => {
    text = await readFile(join(ROOT, 'models/factors/china.yaml'), 'utf8');
  });
  const load = async (changed: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-factors-'));
    const path = join(dir, 'f.yaml');
    await writeFile(path, changed);
    return loadYamlWith(factorsSchema, path, 'f.yaml', 'factors');
  };

  it('the shipped file gives the series and the coverage', () => {
    expect(factors.gridNonFossilShare).toEqual({ years: [2020, 2021, 2022], values: [0.339, 0.345, 0.362] });
    expect([...factors.etsCoverage!.sectors]).toEqual([
      ['D44', 2021],
      ['C31', 2024],
      ['C3011', 2024],
      ['C3216', 2024],
    ]);
  });

  it('a sector key that is not a GB/T 4754 code is an error naming it', async () => {
    const r = await load(text.replace('\n    C3216:\n', '\n    3216:\n'));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toContain(msg.etsSectorCode('3216'));
    expect(r.diagnostics[0].file).toBe('f.yaml');
  });

  it('a first year that is not a year is an error', async () => {
    const r = await load(text.replace('from: 2021', 'from: 21'));
    expect(r.diagnostics.map((d) => d.message)).toContain(msg.etsFromYear(21));
  });

  it('a share above 1 and a missing threshold are errors', async () => {
    const share = await load(text.replace('2022: 0.362 }', '2022: 36.2 }'));
    expect(share.value).toBeUndefined();
    expect(share.diagnostics.some((d) => (d.field ?? '').includes('grid_non_fossil_share'))).toBe(true);
    const threshold = await load(text.replace(/\n {2}threshold_t_co2: 26000/, ''));
    expect(threshold.value).toBeUndefined();
    expect(threshold.diagnostics.some((d) => (d.field ?? '').includes('threshold_t_co2'))).toBe(true);
  });
});

describe('the engine writes the metrics (3-firm registry, no growth, 2023–2025)', () => {
  const scenario = (extra: string) => `name: t
registry: reg.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2023, end: 2025 }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
${extra}`;
  const accounting = (boundary: string) =>
    `accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none, boundary: ${boundary} }\n`;

  it('territorial: direct + indirect = co2_t, ETS from 2024, coal and the non-fossil share (no capture in the engine yet)', async () => {
    const r = await runText(scenario(accounting('territorial')), 1, 1, { 'reg.csv': REGISTRY });
    const v = (m: string, y: number) => value(r, m, y);
    const direct = DIRECT + 7905.5; // no capture rate: F1's direct is 15,811 t
    expect(v('coal_t', 2024)).toBe(20000);
    expect(v('co2_direct_t', 2024)).toBeCloseTo(direct, 6);
    expect(v('co2_t', 2024)).toBeCloseTo(TERRITORIAL_CO2 + 7905.5, 6);
    expect(v('co2_indirect_t', 2024)).toBeCloseTo(28110, 6);
    expect(v('co2_captured_t', 2024)).toBe(0);
    expect(v('co2_ets_t', 2023)).toBe(0);
    expect(v('co2_ets_t', 2024)).toBeCloseTo(38006, 6);
    expect(v('co2_non_ets_t', 2024)).toBeCloseTo(TERRITORIAL_CO2 + 7905.5 - 38006, 6);
    expect(v('non_fossil_share', 2025)).toBeCloseTo(NON_FOSSIL_TCE / GROSS, 12);
  });

  it('firm boundary: indirect is scope 2; a scenario grid_non_fossil_share of 0.5 is used', async () => {
    const r = await runText(scenario(`${accounting('firm')}grid_non_fossil_share: 0.5\n`), 1, 1, { 'reg.csv': REGISTRY });
    expect(value(r, 'co2_indirect_t', 2024)).toBeCloseTo(36910, 6);
    expect(value(r, 'non_fossil_share', 2024)).toBeCloseTo(4301.5 / GROSS, 12);
  });

  it('a grid_non_fossil_share above 1 is an error with the fix', async () => {
    const e = await runText(scenario(`${accounting('firm')}grid_non_fossil_share: { 2030: 50 }\n`), 1, 1, { 'reg.csv': REGISTRY }).then(
      () => 'no error',
      (x: Error) => x.message,
    );
    expect(e).toContain(msg.gridShareRange());
  });
});

describe('validate warns once without a grid non-fossil share', () => {
  it('no series in the factors file nor the scenario → one warning naming the key; a scenario series silences it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-nfs-'));
    const china = await readFile(join(ROOT, 'models/factors/china.yaml'), 'utf8');
    await writeFile(join(dir, 'f.yaml'), china.replace(/\ngrid_non_fossil_share:\n(?: {2}.*\n)+/, '\n'));
    await writeFile(join(dir, 'reg.csv'), REGISTRY);
    const text = (extra: string) => `name: t
registry: reg.csv
factors: f.yaml
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2023, end: 2025 }
${extra}`;
    const warned = async (extra: string) => {
      await writeFile(join(dir, 's.yaml'), text(extra));
      const { value: v, diagnostics } = await loadScenario(join(dir, 's.yaml'));
      if (!v) throw new Error(JSON.stringify(diagnostics));
      return v.warnings.filter((w) => w.code === 'scenario/no-grid-non-fossil-share');
    };
    const w = await warned('');
    expect(w).toHaveLength(1);
    expect(w[0].message).toBe(msg.noGridNonFossilShare('china'));
    expect(await warned('grid_non_fossil_share: { 2025: 0.40, 2030: 0.50 }\n')).toEqual([]);
  });
});

describe('SimState: the capture-rate column', () => {
  it('is zero at every draw’s start, project slots included, and is read by the accounting', () => {
    const table = registry(REGISTRY).value!.table;
    const s = new SimState(table, 2, 1);
    expect(s.captureRate.length).toBe(5);
    s.captureRate.fill(0.9);
    s.etsFlag[3] = ETS_YES;
    s.reset(1, false);
    expect(Array.from(s.captureRate)).toEqual([0, 0, 0, 0, 0]);
    expect(s.etsFlag[3]).toBe(ETS_BY_SECTOR);
    s.captureRate[1] = 0.5;
    const out = { grossTce: s.grossTce, dualControlTce: s.energyTce, co2T: s.co2T, directCo2T: s.directCo2T, capturedCo2T: s.capturedCo2T };
    const t = accountEnterprises(s, factors, config('firm'), 2024, 0, out, { active: s.active });
    expect(t.capturedCo2T).toBeCloseTo(7905.5, 6);
    expect(s.capturedCo2T[1]).toBeCloseTo(7905.5, 6);
  });
});
