import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aboveScaleIndicators } from '../../src/accounting/indicators.js';
import { toDivision } from '../../src/domain/sectors.js';
import { buildRegistry } from '../../src/io/registry-build.js';
import { readCsvSheet } from '../../src/io/registry-load.js';
import { toCsv } from '../../src/io/csv-write.js';
import { loadYamlWith } from '../../src/io/yaml-file.js';
import { aggregatesSchema, type AggregatesSpec } from '../../src/synth/aggregates.js';
import { generateRegistry, segmentCounts, SYNTH_COLUMNS } from '../../src/synth/generate.js';
import type { Factors } from '../../src/accounting/factors.js';
import { chinaFactors, ROOT } from '../helpers.js';

let spec: AggregatesSpec;
let factors: Factors;
beforeAll(async () => {
  const path = join(ROOT, 'models/aggregates/zhenhai-2020.yaml');
  const r = await loadYamlWith(aggregatesSchema, path, path, 'aggregates');
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  spec = r.value;
  factors = await chinaFactors();
});

function tableOf(csv: string) {
  const { sheet } = readCsvSheet(csv, 'synthetic.csv');
  const built = buildRegistry('synthetic.csv', sheet!.headers, sheet!.rows);
  expect(built.diagnostics).toEqual([]);
  return built.value!.table;
}

describe('generateRegistry', () => {
  it('reproduces the committed registry byte for byte from seed 2020', async () => {
    const committed = await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'), 'utf8');
    const { rows } = generateRegistry(spec, factors, 1000, 2020);
    expect(toCsv(SYNTH_COLUMNS, rows)).toBe(committed);
  });

  it("the committed registry matches the plan's 2020 figures (方案 表1): VA rate 23.3 % ± 0.2, tax per mu 83.7 ± 1, 规上 VA 650–700 亿元", async () => {
    const t = tableOf(await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'), 'utf8'));
    const ind = aboveScaleIndicators(t);
    expect(Math.abs(ind.valueAddedRate - 0.233)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(ind.taxPerMu - 83.7)).toBeLessThanOrEqual(1);
    expect(ind.valueAdded / 1e4).toBeGreaterThanOrEqual(650);
    expect(ind.valueAdded / 1e4).toBeLessThanOrEqual(700);
  });

  it("has the district's shape: one refinery complex with most feedstock, dozens of chemical and materials plants, hundreds of machinery firms, flagged village firms", async () => {
    const t = tableOf(await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'), 'utf8'));
    const bySector = (d: string) => Array.from(t.sector).filter((s) => t.sectors[s] === d).length;
    expect(bySector('C25')).toBe(1);
    const refinery = Array.from(t.sector).findIndex((s) => t.sectors[s] === 'C25');
    const totalFeed = t.feedstockTce.reduce((a, b) => a + b, 0);
    expect(t.feedstockTce[refinery] / totalFeed).toBeGreaterThan(0.5);
    const heavy = ['C26', 'C28', 'C29', 'C30', 'C31', 'C32'].reduce((s, d) => s + bySector(d), 0);
    expect(heavy).toBeGreaterThanOrEqual(24);
    const machinery = ['C33', 'C34', 'C35', 'C36', 'C38', 'C40'].reduce((s, d) => s + bySector(d), 0);
    expect(machinery).toBeGreaterThanOrEqual(300);
    const village = t.villageCluster.reduce((a, b) => a + b, 0);
    const lsmp = t.lsmp.reduce((a, b) => a + b, 0);
    expect(village).toBeGreaterThanOrEqual(250);
    expect(lsmp).toBeGreaterThanOrEqual(200);
    expect(new Set(t.yearBuilt).size).toBeGreaterThan(20);
  });

  it('calibrates any size: 10,000 firms hold the ratios, VA scales with the count', () => {
    const { rows, summary } = generateRegistry(spec, factors, 10_000, 7);
    expect(rows).toHaveLength(10_000);
    expect(Math.abs(summary.valueAddedRate - 0.233)).toBeLessThan(0.0005);
    expect(Math.abs(summary.taxPerMu - 83.7)).toBeLessThan(0.05);
    expect(summary.aboveScaleValueAdded).toBeCloseTo(6_700_000 * 10, -3);
    const t = tableOf(toCsv(SYNTH_COLUMNS, rows));
    expect(Math.abs(aboveScaleIndicators(t).valueAddedRate - summary.valueAddedRate)).toBeLessThan(1e-9);
  });

  it('another seed gives another registry with the same calibration', () => {
    const a = generateRegistry(spec, factors, 200, 1);
    const b = generateRegistry(spec, factors, 200, 2);
    expect(a.rows).not.toEqual(b.rows);
    expect(Math.abs(b.summary.valueAddedRate - 0.233)).toBeLessThan(0.001);
  });

  it('names stay unique when a segment has more firms than two-syllable names (no endless retry)', () => {
    const one = { ...spec, segments: [{ ...spec.segments[4], name_words: ['机械'], count: 1000 }] };
    const { rows } = generateRegistry(one, factors, 3000, 5);
    expect(new Set(rows.map((r) => r[1])).size).toBe(3000);
  });

  it('every sector code is a valid GB/T 4754 division', () => {
    for (const seg of spec.segments) for (const code of Object.keys(seg.sectors)) expect(toDivision(code), code).toBeDefined();
  });
});

describe('segmentCounts', () => {
  it('splits n in proportion and sums to n; every segment keeps a firm', () => {
    const segs = [{ count: 1 }, { count: 45 }, { count: 954 }] as never;
    expect(segmentCounts(segs, 1000, 1000)).toEqual([1, 45, 954]);
    expect(segmentCounts(segs, 1000, 100)).toEqual([1, 5, 94]);
    const big = segmentCounts(segs, 1000, 100_000);
    expect(big.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(big[0]).toBe(100);
  });
});
