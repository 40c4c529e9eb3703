import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { chartBoxes, haveBrowser, withOfflinePage } from '../support/browser.js';

let out: string;

beforeAll(async () => {
  out = join(await mkdtemp(join(tmpdir(), 'dcsim-track-')), 'track');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'dist/cli/bin.js'), 'track', 'scenarios/zhenhai-2025-tracking.yaml', '--draws', '20', '--out', out, '--quiet'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
}, 180_000);

describe('the monitoring report of the shipped tracking example', { timeout: 60_000 }, () => {
  it.skipIf(!haveBrowser)(
    'report.html opens offline: the 监测预警 section with a 挂图作战 chart per target drawn, the 拟合 table, no error, no request',
    async () => {
      const track = JSON.parse(await readFile(join(out, 'track.json'), 'utf8'));
      const html = await readFile(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script|<link|<img[^>]+src="http|url\(http/i);
      await withOfflinePage(join(out, 'report.html'), async (page, { errors, requests }) => {
        const charts = await chartBoxes(page, '#tracking figure.chart');
        expect(charts.length).toBe(track.targets.length); // tracked: indicators are a table, without a forecast to draw
        for (const c of charts) {
          expect(c.marks).toBeGreaterThan(10);
          expect(c.width).toBeGreaterThan(300);
          expect(c.height).toBeGreaterThan(150);
        }
        expect(await page.locator('#tracking').textContent()).toContain('季度通报');
        expect(await page.locator('#fit tr').count()).toBeGreaterThan(10);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      });
    },
  );
});
