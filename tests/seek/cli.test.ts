import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { seekChart } from '../../src/report/seek-chart.js';
import { ROOT } from '../helpers.js';

function dcsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// registry-small.csv: E4 (8 mu) and E5 (5 mu) are the flagged firms; closing both in 2021 frees 13 mu
const scenario = (perYear: number, atLeastMu: number) =>
  `name: s\nregistry: ${join(ROOT, 'tests/fixtures/registry-small.csv')}\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2023 }\ngrowth: { value_added: 0 }\npolicies:\n  - { type: village_cleanup, per_year: ${perYear}, dispositions: { close: { share: 1 } } }\ntargets:\n  - { id: land, metric: vacated_land_mu, kind: cumulative, from: 2021, year: 2021, at_least: ${atLeastMu} }\n`;
const PATH = 'policies[village_cleanup].per_year';
const common = ['--target', 'land', '--vary', PATH, '--draws', '8', '--workers', '0', '--force'];

describe('dcsim seek (spawned)', { timeout: 60_000 }, () => {
  it('without --max expands from the current value (1) and bisects; integer ticks; end_year_at_answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-seek14-'));
    await writeFile(join(dir, 's.yaml'), scenario(1, 13));
    const r = dcsim('seek', join(dir, 's.yaml'), ...common, '--lang', 'en', '--out', join(dir, 'out'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // by hand: 0 fails (nothing closed), 1 fails (8 or 5 mu), 2 meets (13 mu) → answer 2
    expect(r.out).toContain(msg.seekAnswerIn('en', PATH, '2', 'land', 0.9, false));
    const seek = JSON.parse(await readFile(join(dir, 'out', 'seek.json'), 'utf8'));
    expect(seek.answer).toBe(2);
    expect(seek.points.map((p: { value: number }) => p.value)).toEqual([0, 1, 2]);
    expect(seek.end_year_at_answer.employees).toBe(200 + 120 + 80); // E4 and E5 closed
    expect(seek.costs_at_answer).toBeUndefined();
    const svg = await readFile(join(dir, 'out', 'charts', 'seek.svg'), 'utf8');
    expect(svg).not.toMatch(/>0\.5</); // whole-number ticks only: no 0.5 or 1.5 tick labels
    expect(svg).not.toMatch(/>1\.5</);
  });

  it('blames the flag for a bad range', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-seek14-'));
    await writeFile(join(dir, 's.yaml'), scenario(1, 13));
    const r = dcsim('seek', join(dir, 's.yaml'), ...common, '--min', '1', '--max', '0.5', '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg.seekMaxBelowMin(1, 0.5));
    expect(r.err).toContain('--max 0.5 is below --min 1');
  });

  it('says the lever alone cannot meet the target, in zh and en', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-seek14-'));
    await writeFile(join(dir, 's.yaml'), scenario(1, 100)); // only 13 mu can ever be vacated
    for (const lang of ['zh', 'en'] as const) {
      const r = dcsim('seek', join(dir, 's.yaml'), ...common, '--bound', '4', '--lang', lang, '--out', join(dir, lang));
      expect(r.code).toBe(0);
      // 0, 1, 2, 4 evaluated: the bound 4 reached, never met — plateau at 0 %
      expect(r.out).toContain(msg.seekPlateau(lang, PATH, 'land', 0, 4, 0.9, '0 %'));
      expect(r.out).toContain(lang === 'zh' ? '仅靠这一手段无法达成目标' : 'cannot be met by this lever alone');
      const seek = JSON.parse(await readFile(join(dir, lang, 'seek.json'), 'utf8'));
      expect(seek).toMatchObject({ answer: null, plateau: 0, range: [0, 4], bound: 4 });
    }
  });
});

describe('seekChart', () => {
  it('uses integer ticks for a whole-number parameter, and not for a share', () => {
    const pts = [
      { value: 0, probability: 0, p50: 0 },
      { value: 2, probability: 1, p50: 13 },
    ];
    const x = (integer: boolean) =>
      (seekChart(pts, 0.9, PATH, 'land', 2, 'en', integer).spec as { layer: { encoding: { x: { axis?: unknown } } }[] }).layer[0].encoding
        .x;
    expect(x(true).axis).toEqual({ tickMinStep: 1, format: 'd' });
    expect(x(false).axis).toBeUndefined();
  });
});
