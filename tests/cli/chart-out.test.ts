import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

const dcsim = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// issue #14 item 11: dcsim chart never rewrites a run folder in place without --force; --out writes a copy
describe('dcsim chart --out', { timeout: 180_000 }, () => {
  it('writes the charts and reports beside the run, a run folder of its own; the run is left as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-chart-out-'));
    await writeFile(join(dir, 's.yaml'), `${STILL}targets:\n  - { id: e, metric: energy_tce, year: 2023, at_most: 1e9 }\n`);
    expect(dcsim(['run', 's.yaml', '--draws', '2', '--workers', '0', '--no-charts', '--out', 'run'], dir).code).toBe(0);
    const summary = await readFile(join(dir, 'run', 'summary.json'), 'utf8');
    const refused = dcsim(['chart', 'run'], dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(msg.chartInPlace('run'));
    const c = dcsim(['chart', 'run', '--lang', 'en', '--out', 'en'], dir);
    expect(c.code, c.err).toBe(0);
    expect(c.out).toMatch(/chart files and report\.html, report\.md, results\.xlsx written to en/);
    expect(await readFile(join(dir, 'en', 'summary.json'), 'utf8')).toBe(summary);
    expect(await readFile(join(dir, 'en', 'report.md'), 'utf8')).toContain('## Scenario and assumptions');
    // the run folder got no charts, and the copy is refused a second time without --force
    expect(existsSync(join(dir, 'run', 'charts'))).toBe(false);
    expect(dcsim(['chart', 'run', '--out', 'en'], dir).code).toBe(2);
    expect(dcsim(['chart', 'en', '--out', 'zh'], dir).code).toBe(0); // the copy is a run folder itself
  });
});
