import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'dist/cli/bin.js');

function dcsim(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('worker threads', { timeout: 120_000 }, () => {
  it('summary.json and events.csv are byte-identical for 0, 1, 2 and 4 workers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-w-'));
    const files: Record<number, [string, string]> = {};
    for (const w of [0, 1, 2, 4]) {
      const out = join(dir, `w${w}`);
      const r = dcsim([
        'run',
        'scenarios/zhenhai-2025.yaml',
        '--draws',
        '24',
        '--workers',
        String(w),
        '--out',
        out,
        '--quiet',
        '--no-charts',
      ]);
      expect(r.code, r.err).toBe(0);
      files[w] = [await readFile(join(out, 'summary.json'), 'utf8'), await readFile(join(out, 'events.csv'), 'utf8')];
    }
    for (const w of [1, 2, 4]) expect(files[w]).toEqual(files[0]);
  });

  it('a draw that throws ends the run with its number and message, exit 1, no run folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-w-'));
    for (const w of ['0', '2']) {
      const r = dcsim(['run', 'scenarios/zhenhai-2025.yaml', '--draws', '40', '--workers', w, '--out', join(dir, `out${w}`)], {
        DCSIM_FAIL_AT_DRAW: '17',
      });
      expect(r.code).toBe(1);
      expect(r.err).toContain(msg.drawFailed(17, 'fault injected at draw 17 (DCSIM_FAIL_AT_DRAW)'));
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('Ctrl-C stops the workers and leaves no run folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-w-'));
    const child = spawn(
      process.execPath,
      [BIN, 'run', 'scenarios/zhenhai-2025.yaml', '--draws', '100000', '--workers', '2', '--out', join(dir, 'out')],
      { cwd: ROOT },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(130);
    expect(err).toContain(msg.interrupted());
    expect(await readdir(dir)).toEqual([]);
  });
});
