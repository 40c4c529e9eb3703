import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregate, runMeta } from '../../src/engine/aggregate.js';
import type { RunResult } from '../../src/io/run-tables.js';
import { runDraws } from '../../src/parallel/runner.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { FIXTURES, ROOT } from '../helpers.js';

/** A scenario on the 5-firm fixture registry with no growth at all, calorific basis, 2020–2023. */
export const STILL = `name: t
registry: ${join(FIXTURES, 'registry-small.csv')}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2023 }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
`;

/** Loads scenario text (with an optional extra registry CSV) and runs it in-process. */
export async function runText(text: string, draws = 3, seed = 1, extraFiles: Record<string, string> = {}): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-run-'));
  for (const [name, content] of Object.entries(extraFiles)) await writeFile(join(dir, name), content);
  await writeFile(join(dir, 's.yaml'), text);
  const { value, diagnostics } = await loadScenario(join(dir, 's.yaml'));
  if (!value) throw new Error(diagnostics.map((d) => `${d.field}: ${d.message}`).join('\n'));
  const input = { scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
  const r = await runDraws(input, { seed, draws: Array.from({ length: draws }, (_, d) => d), workers: 0, recordDraw: 0 });
  return { ...r, summary: aggregate(runMeta(value.scenario, r.layout), r.layout, r.values, draws, seed, r) };
}

/** Reads draw `d`'s value of a metric in a year. */
export function value(run: Pick<RunResult, 'layout' | 'values'>, metric: string, year: number, d = 0): number {
  const Y = run.layout.years.length;
  const m = run.layout.ids.indexOf(metric);
  if (m < 0) throw new Error(`no metric ${metric}`);
  return run.values[d * run.layout.ids.length * Y + m * Y + (year - run.layout.years[0])];
}

/** Energy of the fixture's E4 (coal 20 t, electricity 30 × 10⁴ kWh), calorific: 20 × 0.7143 + 30 × 1.229. */
export const E4_TCE = 20 * 0.7143 + 30 * 1.229;
