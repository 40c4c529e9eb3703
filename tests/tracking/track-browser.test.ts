import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// .ci/run installs Debian's chromium and sets DCSIM_REQUIRE_BROWSER=1, so CI never skips this
const haveBrowser = existsSync(CHROMIUM) || process.env.DCSIM_REQUIRE_BROWSER === '1';
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
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
      try {
        const page = await (await browser.newContext({ offline: true })).newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
        await page.goto(pathToFileURL(join(out, 'report.html')).href);
        const charts = await page.$$eval('#tracking figure.chart', (figs) =>
          figs.map((f) => {
            const svg = f.querySelector('svg');
            const box = svg?.getBoundingClientRect();
            return { marks: svg?.querySelectorAll('path, rect, text').length ?? 0, width: box?.width ?? 0, height: box?.height ?? 0 };
          }),
        );
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
      } finally {
        await browser.close();
      }
    },
  );
});
