import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFailureExit } from '../../src/cli/output.js';
import { chartCommand } from '../../src/cli/commands/chart.js';
import { mergeCommand } from '../../src/cli/commands/merge.js';
import { runCommand } from '../../src/cli/commands/run.js';
import type { Streams } from '../../src/cli/io-streams.js';
import { compareHtml, compareMarkdown } from '../../src/report/compare-report.js';
import type { Comparison } from '../../src/engine/compare.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { BIN, dcsim, smallScenario, snapshot } from './support-outputs.js';

const AGG = join(ROOT, 'models/aggregates/zhenhai-2020.yaml');

/** Runs a command in this process (faster than spawning the CLI) and returns its exit code and stderr's first line. */
async function inProcess(command: (io: Streams) => Promise<number>) {
  const err: string[] = [];
  const code = await command({ out: () => undefined, err: (l) => err.push(l) });
  return { code, first: err.join('\n').split('\n')[0] ?? '' };
}

describe('write failures are exit 2 with the path and the reason', { timeout: 60_000 }, () => {
  it('synth under a file-size limit (EFBIG): exit 2, no file and no temporary file left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-cmd-'));
    const out = join(dir, 'r.csv');
    const r = spawnSync('sh', ['-c', `ulimit -f 8 && exec "${process.execPath}" "${BIN}" synth --aggregates "${AGG}" --out "${out}"`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`--out: ${msg.cannotWrite(out, msg.ioReason('EFBIG', ''))}`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('run under a file-size limit (EFBIG): exit 2 naming the run folder, no run folder and no temporary folder left', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-cmd-'));
    const s = await smallScenario(work);
    const out = join(work, 'out');
    const r = spawnSync(
      'sh',
      ['-c', `ulimit -f 8 && exec "${process.execPath}" "${BIN}" run "${s}" --draws 2 --workers 0 --no-charts --out "${out}"`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`--out: ${msg.cannotWrite(out, msg.ioReason('EFBIG', ''))}`);
    expect(await readdir(work)).toEqual(['s.yaml']);
  });

  it('disk full, read-only, permission denied: named in words, exit 2', () => {
    for (const code of ['ENOSPC', 'EROFS', 'EACCES', 'EFBIG']) {
      const lines: string[] = [];
      const io = { out: () => undefined, err: (l: string) => lines.push(l) };
      const e = Object.assign(new Error(`${code}: raw`), { code });
      expect(writeFailureExit(e, '/data/run', io, '--out: ')).toBe(2);
      expect(writeFailureExit(e, '/data/run/charts', io)).toBe(2);
      expect(lines).toEqual([
        `--out: ${msg.cannotWrite('/data/run', msg.ioReason(code, ''))}`,
        msg.cannotWriteRunFolder('/data/run/charts', msg.ioReason(code, '')),
      ]);
      expect(msg.ioReason(code, 'raw')).not.toBe('raw');
    }
    expect(() => writeFailureExit(new TypeError('a bug'), '/x', { out: () => undefined, err: () => undefined })).toThrow('a bug');
  });

  it.skipIf(process.getuid?.() === 0)('chart on a read-only run folder: exit 2, nothing changed', async () => {
    const { chmod } = await import('node:fs/promises');
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-cmd-'));
    const out = join(work, 'run');
    expect(dcsim(['run', await smallScenario(work), '--draws', '2', '--workers', '0', '--no-charts', '--out', out]).code).toBe(0);
    await chmod(out, 0o555);
    const before = await snapshot(out);
    const r = dcsim(['chart', out, '--force']);
    await chmod(out, 0o755);
    expect(r.code).toBe(2);
    expect(r.first).toBe(msg.cannotWriteRunFolder(join(out, 'charts'), msg.ioReason('EACCES', '')));
    expect(await snapshot(out)).toEqual(before);
  });
});

describe('chart and merge read damaged results as user errors', { timeout: 60_000 }, () => {
  it('chart on an empty, truncated or foreign summary.json: exit 2 with the path and the reason, nothing written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-cmd-'));
    const summary = join(dir, 'summary.json');
    const cases: [string, string][] = [
      ['', msg.damagedResult(summary, msg.emptyFile())],
      ['[1, 2]', msg.damagedResult(summary, msg.wrongShape('run summary'))],
      ['{"scenario": {"name": "s", "title"', `${summary} cannot be used: it is not valid JSON, perhaps cut short (`],
    ];
    for (const [text, first] of cases) {
      await writeFile(summary, text);
      const before = await snapshot(dir);
      const r = await inProcess((io) => chartCommand(dir, 'en', io, { force: true }));
      expect(r.code).toBe(2);
      expect(r.first.startsWith(first)).toBe(true);
      expect(await snapshot(dir)).toEqual(before);
    }
  });

  it("merge refuses a shard whose draws.csv is another shard's or cut short, naming the draws expected and found", async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-cmd-'));
    const s = await smallScenario(work);
    for (const k of [1, 2]) {
      const shard = { scenario: s, draws: 4, shard: `${k}/2`, workers: 0, quiet: true, out: join(work, `p${k}`) };
      const r = await inProcess((io) => runCommand({ ...shard, force: false, failOnMiss: false, lang: 'zh', argv: [] }, io));
      expect(r.code).toBe(0);
    }
    const [p1, p2] = [join(work, 'p1'), join(work, 'p2')];
    const d1 = await readFile(join(p1, 'draws.csv'), 'utf8');
    const d2 = await readFile(join(p2, 'draws.csv'), 'utf8');
    const merge = () =>
      inProcess((io) => mergeCommand({ partials: [p1, p2], out: join(work, 'm'), force: false, argv: [], charts: false }, io));

    await writeFile(join(p1, 'draws.csv'), d2); // shard 2's draws in shard 1's folder
    let r = await merge();
    expect(r.code).toBe(2);
    expect(r.first).toBe(msg.shardDrawsMismatch(p1, 1, 2, [0, 2], [2, 3]));

    const lines = d1.split('\n');
    await writeFile(join(p1, 'draws.csv'), `${lines.slice(0, 1 + 3).join('\n')}\n`); // draw 0 only (3 years a draw)
    r = await merge();
    expect(r.first).toBe(msg.shardDrawsMismatch(p1, 1, 2, [0, 2], [0]));

    // cut inside a row: before its last column (cutting a fixed 9 characters may only shorten the last number, still a number)
    await writeFile(join(p1, 'draws.csv'), d1.slice(0, d1.trimEnd().lastIndexOf(',')));
    r = await merge();
    expect(r.first).toBe(msg.damagedResult(join(p1, 'draws.csv'), msg.wrongShape(`draws.csv of this partial.json's metrics and years`)));

    await writeFile(join(p1, 'draws.csv'), d1);
    await writeFile(join(p2, 'partial.json'), '');
    r = await merge();
    expect(r.first).toBe(msg.damagedResult(join(p2, 'partial.json'), msg.emptyFile()));
    expect((await readdir(work)).sort()).toEqual(['p1', 'p2', 's.yaml']);
  });
});

