import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackCommand } from '../../src/cli/commands/track.js';
import { main } from '../../src/cli/main.js';
import type { TrackReport } from '../../src/tracking/track.js';
import { msg } from '../../src/messages/messages.js';
import { capture, scenarioDir, SCENARIO, VALUES } from './fixture.js';

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
  });

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
