import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { readXlsxStrict, rowValues } from '../support/xlsx-strict.js';

function dcsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// spawned CLI runs: generous timeouts on a loaded 2-core machine
describe('shards and merge', { timeout: 120_000 }, () => {
  it('merging every shard gives the run folder a single run makes (identical summary.json, metrics.csv, events.csv)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-shard-'));
    for (const k of [1, 2, 3])
      expect(
        dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '20', '--shard', `${k}/3`, '--out', join(dir, `p${k}`), '--quiet').code,
      ).toBe(0);
    const merged = dcsim('merge', join(dir, 'p3'), join(dir, 'p1'), join(dir, 'p2'), '--out', join(dir, 'merged'));
    expect(merged.err).toBe('');
    expect(merged.out).toContain(msg.merged(3, 20, join(dir, 'merged')));
    expect(
      dcsim(
        'run',
        'scenarios/zhenhai-2025.yaml',
        '--draws',
        '20',
        '--workers',
        '0',
        '--out',
        join(dir, 'single'),
        '--keep-draws',
        '--no-charts',
      ).code,
    ).toBe(0);
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

    const missing = dcsim('merge', join(dir, 'p1'), join(dir, 'p2'), '--out', join(dir, 'm2'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(msg.shardsIncomplete(3, [1, 2]));
    expect(
      dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '20', '--seed', '9', '--shard', '3/3', '--out', join(dir, 'other'), '--quiet')
        .code,
    ).toBe(0);
    const mixed = dcsim('merge', join(dir, 'p1'), join(dir, 'p2'), join(dir, 'other'), '--out', join(dir, 'm3'));
    expect(mixed.err).toContain('come from different runs (seed, draws or shard count differ)');
    expect(dcsim('merge', join(dir, 'single'), '--out', join(dir, 'm4')).err).toContain(msg.notPartial(join(dir, 'single')));
    expect(dcsim('run', 'scenarios/zhenhai-2025.yaml', '--shard', '4/3').err).toContain(msg.badShard('4/3'));
  });
});

describe('dcsim compare', { timeout: 120_000 }, () => {
  it('compares scenarios on common random numbers and writes comparison.json; a scenario against itself differs by 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-compare-'));
    const r = dcsim(
      'compare',
      'scenarios/zhenhai-2025.yaml',
      'scenarios/zhenhai-2025.yaml',
      'scenarios/closure-led.yaml',
      '--draws',
      '12',
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
    expect(rowValues(wb.sheet('代价与收益'), 2)).toEqual([`2. ${title}`, `1. ${title}`, 0, 0, 0, 0]); // itself: no difference
    const single = JSON.parse(await readFile(join(dir, 'c', '1-zhenhai-2025', 'summary.json'), 'utf8'));
    expect(single.draws).toBe(12);
    const mismatch = dcsim(
      'compare',
      'scenarios/zhenhai-2025.yaml',
      join(ROOT, 'tests/fixtures/scenario-small.yaml'),
      '--draws',
      '2',
      '--out',
      join(dir, 'd'),
    );
    // same period, but another registry: refused unless asked for (tests/adversarial/commands.test.ts)
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toMatch(/^scenarios: zhenhai-2025 and small run on different inputs — registry: /);
  });
});

describe('dcsim seek', { timeout: 120_000 }, () => {
  it('finds the clean-up rate a land target needs on the hand-sized registry (by hand: 2 firms a year)', async () => {
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
