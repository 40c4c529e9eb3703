import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteInterrupted, writeFileAtomic, writeNewFile } from '../../src/io/atomic-write.js';
import { writeRunFolder } from '../../src/io/run-folder.js';
import { sweepStaleTemps } from '../../src/io/temp-names.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { BIN, dcsim, smallScenario, temps } from './support-outputs.js';

/** A PID no process has (above Linux's largest pid_max). */
const DEAD_PID = 4_194_400;

describe('temporary files: exclusive, never through a link', () => {
  it('a new file is never written through a symbolic link planted at its path, even a dangling one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-tmp-'));
    await writeFile(join(dir, 'victim'), 'precious');
    await symlink(join(dir, 'victim'), join(dir, 'planted'));
    await expect(writeNewFile(join(dir, 'planted'), 'evil')).rejects.toMatchObject({ code: 'EEXIST' });
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling'));
    await expect(writeNewFile(join(dir, 'dangling'), 'evil')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(dir, 'victim'), 'utf8')).toBe('precious');
    expect((await readdir(dir)).sort()).toEqual(['dangling', 'planted', 'victim']);
  });

  it('writing over a link at the destination replaces the link, never its target; no temporary file is left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-tmp-'));
    await writeFile(join(dir, 'victim'), 'precious');
    await symlink(join(dir, 'victim'), join(dir, 'out.csv'));
    await writeFileAtomic(join(dir, 'out.csv'), 'new');
    expect(await readFile(join(dir, 'victim'), 'utf8')).toBe('precious');
    expect(await readFile(join(dir, 'out.csv'), 'utf8')).toBe('new');
    expect(await temps(dir)).toEqual([]);
  });

  it('an interrupted folder write removes its temporary folder and leaves no output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-tmp-'));
    const abort = new AbortController();
    const files = new Map<string, string>([
      ['a.txt', 'a'],
      ['b.txt', 'b'],
    ]);
    // Ctrl-C arrives after the first file is written
    class Slow extends Map<string, string> {
      override *[Symbol.iterator](): MapIterator<[string, string]> {
        let first = true;
        for (const e of files) {
          if (!first) abort.abort('SIGINT');
          first = false;
          yield e;
        }
        return undefined;
      }
    }
    const slow = new Slow(files);
    await expect(writeRunFolder(join(dir, 'out'), slow, false, { signal: abort.signal })).rejects.toBeInstanceOf(WriteInterrupted);
    expect(await readdir(dir)).toEqual([]);
  });

  it('stale temporary files and folders of dcsim naming are swept (dead process, or older than a day); others are kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-tmp-'));
    const dead = join(dir, `.run.dcsim-tmp-${DEAD_PID}-AbC123`);
    await mkdir(dead);
    await writeFile(join(dead, 'summary.json'), '{}');
    await writeFile(join(dir, `.r.csv.dcsim-${DEAD_PID}-0123456789abcdef.tmp`), 'x');
    const live = join(dir, `.run.dcsim-tmp-${process.ppid}-XyZ789`);
    await mkdir(live);
    const old = join(dir, `.run.dcsim-old-${process.ppid}-q1w2e3`);
    await mkdir(old);
    await utimes(old, new Date(Date.now() - 2 * 86400_000), new Date(Date.now() - 2 * 86400_000));
    await writeFile(join(dir, '.notes.tmp'), 'the user');
    await writeFile(join(dir, `.run.tmp-${DEAD_PID}`), 'not our naming');
    await mkdir(join(dir, 'run')); // the old folder's name is taken: the old one is removed
    const removed = (await sweepStaleTemps(dir)).map((t) => t.path);
    expect(removed.sort()).toEqual([dead, old, join(dir, `.r.csv.dcsim-${DEAD_PID}-0123456789abcdef.tmp`)].sort());
    expect((await readdir(dir)).sort()).toEqual(
      ['.notes.tmp', `.run.dcsim-tmp-${process.ppid}-XyZ789`, `.run.tmp-${DEAD_PID}`, 'run'].sort(),
    );
  });

  it('a folder being replaced with --force when the process died, its replacement missing, is renamed back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-tmp-'));
    const old = join(dir, `.run.dcsim-old-${DEAD_PID}-a1b2c3`);
    await mkdir(old);
    await writeFile(join(old, 'summary.json'), '{"draws": 7}');
    expect(await sweepStaleTemps(dir)).toEqual([{ path: old, restoredTo: join(dir, 'run') }]);
    expect(await readFile(join(dir, 'run', 'summary.json'), 'utf8')).toBe('{"draws": 7}');
    expect(await readdir(dir)).toEqual(['run']);
  });
});

describe('temporary files left by a killed run, and signals', { timeout: 60_000 }, () => {
  it('the next run sweeps a temporary folder a SIGKILLed run left, with a note', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-tmp-'));
    const s = await smallScenario(work);
    const left = join(work, `.out.dcsim-tmp-${DEAD_PID}-k1ll3d`);
    await mkdir(left);
    const r = dcsim(['run', s, '--draws', '2', '--workers', '0', '--no-charts', '--out', join(work, 'out')]);
    expect(r.code).toBe(0);
    expect(r.first).toBe(msg.staleTempRemoved(left));
    expect((await readdir(work)).sort()).toEqual(['out', 's.yaml']);
  });

  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${sig} during a run ends it with ${code}, no run folder and no temporary folder`, async () => {
      const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-sig-'));
      // more workers than can help: the note comes just before the draws start
      const child = spawn(
        process.execPath,
        [BIN, 'run', 'scenarios/zhenhai-2025.yaml', '--draws', '20000', '--workers', '100000', '--no-charts', '--out', join(work, 'out')],
        { cwd: ROOT },
      );
      let err = '';
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (d) => {
          err += d;
          if (err.includes('note: --workers')) resolve();
        }),
      );
      child.kill(sig);
      const exit = await new Promise<number | null>((r) => child.on('exit', r));
      expect(exit).toBe(code);
      expect(err).toContain(msg.interrupted());
      expect(await readdir(work)).toEqual([]);
    });
  }
});
