import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { readXlsxStrict, rowValues } from '../support/xlsx-strict.js';

function dcsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** dcsim spawned without waiting: several at once. */
function dcsimAsync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** The same command line in this process: for a refusal, where a node start would cost more than the check. */
async function inProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Spawned CLI runs on a shared 2-core machine: each test does the least work that still shows its property
// and carries its own budget (about 4× its time on a quiet machine, issue #14 acceptance). A node start and
// the zhenhai-2025 registry cost far more than a draw, and rendering the charts most of all: the draws are
// few and nothing renders a chart that is not looked at.
describe('shards and merge', () => {
  // 6 draws in 3 shards of 2 and a single run side by side, merged without charts (5 spawns), the refusals in
  // this process: about 12 s quiet, 30 s at a load of 9 on 2 cores
  it(
    'merging every shard gives the run folder a single run makes (identical summary.json, metrics.csv, events.csv)',
    { timeout: 90_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dcsim-shard-'));
      // the three shards and the single run at once, as shards are meant to run
      const runs = await Promise.all([
        ...[1, 2, 3].map((k) =>
          dcsimAsync('run', 'scenarios/zhenhai-2025.yaml', '--draws', '6', '--shard', `${k}/3`, '--out', join(dir, `p${k}`), '--quiet'),
        ),
        dcsimAsync(
          'run',
          'scenarios/zhenhai-2025.yaml',
          '--draws',
          '6',
          '--workers',
          '0',
          '--out',
          join(dir, 'single'),
          '--keep-draws',
          '--no-charts',
        ),
      ]);
      for (const r of runs) expect(r.code, r.err).toBe(0);
      // the charts of a merged run are tested in tests/e2e/run.test.ts ('dcsim chart'): none here
      const merged = dcsim('merge', join(dir, 'p3'), join(dir, 'p1'), join(dir, 'p2'), '--out', join(dir, 'merged'), '--no-charts');
      expect(merged.err).toBe('');
      expect(merged.out).toContain(msg.merged(3, 6, join(dir, 'merged')));
      for (const f of ['summary.json', 'metrics.csv', 'targets.csv', 'events.csv']) {
        expect(await readFile(join(dir, 'merged', f), 'utf8'), f).toBe(await readFile(join(dir, 'single', f), 'utf8'));
      }
      // the shards' draws.csv together are the single run's draws.csv
      const body = async (p: string) =>
        (await readFile(p, 'utf8'))
          .replace(/^\uFEFF/, '')
          .split('\n')
          .slice(1)
          .filter(Boolean);
      const shards = [
        ...(await body(join(dir, 'p1', 'draws.csv'))),
        ...(await body(join(dir, 'p2', 'draws.csv'))),
        ...(await body(join(dir, 'p3', 'draws.csv'))),
      ];
      expect(shards).toEqual(await body(join(dir, 'single', 'draws.csv')));

      // the refusals in this process: the same command line without a node start each (the merge reads only partial.json)
      const missing = await inProcess('merge', join(dir, 'p1'), join(dir, 'p2'), '--out', join(dir, 'm2'));
      expect(missing.code).toBe(2);
      expect(missing.err).toContain(msg.shardsIncomplete(3, [1, 2]));
      const zh = join(ROOT, 'scenarios/zhenhai-2025.yaml');
      const other = ['--seed', '9', '--shard', '3/3', '--workers', '0', '--out', join(dir, 'other'), '--quiet'];
      expect((await inProcess('run', zh, '--draws', '6', ...other)).code).toBe(0);
      const mixed = await inProcess('merge', join(dir, 'p1'), join(dir, 'p2'), join(dir, 'other'), '--out', join(dir, 'm3'));
      expect(mixed.err).toContain('come from different runs (seed, draws or shard count differ)');
      expect((await inProcess('merge', join(dir, 'single'), '--out', join(dir, 'm4'))).err).toContain(msg.notPartial(join(dir, 'single')));
      expect((await inProcess('run', zh, '--shard', '4/3')).err).toContain(msg.badShard('4/3'));
    },
  );
});

