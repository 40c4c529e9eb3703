import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/actuals/period.js';
import type { Observation, RecordedAction } from '../../src/actuals/types.js';
import { eventsPathFor, rebaseCommand } from '../../src/cli/commands/rebase.js';
import type { Streams } from '../../src/cli/io-streams.js';
import { loadScenario, type ScenarioLoadOptions } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { runDraws } from '../../src/parallel/runner.js';
import { ROOT } from '../helpers.js';

// A small district (electricity only): four 规上 firms and two 规下 in a village cluster; a grade
// column (blank: graded by the model); one signed project landing in 2022.
const REGISTRY = [
  'id,name,sector,town,park,above_scale,land_mu,output,value_added,tax,employees,electricity_10k_kwh,natural_gas_10k_m3,year_built,village_cluster,lsmp,green_factory,grade,year',
  'A1,甲一,C3451,骆驼街道,镇海经济开发区,true,10,4000,1000,100,50,100,5,2010,false,false,municipal,,2020',
  'A2,甲二,C2614,蛟川街道,宁波石化经济技术开发区,true,10,4000,1000,90,50,1000,20,2010,false,false,none,,2020',
  'A3,甲三,C3451,骆驼街道,,true,10,4000,1000,10,50,50,0,2010,false,false,none,,2020',
  'A4,=甲四,C3451,骆驼街道,,true,10,4000,1000,120,50,10,0,2010,false,false,none,,2020',
  'B1,乙一,C3389,澥浦镇,,false,10,400,100,0,10,5,0,2010,true,false,none,,2020',
  'B2,乙二,C3389,澥浦镇,,false,10,400,100,50,10,5,0,2010,true,false,none,,2020',
].join('\n');
const PIPELINE = [
  'id,name,sector,town,park,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh,above_scale',
  'NP-A,新材料项目,C2651,蛟川街道,宁波石化经济技术开发区,2022,500,2000,100,5,20,50,true',
].join('\n');
const EVALUATION = `name: t
title: t
source: test
energy: dual_control
above_scale:
  indicators: { tax_per_mu: { weight: 1, reference: district_average, cap: 2 } }
  grade_shares: { A: 0.5, B: 0, C: 0, D: 0.5 }
below_scale:
  indicators: { tax_per_mu: { weight: 1, reference: district_average, cap: 2 } }
  grade_shares: { A: 0.5, B: 0, C: 0, D: 0.5 }
`;
const head = (registry: string, base: number) => `name: t
registry: ${registry}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: e.yaml
period: { base: ${base}, end: 2025 }
monte_carlo: { draws: 4, seed: 11 }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none }
growth: { value_added: { triangular: [0.02, 0.05, 0.08], per: draw }, energy_elasticity: 0.6, efficiency_gain: 0.01 }
`;
const SCENARIO = `${head('r.csv', 2020)}policies:
  - { type: rectification, groups: [above_scale, below_scale], max_per_year: 1, cooldown_years: 9, dispositions: { close: { share: 1 } } }
  - { type: new_projects, pipeline: p.csv }
`;
const at = { file: 'a.csv', row: 2 };
const ACTIONS: RecordedAction[] = [
  { year: 2021, month: 5, enterpriseId: 'A3', policy: 'rectification', policyIndex: 0, action: 'close', at },
  { year: 2022, month: 6, enterpriseId: 'NP-A', policy: 'new_projects', policyIndex: 1, action: 'start', at },
];
const VALUES: Observation[] = [
  { metric: 'value_added', tracked: false, scope: 'district', period: parsePeriod('2022')!, value: 5200, source: '统计公报', at },
];
const LOAD: ScenarioLoadOptions = { asOf: '2022', actualsData: { values: VALUES, actions: ACTIONS } };

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Streams = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { out, err, io };
};

/** Reads a CSV dcsim wrote, by hand (no quoted cells in these files): header and rows as maps. */
function readCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\n');
  const keys = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [keys[i], c])));
}

