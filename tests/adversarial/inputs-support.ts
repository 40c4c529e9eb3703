import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT } from '../helpers.js';

/** Runs the built CLI (`npm run build` first) in `cwd`. */
export function dcsim(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd, encoding: 'utf8', timeout: 50_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, first: r.stderr.split('\n')[0] };
}

/** A fresh temporary folder. */
export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'dcsim-adv-'));

/** The small registry fixture's rows (header first), cells split at commas (it has no quoted cells). */
export function smallRegistry(): string[][] {
  return readFileSync(join(FIXTURES, 'registry-small.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

/** Renders rows as CSV, quoting cells with commas. */
export function toCsvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

/** Writes a scenario naming `registry` (relative to `dir`), with the shipped factors and evaluation model; extra YAML appended. */
export async function writeScenario(dir: string, registry: string, extra = ''): Promise<string> {
  const path = join(dir, 'scenario.yaml');
  await writeFile(
    path,
    [
      'name: adversarial',
      `registry: ${registry}`,
      `factors: ${join(ROOT, 'models/factors/china.yaml')}`,
      `evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}`,
      'period: { base: 2020, end: 2025 }',
      'monte_carlo: { draws: 2, seed: 7 }',
      extra,
    ].join('\n'),
  );
  return path;
}

/** Names and mtimes of a folder's entries: equal before and after means nothing was written or changed. */
export async function snapshot(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await stat(join(dir, name))).mtimeMs;
  return out;
}
