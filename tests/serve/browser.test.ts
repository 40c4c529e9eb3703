// Issue 16's acceptance in a real browser: the workbench page of `dcsim serve` over the shipped
// zhenhai-2025 scenario, driven as an analyst would (slider, pin, upload, save, full run, download),
// in a context where every request to a host other than the server is blocked and recorded. The
// browser sees no CJK font of the system (latinOnlyFonts), so every Chinese glyph on the page must
// come from the font the server ships. `DCSIM_UPDATE_SCREENSHOT=1` saves the screenshot of the
// pinned scorecard as docs/serve.png (the README's).
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { BROWSER_ARGS, CHROMIUM, haveBrowser, latinOnlyFonts, platformFonts } from '../support/browser.js';
import { readXlsxStrict } from '../support/xlsx-strict.js';
import { startServer } from '../../src/serve/server.js';

// openpyxl, the independent reader (Debian's python3-openpyxl; .ci/run sets DCSIM_REQUIRE_OPENPYXL=1)
const PYTHON = '/usr/bin/python3';
const haveOpenpyxl =
  spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0 || process.env.DCSIM_REQUIRE_OPENPYXL === '1';

const SLIDER = '.policy[data-type="village_cleanup"] input[type="range"][data-path$=".per_year"]';
const LAND_ROWS = '#scorecard tr[data-metric="vacated_land_mu"]';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let tmp: string;
const offHost: string[] = [];
const consoleErrors: { text: string; url: string }[] = [];

/** The land targets' probabilities as the scorecard shows them. */
const landProbabilities = () => page.$$eval(LAND_ROWS, (rows) => rows.map((r) => Number(r.getAttribute('data-probability'))));

/** Waits until the scorecard shows the answer to exactly these edits (the preview of the page's current state). */
async function scorecardFor(edits: { set: { path: string; value: unknown }[]; off: number[] }): Promise<void> {
  await page.waitForFunction(
    // a string: the tests are compiled without the DOM's types
    `document.body.dataset.preview === 'ready' && document.querySelector('#scorecard')?.dataset.edits === ${JSON.stringify(JSON.stringify(edits))}`,
    null,
    { timeout: 120_000 },
  );
}

/** Moves the village clean-up's slider to `to` with the keyboard, one step a key press, as a user does. */
async function moveSlider(to: number): Promise<void> {
  const slider = page.locator(SLIDER);
  const step = Number(await slider.getAttribute('step'));
  const steps = Math.round((to - Number(await slider.inputValue())) / step);
  await slider.focus();
  for (let i = 0; i < Math.abs(steps); i++) await slider.press(steps < 0 ? 'ArrowLeft' : 'ArrowRight');
  expect(await slider.inputValue()).toBe(String(to));
}

