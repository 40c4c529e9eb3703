import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'dist/cli/bin.js');

/** dcsim spawned without waiting, so that independent runs go side by side. */
function dcsim(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

// Spawned CLI runs on a shared 2-core machine: each test does the least work that still shows its property
// and carries its own budget (issue #14 acceptance). A node start and loading zhenhai-2025 cost far more
// than a draw: the draws are few, the runs independent of each other go side by side, no chart is drawn.
describe('worker threads', () => {
  // 8 draws (2 per worker with 4), four runs side by side: about 10 s quiet, 30 s at a load of 9 on 2 cores
  it('summary.json and events.csv are byte-identical for 0, 1, 2 and 4 workers', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-w-'));
    const workers = [0, 1, 2, 4];
    const runs = await Promise.all(
      workers.map((w) =>
        dcsim([
          'run',
          'scenarios/zhenhai-2025.yaml',
          '--draws',
          '8',
          '--workers',
          String(w),
          '--out',
          join(dir, `w${w}`),
          '--quiet',
          '--no-charts',
        ]),
      ),
    );
    for (const r of runs) expect(r.code, r.err).toBe(0);
    const files = async (w: number) => [
      await readFile(join(dir, `w${w}`, 'summary.json'), 'utf8'),
      await readFile(join(dir, `w${w}`, 'events.csv'), 'utf8'),
    ];
    const one = await files(0);
    for (const w of [1, 2, 4]) expect(await files(w)).toEqual(one);
  });

  // draw 17 of 20 fails, in this thread and in a worker, side by side: about 5 s quiet
  it('a draw that throws ends the run with its number and message, exit 1, no run folder', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-w-'));
    const runs = await Promise.all(
      ['0', '2'].map((w) =>
        dcsim(['run', 'scenarios/zhenhai-2025.yaml', '--draws', '20', '--workers', w, '--out', join(dir, `out${w}`)], {
          DCSIM_FAIL_AT_DRAW: '17',
        }),
      ),
    );
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.err).toContain(msg.drawFailed(17, 'fault injected at draw 17 (DCSIM_FAIL_AT_DRAW)'));
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  // the signal goes when the progress bar shows the draws running (DCSIM_PROGRESS=1 on a pipe), not after a
  // fixed wait that a loaded machine may not reach: about 5 s quiet
  it('Ctrl-C stops the workers and leaves no run folder', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-w-'));
    const child = spawn(
      process.execPath,
      [BIN, 'run', 'scenarios/zhenhai-2025.yaml', '--draws', '100000', '--workers', '2', '--out', join(dir, 'out')],
      { cwd: ROOT, env: { ...process.env, DCSIM_PROGRESS: '1' } },
    );
    let err = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      err += d;
      if (!sent && / draws · /.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(err).toContain(msg.interrupted());
    expect(await readdir(dir)).toEqual([]);
  });
});
