import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { FIXTURES, ROOT } from '../helpers.js';

/** Runs the built CLI (npm test builds dist/ first) as a user would. */
function dcsim(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const STACK = /\n\s+at .+:\d+:\d+/;

describe('dcsim validate', { timeout: 60_000 }, () => {
  it('prints the base-year summary of the default scenario: VA rate 23.3 %, tax per mu 83.7 万元', () => {
    const r = dcsim('validate', 'scenarios/baseline.yaml');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('规上工业增加值率 23.3 %');
    expect(r.out).toMatch(/规上工业亩均税收 83\.[2-9] 万元\/亩|规上工业亩均税收 84\.[0-2] 万元\/亩/);
    expect(r.out).toMatch(/企业 1,000 \(规上 \d+\)/);
    expect(r.out).toMatch(/A \d+ \(\d+ %\) · B \d+ .* · D \d+/);
  });

  it('labels in English with --lang en', () => {
    const r = dcsim('validate', 'scenarios/baseline.yaml', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain('value-added rate 23.3 %');
  });

  it('lists every problem with file:line:column, exits 2, and shows no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-e2e-'));
    const path = join(dir, 'bad.yaml');
    await writeFile(
      path,
      `name: bad\nregistry: ${join(FIXTURES, 'registry-small.csv')}\nfactors: missing.yaml\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\nmonte_carlo: { draw: 10 }\n`,
    );
    const r = dcsim('validate', path);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`bad.yaml:6:16 monte_carlo.draw: ${msg.unknownKey('draw', ['draws', 'seed'])}`);
    expect(r.err).toContain(msg.problemsFound(1));
    expect(r.err).not.toMatch(STACK);
    await writeFile(
      path,
      `name: bad\nregistry: ${join(FIXTURES, 'registry-small.csv')}\nfactors: missing.yaml\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\n`,
    );
    const r2 = dcsim('validate', path);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/bad\.yaml:3:10 factors: factors file not found: .*missing\.yaml/);
  });

  it('validates several scenarios and reports the bad ones', () => {
    const r = dcsim('validate', 'scenarios/baseline.yaml', 'no-such.yaml');
    expect(r.code).toBe(2);
    expect(r.out).toContain('baseline');
    expect(r.err).toContain(msg.fileNotFound('scenario', 'no-such.yaml'));
  });

  it('a bad registry row is named with file, row and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-e2e-'));
    await writeFile(
      join(dir, 'r.csv'),
      'id,name,sector,land_mu,output,value_added,tax,employees\nA,a,C34,10,100,20,5,3\nB,b,C34,-1,100,20,5,3\n',
    );
    await writeFile(
      join(dir, 's.yaml'),
      `name: s\nregistry: r.csv\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\n`,
    );
    const r = dcsim('validate', join(dir, 's.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`r\\.csv row 3, column land_mu: ${msg.negativeNumber(-1)}`));
  });
});

describe('dcsim usage', () => {
  it('an unknown command or option is a usage error (exit 2), not a crash', () => {
    const r = dcsim('simulate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown argument|name a command/);
    expect(r.err).not.toMatch(STACK);
    expect(dcsim('validate', 'scenarios/baseline.yaml', '--lang', 'fr').code).toBe(2);
    expect(dcsim('validate').code).toBe(2);
  });

  it('--help lists the commands', () => {
    const r = dcsim('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('validate <scenario..>');
    expect(r.out).toContain('synth');
  });
});

describe('dcsim synth', { timeout: 60_000 }, () => {
  it('reproduces the committed registry byte for byte and refuses to overwrite without --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-e2e-'));
    const out = join(dir, 'r.csv');
    const r = dcsim(
      'synth',
      '--aggregates',
      'models/aggregates/zhenhai-2020.yaml',
      '--enterprises',
      '1000',
      '--seed',
      '2020',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/value-added rate 23\.30 % · tax per mu 83\.70 万元\/亩/);
    const committed = await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'));
    expect((await readFile(out)).equals(committed)).toBe(true);
    const again = dcsim('synth', '--aggregates', 'models/aggregates/zhenhai-2020.yaml', '--seed', '1', '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
    expect((await readFile(out)).equals(committed)).toBe(true);
    expect(dcsim('synth', '--aggregates', 'models/aggregates/zhenhai-2020.yaml', '--seed', '1', '--out', out, '--force').code).toBe(0);
  });

  it('bad arguments and a bad aggregates file are user errors', async () => {
    expect(
      dcsim('synth', '--aggregates', 'models/aggregates/zhenhai-2020.yaml', '--enterprises', '3', '--out', '/tmp/x.csv').err,
    ).toContain(msg.synthBadCount(3));
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-e2e-'));
    const agg = (await readFile(join(ROOT, 'models/aggregates/zhenhai-2020.yaml'), 'utf8')).replace(
      'value_added_rate: 0.233',
      'value_added_rate: 2.33',
    );
    await writeFile(
      join(dir, 'agg.yaml'),
      agg.replace('factors: ../factors/china.yaml', `factors: ${join(ROOT, 'models/factors/china.yaml')}`),
    );
    const r = dcsim('synth', '--aggregates', join(dir, 'agg.yaml'), '--out', join(dir, 'o.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/agg\.yaml:\d+:\d+ calibration\.value_added_rate: 2\.33 is too large; must be < 1/);
    expect(r.err).not.toMatch(STACK);
  });
});
