import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePeriod } from '../../src/actuals/period.js';
import type { Observation } from '../../src/actuals/types.js';
import type { Streams } from '../../src/cli/io-streams.js';
import { ROOT } from '../helpers.js';

/** A tiny tracked scenario on the small registry: a cumulative vacated-energy target, an energy cap and a tracked indicator. */
export const SCENARIO = `name: track-small
title: 小型监测情景
registry: ${join(ROOT, 'tests/fixtures/registry-small.csv')}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2025 }
monte_carlo: { draws: 6, seed: 5 }
policies:
  - { type: rectification, groups: [above_scale, below_scale], max_per_year: 1, dispositions: { close: { share: 1 } } }
targets:
  - { id: vacated-2025, label: 腾出用能, metric: vacated_energy_tce, kind: cumulative, year: 2025, at_least: 400 }
  - { id: energy-cap, label: 综合能耗, metric: energy_tce, year: 2025, at_most: 1e9 }
tracked:
  - { id: parks, label: 园区数, unit: 个, base: 2, year: 2025, at_least: 7 }
`;

const at = { file: 'values.csv', row: 2 };
/** An observation at district scope, as the loader gives it. */
export const obs = (metric: string, period: string, value: number, tracked = false): Observation => ({
  metric,
  tracked,
  scope: 'district',
  period: parsePeriod(period)!,
  value,
  source: '测试',
  at,
});
/** Actuals to 2022-06: vacated energy 2021 and the first two quarters of 2022; 3 parks in 2021. */
export const VALUES: Observation[] = [
  obs('vacated_energy_tce', '2021', 100),
  obs('vacated_energy_tce', '2022-Q1', 10),
  obs('vacated_energy_tce', '2022-Q2', 20),
  obs('parks', '2021', 3, true),
];

export async function scenarioDir(text = SCENARIO): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-track-'));
  await writeFile(join(dir, 's.yaml'), text);
  return dir;
}

export const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Streams = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { out, err, io };
};
