import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';

/**
 * Property-based fuzzing of the whole CLI (issue 9): valid scenarios and registries are mutated
 * — keys, types, numbers (0, −0, huge, NaN text, commas), encodings, list lengths — and every
 * case must end in exit 0 with finite outputs, or exit 2 with a message and nothing written;
 * never exit 1, a stack trace, or a hang past its budget. `npm test` runs a few hundred cases
 * with a fixed seed; `npm run fuzz` runs 10,000 with a random seed (DCSIM_FUZZ_RUNS, and
 * DCSIM_FUZZ_SEED to replay) and prints the seed and counterexample of any failure.
 */

const RUNS = Number(process.env.DCSIM_FUZZ_RUNS ?? 150);
const SEED =
  process.env.DCSIM_FUZZ_SEED !== undefined ? Number(process.env.DCSIM_FUZZ_SEED) : RUNS > 1000 ? Date.now() % 2 ** 31 : 20261128;
const CASE_BUDGET_MS = 20_000;

const HEADER = [
  'id',
  'name',
  'sector',
  'town',
  'park',
  'above_scale',
  'land_mu',
  'output',
  'value_added',
  'tax',
  'employees',
  'coal_t',
  'natural_gas_10k_m3',
  'electricity_10k_kwh',
  'feedstock_tce',
  'year_built',
  'village_cluster',
  'lsmp',
  'grade',
];
const SECTORS = ['C2614', 'C3451', 'C3389', 'C2511', 'D4411', 'C3011', 'C1713'];

/** A small valid registry: a dozen firms over several sectors, flags and grades. */
function baseRegistry(): string[][] {
  return Array.from({ length: 12 }, (_, i) => {
    const big = i % 4 === 0;
    return [
      `F${i + 1}`,
      `企业${i + 1}`,
      SECTORS[i % SECTORS.length],
      ['蛟川街道', '骆驼街道', '澥浦镇'][i % 3],
      i % 2 ? '镇海经济开发区' : '',
      String(i % 3 !== 2),
      String(5 + i * 7),
      String(big ? 40000 + i * 100 : 900 + i * 50),
      String(big ? 9000 + i * 10 : 200 + i * 9),
      String(big ? 2500 : 20 + i),
      String(20 + i * 5),
      big ? String(800 + i) : '',
      String(i % 5),
      String(30 + i * 11),
      big ? '100' : '',
      String(1995 + i * 2),
      String(i % 4 === 3),
      String(i % 5 === 4),
      i === 11 ? 'D' : '',
    ];
  });
}

/** A small valid scenario with growth distributions, two policies and a target. */
function baseScenario(): Record<string, unknown> {
  return {
    name: 'fuzz',
    registry: 'registry.csv',
    registry_year: 2020,
    factors: join(ROOT, 'models/factors/china.yaml'),
    evaluation: join(ROOT, 'models/evaluation/zhejiang-mujun.yaml'),
    period: { base: 2020, end: 2023 },
    monte_carlo: { draws: 3, seed: 1 },
    growth: {
      value_added: { default: { triangular: [0.03, 0.05, 0.07], per: 'draw' }, C26: 0.04 },
      energy_elasticity: 0.6,
      efficiency_gain: 0.01,
    },
    grid_emission_factor: { 2021: 0.55, 2023: 0.52 },
    policies: [
      {
        type: 'rectification',
        grades: ['D'],
        max_per_year: 2,
        dispositions: { upgrade: { share: 0.5, energy_saving: 0.1 }, close: { share: 0.5 } },
      },
      { type: 'village_cleanup', per_year: 1, dispositions: { close: { share: 0.4 }, move_to_park: { share: 0.6, land_factor: 0.6 } } },
    ],
    targets: [{ id: 'e', label: '腾出用能', metric: 'vacated_energy_tce', kind: 'cumulative', from: 2021, year: 2023, at_least: 100 }],
  };
}

