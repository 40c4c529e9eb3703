import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBenchmarks } from '../../src/io/benchmarks-load.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

// The benchmarks file (models/benchmarks/*.yaml, issue 13 §4): bad files give file, line and key.
const FILE = join(ROOT, 'models/benchmarks/china-energy-efficiency-2023.yaml');

const GOOD = `name: t
source: test
electricity_kgce_per_kwh: 0.1229
electricity_source: GB/T 2589-2020
products:
  ethylene:
    label: 乙烯
    sector: C2614
    unit: kgoe/t
    benchmark: 590
    baseline: 640
    feedstock: excluded
    source: test [R]
`;

async function load(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-bench-'));
  const path = join(dir, 'b.yaml');
  await writeFile(path, text);
  return loadBenchmarks(path, 'b.yaml');
}

describe('loadBenchmarks', () => {
  it('reads a good file', async () => {
    const r = await load(GOOD);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.products.get('ethylene')!.benchmarkKgcePerT).toBeCloseTo(590 * 1.4286, 9);
  });

  it('the shipped file agrees with an independent YAML reader: every level as written, benchmark ≤ baseline, a source each', async () => {
    const raw = parse(await readFile(FILE, 'utf8')) as { products: Record<string, Record<string, unknown>> };
    const r = await loadBenchmarks(FILE, 'f');
    const factor: Record<string, number> = { 'kgce/t': 1, 'kgoe/t': 1.4286, 'kgoe/(t·EF)': 1.4286, 'kgce/weight_box': 20 };
    expect([...r.value!.products.keys()]).toEqual(Object.keys(raw.products));
    for (const [key, p] of Object.entries(raw.products)) {
      const got = r.value!.products.get(key)!;
      expect(got.benchmarkKgcePerT).toBeCloseTo((p.benchmark as number) * factor[p.unit as string], 9);
      expect(got.baselineKgcePerT).toBeCloseTo((p.baseline as number) * factor[p.unit as string], 9);
      expect(p.benchmark as number).toBeLessThanOrEqual(p.baseline as number);
      expect(p.source).toMatch(/\[[VR]\]/);
    }
  });

  it('an unknown key, a missing unit, a negative level, a benchmark above the baseline: file, line and key', async () => {
    const unknown = await load(GOOD.replace('    feedstock: excluded', '    feedstock: excluded\n    benchmark_level: 1'));
    expect(unknown.diagnostics[0]).toMatchObject({
      file: 'b.yaml',
      line: 13,
      field: 'products.ethylene.benchmark_level',
      message: expect.stringContaining("unknown key 'benchmark_level'") as string,
    });
    const noUnit = await load(GOOD.replace('    unit: kgoe/t\n', ''));
    expect(noUnit.diagnostics).toHaveLength(1);
    expect(noUnit.diagnostics[0]).toMatchObject({
      file: 'b.yaml',
      field: 'products.ethylene.unit',
      message: msg.benchmarkUnitMissing(['kgce/t', 'kgoe/t', 'kgce/(t·EF)', 'kgoe/(t·EF)', 'kgce/weight_box']),
    });
    expect(noUnit.diagnostics[0].line).toBe(7); // the product's map (its first key), as the key is absent
    const negative = await load(GOOD.replace('benchmark: 590', 'benchmark: -590'));
    expect(negative.diagnostics[0]).toMatchObject({
      file: 'b.yaml',
      line: 10,
      field: 'products.ethylene.benchmark',
      message: msg.tooSmall(-590, 0, true, 'number'),
    });
    const above = await load(GOOD.replace('benchmark: 590', 'benchmark: 700'));
    expect(above.diagnostics).toEqual([
      expect.objectContaining({
        file: 'b.yaml',
        line: 10,
        field: 'products.ethylene.benchmark',
        message: msg.benchmarkAboveBaseline(700, 640, 'kgoe/t'),
      }),
    ]);
    const badUnit = await load(GOOD.replace('unit: kgoe/t', 'unit: kgoe'));
    expect(badUnit.diagnostics[0]).toMatchObject({ line: 9, field: 'products.ethylene.unit' });
    expect(badUnit.diagnostics[0].message).toBe(
      msg.notOneOf('kgoe', ['kgce/t', 'kgoe/t', 'kgce/(t·EF)', 'kgoe/(t·EF)', 'kgce/weight_box']),
    );
    const badSector = await load(GOOD.replace('sector: C2614', 'sector: X99'));
    expect(badSector.diagnostics[0]).toMatchObject({ line: 8, field: 'products.ethylene.sector', message: msg.unknownSector('X99') });
  });
});

describe('the scenario key benchmarks:', () => {
  async function scenario(extra: string, csv: string) {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-bench-'));
    await writeFile(join(dir, 'p.csv'), csv);
    await writeFile(join(dir, 'b.yaml'), GOOD);
    await writeFile(
      join(dir, 's.yaml'),
      `${STILL}${extra}policies:\n  - { type: new_projects, pipeline: p.csv, admission: { benchmark: benchmark } }\n`,
    );
    return loadScenario(join(dir, 's.yaml'));
  }
  const head = 'id,name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh,产品,产能(吨)';

  it('is read relative to the scenario; the pipeline takes the Chinese headers 产品 and 产能(吨)', async () => {
    const r = await scenario('benchmarks: b.yaml\n', `${head}\nP,p,C2614,2022,1000,3000,500,10,20,100,ethylene,1000\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.scenario.files.benchmarks).toMatch(/b\.yaml$/);
    expect(r.value!.inputFiles).toContain(r.value!.scenario.files.benchmarks);
  });

  it('an unknown product names the pipeline file, row and column', async () => {
    const r = await scenario(
      'benchmarks: b.yaml\n',
      `${head}\nP,p,C2614,2022,1000,3000,500,10,20,100,ethylene,1000\nQ,q,C2614,2022,1000,3000,500,10,20,100,cement,1000\n`,
    );
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      row: 3,
      field: '产品',
      message: msg.unknownProduct('cement', ['ethylene'], r.diagnostics[0].message.match(/products of (.*?):/)![1]),
    });
    expect(r.diagnostics[0].file).toMatch(/p\.csv$/);
  });

  it('a product of another division than the project sector is a warning naming both', async () => {
    const r = await scenario('benchmarks: b.yaml\n', `${head}\nP,p,C3985,2022,1000,3000,500,10,20,100,ethylene,1000\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.warnings).toContainEqual(
      expect.objectContaining({ row: 2, field: '产品', severity: 'warning', message: msg.productSectorMismatch('ethylene', 'C26', 'C39') }),
    );
  });
});
