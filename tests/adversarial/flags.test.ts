import { mkdtemp, readdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DRAWS, workerCount } from '../../src/cli/run-numbers.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { dcsim, smallScenario } from './support-outputs.js';

describe('every flag is checked before any work', { timeout: 60_000 }, () => {
  it('a misspelt flag or a bad --lang is exit 2 before running: no run folder, no scorecard', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-flags-'));
    const s = await smallScenario(work);
    const cases: [string[], RegExp][] = [
      [
        ['run', s, '--draws', '2', '--workers', '0', '--no-charts', '--out', join(work, 'o1'), '--drasw', '3'],
        /^Unknown argument: drasw \(did you mean --draws\?\)$/,
      ],
      [['run', s, '--draws', '2', '--workers', '0', '--no-charts', '--out', join(work, 'o2'), '--lang', 'fr'], /^Invalid values:$/],
      [
        ['compare', s, s, '--draws', '2', '--workers', '0', '--out', join(work, 'o3'), '--forse'],
        /^Unknown argument: forse \(did you mean --force\?\)$/,
      ],
      [['merge', join(work, 'p'), '--out', join(work, 'o4'), '--lang', 'de'], /^Invalid values:$/],
      [
        ['synth', '--aggregates', join(ROOT, 'models/aggregates/zhenhai-2020.yaml'), '--out', join(work, 'o5.csv'), '--enterprise', '20'],
        /^Unknown argument: enterprise \(did you mean --enterprises\?\)$/,
      ],
    ];
    for (const [args, first] of cases) {
      const r = dcsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.first, args.join(' ')).toMatch(first);
      expect(r.out, args.join(' ')).toBe('');
    }
    expect(await readdir(work)).toEqual(['s.yaml']);
  });

  it('--draws above the cap of the scenario file (10⁶) is exit 2; nothing written', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-flags-'));
    const s = await smallScenario(work);
    for (const cmd of [
      ['run', s],
      ['compare', s, s],
    ]) {
      const r = dcsim([...cmd, '--draws', '1e9', '--out', join(work, 'out')]);
      expect(r.code).toBe(2);
      expect(r.first).toBe(`--draws: ${msg.tooBig(1e9, MAX_DRAWS, true, 'number')}`);
    }
    expect(await readdir(work)).toEqual(['s.yaml']);
  });

  it('--workers 1000 is capped at one per draw and 4 per core, with a note (not an error)', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-flags-'));
    const s = await smallScenario(work);
    const r = dcsim(['run', s, '--draws', '3', '--workers', '1000', '--no-charts', '--out', join(work, 'out')]);
    expect(r.code).toBe(0);
    const used = Math.min(3, 4 * availableParallelism());
    expect(r.first).toBe(msg.workersCapped(1000, used, 3, availableParallelism()));
  });
});

describe('worker count', () => {
  it('is what was asked when it can help; else min(draws, 4 × cores) with a note; 0 stays in this thread', () => {
    const notes: string[] = [];
    const io = { out: () => undefined, err: (l: string) => notes.push(l) };
    expect(workerCount(0, 20, io, 2)).toBe(0);
    expect(workerCount(undefined, 20, io, 2)).toBe(2);
    expect(workerCount(8, 20, io, 2)).toBe(8);
    expect(notes).toEqual([]);
    expect(workerCount(1000, 20, io, 2)).toBe(8);
    expect(workerCount(1000, 3, io, 2)).toBe(3);
    expect(notes).toEqual([msg.workersCapped(1000, 8, 20, 2), msg.workersCapped(1000, 3, 3, 2)]);
  });
});
