import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/actuals/period.js';
import type { Observation } from '../../src/actuals/types.js';
import { calibrateCommand } from '../../src/cli/commands/calibrate.js';
import type { Streams } from '../../src/cli/io-streams.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { runDraws } from '../../src/parallel/runner.js';
import { ROOT } from '../helpers.js';

// A district the published series can tell apart: the 规上 firms are all 石化 (P1, P2), the 规下
// ones all 其他 (O1, O2), so 规上 VA fixes the 石化 growth and district VA the 其他 one. No
// policy, no randomness: the "truth" below is one exact path, so the fit can recover it.
const REGISTRY = [
  'id,name,sector,town,park,above_scale,land_mu,output,value_added,tax,employees,electricity_10k_kwh,natural_gas_10k_m3,year',
  'P1,甬海化工有限公司,C2614,蛟川街道,宁波石化经济技术开发区,true,100,40000,10000,3000,200,2000,500,2020',
  'P2,信泰塑料制品厂,C2929,澥浦镇,,true,20,6000,1500,300,60,300,0,2020',
  'O1,宏立机械有限公司,C3451,骆驼街道,,false,30,12000,3000,900,120,150,0,2020',
  'O2,恒华五金加工厂,C3389,骆驼街道,,false,8,800,200,20,10,20,0,2020',
].join('\n');
const scenario = (growth: string) => `name: small-fit
title: 小型校准
registry: registry.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2025 }
monte_carlo: { draws: 2, seed: 7 }
growth: ${growth}
`;
const PRIOR = '{ value_added: 0.05, energy_elasticity: 0.6, efficiency_gain: 0.01 }';
const TRUTH = '{ value_added: { default: 0.02, C26: 0.08, C29: 0.08 }, energy_elasticity: 0.6, efficiency_gain: 0.02 }';
const METRICS = ['value_added', 'above_scale_value_added', 'energy_tce'] as const;

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Streams = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { out, err, io };
};