const NASTY_VALUES: unknown[] = [
  0,
  -0,
  -1,
  1,
  1.5,
  5,
  1e9,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '1e400',
  'NaN',
  'Infinity',
  '1,5',
  '2,0,0,0,0',
  '',
  'abc',
  'random()',
  'config({relTol: 0.5})',
  'ones(3,3)',
  '1/0',
  true,
  null,
  [],
  {},
  [1, 2, 3],
  { normal: [0.05, 0.8] },
  { triangular: [0.3, 0.1, 0.2], per: 'draw' },
  '__proto__',
  'x'.repeat(300),
];

const NASTY_CELLS = [
  '',
  '1,5',
  '12,34',
  '2,0,0,0,0',
  '1,234,567.8',
  '1e309',
  '-1',
  'NaN',
  '12万',
  '35%',
  '是',
  ' 7 ',
  '0x10',
  '１２',
  '=1+1',
  '0',
  '-0',
  '1e12',
];

type Path = (string | number)[];

/** Every path into a value (maps by key, lists by index), the root excluded. */
function paths(v: unknown, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
}

type ScenarioOp =
  | { op: 'set'; path: number; value: number }
  | { op: 'delete'; path: number }
  | { op: 'rename'; path: number }
  | { op: 'add'; path: number; value: number }
  | { op: 'grow'; path: number };

/** Sets an own property (also `__proto__`, which plain assignment would turn into a prototype change of the test's objects). */
function setOwn(o: object, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations to a copy of the scenario (path and value chosen by index modulo the candidates); never touches shared objects. */
function mutateScenario(base: Record<string, unknown>, ops: ScenarioOp[]): Record<string, unknown> {
  const s = structuredClone(base);
  const nasty = (i: number) => structuredClone(NASTY_VALUES[i % NASTY_VALUES.length]);
  for (const m of ops) {
    const all = paths(s);
    if (all.length === 0) break;
    const path = all[m.path % all.length];
    const parent = path
      .slice(0, -1)
      .reduce<Record<string | number, unknown>>((o, k) => (Object.hasOwn(o, k) ? o[k] : {}) as Record<string | number, unknown>, s);
    const key = path[path.length - 1];
    switch (m.op) {
      case 'set':
        setOwn(parent, key, nasty(m.value));
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'rename':
        if (!Array.isArray(parent)) {
          setOwn(parent, `${String(key)}x`, parent[key]);
          delete parent[key];
        }
        break;
      case 'add':
        if (!Array.isArray(parent)) setOwn(parent, ['__proto__', 'constructor', 'extra', 'prototype'][m.value % 4], nasty(m.value));
        break;
      case 'grow':
        if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
        break;
    }
  }
  return s;
}

type RegistryOp =
  | { op: 'cell'; row: number; col: number; value: number }
  | { op: 'drop-column'; col: number }
  | { op: 'duplicate-row'; row: number }
  | { op: 'truncate'; rows: number };

function mutateRegistry(rows: string[][], header: string[], ops: RegistryOp[]): { header: string[]; rows: string[][] } {
  let h = [...header];
  let r = rows.map((x) => [...x]);
  for (const m of ops) {
    if (m.op === 'cell' && r.length) r[m.row % r.length][m.col % h.length] = NASTY_CELLS[m.value % NASTY_CELLS.length];
    if (m.op === 'drop-column' && h.length > 1) {
      const c = m.col % h.length;
      h = h.filter((_, i) => i !== c);
      r = r.map((x) => x.filter((_, i) => i !== c));
    }
    if (m.op === 'duplicate-row' && r.length) r.push([...r[m.row % r.length]]);
    if (m.op === 'truncate') r = r.slice(0, m.rows % (r.length + 1));
  }
  return { header: h, rows: r };
}

const csvLine = (cells: readonly string[], sep: string) =>
  cells.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep);

/** Encodes the registry as a file: UTF-8 (with or without BOM), UTF-16LE, or with ';' between cells. */
function encodeRegistry(t: { header: string[]; rows: string[][] }, encoding: number): Buffer {
  const sep = encoding === 3 ? ';' : ',';
  const text = [t.header, ...t.rows].map((r) => csvLine(r, sep)).join('\n') + '\n';
  if (encoding === 1) return Buffer.from(`\uFEFF${text}`, 'utf8');
  if (encoding === 2) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(text, 'utf8');
}

