import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { SIX_FIRMS } from '../support/six-firms.js';

const BIN = join(ROOT, 'dist/cli/bin.js');
const dcsim = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const REGISTRY = SIX_FIRMS;
const SCENARIO = `name: t
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2023 }
growth: { value_added: { uniform: [0, 0.1] }, energy_elasticity: 0.8 }
actuals: { values: values.csv, actions: actions.csv }
as_of: 2022-06
policies:
  - { type: rectification, groups: [above_scale, below_scale], max_per_year: 1, dispositions: { close: { share: 0.5 }, upgrade: { share: 0.5 } } }
targets:
  - { id: vacated, metric: vacated_energy_tce, kind: cumulative, year: 2023, at_least: 100 }
`;
const VALUES = [
  '指标,范围,期间,数值,单位,来源',
  '规上工业增加值,规上,2021,0.43,亿元,test',
  '腾出用能,,2021,12,tce,test',
  '腾出用能,,2022-Q1,20,tce,test',
].join('\n');
const ACTIONS = [
  '年份,企业编号,政策,处置方式,日期',
  '2021,A4,rectification,关停,2021-05-01',
  '2022,B1,rectification,close,2022-02-01',
].join('\n');

describe('a run with actuals from the command line', { timeout: 120_000 }, () => {
  it('replays, matches and reports the fit; identical for 0 and 2 workers; --as-of moves the cut', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-actuals-cli-'));
    await writeFile(join(dir, 'r.csv'), REGISTRY);
    await writeFile(join(dir, 's.yaml'), SCENARIO);
    await writeFile(join(dir, 'values.csv'), VALUES);
    await writeFile(join(dir, 'actions.csv'), ACTIONS);
    const out: Record<string, [string, string]> = {};
    for (const w of ['0', '2']) {
      const r = dcsim(['run', 's.yaml', '--draws', '16', '--workers', w, '--out', `w${w}`, '--quiet', '--no-charts'], dir);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('实际数据截至 2022-06');
      out[w] = [await readFile(join(dir, `w${w}`, 'summary.json'), 'utf8'), await readFile(join(dir, `w${w}`, 'events.csv'), 'utf8')];
    }
    expect(out['2']).toEqual(out['0']);
    const summary = JSON.parse(out['0'][0]);
    expect(summary.actuals).toMatchObject({ as_of: '2022-06', complete_through: 2021, observations: 3, actions: 2 });
    const fit = summary.actuals.fit[0];
    expect(fit).toMatchObject({ metric: 'above_scale_value_added', year: 2021, observed: 4300, use: 'level' });
    expect(fit.calibrated_p50).toBeCloseTo(4300, 6);
    const events = out['0'][1].split('\n');
    const source = events[0].split(',').indexOf('source');
    expect(source).toBe(15);
    expect(events.filter((l) => l.split(',')[source] === 'actual').map((l) => l.split(',').slice(1, 3).join(' '))).toEqual([
      '2021 A4',
      '2022 B1',
    ]);

    // --as-of 2021: the 2022 action and the 2022 value are left out
    const early = dcsim(
      ['run', 's.yaml', '--draws', '4', '--workers', '0', '--as-of', '2021', '--out', 'early', '--quiet', '--no-charts'],
      dir,
    );
    expect(early.code, early.err).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'early', 'summary.json'), 'utf8')).actuals).toMatchObject({ as_of: '2021', actions: 1 });
    // dcsim track reads the same files: the observed vacated energy to date, the light and the 季度通报
    const track = dcsim(['track', 's.yaml', '--draws', '8', '--workers', '0', '--out', 'track', '--quiet', '--no-charts'], dir);
    expect(track.code, track.err).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'track', 'track.json'), 'utf8'));
    expect(report).toMatchObject({ as_of: '2022-06', has_actuals: true });
    expect(report.targets[0].actuals.map((a: { period: string; value: number }) => [a.period, a.value])).toEqual([
      ['2021', 12],
      ['2022-03', 32],
    ]);
    expect(report.targets[0].quarters.map((q: { quarter: string }) => q.quarter)).toEqual([
      '2021-Q1',
      '2021-Q2',
      '2021-Q3',
      '2021-Q4',
      '2022-Q1',
      '2022-Q2',
    ]);
    const bad = dcsim(['run', 's.yaml', '--as-of', '2021-Q7', '--out', 'bad'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("as_of '2021-Q7' is not a period");
  });
});
