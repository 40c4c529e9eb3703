import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImpossibleValue } from '../../src/domain/impossible-value.js';
import { loadBenchmarks } from '../../src/io/benchmarks-load.js';
import { shown } from '../../src/io/scenario-load.js';
import {
  ADMISSION_TESTS,
  admissionTests,
  outcomesText,
  type AdmissionRules,
  type ProductFacts,
  type ProjectFacts,
} from '../../src/ledger/admission.js';
import { KGCE_PER_KGOE, type Benchmarks, type ProductBenchmark } from '../../src/ledger/benchmarks.js';
import { msg } from '../../src/messages/messages.js';
import { runText, STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

// Issue 13 §4: the benchmark test (标杆 / 基准, 发改产业〔2023〕723号) of a new project at full capacity.
// Units: 1 kgoe = 1.4286 kgce (GB/T 2589-2020: 41.868 ÷ 29.3076 MJ). Ethylene 590 / 640 kgoe/t:
//   benchmark 590 × 1.4286 = 842.874 kgce/t · baseline 640 × 1.4286 = 914.304 kgce/t.
const FILE = join(ROOT, 'models/benchmarks/china-energy-efficiency-2023.yaml');
const BENCHMARK = 590 * 1.4286; // 842.874
const BASELINE = 640 * 1.4286; // 914.304

let benchmarks: Benchmarks;
let ethylene: ProductBenchmark;
beforeAll(async () => {
  const r = await loadBenchmarks(FILE, 'china-energy-efficiency-2023.yaml');
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  benchmarks = r.value;
  ethylene = benchmarks.products.get('ethylene')!;
});

const NO_LIMITS: AdmissionRules = { minTaxPerMu: 0, maxEnergyIntensity: Infinity, maxCarbonIntensity: Infinity };
const project = (product?: ProductFacts): ProjectFacts => ({
  energyTce: 1,
  co2T: 1,
  valueAdded: 10,
  tax: 1,
  landMu: 1,
  nationalMajor: false,
  ...(product ? { product } : {}),
});
/** A product at full capacity: capacity 1,000,000 t, energy on the calorific basis (1.229 tce per 10⁴ kWh). */
const facts = (benchmark: ProductBenchmark, o: Partial<ProductFacts> = {}): ProductFacts => ({
  benchmark,
  capacityT: 1e6,
  energyFactor: 1,
  grossTce: 0,
  feedstockTce: 0,
  electricity10kKwh: 0,
  electricityTcePer10kKwh: 1.229,
  ...o,
});

describe('the benchmarks file', () => {
  it('loads, with every level converted to kgce per t and every benchmark at or below its baseline', () => {
    expect(benchmarks.products.size).toBeGreaterThanOrEqual(20);
    expect(ethylene.benchmarkKgcePerT).toBeCloseTo(BENCHMARK, 9);
    expect(ethylene.baselineKgcePerT).toBeCloseTo(BASELINE, 9);
    expect(ethylene.division).toBe('C26');
    expect(ethylene.feedstockIncluded).toBe(false);
    // electricity at the calorific value 0.1229 kgce/kWh = 1.229 tce per 10⁴ kWh
    expect(ethylene.electricityTcePer10kKwh).toBeCloseTo(1.229, 12);
    // refining: 7.5 kgoe per t·energy factor = 10.7145 kgce per t·EF
    const refining = benchmarks.products.get('refining')!;
    expect(refining.perEnergyFactor).toBe(true);
    expect(refining.benchmarkKgcePerT).toBeCloseTo(7.5 * KGCE_PER_KGOE, 9);
    // flat glass: 8.5 kgce per weight box (50 kg) = 170 kgce/t
    expect(benchmarks.products.get('flat_glass_800')!.benchmarkKgcePerT).toBeCloseTo(170, 9);
    // coal-to-methanol counts its feedstock coal; cement clinker is in kgce/t as written
    expect(benchmarks.products.get('coal_methanol')!.feedstockIncluded).toBe(true);
    expect(benchmarks.products.get('cement_clinker')!.baselineKgcePerT).toBe(117);
    for (const p of benchmarks.products.values()) {
      expect(p.benchmarkKgcePerT).toBeGreaterThanOrEqual(0);
      expect(p.benchmarkKgcePerT).toBeLessThanOrEqual(p.baselineKgcePerT);
    }
  });
});

describe('the benchmark test (pure)', () => {
  // An ethylene cracker of 1,000,000 t/a: naphtha feedstock 2,000,000 tce (excluded, as GB 30250 counts
  // fuel, steam and power only), electricity 10,000 × 10⁴ kWh = 12,290 tce (calorific).
  //   at 590 kgoe/t: process energy 842,874 tce → fuel 842,874 − 12,290 = 830,584 tce
  //   at 640 kgoe/t: 914,304 tce → fuel 902,014 tce
  const at = (kgoe: number, o: Partial<ProductFacts> = {}) => {
    const processTce = (kgoe * 1.4286 * 1e6) / 1000;
    return facts(ethylene, { grossTce: processTce + 2e6, feedstockTce: 2e6, electricity10kKwh: 10000, ...o });
  };

  it('an ethylene project at 590 kgoe/t passes the benchmark; at 640 fails it and passes the baseline', () => {
    const rules = (level: 'benchmark' | 'baseline'): AdmissionRules => ({ ...NO_LIMITS, benchmarkLevel: level });
    const [at590] = admissionTests(project(at(590)), rules('benchmark'));
    expect(at590.test).toBe('benchmark');
    expect(at590.value).toBeCloseTo(BENCHMARK, 9);
    expect(at590.limit).toBeCloseTo(BENCHMARK, 9);
    expect(at590.passed).toBe(true);
    const [fails] = admissionTests(project(at(640)), rules('benchmark'));
    expect(fails.value).toBeCloseTo(BASELINE, 9);
    expect(fails.passed).toBe(false);
    const [passes] = admissionTests(project(at(640)), rules('baseline'));
    expect(passes.limit).toBeCloseTo(BASELINE, 9);
    expect(passes.passed).toBe(true);
    // 1 kgoe/t above the baseline fails it
    expect(admissionTests(project(at(641)), rules('baseline'))[0].passed).toBe(false);
    expect(outcomesText([fails])).toBe('单位产品能耗(乙烯, 标杆) 914.3 > 842.9 kgce/t ✗');
    expect(outcomesText([passes])).toBe('单位产品能耗(乙烯, 基准) 914.3 ≤ 914.3 kgce/t ✓');
  });

  it('recounts electricity at the tables’ calorific value whatever the scenario’s basis', () => {
    // primary basis 3.0 tce per 10⁴ kWh: the accounts hold 10,000 × 3.0 = 30,000 tce of electricity,
    // 17,710 tce more than the table counts (10,000 × 1.229); the test takes them off again
    const primary = at(590, { grossTce: (590 * 1.4286 * 1e6) / 1000 + 2e6 + 17710, electricityTcePer10kKwh: 3.0 });
    const [o] = admissionTests(project(primary), { ...NO_LIMITS, benchmarkLevel: 'benchmark' });
    expect(o.value).toBeCloseTo(BENCHMARK, 6);
    expect(o.passed).toBe(true);
  });

  it('counts feedstock where the level does (coal-to-methanol) and takes the energy factor for refining', () => {
    // coal-to-methanol 600,000 t/a: feedstock coal 540,000 tce + fuel and power 300,000 tce = 840,000 tce
    //   → 1,400 kgce/t (feedstock counted): above the benchmark 1,250, below the baseline 1,800
    const methanol = facts(benchmarks.products.get('coal_methanol')!, { capacityT: 6e5, grossTce: 840000, feedstockTce: 540000 });
    const [m] = admissionTests(project(methanol), { ...NO_LIMITS, benchmarkLevel: 'benchmark' });
    expect(m.value).toBeCloseTo(1400, 9);
    expect(m).toMatchObject({ limit: 1250, passed: false });
    // refining 4,000,000 t crude, energy factor 10, 428,580 tce (models/projects/README.md, ZH-P1-REF):
    //   107.145 kgce per t crude against 7.5 × 1.4286 × 10 = 107.145
    const refining = facts(benchmarks.products.get('refining')!, { capacityT: 4e6, energyFactor: 10, grossTce: 428580 });
    const [r] = admissionTests(project(refining), { ...NO_LIMITS, benchmarkLevel: 'benchmark' });
    expect(r.value).toBeCloseTo(107.145, 9);
    expect(r.limit).toBeCloseTo(107.145, 9);
    expect(r.passed).toBe(true);
  });

  it('an energy per t below zero stops the run (feedstock above the energy)', () => {
    const bad = facts(ethylene, { grossTce: 1000, feedstockTce: 2000 });
    expect(() => admissionTests(project(bad), { ...NO_LIMITS, benchmarkLevel: 'benchmark' })).toThrow(
      new ImpossibleValue(msg.benchmarkEnergyImpossible('乙烯', -1)),
    );
  });

  it('is appended after the other tests; no product or no level: no test; national major projects are tested', () => {
    expect(ADMISSION_TESTS).toEqual(['tax_per_mu', 'energy_intensity', 'carbon_intensity', 'benchmark']);
    const all: AdmissionRules = { minTaxPerMu: 0.5, maxEnergyIntensity: 1, maxCarbonIntensity: 1, benchmarkLevel: 'benchmark' };
    expect(admissionTests(project(at(590)), all).map((o) => o.test)).toEqual([
      'tax_per_mu',
      'energy_intensity',
      'carbon_intensity',
      'benchmark',
    ]);
    expect(admissionTests(project(), all).map((o) => o.test)).toEqual(['tax_per_mu', 'energy_intensity', 'carbon_intensity']);
    expect(admissionTests(project(at(640)), NO_LIMITS)).toEqual([]);
    const major = { ...project(at(640)), nationalMajor: true };
    expect(admissionTests(major, all).map((o) => [o.test, o.passed])).toEqual([
      ['tax_per_mu', true],
      ['carbon_intensity', true],
      ['benchmark', false],
    ]);
  });
});

describe('the benchmark test in a run', () => {
  // The 5-firm fixture (STILL: no growth, 2020–2023), one ethylene project of 1,000 t/a starting 2022:
  //   electricity 100 × 10⁴ kWh (122.9 tce calorific), other_tce 2,791.404 of which feedstock 2,000
  //   → energy as the table counts it 122.9 + 791.404 = 914.304 tce → 914.304 kgce/t (640 kgoe/t)
  const head = 'id,name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh,other_tce,feedstock_tce';
  const row = 'ETH,乙烯项目,C2614,2022,10000,40000,2000,100,100,100,2791.404,2000';
  const pipeline = (cols = ',product,capacity_t', cells = ',ethylene,1000') => `${head}${cols}\n${row}${cells}\n`;
  const scenario = (admission: string, benchmarksKey = `benchmarks: ${FILE}\n`, basis = 'calorific') =>
    `${STILL.replace('electricity_basis: calorific', `electricity_basis: ${basis}`)}${benchmarksKey}policies:\n  - { type: new_projects, pipeline: p.csv, admission: ${admission} }\n`;
  const run = (admission: string, csv = pipeline(), benchmarksKey?: string, basis?: string) =>
    runText(scenario(admission, benchmarksKey, basis), 1, 1, { 'p.csv': csv });
  const failure = (admission: string, csv = pipeline(), benchmarksKey?: string) =>
    run(admission, csv, benchmarksKey).then(
      () => 'no error',
      (e: Error) => e.message,
    );
  const events = (r: Awaited<ReturnType<typeof runText>>) => r.events.map((e) => [e.year, r.ids[e.enterprise], e.action, e.detail]);

  it('rejects the project at the benchmark level with the outcome in the event detail, admits it at the baseline', async () => {
    const text = '单位产品能耗(乙烯, 标杆) 914.3 > 842.9 kgce/t ✗';
    expect(events(await run('{ benchmark: benchmark }'))).toEqual([[2022, 'ETH', 'rejected', msg.projectRejectedTests(text)]]);
    // an admitted project's start names the tests it passed
    expect(events(await run('{ benchmark: baseline }'))).toEqual([
      [2022, 'ETH', 'start', '单位产品能耗(乙烯, 基准) 914.3 ≤ 914.3 kgce/t ✓'],
    ]);
    // on the primary electricity basis the accounts differ, the test does not (it recounts at 0.1229 kgce/kWh)
    expect(events(await run('{ benchmark: benchmark }', pipeline(), undefined, 'primary'))).toEqual([
      [2022, 'ETH', 'rejected', msg.projectRejectedTests(text)],
    ]);
    // with the other tests, the benchmark comes last: 2,000 / 100 = 20 万元/亩 ≥ 10
    const both = await run('{ min_tax_per_mu: 10, benchmark: benchmark }');
    expect(both.events[0].detail).toBe(msg.projectRejectedTests(`亩均税收 20.0 ≥ 10.0 万元/亩 ✓; ${text}`));
  });

  it('a project without product is not tested; product columns change nothing without admission.benchmark', async () => {
    const untested = await run('{ benchmark: benchmark }', pipeline(',product,capacity_t', ',,'));
    expect(events(untested)).toEqual([[2022, 'ETH', 'start', '']]);
    const before = await runText(`${STILL}policies:\n  - { type: new_projects, pipeline: p.csv }\n`, 1, 1, {
      'p.csv': `${head}\n${row}\n`,
    });
    const withColumns = await run('{}');
    expect(Array.from(withColumns.values)).toEqual(Array.from(before.values));
  });

  it('names the row and lists the products for an unknown product; checks capacity and energy factor', async () => {
    const products = [...benchmarks.products.keys()];
    const unknown = await failure('{ benchmark: benchmark }', pipeline(',product,capacity_t', ',ethylen,1000'));
    // the row's column, the message naming the file as the run shows it, with every product
    expect(unknown).toContain(`product: ${msg.unknownProduct('ethylen', products, shown(FILE))}`);
    expect(unknown).toContain("(did you mean 'ethylene'?)");
    expect(await failure('{ benchmark: benchmark }', pipeline(',product', ',ethylene'))).toContain(
      `capacity_t: ${msg.productWithoutCapacity('ethylene')}`,
    );
    expect(await failure('{ benchmark: benchmark }', pipeline(',product,capacity_t', ',refining,4000000'))).toContain(
      `energy_factor: ${msg.energyFactorMissing('refining')}`,
    );
    expect(await failure('{ benchmark: benchmark }', pipeline(',product,capacity_t,energy_factor', ',ethylene,1000,10'))).toContain(
      `energy_factor: ${msg.energyFactorNotUsed('ethylene')}`,
    );
    expect(await failure('{}', pipeline(',capacity_t', ',1000'))).toContain(`capacity_t: ${msg.capacityWithoutProduct()}`);
    // without a benchmarks file the cells are not read (nothing uses them)
    expect(await failure('{}', pipeline(',capacity_t', ',1000'), '')).toBe('no error');
  });

  it('admission.benchmark without a benchmarks file is an error with the fix; a missing file is reported as such', async () => {
    expect(await failure('{ benchmark: benchmark }', pipeline(), '')).toContain(
      `policies[0].admission.benchmark: ${msg.benchmarkWithoutFile()}`,
    );
    const missing = await failure('{ benchmark: benchmark }', pipeline(), 'benchmarks: nowhere.yaml\n');
    expect(missing).toContain('benchmarks: benchmarks file not found');
    expect(missing).not.toContain(msg.benchmarkWithoutFile());
  });
});
