import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { aggregate, type RunMeta } from '../../src/engine/aggregate.js';
import type { MetricLayout } from '../../src/engine/metrics.js';
import { drawsCsv, parseDrawsCsv } from '../../src/io/draws-csv.js';
import { shardDraws } from '../../src/io/partial.js';
import { writeNewFile } from '../../src/io/atomic-write.js';
import { toCsv } from '../../src/io/csv-write.js';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const layout: MetricLayout = { ids: ['vacated_energy_tce', 'value_added_rate'], years: [2020, 2021, 2022], policyKeys: [] };
const meta: RunMeta = {
  scenario: { name: 't', title: 't', description: '' },
  period: { base: 2020, end: 2022 },
  confidence: 0.9,
  policies: [],
  targets: [
    {
      id: 'e',
      label: 'e',
      metric: 'vacated_energy_tce',
      kind: 'cumulative',
      from: 2021,
      year: 2022,
      bound: 'at_least',
      goal: 150,
      confidence: 0.9,
    },
    {
      id: 'r',
      label: 'r',
      metric: 'value_added_rate',
      kind: 'level',
      from: 2020,
      year: 2022,
      bound: 'at_least',
      goal: 0.25,
      confidence: 0.5,
    },
  ],
};

/** 100 draws: vacated energy d in 2021 and 2022 (so the 2021–22 sum is 2d); VA rate 0.2 + d / 1000. */
function values(): Float64Array {
  const v = new Float64Array(100 * 6);
  for (let d = 0; d < 100; d++) {
    v[d * 6 + 1] = d;
    v[d * 6 + 2] = d;
    v.fill(0.2 + d / 1000, d * 6 + 3, d * 6 + 6);
  }
  return v;
}

describe('aggregate', () => {
  it('gives mean and quantiles per metric and year as simple-statistics does', () => {
    const s = aggregate(meta, layout, values(), 100, 1);
    const sorted = Array.from({ length: 100 }, (_, d) => d);
    const q = (p: number) => Number(quantileSorted(sorted, p).toPrecision(10)); // summaries keep 10 significant digits
    expect(s.metrics.vacated_energy_tce['2021']).toEqual({
      mean: 49.5,
      p5: q(0.05),
      p10: q(0.1),
      p50: q(0.5),
      p90: q(0.9),
      p95: q(0.95),
    });
    expect(s.metrics.vacated_energy_tce['2020']).toMatchObject({ mean: 0, p5: 0, p95: 0 });
  });

  it('counts the share of draws that meet each target and sets the status', () => {
    const s = aggregate(meta, layout, values(), 100, 1);
    // 2d ≥ 150 for d ≥ 75: 25 of 100 draws
    expect(s.targets[0]).toMatchObject({ id: 'e', probability: 0.25, status: 'missed', at_least: 150 });
    // 0.2 + d/1000 ≥ 0.25 for d ≥ 50: one half, at the target's own confidence 0.5
    expect(s.targets[1]).toMatchObject({ id: 'r', probability: 0.5, status: 'met' });
  });
});

describe('draws.csv and shards', () => {
  it('round-trips every bit of the metric rows', () => {
    const v = values();
    v[7] = Number.NaN;
    v[8] = 0.1 + 0.2;
    const back = parseDrawsCsv(
      [
        ...drawsCsv(
          layout,
          Array.from({ length: 100 }, (_, d) => d),
          v,
        ).chunks(),
      ].join(''),
      layout,
    )!;
    expect(back.draws).toEqual(Array.from({ length: 100 }, (_, d) => d));
    expect(Array.from(back.values)).toEqual(Array.from(v));
  });

  it('is written a draw at a time, byte for byte the text built whole (toCsv), across many writes', async () => {
    const big: MetricLayout = { ids: ['co2_t', 'energy_tce', 'value_added', '=formula?'], years: [2020, 2021, 2022, 2023], policyKeys: [] };
    const draws = Array.from({ length: 8000 }, (_, d) => 2 * d + 1);
    const size = big.ids.length * big.years.length;
    const v = Float64Array.from({ length: draws.length * size }, (_, i) => (i % 37 === 0 ? Number.NaN : Math.sin(i) * 10 ** (i % 9)));
    // draws.csv as it was built before it was streamed: every row held, one string
    const rows = draws.flatMap((d, i) =>
      big.years.map((year, y) => [
        String(d),
        String(year),
        ...big.ids.map((_, m) => v[i * size + m * big.years.length + y]).map((x) => (Number.isNaN(x) ? '' : String(x))),
      ]),
    );
    const whole = toCsv(['draw', 'year', ...big.ids], rows);
    expect(whole.length).toBeGreaterThan(2 << 20); // more than two writes
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-draws-'));
    await writeNewFile(join(dir, 'draws.csv'), drawsCsv(big, draws, v));
    expect((await readFile(join(dir, 'draws.csv'))).equals(Buffer.from(whole))).toBe(true);
  });

  it('shards cover every draw once, in contiguous blocks', () => {
    const all = [1, 2, 3, 4, 5, 6, 7].flatMap((k) => shardDraws(100, k, 7));
    expect(all).toEqual(Array.from({ length: 100 }, (_, d) => d));
    expect(shardDraws(5, 3, 3)).toEqual([3, 4]);
  });
});