describe('dcsim compare', () => {
  // three scenarios of 4 draws with the comparison charts (the report is looked at), then a refused pair: about 20 s quiet
  it(
    'compares scenarios on common random numbers and writes comparison.json; a scenario against itself differs by 0',
    { timeout: 90_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dcsim-compare-'));
      const r = dcsim(
        'compare',
        'scenarios/zhenhai-2025.yaml',
        'scenarios/zhenhai-2025.yaml',
        'scenarios/closure-led.yaml',
        '--draws',
        '4',
        '--out',
        join(dir, 'c'),
      );
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/腾出用能 2021–2025\s+[●◐○] \d+ %\s+[●◐○] \d+ %\s+[●◐○] \d+ %/);
      const c = JSON.parse(await readFile(join(dir, 'c', 'comparison.json'), 'utf8'));
      expect(c.scenarios.map((s: { name: string }) => s.name)).toEqual(['zhenhai-2025', 'zhenhai-2025', 'closure-led']);
      expect(c.cumulative.vacated_energy_tce.difference[1]).toEqual({ mean: 0, p10: 0, p50: 0, p90: 0 });
      expect(c.cumulative.vacated_energy_tce.difference[2].p50).toBeGreaterThan(0);
      const html = await readFile(join(dir, 'c', 'report.html'), 'utf8');
      expect(html).toContain('<table id="targets">');
      expect([...html.matchAll(/<figure id="chart-/g)]).toHaveLength(7);
      expect(await readFile(join(dir, 'c', 'report.md'), 'utf8')).toContain('](charts/compare-probability.png)');
      const wb = readXlsxStrict(await readFile(join(dir, 'c', 'results.xlsx')));
      expect(wb.sheets.map((w) => w.name)).toEqual(['目标对比', '代价与收益', '配对差值', '假设对比']);
      const title = c.scenarios[0].title;
      // itself: no difference, said in words
      expect(rowValues(wb.sheet('代价与收益'), 2)).toEqual([
        `2. ${title}`,
        'zhenhai-2025',
        `1. ${title}`,
        0,
        0,
        0,
        0,
        `2. ${title} 较 1. ${title}：腾出用能不变，2025 年增加值不变，税收不变，就业不变`,
      ]);
      const single = JSON.parse(await readFile(join(dir, 'c', '1-zhenhai-2025', 'summary.json'), 'utf8'));
      expect(single.draws).toBe(4);
      const mismatch = await inProcess(
        'compare',
        join(ROOT, 'scenarios/zhenhai-2025.yaml'),
        join(ROOT, 'tests/fixtures/scenario-small.yaml'),
        '--draws',
        '2',
        '--out',
        join(dir, 'd'),
      );
      // same period, but another registry: refused unless asked for (tests/adversarial/commands.test.ts)
      expect(mismatch.code).toBe(2);
      expect(mismatch.err).toMatch(/^scenarios: zhenhai-2025 and small run on different inputs — registry: /);
    },
  );
});

describe('dcsim seek', () => {
  // the hand-sized registry, 7 points of 4 draws and one chart: about 5 s quiet
  it('finds the clean-up rate a land target needs on the hand-sized registry (by hand: 2 firms a year)', { timeout: 30_000 }, async () => {
    // E4 (8 mu) and E5 (5 mu) are the flagged firms; closing both in 2021 frees 13 mu — per_year 2
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-seek-'));
    await writeFile(
      join(dir, 's.yaml'),
      `name: s\nregistry: ${join(ROOT, 'tests/fixtures/registry-small.csv')}\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2023 }\ngrowth: { value_added: 0 }\npolicies:\n  - { type: village_cleanup, per_year: 0, dispositions: { close: { share: 1 } } }\ntargets:\n  - { id: land, metric: vacated_land_mu, kind: cumulative, from: 2021, year: 2021, at_least: 13 }\n`,
    );
    const r = dcsim(
      'seek',
      join(dir, 's.yaml'),
      '--target',
      'land',
      '--vary',
      'policies[village_cleanup].per_year',
      '--min',
      '0',
      '--max',
      '10',
      '--draws',
      '4',
      '--workers',
      '0',
      '--out',
      join(dir, 'out'),
    );
    expect(r.err).toBe('');
    expect(r.out).toContain(msg.seekAnswerIn('zh', 'policies[village_cleanup].per_year', '2', 'land', 0.9, false));
    const seek = JSON.parse(await readFile(join(dir, 'out', 'seek.json'), 'utf8'));
    expect(seek).toMatchObject({ answer: 2, monotone: true, assumption: 'probability rises with the value' });
    expect(seek.points.map((p: { value: number; probability: number }) => [p.value, p.probability])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
      [5, 1],
      [8, 1],
      [10, 1],
    ]);
    expect(seek.end_year_at_answer.employees).toBe(200 + 120 + 80); // E4 and E5 closed
  });
});
