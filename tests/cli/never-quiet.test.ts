import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scorecardLegend } from '../../src/cli/scorecard.js';
import { renderCharts } from '../../src/io/render-charts.js';
import { STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

// issue #14 item 9: the header says simulation vs total time, the scorecard says what its marks mean,
// and chart rendering reports its progress
describe('a run that is never quiet', { timeout: 120_000 }, () => {
  it('prints simulation and total time and the legend of the scorecard at the run’s confidence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-quiet-'));
    await writeFile(
      join(dir, 's.yaml'),
      `${STILL}confidence: 0.8\ntargets:\n  - { id: e, metric: energy_tce, year: 2023, at_most: 1e9 }\n`,
    );
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'dist/cli/bin.js'), 'run', 's.yaml', '--draws', '2', '--workers', '0', '--no-charts'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/· 模拟 \d+\.\d s · 合计 \d+\.\d s\n/);
    expect(r.stdout).toContain(scorecardLegend(0.8, 'zh'));
    expect(scorecardLegend(0.8, 'zh')).toBe('● 达成：达成概率 ≥ 80 %（置信水平）· ◐ 有风险：≥ 50 % · ○ 未达成：< 50 %');
  });

  it('reports each chart’s SVG and PNG as it renders', async () => {
    const steps: string[] = [];
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { values: [{ x: 1 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' } },
    };
    await renderCharts([{ id: 'a', title: 'a', spec }], (done, total) => steps.push(`${done}/${total}`));
    expect(steps).toEqual(['1/2', '2/2']);
  });
});
