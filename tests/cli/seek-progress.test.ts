import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';
import { width } from '../../src/cli/scorecard.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

/** Spawns the built CLI; DCSIM_PROGRESS=1 forces the progress lines a terminal would get. */
function dcsim(args: string[], progress: boolean) {
  const env = { ...process.env };
  delete env.DCSIM_PROGRESS;
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], {
    encoding: 'utf8',
    env: progress ? { ...env, DCSIM_PROGRESS: '1' } : env,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// registry-small.csv: E4 (8 mu) and E5 (5 mu) are the flagged firms; closing both in 2021 frees 13 mu,
// so the search evaluates 0, 1 (both short) and 2 (met): three points of 4 draws
const SCENARIO = `name: s\nregistry: ${join(ROOT, 'tests/fixtures/registry-small.csv')}\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2023 }\ngrowth: { value_added: 0 }\npolicies:\n  - { type: village_cleanup, per_year: 1, dispositions: { close: { share: 1 } } }\ntargets:\n  - { id: land, metric: vacated_land_mu, kind: cumulative, from: 2021, year: 2021, at_least: 13 }\n`;
const PATH = 'policies[village_cleanup].per_year';

// issue #14 item 9: seek is never quiet — a bar per evaluated point, over its draws, on stderr (without
// DCSIM_PROGRESS, on a pipe, stderr stays empty: tests/seek/cli.test.ts checks that). Three spawns of ~4 s
// each on a loaded 2-core machine: a budget of 60 s
describe('dcsim seek progress (spawned)', { timeout: 60_000 }, () => {
  it('shows which point it evaluates and the draws done; --quiet silences it; stdout is unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-seek-progress-'));
    await writeFile(join(dir, 's.yaml'), SCENARIO);
    const args = (out: string, ...more: string[]) => [
      'seek',
      join(dir, 's.yaml'),
      '--target',
      'land',
      '--vary',
      PATH,
      '--draws',
      '4',
      '--workers',
      '0',
      '--out',
      join(dir, out),
      ...more,
    ];
    const en = dcsim(args('en', '--lang', 'en'), true);
    expect(en.code, en.err).toBe(0);
    for (const [n, v] of [
      [1, 0],
      [2, 1],
      [3, 2],
    ])
      expect(en.err).toContain(`${msg.seekProgressPoint('en', n)} · ${PATH} = ${v} [`);
    expect(en.err).toContain('] 4/4 draws');
    expect(en.err).not.toContain('point 4');
    expect(en.err.endsWith('\r\x1b[2K')).toBe(true); // the line is cleared before the results print
    expect(en.out).toContain(msg.seekAnswerIn('en', PATH, '2', 'land', 0.9, false));

    const zh = dcsim(args('zh'), true);
    expect(zh.code, zh.err).toBe(0);
    expect(zh.err).toContain(`第 3 个点 · ${PATH} = 2 [`);

    const quiet = dcsim(args('quiet', '--lang', 'en', '--quiet'), true);
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');
    // the same answer and lines on stdout, bar the folder
    const body = (s: string) => s.replace(/^folder: .*$/m, '');
    expect(body(quiet.out)).toBe(body(en.out));
  });

  it('keeps the bar on one terminal line: a long prefix is cut to the terminal width', () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (written.push(String(s)), true));
    const columns = Object.getOwnPropertyDescriptor(process.stderr, 'columns');
    Object.defineProperty(process.stderr, 'columns', { value: 100, configurable: true });
    try {
      const bar = progressBar(`第 12 个点 · policies[village_cleanup].dispositions.relocate.share = 0.4375 `);
      bar.update(200, 200);
      bar.clear();
    } finally {
      write.mockRestore();
      if (columns) Object.defineProperty(process.stderr, 'columns', columns);
      else delete (process.stderr as { columns?: number }).columns;
    }
    const line = written[0].replace(/^\r/, '').replace(/\x1b\[K$/, '');
    expect(width(line)).toBeLessThanOrEqual(99);
    expect(line).toMatch(/^第 12 个点 · policies\[.*… \[#{30}\] 200\/200 draws/);
    expect(written[1]).toBe('\r\x1b[2K');
  });
});