/** Means of the metrics over 2 draws, per year 2021–2023, of the scenario file at `path`. */
async function means(path: string): Promise<Map<string, number>> {
  const { value, diagnostics } = await loadScenario(path);
  if (!value) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const input = { scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
  const r = await runDraws(input, { seed: 7, draws: [0, 1], workers: 0, recordDraw: -1 });
  const Y = r.layout.years.length;
  const out = new Map<string, number>();
  for (const m of METRICS)
    for (const year of [2021, 2022, 2023]) {
      const i = r.layout.ids.indexOf(m) * Y + (year - 2020);
      out.set(`${m} ${year}`, (r.values[i] + r.values[r.drawSize + i]) / 2);
    }
  return out;
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-calibrate-'));
  await writeFile(join(dir, 'registry.csv'), REGISTRY);
  await writeFile(join(dir, 'truth.yaml'), scenario(TRUTH));
  await writeFile(join(dir, 'prior.yaml'), scenario(PRIOR));
  const truth = await means(join(dir, 'truth.yaml'));
  const values: Observation[] = [...truth].map(([key, v], i) => {
    const [metric, year] = key.split(' ');
    return {
      metric,
      tracked: false,
      scope: 'district',
      period: parsePeriod(year)!,
      value: v,
      source: 'truth',
      at: { file: 'v.csv', row: i + 2 },
    };
  });
  return { dir, truth, values };
}

describe('dcsim calibrate', () => {
  it(
    'recovers the growth of each group from district and 规上 VA, fits energy, and writes a scenario that reproduces the fit',
    { timeout: 60_000 },
    async () => {
      const { dir, truth, values } = await setup();
      const { out, err, io } = capture();
      const outFile = join(dir, 'out', 'calibrated.yaml');
      const code = await calibrateCommand(
        {
          scenario: join(dir, 'prior.yaml'),
          out: outFile,
          draws: 2,
          workers: 0,
          force: false,
          lang: 'en',
          argv: ['calibrate', 'prior.yaml', '--out', 'out/calibrated.yaml'],
          load: { asOf: '2023', actualsData: { values, actions: [] } },
        },
        io,
      );
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const table = out.filter((l) => /^\s+(value_added|above_scale_value_added|energy_tce)\s/.test(l));
      expect(table).toHaveLength(9);
      for (const line of table) {
        // every observed value is within 0.5 % after the fit (the last column)
        const after = Number(line.trim().split(/\s+/).at(-2)!.replace('−', '-').replace('+', ''));
        expect(Math.abs(after)).toBeLessThan(0.5);
      }
      const doc = parse(await readFile(outFile, 'utf8'));
      expect(doc.extends).toBe('../prior.yaml');
      expect(doc.name).toBe('small-fit-calibrated');
      const mode = (v: unknown) => (typeof v === 'number' ? v : (v as { triangular: number[] }).triangular[1]);
      const va = doc.growth.value_added;
      for (const k of ['C25', 'C26', 'C28', 'C29']) expect(mode(va[k])).toBeCloseTo(0.08, 3);
      expect(mode(va.default)).toBeCloseTo(0.02, 3);
      // ε and η are collinear on one energy series: the pull to the prior keeps ε at its 0.6 (the
      // truth's here) and the energy series sets η
      expect(mode(doc.growth.energy_elasticity)).toBeCloseTo(0.6, 2);
      expect(mode(doc.growth.efficiency_gain)).toBeCloseTo(0.02, 3);

      // the written scenario loads and reproduces the observed values (the fitted means) within 1 %
      const again = await means(outFile);
      for (const [key, v] of truth) expect(Math.abs(again.get(key)! / v - 1)).toBeLessThan(0.01);
    },
  );

  it("holds the parameters --fix names at the scenario's values and leaves them out of calibrated.yaml", { timeout: 60_000 }, async () => {
    const { dir, values } = await setup();
    const { err, io } = capture();
    const outFile = join(dir, 'fixed.yaml');
    const code = await calibrateCommand(
      {
        scenario: join(dir, 'prior.yaml'),
        out: outFile,
        draws: 2,
        workers: 0,
        fix: ['energy_elasticity', 'value_added.other'],
        force: false,
        lang: 'en',
        argv: [],
        load: { asOf: '2023', actualsData: { values, actions: [] } },
      },
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = await readFile(outFile, 'utf8');
    const doc = parse(text);
    expect(Object.keys(doc.growth)).toEqual(['value_added', 'efficiency_gain']);
    // the prior's plain 0.05 becomes the default of the sector map (a map replaces a plain number when merged), so 其他 keeps it
    expect(Object.keys(doc.growth.value_added)).toEqual(['default', 'C25', 'C26', 'C28', 'C29']);
    expect(doc.growth.value_added.default).toBe(0.05);
    expect(text).toContain("# held at the scenario's values (--fix): energy_elasticity, value_added.other");
  });

  it('refuses a scenario without actuals, and actuals that complete no year after the base', { timeout: 20_000 }, async () => {
    const { dir, values } = await setup();
    const base = {
      scenario: join(dir, 'prior.yaml'),
      out: join(dir, 'c.yaml'),
      draws: 2,
      workers: 0,
      force: false,
      lang: 'en' as const,
      argv: [],
    };
    const a = capture();
    expect(await calibrateCommand({ ...base, load: { actuals: null } }, a.io)).toBe(2);
    expect(a.err).toEqual([msg.calibrateNoActuals(join(dir, 'prior.yaml'))]);
    const b = capture();
    expect(await calibrateCommand({ ...base, load: { asOf: '2021-06', actualsData: { values, actions: [] } } }, b.io)).toBe(2);
    expect(b.err).toEqual([msg.calibrateNoYear('2021-06', 2020)]);
    const c = capture();
    const townOnly = values.map((v) => ({ ...v, scope: 'town:蛟川街道' }));
    expect(await calibrateCommand({ ...base, load: { asOf: '2023', actualsData: { values: townOnly, actions: [] } } }, c.io)).toBe(2);
    expect(c.err.at(-1)).toContain('no observed annual value in 2021–2023');
    const e = capture();
    expect(
      await calibrateCommand({ ...base, fix: ['energy_elasticty'], load: { asOf: '2023', actualsData: { values, actions: [] } } }, e.io),
    ).toBe(2);
    expect(e.err).toEqual([
      `--fix: ${msg.calibrateUnknownParameter('energy_elasticty', ['value_added.petrochemical', 'value_added.other', 'energy_elasticity', 'efficiency_gain'])}`,
    ]);
    const d = capture();
    await writeFile(join(dir, 'c.yaml'), 'x');
    expect(await calibrateCommand(base, d.io)).toBe(2);
    expect(d.err[0]).toContain('already exists');
  });
});
