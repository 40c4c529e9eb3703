import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** .ci/run installs Debian's chromium and sets DCSIM_REQUIRE_BROWSER=1, so CI never skips a browser test. */
export const haveBrowser = existsSync(CHROMIUM) || process.env.DCSIM_REQUIRE_BROWSER === '1';

/** Chromium's flags in the tests: no sandbox (CI runs as root), no GPU, no background traffic of its own. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens a local HTML file in headless Chromium with the network off, collecting console errors
 * and every request that left the page; `use` reads the page, the browser closes after it.
 */
export async function withOfflinePage<T>(
  file: string,
  use: (page: Page, seen: { errors: string[]; requests: string[] }) => Promise<T>,
  /** Extra environment of the browser process (e.g. FONTCONFIG_FILE from latinOnlyFonts). */
  env: Record<string, string> = {},
): Promise<T> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, ...env },
    args: BROWSER_ARGS,
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

/**
 * The environment of a browser that sees no CJK font: a fontconfig file of its own (in a fresh temporary
 * folder) that lists only DejaVu's Latin fonts, so Chinese can be drawn only by a font the page embeds.
 */
export async function latinOnlyFonts(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-fonts-'));
  const file = join(dir, 'fonts.conf');
  await writeFile(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n` +
      `  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return { FONTCONFIG_FILE: file };
}

/** The fonts Chromium drew an element's text with (DevTools protocol CSS.getPlatformFontsForNode). */
export async function platformFonts(
  page: Page,
  selector: string,
): Promise<{ familyName: string; postScriptName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element ${selector}`);
    return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
  } finally {
    await cdp.detach();
  }
}
