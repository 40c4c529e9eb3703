import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT } from '../helpers.js';

/** The first lines of a small valid scenario (5 firms of tests/fixtures), with absolute paths so it runs from any folder. */
export const SCENARIO_HEAD = [
  'name: adversarial',
  `registry: ${join(FIXTURES, 'registry-small.csv')}`,
  `factors: ${join(ROOT, 'models/factors/china.yaml')}`,
  `evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}`,
  'period: { base: 2020, end: 2023 }',
  'monte_carlo: { draws: 20, seed: 7 }',
].join('\n');

/** Writes files into a fresh temp folder and returns it. */
export async function tempFiles(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** Writes `scenario.yaml` (the small scenario head plus `body`) into a temp folder; returns its folder and path. */
export async function scenarioFile(body: string, head = SCENARIO_HEAD): Promise<{ dir: string; file: string }> {
  const dir = await tempFiles({ 'scenario.yaml': `${head}\n${body}\n` });
  return { dir, file: join(dir, 'scenario.yaml') };
}

/** Runs the built CLI (after `npm run build`) in `cwd`. */
export function dcsim(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd, encoding: 'utf8', timeout: 50_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, firstLine: r.stderr.split('\n')[0] };
}

/** Lists a folder recursively with each entry's mtime, to show that nothing was written or changed. */
export async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const s = await stat(join(dir, name));
    out.push(`${name} ${s.mtimeMs}`);
  }
  return out;
}

/** A stack trace in output (never shown for a user's mistake). */
export const STACK = /\n\s+at .+:\d+:\d+/;

/** Runs a dcsim command in this process (fast: no Node start-up), capturing what it prints. */
export async function cli(...args: string[]) {
  const { main } = await import('../../src/cli/main.js');
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n'), firstLine: err.join('\n').split('\n')[0] };
}