describe('compare over different inputs', { timeout: 60_000 }, () => {
  it('is refused naming the scenarios and the files that differ; --allow-different-inputs says so first', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-cmd-'));
    const a = await smallScenario(work, 'a');
    const b = await smallScenario(work, 'b', 'registry-small-zh.csv');
    const args = ['compare', a, b, '--draws', '2', '--workers', '0', '--no-charts', '--out', join(work, 'c')];
    const r = dcsim(args);
    expect(r.code).toBe(2);
    expect(r.first).toMatch(
      /^scenarios: a and b run on different inputs — registry: \S*registry-small\.csv \(sha256 [0-9a-f]{12}…\) vs \S*registry-small-zh\.csv \(sha256 [0-9a-f]{12}…\); /,
    );
    expect(r.first).toContain('--allow-different-inputs');
    expect((await readdir(work)).sort()).toEqual(['a.yaml', 'b.yaml']);

    const ok = dcsim([...args, '--allow-different-inputs']);
    expect(ok.code).toBe(0);
    const note = ok.out.split('\n')[0];
    expect(note.startsWith('NOTE: the scenarios compared run on different inputs (b: registry: ')).toBe(true);
    const json = await readFile(join(work, 'c', 'comparison.json'), 'utf8');
    expect(json.split('\n')[1]).toBe(`  "warning": ${JSON.stringify(note)},`);
  });

  it('the reports put the warning first', () => {
    const c = {
      warning: msg.compareInputsNote(['b: registry: x']),
      scenarios: [],
      period: { base: 2020, end: 2022 },
      draws: 1,
      seed: 1,
      targets: [],
      metrics: {},
      cumulative: {},
      costs: [],
    } as unknown as Comparison;
    expect(compareMarkdown(c, [], 'en').split('\n')[0]).toBe(`> **${c.warning}**`);
    expect(compareHtml(c, [], new Map(), 'en')).toMatch(
      /<body>\n<p id="warning"[^>]*>NOTE: the scenarios compared run on different inputs/,
    );
    const { warning: _, ...plain } = c;
    expect(compareMarkdown(plain as Comparison, [], 'en').startsWith('# ')).toBe(true);
  });
});
