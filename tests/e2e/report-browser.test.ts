import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { chartBoxes, haveBrowser, withOfflinePage } from '../support/browser.js';

let out: string;

beforeAll(async () => {
  out = join(await mkdtemp(join(tmpdir(), 'dcsim-report-')), 'run');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'dist/cli/bin.js'), 'run', 'scenarios/zhenhai-2025.yaml', '--draws', '20', '--out', out, '--quiet'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
}, 120_000);

describe('the decision-paper files', { timeout: 60_000 }, () => {
  it('report.md has the scorecard and links every chart PNG', async () => {
    const md = await readFile(join(out, 'report.md'), 'utf8');
    expect(md).toContain('## 目标达成情况');
    expect(md).toMatch(/\| 腾出用能 2021–2025 \| 2021–2025 \| [\d.]+ \[[\d.]+ – [\d.]+\] 万tce \| ≥ 13\.00 万tce \|/);
    for (const m of md.matchAll(/\]\((charts\/[^)]+\.png)\)/g)) expect(existsSync(join(out, m[1])), m[1]).toBe(true);
    expect([...md.matchAll(/\]\(charts\//g)]).toHaveLength(14);
  });

  it.skipIf(!haveBrowser)(
    'report.html opens from disk offline: every chart rendered, no console error, no request left the page',
    async () => {
      const html = await readFile(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script|<link|<img[^>]+src="http|url\(http/i);
      await withOfflinePage(join(out, 'report.html'), async (page, { errors, requests }) => {
        const charts = await chartBoxes(page, 'figure.chart');
        expect(charts).toHaveLength(14);
        for (const c of charts) {
          expect(c.marks).toBeGreaterThan(10);
          expect(c.width).toBeGreaterThan(300);
          expect(c.height).toBeGreaterThan(150);
        }
        expect(await page.locator('#scorecard tr').count()).toBe(17); // a header and the 16 targets of zhenhai-2025 (baseline.yaml)
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      });
    },
  );
});
