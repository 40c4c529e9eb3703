import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { chartBoxes, haveBrowser, latinOnlyFonts, platformFonts, withOfflinePage } from '../support/browser.js';

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
    expect([...md.matchAll(/\]\(charts\//g)]).toHaveLength(17); // zhenhai-2025: scorecard, 9 target fans, 6 analysis charts, 1 key fan no target names;
  });

  it.skipIf(!haveBrowser)(
    'report.html opens from disk offline: every chart rendered, no console error, no request left the page',
    async () => {
      const html = await readFile(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script|<link|<img[^>]+src="http|url\(http/i);
      await withOfflinePage(join(out, 'report.html'), async (page, { errors, requests }) => {
        const charts = await chartBoxes(page, 'figure.chart');
        expect(charts).toHaveLength(17);
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

  // issue #14 item 3: a browser that has no CJK font (its fontconfig lists DejaVu only) draws every
  // Chinese character of the page and of its SVG charts with the font report.html embeds
  it.skipIf(!haveBrowser)('report.html draws Chinese with its embedded font on a machine without CJK fonts', async () => {
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/@font-face \{ font-family: 'Noto Sans SC'; [^}]*url\(data:font\/woff2;base64,/);
    await withOfflinePage(
      join(out, 'report.html'),
      async (page, { errors, requests }) => {
        const faces = '(async () => [...(await document.fonts.ready)].map((f) => `${f.family} ${f.weight} ${f.status}`))()';
        expect(await page.evaluate(faces)).toEqual(['Noto Sans SC 400 loaded', 'Noto Sans SC 700 loaded']);
        expect(errors).toEqual([]); // the page's own, before the DevTools protocol inspects its fonts (below)
        // mark a bold (chart title) and a regular SVG text with Chinese in it, to address them by selector
        await page.$$eval('figure.chart svg text', (all) => {
          const texts = all.filter((t) => /[\u4e00-\u9fff]/.test(t.textContent ?? ''));
          texts.find((t) => t.getAttribute('font-weight') === 'bold')?.setAttribute('data-probe', 'svg-bold');
          texts.find((t) => t.getAttribute('font-weight') !== 'bold')?.setAttribute('data-probe', 'svg-regular');
        });
        const probes = [
          ['h1', 'Bold'],
          ['#scorecard th', 'Bold'],
          ['#scorecard td', 'Regular'],
          ['[data-probe="svg-bold"]', 'Bold'],
          ['[data-probe="svg-regular"]', 'Regular'],
        ] as const;
        for (const [selector, weight] of probes) {
          const text = (await page.locator(selector).first().textContent()) ?? '';
          expect(text, selector).toMatch(/[\u4e00-\u9fff]/);
          // one font only, the embedded one, and a glyph for every character: no fallback, no tofu
          expect(await platformFonts(page, selector), selector).toEqual([
            { familyName: 'Noto Sans SC', postScriptName: `NotoSansSC-${weight}`, isCustomFont: true, glyphCount: [...text].length },
          ]);
        }
        // Chromium 150 logs this console error when the inspection's CSS.enable re-reads the styles of a
        // file: page (the protocol's doing, not the page's: the test above checks the page's life without it)
        const href = pathToFileURL(join(out, 'report.html')).href;
        const inspection = `Unsafe attempt to load URL ${href} from frame with URL ${href}.`;
        expect(errors.filter((e) => !e.startsWith(inspection))).toEqual([]);
        expect(requests).toEqual([]);
      },
      await latinOnlyFonts(),
    );
  });
});
