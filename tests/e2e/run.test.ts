import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { FIXTURES, ROOT } from '../helpers.js';
import { EVENT_COLUMNS } from '../../src/io/run-tables.js';

function dcsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const STACK = /\n\s+at .+:\d+:\d+/;

// Spawned CLI runs on a shared 2-core machine: an explicit budget per test (issue #14 acceptance). Rendering
// the 34 chart files (SVG and PNG) costs most — about 60 s at a load of 11 on 2 cores — so only the tests that look
// at the charts draw them, with few draws.
describe('dcsim run', { timeout: 60_000 }, () => {
  // 12 draws with the charts, then two runs without: about 25 s quiet, 80 s at a load of 11
  it(
    'runs zhenhai-2025, prints the scorecard and writes a complete run folder; never overwrites without --force',
    { timeout: 180_000 },
    async () => {
      const out = join(await mkdtemp(join(tmpdir(), 'dcsim-run-')), 'zh');
      const r = dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '12', '--out', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/腾出用能 2021–2025\s+2021–2025\s+[\d.]+ \[[\d.]+ – [\d.]+\] 万tce\s+≥ 13.00 万tce\s+\d+ %\s+[●◐○]/);
      expect((await readdir(out)).sort()).toEqual([
        'charts',
        'events.csv',
        'manifest.json',
        'metrics.csv',
        'report.html',
        'report.md',
        'results.xlsx',
        'summary.json',
        'targets.csv',
      ]);
      const charts = await readdir(join(out, 'charts'));
      expect(charts).toContain('scorecard.png');
      expect(charts).toContain('fan-vacated_energy_tce.svg');
      // 17 charts × (svg, png): scorecard, a fan per target metric (9), six analysis charts, the dual-control energy fan no target names
      expect(charts).toHaveLength(34);
      const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
      expect(summary.draws).toBe(12);
      expect(summary.scenario.name).toBe('zhenhai-2025');
      expect(summary.metrics.value_added_rate['2020'].p50).toBeCloseTo(0.233, 3);
      expect(summary.targets.map((t: { id: string }) => t.id)).toContain('vacated-energy-2025');
      const events = await readFile(join(out, 'events.csv'), 'utf8');
      expect(events.startsWith(`\uFEFF${EVENT_COLUMNS.map((c) => c.key).join(',')}\n`)).toBe(true);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.inputs.map((i: { file: string }) => i.file)).toContain('models/enterprises/zhenhai-synthetic-2020.csv');
      expect(manifest.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);

      const before = (await stat(join(out, 'summary.json'))).mtimeMs;
      const again = dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '10', '--out', out, '--no-charts');
      expect(again.code).toBe(2);
      expect(again.err).toContain('already exists; choose another --out or add --force');
      expect((await stat(join(out, 'summary.json'))).mtimeMs).toBe(before);
      expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).draws).toBe(12);
      const forced = dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '10', '--out', out, '--force', '--no-charts');
      expect(forced.code).toBe(0);
      expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).draws).toBe(10);
      expect((await readdir(join(out, '..'))).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary folders left
    },
  );

  it('a bad --out and bad numbers are clear errors, nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-run-'));
    await writeFile(join(dir, 'file'), 'x');
    const r = dcsim('run', 'scenarios/baseline.yaml', '--draws', '5', '--out', join(dir, 'file'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg.outputNotFolder(join(dir, 'file')));
    const r2 = dcsim('run', 'scenarios/baseline.yaml', '--draws', '5', '--out', join(dir, 'file', 'sub'));
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/--out: cannot write .*file\/sub/);
    expect(r2.err).not.toMatch(STACK);
    expect(dcsim('run', 'scenarios/baseline.yaml', '--draws', '0').err).toContain(msg.notPositiveInteger(0));
    expect(await readdir(dir)).toEqual(['file']);
  });

  it('--fail-on-miss exits 3 when a target is not met', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'dcsim-run-')), 'b');
    expect(dcsim('run', 'scenarios/baseline.yaml', '--draws', '5', '--out', out, '--fail-on-miss', '--no-charts').code).toBe(3);
  });

  it('a bad pipeline row is reported with file, row and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-run-'));
    await writeFile(
      join(dir, 'p.csv'),
      'name,sector,start_year,value_added,output,tax,land_mu,employees,energy_tce\nP,C39,2022,10,30,5,1,2,-4\n',
    );
    await writeFile(
      join(dir, 's.yaml'),
      `name: s\nregistry: ${join(FIXTURES, 'registry-small.csv')}\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\npolicies:\n  - { type: new_projects, pipeline: p.csv }\n`,
    );
    const r = dcsim('run', join(dir, 's.yaml'), '--draws', '2', '--out', join(dir, 'out'), '--no-charts');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/p\.csv row 2, column energy_tce: -4 is negative/);
  });
});

describe('dcsim chart', () => {
  // a run of 10 draws without charts, then its 34 chart files in English: about 25 s quiet, 80 s at a load of 11
  it('renders the charts of a finished run again in English, without simulating', { timeout: 180_000 }, async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'dcsim-chart-')), 'run');
    expect(dcsim('run', 'scenarios/zhenhai-2025.yaml', '--draws', '10', '--out', out, '--no-charts').code).toBe(0);
    const summary = await readFile(join(out, 'summary.json'), 'utf8');
    // in place only with --force (issue #14 item 11)
    const refused = dcsim('chart', out, '--lang', 'en');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(msg.chartInPlace(out));
    const r = dcsim('chart', out, '--lang', 'en', '--force');
    expect(r.code).toBe(0);
    expect(r.out).toContain(msg.chartsWritten(34, ['report.html', 'report.md', 'results.xlsx'], out));
    expect(await readFile(join(out, 'charts', 'fan-vacated_energy_tce.svg'), 'utf8')).toContain('Energy vacated (cumulative)');
    expect(await readFile(join(out, 'charts', 'top-firms.svg'), 'utf8')).toMatch(/[\u4e00-\u9fff]{2,}有限公司/); // firm names stay as registered
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe(summary);
    expect(dcsim('chart', join(out, 'charts')).err).toContain(msg.chartNotResultFolder(join(out, 'charts')));
  });
});
