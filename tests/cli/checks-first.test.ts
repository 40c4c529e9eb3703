import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { didYouMeanFlag } from '../../src/cli/main.js';

const BIN = join(ROOT, 'dist/cli/bin.js');
const SCENARIO = join(ROOT, 'scenarios/baseline.yaml');

// issue #14 item 8: a flag the command does not take, a misspelt flag or a bad value is refused before any work
describe('the command line checks before it runs', { timeout: 60_000 }, () => {
  it.each([
    [['admit', SCENARIO, '--project', 'X', '--quiet'], 'Unknown argument: quiet'], // admit has no progress bar to silence
    [['run', SCENARIO, '--draw', '100'], 'Unknown argument: draw (did you mean --draws?)'],
    [['run', SCENARIO, '--draws', 'abc'], '--draws: not a number; write a whole number ≥ 1'],
    [['run', SCENARIO, '--lang', 'fr'], 'Argument: lang, Given: "fr", Choices: "zh", "en"'],
    [['admit', SCENARIO, '--project', 'X', '--drows', '5'], 'Unknown argument: drows'],
  ])('%j: exit 2, the reason, nothing written', async (args, reason) => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-checks-'));
    const r = spawnSync(process.execPath, [BIN, ...args, '--out', 'out'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(reason);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('an unknown flag gets its likely meaning', () => {
  it('in English and Chinese, several at once, nothing when nothing is close', () => {
    const known = ['help', 'version', 'draws', 'seed', 'out'];
    expect(didYouMeanFlag('Unknown argument: draw', known)).toBe(' (did you mean --draws?)');
    expect(didYouMeanFlag('无法识别这些选项：draw, sed', known, 'zh')).toBe('（是否想输入 --draws, --seed？）');
    expect(didYouMeanFlag('Unknown argument: zzzzzz', known)).toBe('');
    expect(didYouMeanFlag('Not enough arguments', known)).toBe('');
  });
});
