import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** .ci/run installs Debian's chromium and sets DCSIM_REQUIRE_BROWSER=1, so CI never skips a browser test. */
export const haveBrowser = existsSync(CHROMIUM) || process.env.DCSIM_REQUIRE_BROWSER === '1';

/**
 * Opens a local HTML file in headless Chromium with the network off, collecting console errors
 * and every request that left the page; `use` reads the page, the browser closes after it.
 */
export async function withOfflinePage<T>(
  file: string,
  use: (page: Page, seen: { errors: string[]; requests: string[] }) => Promise<T>,
): Promise<T> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await (await browser.newContext({ offline: true })).newPage();
    const seen = { errors: [] as string[], requests: [] as string[] };
    page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
    page.on('pageerror', (e) => seen.errors.push(e.message));
    page.on('request', (r) => !r.url().startsWith('file:') && seen.requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    return await use(page, seen);
  } finally {
    await browser.close();
  }
}

/** Every `figure.chart` under `selector`: its SVG's mark count and drawn size. */
export function chartBoxes(page: Page, selector: string): Promise<{ marks: number; width: number; height: number }[]> {
  return page.$$eval(selector, (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return { marks: svg?.querySelectorAll('path, rect, text').length ?? 0, width: box?.width ?? 0, height: box?.height ?? 0 };
    }),
  );
}
