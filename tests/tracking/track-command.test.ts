import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackCommand } from '../../src/cli/commands/track.js';
import { main } from '../../src/cli/main.js';
import type { TrackReport } from '../../src/tracking/track.js';
import { msg } from '../../src/messages/messages.js';
import { Ajv } from 'ajv';
import { trackCharts } from '../../src/tracking/charts.js';
import { ROOT } from '../helpers.js';
import { capture, scenarioDir, SCENARIO, VALUES } from './fixture.js';

/** The workbook's sheets as openpyxl (an independent XLSX reader) sees them. */
function openpyxl(file: string): { title: string; max_row: number; rows: { value: unknown }[][] }[] {
  const r = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/support/read_xlsx.py'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openpyxl could not open ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout).sheets;
}
const HAS_OPENPYXL =
  spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0 || process.env.DCSIM_REQUIRE_OPENPYXL === '1';
const vegaSchema = JSON.parse(readFileSync(join(ROOT, 'node_modules/vega-lite/build/vega-lite-schema.json'), 'utf8'));

// The command end to end on the tiny fixture, with the actuals injected already checked
// (`load.actualsData`): the actuals loader (src/io/actuals-load.ts) is the lead's and lands
// separately, so the CLI's --actuals path is not exercised here.
const LOAD = { asOf: '2022-06', actualsData: { values: VALUES, actions: [] } };

describe('dcsim track', () => {
  it('writes a run folder with track.json and prints the lights', { timeout: 60_000 }, async () => {
    const dir = await scenarioDir();
    const { out, err, io } = capture();
    const code = await trackCommand(
      { scenario: join(dir, 's.yaml'), out: join(dir, 'out'), force: false, workers: 0, draws: 6, lang: 'zh', argv: [], load: LOAD },
      io,
    );
    expect(err.join('\n')).not.toMatch(/error/i);
    expect(code).toBe(0);
    for (const f of ['summary.json', 'track.json', 'results.xlsx', 'report.html', 'report.md'])
      expect(existsSync(join(dir, 'out', f))).toBe(true);
    const r = JSON.parse(await readFile(join(dir, 'out', 'track.json'), 'utf8')) as TrackReport;
    expect(r.as_of).toBe('2022-06');
    const v = r.targets.find((t) => t.id === 'vacated-2025')!;
    // running sum: 100 in 2021, then 100 + 10 + 20 by June 2022
    expect(v.actuals.map((a) => [a.period, a.value])).toEqual([
      ['2021', 100],
      ['2022-06', 130],
    ]);
    expect(v.plan[0]).toEqual({ year: 2020, value: 0 });
    expect(v.plan.at(-1)).toEqual({ year: 2025, value: 400 });
    expect(v.quarters.map((q) => q.quarter)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4', '2022-Q1', '2022-Q2']);
    expect(v.probability.start).toBeGreaterThanOrEqual(0);
    expect(r.tracked[0].actual?.value).toBe(3);
    expect(out.join('\n')).toMatch(/监测预警 · 截至 2022-06/);
    expect(out.join('\n')).toMatch(/腾出用能/);

    // results.xlsx read back with openpyxl: 预警, 季度通报 and (the 2021 value is fitted) 拟合
    // (skipped on a machine without openpyxl, as the other workbook checks; .ci/run installs it and requires it)
    if (HAS_OPENPYXL) {
      const sheets = openpyxl(join(dir, 'out', 'results.xlsx'));
      const sheet = (name: string) => sheets.find((x) => x.title === name)!;
      expect(sheets.map((x) => x.title)).toEqual(expect.arrayContaining(['预警', '季度通报', '拟合']));
      const q = sheet('季度通报');
      expect(q.rows[0].map((c) => c.value)).toEqual([
        '目标',
        '季度',
        '单位',
        '年度任务',
        '年内累计完成',
        '完成进度',
        '序时进度',
        '进度比',
        '预警',
      ]);
      // 2021-Q1: the year's task is a fifth of 400 tce (0.008 万tce); nothing observed for the quarter: empty cells
      expect(q.rows[1].map((c) => c.value)).toEqual(['腾出用能', '2021-Q1', '万tce', 0.008, null, null, 0.25, null, null]);
      // 2022-Q1 (row 6): 10 tce of a task of 80 → 12.5 % against 25 % expected, ratio 0.5 → 红灯
      const q1 = q.rows.length > 5 ? q.rows[5].map((c) => c.value) : [];
      expect(q1.slice(0, 2)).toEqual(['腾出用能', '2022-Q1']);
      expect(q1[4]).toBeCloseTo(0.001, 10);
      expect(q1[5]).toBeCloseTo(0.125, 10);
      expect(q1[8]).toBe('红灯');
      const w = sheet('预警');
      expect(w.rows.map((r) => r[0].value)).toEqual(['目标/指标', '腾出用能', '综合能耗', '园区数']);
      expect(w.rows[3][4].value).toBe(3);
    }

    // report.html: the 监测预警 section with its tables and charts, no script
    const html = await readFile(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<section id="tracking">');
    expect(html).toContain('id="track-quarterly"');
    expect(html).toContain('id="chart-track-vacated-2025"');
    expect(html).toContain('<section id="fit">');
    expect(html).not.toMatch(/<script/i);
    expect(existsSync(join(dir, 'out', 'charts', 'track-vacated-2025.svg'))).toBe(true);
    expect(await readFile(join(dir, 'out', 'report.md'), 'utf8')).toContain('## 监测预警');

    // the 挂图作战 charts validate against vega-lite's schema in both languages
    const validate = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(vegaSchema);
    for (const lang of ['zh', 'en'] as const)
      for (const c of trackCharts(r, lang))
        expect(validate(c.spec), `${c.id} ${lang}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  });

  it(
    'runs from the command line without actuals: tracked from the base year, probability at the start = now',
    { timeout: 60_000 },
    async () => {
      const dir = await scenarioDir();
      const { out, io } = capture();
      const args = [
        'track',
        join(dir, 's.yaml'),
        '--out',
        join(dir, 'out'),
        '--workers',
        '0',
        '--draws',
        '3',
        '--no-charts',
        '--lang',
        'en',
        '--quiet',
      ];
      expect(await main(args, io)).toBe(0);
      const r = JSON.parse(await readFile(join(dir, 'out', 'track.json'), 'utf8')) as TrackReport;
      expect(r).toMatchObject({ as_of: '2020', has_actuals: false });
      expect(r.targets.every((t) => t.probability.start === t.probability.now && t.quarters.length === 0)).toBe(true);
      expect(out.join('\n')).toContain('Monitoring and warnings · no actuals: tracked from the base year');
      expect(existsSync(join(dir, 'out', 'report.html'))).toBe(false);
    },
  );

  it('refuses a scenario with nothing to track, before running, and writes nothing', { timeout: 30_000 }, async () => {
    const dir = await scenarioDir(SCENARIO.replace(/targets:[\s\S]*$/, ''));
    const { err, io } = capture();
    expect(await main(['track', join(dir, 's.yaml'), '--out', join(dir, 'out'), '--workers', '0', '--draws', '2'], io)).toBe(2);
    expect(err.join('\n')).toContain(msg.trackNothing(join(dir, 's.yaml')));
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a bad --draws before loading anything', { timeout: 30_000 }, async () => {
    const dir = await scenarioDir();
    await writeFile(join(dir, 'x'), '');
    const { io } = capture();
    expect(await main(['track', join(dir, 's.yaml'), '--out', join(dir, 'out'), '--draws', '0'], io)).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