/** Metrics of one draw of a scenario in a year. */
async function drawMetrics(path: string, load: ScenarioLoadOptions, draw: number, year: number) {
  const { value, diagnostics } = await loadScenario(path, undefined, load);
  if (!value) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const input = { scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
  const r = await runDraws(input, { seed: 11, draws: [draw], workers: 0, recordDraw: -1 });
  const Y = r.layout.years.length;
  return (m: string) => r.values[r.layout.ids.indexOf(m) * Y + (year - r.layout.years[0])];
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-rebase-'));
  await writeFile(join(dir, 'r.csv'), REGISTRY);
  await writeFile(join(dir, 'p.csv'), PIPELINE);
  await writeFile(join(dir, 'e.yaml'), EVALUATION);
  await writeFile(join(dir, 's.yaml'), SCENARIO);
  return dir;
}

const options = (dir: string, over: Partial<Parameters<typeof rebaseCommand>[0]> = {}) => ({
  scenario: join(dir, 's.yaml'),
  to: 2022,
  out: join(dir, 'registry-2022.csv'),
  draw: 1,
  force: false,
  lang: 'en' as const,
  argv: [],
  load: LOAD,
  ...over,
});

describe('dcsim rebase', () => {
  it('writes the registry of the year: closed firms out, landed projects in, values grown, year column', { timeout: 30_000 }, async () => {
    const dir = await setup();
    const { out, err, io } = capture();
    expect(await rebaseCommand(options(dir), io)).toBe(0);
    expect(err).toEqual([]);
    const rows = readCsv(await readFile(join(dir, 'registry-2022.csv'), 'utf8'));
    const ids = rows.map((r) => r.id);
    expect(ids).not.toContain('A3'); // closed by the recorded action of 2021
    expect(ids).toContain('NP-A');
    expect(rows.every((r) => r.year === '2022')).toBe(true);
    const np = rows.find((r) => r.id === 'NP-A')!;
    expect([np.sector, np.town, np.park, np.year_built, np.above_scale]).toEqual([
      'C2651',
      '蛟川街道',
      '宁波石化经济技术开发区',
      '2022',
      'true',
    ]);
    const a1 = rows.find((r) => r.id === 'A1')!;
    expect([a1.sector, a1.town, a1.park, a1.green_factory]).toEqual(['C3451', '骆驼街道', '镇海经济开发区', 'municipal']);
    expect(Number(a1.value_added)).toBeGreaterThan(1000); // grown (and matched to the observed 2022 VA)
    // the year's grades, as the registry has a grade column; a project landing that year is graded from the next (evaluation runs before the policies)
    expect(rows.filter((r) => r.id !== 'NP-A').every((r) => ['A', 'B', 'C', 'D'].includes(r.grade))).toBe(true);
    expect(np.grade).toBe('');
    expect(rows.find((r) => r.id === 'A4')!.name).toBe("'=甲四"); // formula-like text neutralised
    // district VA of the rebased registry is the observed 2022 value (the run's in-year calibration)
    const va = rows.reduce((s, r) => s + Number(r.value_added), 0);
    expect(va / 5200 - 1).toBeLessThan(0.005);
    expect(out.some((l) => /^\s+value_added\s+[\d,]+\s+observed 5,200/.test(l))).toBe(true);

    const events = readCsv(await readFile(eventsPathFor(join(dir, 'registry-2022.csv')), 'utf8'));
    expect(events.find((e) => e.enterprise_id === 'A3')).toMatchObject({ year: '2021', action: 'close', source: 'actual', draw: '1' });
    expect(events.every((e) => Number(e.year) <= 2022)).toBe(true);
  });

  it(
    'gives a registry that loads with period.base = the year and reproduces the rolled-forward totals exactly',
    { timeout: 30_000 },
    async () => {
      const dir = await setup();
      expect(await rebaseCommand(options(dir), capture().io)).toBe(0);
      await writeFile(join(dir, 'next.yaml'), head('registry-2022.csv', 2022));
      const before = await drawMetrics(join(dir, 's.yaml'), LOAD, 1, 2022);
      const after = await drawMetrics(join(dir, 'next.yaml'), { actuals: null }, 0, 2022);
      for (const m of [
        'energy_tce',
        'dual_control_energy_tce',
        'value_added',
        'above_scale_value_added',
        'land_mu',
        'enterprises',
        'employees',
        'output',
        'tax',
      ])
        expect(Math.abs(after(m) / before(m) - 1), m).toBeLessThan(1e-9);

      // the registry's year must be the scenario's base year
      await writeFile(join(dir, 'old.yaml'), head('registry-2022.csv', 2020));
      const { diagnostics } = await loadScenario(join(dir, 'old.yaml'));
      expect(diagnostics.map((d) => [d.code, d.message])).toContainEqual(['scenario/base-year', msg.baseYearMismatch(2022, 2020)]);
    },
  );

  it(
    'warns when the actuals do not cover the year, and refuses a year outside the period and a bad draw',
    { timeout: 30_000 },
    async () => {
      const dir = await setup();
      const a = capture();
      expect(await rebaseCommand(options(dir, { to: 2023, out: join(dir, 'r23.csv') }), a.io)).toBe(0);
      expect(a.err).toEqual([`⚠ ${msg.rebaseBeyondActuals(2023, '2022')}`]);
      const b = capture();
      expect(await rebaseCommand(options(dir, { to: 2020, out: join(dir, 'x.csv') }), b.io)).toBe(2);
      expect(b.err).toEqual([`--to: ${msg.rebaseYear(2020, 2020, 2025)}`]);
      const c = capture();
      expect(await rebaseCommand(options(dir, { draw: -1, out: join(dir, 'x.csv') }), c.io)).toBe(2);
      expect(c.err).toEqual([msg.rebaseDraw(-1)]);
      const d = capture();
      expect(await rebaseCommand(options(dir, { to: 2023, out: join(dir, 'r23.csv') }), d.io)).toBe(2); // exists, no --force
      expect(d.err[0]).toContain('already exists');
    },
  );
});

describe('dcsim rebase and calibrate on the command line', () => {
  it('takes --to, --out and --draw; without actuals it warns that the registry is a forecast', { timeout: 30_000 }, async () => {
    const { main } = await import('../../src/cli/main.js');
    const dir = await setup();
    await writeFile(join(dir, 'plain.yaml'), head('r.csv', 2020));
    const a = capture();
    const out = join(dir, 'r-2021.csv');
    expect(await main(['rebase', join(dir, 'plain.yaml'), '--to', '2021', '--out', out, '--draw', '2', '--lang', 'en'], a.io)).toBe(0);
    expect(a.err).toEqual([`⚠ ${msg.rebaseBeyondActuals(2021, undefined)}`]);
    expect(a.out[0]).toContain('6 firms in 2021 (draw 2, seed 11)');
    expect(readCsv(await readFile(out, 'utf8'))).toHaveLength(6);
    const b = capture();
    expect(await main(['calibrate', join(dir, 'plain.yaml'), '--out', join(dir, 'c.yaml')], b.io)).toBe(2);
    expect(b.err).toEqual([msg.calibrateNoActuals(join(dir, 'plain.yaml'))]);
  });
});
