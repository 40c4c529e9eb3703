import { spawnSync } from 'node:child_process';
import { lstat, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES, ROOT } from '../helpers.js';

export const BIN = join(ROOT, 'dist/cli/bin.js');

/** Runs the built CLI (npm test builds dist/ first) as a user would. */
export function dcsim(args: readonly string[], o: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: o.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...o.env } });
  return { code: r.status, out: r.stdout, err: r.stderr, first: r.stderr.split('\n')[0] };
}

/**
 * Writes a small scenario (the 5-firm fixture registry, 2020–2022) into `dir`; `registry` picks
 * another fixture registry, `extra` is appended (policies, targets).
 */
export async function smallScenario(dir: string, name = 's', registry = 'registry-small.csv', extra = ''): Promise<string> {
  const path = join(dir, `${name}.yaml`);
  await writeFile(
    path,
    `name: ${name}\nregistry: ${join(FIXTURES, registry)}\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2022 }\nmonte_carlo: { draws: 4, seed: 3 }\n${extra}`,
  );
  return path;
}

/** Every path under `dir` (hidden ones too, links not followed) with its size and mtime: equal snapshots mean nothing was written or changed. */
export async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, rel: string) => {
    for (const name of (await readdir(d)).sort()) {
      const st = await lstat(join(d, name));
      out.push(`${rel}${name} ${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) await walk(join(d, name), `${rel}${name}/`);
    }
  };
  await walk(dir, '');
  return out;
}

/** Entries of `dir` named like dcsim's temporary files and folders. */
export async function temps(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.includes('.dcsim-'));
}