describe.skipIf(!haveBrowser)('the workbench page in a browser', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'dcsim-web-'));
    server = await startServer({ port: 0, host: '127.0.0.1', workers: 1, lang: 'zh' });
    const { host } = new URL(server.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, env: { ...process.env, ...(await latinOnlyFonts()) }, args: BROWSER_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    // offline except the server: anything else is refused and recorded
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('blob:') || url.startsWith('data:') || new URL(url).host === host) return route.continue();
      offHost.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push({ text: m.text(), url: m.location().url }));
    page.on('pageerror', (e) => consoleErrors.push({ text: e.message, url: '' }));
    await page.goto(server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the shipped zhenhai-2025 and shows its scorecard and fan charts', async () => {
    await page.selectOption('#scenario-select', 'zhenhai-2025');
    await page.click('#open-button');
    await scorecardFor({ set: [], off: [] });
    expect(await page.locator('#scorecard tbody tr').count()).toBe(16); // the 16 targets of zhenhai-2025 (baseline.yaml)
    await page.click('.policy[data-type="village_cleanup"] summary'); // its card opens to show its levers
    expect(await page.locator(SLIDER).inputValue()).toBe('100');
    await page.locator('#charts figure.chart svg').first().waitFor({ timeout: 60_000 });
    expect(await landProbabilities()).toEqual([1, 1]);
  });

  it('moving the village clean-up from 100 to 60 firms a year lowers the land target', async () => {
    await moveSlider(60);
    const path = await page.locator(SLIDER).getAttribute('data-path');
    expect(await page.locator(`input[type="number"][data-path="${path}"]`).inputValue()).toBe('60');
    await scorecardFor({ set: [{ path: path!, value: 60 }], off: [] });
    const land = await landProbabilities();
    expect(Math.min(...land)).toBeLessThan(1);
    expect(await page.locator(`.lever.changed[data-path="${path}"]`).count()).toBe(1);
  });

  it('pinned at 60, moving back to 100 shows the paired difference per target', async () => {
    const pinnedLand = await landProbabilities();
    await page.click('#pin-button');
    await page.waitForSelector('#pins li');
    await moveSlider(100);
    await scorecardFor({ set: [], off: [] });
    await page.waitForSelector('#scorecard td.change');
    const rows = await page.$$eval(LAND_ROWS, (trs) =>
      trs.map((r) => ({
        points: Number(r.querySelector('td.change')?.getAttribute('data-points')),
        text: r.querySelector('td.change')?.textContent,
        difference: r.querySelector('td.difference')?.textContent,
        band: r.querySelector('td.difference')?.getAttribute('title'),
      })),
    );
    const fell = pinnedLand.findIndex((p) => p < 1);
    expect(rows[fell].points).toBeCloseTo((1 - pinnedLand[fell]) * 100, 6);
    // the points between the two percentages as shown (62.5 % shows as 63 %: +37 points, not +38)
    const shown = Math.round(pinnedLand[fell] * 100);
    expect(rows[fell].text).toBe(`${shown} % → 100 %（+${100 - shown} 点）`);
    // 100 firms a year free more land than 60 in every draw: the paired P50 difference is positive
    expect(rows[fell].difference).toMatch(/^\+[\d,]+ 亩$/); // in the target's display unit
    expect(rows[fell].band).toMatch(/^P10–P90: \+[\d,]+ 亩 – \+[\d,]+ 亩$/);
    expect(await page.locator(`.lever.changed`).count()).toBe(0);
  });

  it('draws the page’s Chinese with the shipped font, not as tofu; the screenshot for the README', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.evaluate('document.fonts.ready.then(() => true)');
    for (const selector of ['#heading', '#scorecard th', '#scorecard td.label']) {
      const text = (await page.locator(selector).first().textContent()) ?? '';
      expect(text, selector).toMatch(/[\u4e00-\u9fff]/);
      // one font, the page's, with a glyph for every character (a space where a line wraps is not drawn)
      const fonts = await platformFonts(page, selector);
      expect(
        fonts.map((f) => [f.familyName, f.postScriptName, f.isCustomFont]),
        selector,
      ).toEqual([['Noto Sans SC', 'NotoSansSC-Regular', true]]);
      expect(fonts[0].glyphCount, selector).toBeGreaterThanOrEqual([...text.replace(/\s/g, '')].length);
    }
    // the heading drawn as the page draws it against the same words in a font without Chinese (tofu boxes)
    const heading = await page.locator('#heading').screenshot();
    await page.locator('#heading').evaluate((h) => {
      const tofu = h.cloneNode(true) as typeof h;
      tofu.id = 'tofu';
      tofu.setAttribute('style', 'font-family: "DejaVu Sans"');
      h.after(tofu);
    });
    const tofu = await page.locator('#tofu').screenshot();
    await page.locator('#tofu').evaluate((e) => e.remove());
    expect(heading.equals(tofu)).toBe(false);
    // the README's picture of the page: written to docs/ only when asked, so a test run leaves the tree clean
    const shot = await page.screenshot(process.env.DCSIM_UPDATE_SCREENSHOT === '1' ? { path: join(ROOT, 'docs', 'serve.png') } : {});
    expect([shot.readUInt32BE(16), shot.readUInt32BE(20)]).toEqual([1400, 1000]); // the PNG's IHDR width and height
  });

  it('compares the pin with the current state and seeks the fewest clean-ups a year for the land target', async () => {
    await page.click('#compare-button');
    await page.locator('#compare-table tbody tr').first().waitFor({ timeout: 120_000 });
    expect(await page.locator('#compare-table thead th').allTextContents()).toEqual(['目标', '年份', '对照 1', '当前']);
    expect(await page.locator('#compare-table tbody tr').count()).toBe(16);

    await page.click('#seek-toggle');
    await page.selectOption('#seek-path', (await page.locator(SLIDER).getAttribute('data-path'))!);
    await page.selectOption('#seek-target', 'vacated-land-2023');
    await page.fill('#seek-min', '40');
    await page.fill('#seek-max', '120');
    await page.click('#seek-form button[type="submit"]');
    await page.locator('#seek-chart figure.chart svg').waitFor({ timeout: 240_000 });
    // 60 a year meets it in 63 % of the draws, 100 in all: the answer lies between
    const answer = Number(/的最小取值为 (\d+)/.exec((await page.locator('#seek-answer').textContent()) ?? '')?.[1]);
    expect(answer).toBeGreaterThan(60);
    expect(answer).toBeLessThanOrEqual(100);
  });

  it('a second tab with ?lang=en shows the same workspace in English', async () => {
    const en = await page.context().newPage();
    en.on('console', (m) => m.type() === 'error' && consoleErrors.push({ text: m.text(), url: m.location().url }));
    en.on('pageerror', (e) => consoleErrors.push({ text: e.message, url: '' }));
    try {
      await en.goto(`${server.url}&lang=en`);
      await en.locator('#scorecard tbody tr').first().waitFor({ timeout: 120_000 });
      expect(await en.locator('#heading').textContent()).toBe('dcsim workbench');
      expect(await en.locator('#scorecard thead th').first().textContent()).toBe('Target');
      expect(await en.locator('#pins li').count()).toBe(1);
      expect(await en.locator('.policy[data-type="village_cleanup"] summary').textContent()).toBe('village-cluster clean-up');
    } finally {
      await en.close();
    }
  });

  it('save as scenario: dcsim run of the saved YAML gives the page’s target probabilities', async () => {
    const box = page.locator(SLIDER.replace('range', 'number'));
    await box.fill('80');
    const path = (await page.locator(SLIDER).getAttribute('data-path'))!;
    await scorecardFor({ set: [{ path, value: 80 }], off: [] });
    const shown = await page.$$eval('#scorecard tbody tr', (trs) =>
      trs.map((r) => [r.getAttribute('data-target')!, Number(r.getAttribute('data-probability'))] as const),
    );
    const seed = await page.locator('#scorecard').getAttribute('data-seed');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-button')]);
    const yaml = join(tmp, download.suggestedFilename());
    expect(yaml).toMatch(/\.yaml$/);
    await download.saveAs(yaml);
    expect(await readFile(yaml, 'utf8')).toMatch(/^\s+per_year: 80$/m); // the edit is in the file, not only on the page
    const out = join(tmp, 'saved-run');
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist/cli/bin.js'),
        'run',
        yaml,
        '--draws',
        '200',
        '--seed',
        seed!,
        '--workers',
        '1',
        '--no-charts',
        '--quiet',
        '--out',
        out,
      ],
      { cwd: tmp, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { targets: { id: string; probability: number }[] };
    expect(summary.targets.map((t) => [t.id, t.probability])).toEqual(shown);
  });

  it('a lever resets to the base; a policy switched off leaves the scenario and comes back', async () => {
    const path = (await page.locator(SLIDER).getAttribute('data-path'))!;
    await page.click(`.lever[data-path="${path}"] button.reset`);
    expect(await page.locator(SLIDER).inputValue()).toBe('100');
    await scorecardFor({ set: [], off: [] });
    const village = page.locator('.policy[data-type="village_cleanup"]');
    const index = Number(await village.getAttribute('data-policy'));
    await village.locator('input[type="checkbox"]').uncheck();
    await scorecardFor({ set: [], off: [index] });
    expect(Math.min(...(await landProbabilities()))).toBeLessThan(1);
    await village.locator('input[type="checkbox"]').check();
    await scorecardFor({ set: [], off: [] });
    expect(await landProbabilities()).toEqual([1, 1]);
  });

  it('a full run at 50 draws offers results.xlsx, which the independent readers open', async () => {
    await page.locator('input[type="number"][data-path="monte_carlo.draws"]').fill('50');
    await page.click('#run-button');
    await page.waitForSelector('#run-out[data-status="done"]', { timeout: 240_000 });
    for (const name of ['report.html', 'results.xlsx', 'zip'])
      expect(await page.locator(`#run-files a[data-file="${name}"]`).count(), name).toBe(1);
    // a chart (its name has a folder) and the zip, fetched by their links as a browser would
    for (const [selector, starts] of [
      ['#run-files a[data-file^="charts/"][data-file$=".svg"]', '<svg'],
      ['#run-files a[data-file="zip"]', 'PK'],
    ] as const) {
      const href = (await page.locator(selector).first().getAttribute('href'))!;
      const res = await fetch(new URL(href, server.url));
      expect(res.status, href).toBe(200);
      const head = Buffer.from(await res.arrayBuffer()).toString('latin1', 0, starts.length);
      expect(head, href).toBe(starts);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#run-files a[data-file="results.xlsx"]')]);
    const file = join(tmp, 'results.xlsx');
    await download.saveAs(file);
    const book = readXlsxStrict(await readFile(file));
    expect(book.sheets.map((s) => s.name)).toEqual(['目标', '指标', '事件', '假设']);
    if (haveOpenpyxl) {
      const py = spawnSync(PYTHON, [join(ROOT, 'tests/support/read_xlsx.py'), file], { encoding: 'utf8' });
      expect(py.status, py.stderr).toBe(0);
      const titles = (JSON.parse(py.stdout) as { sheets: { title: string; max_row: number }[] }).sheets.map((s) => [s.title, s.max_row]);
      expect(titles[0]).toEqual(['目标', 17]);
    }
  });

  it('a registry with one bad cell: the problem is listed with its file, row, column and the CLI’s message', async () => {
    const bad = join(tmp, 'bad-registry.csv');
    const lines = (await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'), 'utf8')).split('\n');
    const header = lines[0].replace(/^\uFEFF/, '').split(',');
    const tax = header.indexOf('tax');
    const cells = lines[13].split(','); // spreadsheet row 14
    cells[tax] = '五';
    lines[13] = cells.join(',');
    await writeFile(bad, lines.join('\n'));
    // the CLI's words for the same file
    const dir = join(tmp, 'cli');
    await mkdir(dir);
    await copyFile(bad, join(dir, 'bad-registry.csv'));
    await writeFile(join(dir, 's.yaml'), `extends: ${join(ROOT, 'scenarios/zhenhai-2025.yaml')}\nname: bad\nregistry: bad-registry.csv\n`);
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), 'validate', 's.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(cli.status).toBe(2);

    await page.click('#source-summary'); // the source panel folded when the scenario opened
    await page.setInputFiles('#file-registry', bad);
    await page.click('#open-button');
    const row = page.locator('#diagnostics-table tbody tr').first();
    await row.waitFor({ timeout: 120_000 });
    const cellsShown = await row.locator('td').allTextContents();
    expect(cellsShown.slice(0, 3)).toEqual(['bad-registry.csv', '第 14 行', 'tax']);
    expect(cli.stderr).toContain(`bad-registry.csv row 14, column tax: ${cellsShown[3]}`);
    expect(cellsShown[3]).toContain('"五"');
  });

  it('left no console error and made no request to another host', () => {
    // the API's refusals the page expects are logged by Chromium as failed loads: a preview
    // cancelled by a newer one (409) and the bad registry (422); anything else is an error
    const unexpected = consoleErrors.filter((e) => !(/status of (409|422)/.test(e.text) && /\/api\/(preview|open)/.test(e.url)));
    expect(unexpected).toEqual([]);
    expect(offHost).toEqual([]);
  });
});
