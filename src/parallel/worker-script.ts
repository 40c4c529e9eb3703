import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A compiled worker script, for a module under src/<folder>/ or dist/<folder>/ (`moduleUrl`, its
 * import.meta.url): the script beside it when that module runs from dist/, else — the module runs
 * from src/ under a test runner, and a worker needs JavaScript — the built one at dist/`distPath`.
 */
export function compiledScript(moduleUrl: string, distPath: string): URL {
  const here = new URL(`./${distPath.slice(distPath.lastIndexOf('/') + 1)}`, moduleUrl);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL(`../../dist/${distPath}`, moduleUrl);
}
