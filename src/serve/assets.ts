import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES } from '../io/shipped-font.js';

/**
 * The package's root: two folders up from this module, which is dist/serve/assets.js once built
 * (and src/serve/assets.ts under the test runner) — so it holds for a packed install as for the
 * repository.
 */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A file the server sends as it is: its path and content type. */
export interface Asset {
  readonly path: string;
  readonly type: string;
}

const require = createRequire(import.meta.url);

/** A UMD build next to a package's entry point (their `exports` hide the build folder from require.resolve). */
const besideEntry = (pkg: string, file: string) => join(dirname(require.resolve(pkg)), file);

/**
 * Every file the page loads, by the name it is asked for under /assets/: the page's own script and
 * style, vega, vega-lite and vega-embed, and the shipped CJK font (regular). Nothing else is
 * served, and no request names a path: the page works offline, from the package alone.
 */
export function assetTable(root: string = PACKAGE_ROOT): ReadonlyMap<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    ['app.js', { path: join(root, 'dist', 'web', 'app.js'), type: js }],
    ['style.css', { path: join(root, 'web', 'style.css'), type: 'text/css; charset=utf-8' }],
    ['vega.min.js', { path: besideEntry('vega', 'vega.min.js'), type: js }],
    ['vega-lite.min.js', { path: besideEntry('vega-lite', 'vega-lite.min.js'), type: js }],
    ['vega-embed.min.js', { path: besideEntry('vega-embed', 'vega-embed.min.js'), type: js }],
    ['font.ttf', { path: FONT_FILES[0], type: 'font/ttf' }],
  ]);
}

/** The page itself (web/index.html of the package). */
export const pagePath = (root: string = PACKAGE_ROOT) => join(root, 'web', 'index.html');

/** The folder of the shipped scenarios. */
export const scenariosFolder = (root: string = PACKAGE_ROOT) => join(root, 'scenarios');