const scenarioOp: fc.Arbitrary<ScenarioOp> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), path: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), path: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), path: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), path: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant('grow' as const), path: fc.nat() }),
);
const registryOp: fc.Arbitrary<RegistryOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop-column' as const), col: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate-row' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), rows: fc.nat() }) },
);
const fuzzCase = fc.record({
  scenario: fc.array(scenarioOp, { maxLength: 3 }),
  registry: fc.array(registryOp, { maxLength: 3 }),
  encoding: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
});

const STACK = /\n\s+at .+:\d+:\d+/;

/** Every statistic in a summary's metrics and targets is a finite number (JSON has no NaN: a dropped value is null). */
function finiteSummary(summary: { metrics: Record<string, Record<string, Record<string, number> | null>> }): boolean {
  return Object.values(summary.metrics).every((byYear) =>
    Object.values(byYear).every((s) => s !== null && Object.values(s).every((x) => typeof x === 'number' && Number.isFinite(x))),
  );
}

/** Writes one case into `dir` and runs it in-process; returns the exit code ('hang' past the budget) and stderr. */
async function runCase(dir: string, scenario: Record<string, unknown>, registry: Buffer): Promise<{ code: number | 'hang'; err: string }> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 's.yaml'), stringify(scenario));
  await writeFile(join(dir, 'registry.csv'), registry);
  const lines: string[] = [];
  const io = { out: () => {}, err: (l: string) => void lines.push(l) };
  const run = main(
    ['run', join(dir, 's.yaml'), '--draws', '3', '--workers', '0', '--no-charts', '--quiet', '--keep-draws', '--out', join(dir, 'out')],
    io,
  );
  const code = await Promise.race([run, new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), CASE_BUDGET_MS).unref())]);
  return { code, err: lines.join('\n') };
}

describe('fuzzing the CLI with mutated scenarios and registries', () => {
  it('starts from a valid scenario and registry (exit 0)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-fuzz-base-'));
    const r = await runCase(dir, baseScenario(), encodeRegistry({ header: HEADER, rows: baseRegistry() }, 0));
    expect(r.err.split('\n').filter((l) => l !== '' && !l.includes('warning'))).toEqual([]);
    expect(r.code).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  it(
    `ends every case in exit 0 with finite outputs or exit 2 with a message and nothing written (${RUNS} cases, seed ${SEED})`,
    { timeout: Math.max(120_000, RUNS * 2_000) },
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'dcsim-fuzz-'));
      const base = baseScenario();
      const registry = baseRegistry();
      let k = 0;
      await fc.assert(
        fc.asyncProperty(fuzzCase, async (c) => {
          const dir = join(root, String(k++));
          const out = join(dir, 'out');
          const { code, err } = await runCase(
            dir,
            mutateScenario(base, c.scenario),
            encodeRegistry(mutateRegistry(registry, HEADER, c.registry), c.encoding),
          );
          if (process.env.DCSIM_FUZZ_LOG) console.log(`case ${k}: exit ${String(code)} ${err.split('\n')[0]?.slice(0, 150)}`);
          if (code === 0) {
            const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
            if (!finiteSummary(summary)) throw new Error('exit 0 with a non-finite statistic in summary.json');
            const draws = (await readFile(join(out, 'draws.csv'), 'utf8'))
              .replace(/^\uFEFF/, '')
              .trim()
              .split('\n')
              .slice(1);
            const bad = draws.flatMap((l) => l.split(',')).find((x) => x === '' || !Number.isFinite(Number(x)));
            if (bad !== undefined) throw new Error(`exit 0 with a non-finite per-draw metric in draws.csv: "${bad}"`);
          } else if (code === 2) {
            if (err.trim() === '' || STACK.test(err)) throw new Error(`exit 2 without a clean message: ${err}`);
            if (existsSync(out)) throw new Error('exit 2 but the run folder was written');
          } else throw new Error(`exit ${code}: ${err.split('\n').slice(0, 3).join(' | ')}`);
          await rm(dir, { recursive: true, force: true });
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      await rm(root, { recursive: true, force: true });
      expect(k).toBeGreaterThanOrEqual(RUNS);
    },
  );
});
