import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emptyOutExit } from '../../src/cli/output.js';
import { isDcsimOutput, outputState, OUTPUT_KIND, writeRunFolder } from '../../src/io/run-folder.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { dcsim, smallScenario, snapshot } from './support-outputs.js';

const RUN = ['--draws', '2', '--workers', '0', '--quiet', '--no-charts'];

/** The whole command line in this process (faster than spawning the CLI): exit code and the first line on stderr. */
async function inProcess(argv: string[]) {
  const err: string[] = [];
  const code = await main(argv, { out: () => undefined, err: (l) => err.push(l) });
  return { code, first: err[0] };
}

/** A folder of the user's files. */
async function userFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-adv-user-'));
  await writeFile(join(dir, 'thesis.docx'), 'years of work');
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'data', 'a.csv'), 'a,b\n1,2\n');
  return dir;
}

describe('--force replaces only a folder dcsim wrote', { timeout: 60_000 }, () => {
  it('--out . --force in a folder of the user files: exit 2, nothing touched', async () => {
    const dir = await userFolder();
    const s = await smallScenario(await mkdtemp(join(tmpdir(), 'dcsim-adv-')));
    const before = await snapshot(dir);
    const r = dcsim(['run', s, ...RUN, '--out', '.', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.first).toBe(`--out: ${msg.notDcsimFolder(dir)}`);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('an empty --out is a usage error, with or without --force; nothing written', async () => {
    const dir = await userFolder();
    const s = await smallScenario(await mkdtemp(join(tmpdir(), 'dcsim-adv-')));
    const before = await snapshot(dir);
    const r = dcsim(['run', s, ...RUN, '--out', '', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.first).toBe(`--out ${msg.emptyOut()}`);
    const lines: string[] = [];
    const io = { out: () => undefined, err: (l: string) => lines.push(l) };
    expect([emptyOutExit('', io), emptyOutExit('  ', io), emptyOutExit(undefined, io), emptyOutExit('o', io)]).toEqual([
      2,
      2,
      undefined,
      undefined,
    ]);
    expect(lines).toEqual([`--out ${msg.emptyOut()}`, `--out ${msg.emptyOut()}`]);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('the home folder and a folder of user files are refused by run, compare, seek and merge with --force', async () => {
    const dir = await userFolder();
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-'));
    const s = await smallScenario(
      work,
      's',
      'registry-small.csv',
      'policies:\n  - { type: village_cleanup, per_year: 1, dispositions: { close: { share: 1 } } }\ntargets:\n  - { id: land, metric: vacated_land_mu, kind: cumulative, from: 2021, year: 2022, at_least: 1 }\n',
    );
    const before = await snapshot(dir);
    const cases = [
      ['run', s, ...RUN],
      ['compare', s, s, ...RUN.filter((a) => a !== '--quiet')],
      ['seek', s, '--target', 'land', '--vary', 'policies[village_cleanup].per_year', '--max', '3', '--draws', '2', '--workers', '0'],
      ['merge', join(work, 'no-such-shard')],
    ];
    for (const args of cases)
      expect(await inProcess([...args, '--out', dir, '--force']), args[0]).toEqual({ code: 2, first: `--out: ${msg.notDcsimFolder(dir)}` });
    expect(await snapshot(dir)).toEqual(before);
    expect(await readdir(work)).toEqual(['s.yaml']);
  });

  it('an existing empty folder is used without --force; a folder dcsim wrote is replaced with --force only', async () => {
    const work = await mkdtemp(join(tmpdir(), 'dcsim-adv-'));
    const s = await smallScenario(work);
    const out = join(work, 'out');
    await mkdir(out);
    expect(await inProcess(['run', s, ...RUN, '--out', out])).toEqual({ code: 0, first: undefined });
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.kind).toBe(OUTPUT_KIND.run);
    const before = await snapshot(out);
    expect(await inProcess(['run', s, ...RUN, '--out', out])).toEqual({ code: 2, first: `--out: ${msg.outputExists(out)}` });
    expect(await snapshot(out)).toEqual(before);
    expect((await inProcess(['run', s, ...RUN, '--seed', '9', '--out', out, '--force'])).code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).seed).toBe(9);
    expect((await readdir(work)).sort()).toEqual(['out', 's.yaml']); // no temporary or old folder left
  });

  it('synth --out an existing folder is exit 2 even with --force; an existing file needs --force', async () => {
    const dir = await userFolder();
    const before = await snapshot(dir);
    const folder = dcsim(['synth', '--aggregates', join(ROOT, 'models/aggregates/zhenhai-2020.yaml'), '--out', dir, '--force']);
    expect(folder.code).toBe(2);
    expect(folder.first).toBe(`--out: ${msg.outputIsFolder(dir)}`);
    const file = join(dir, 'data', 'a.csv');
    const r = dcsim(['synth', '--aggregates', join(ROOT, 'models/aggregates/zhenhai-2020.yaml'), '--out', file]);
    expect(r.first).toBe(`--out: ${msg.outputExists(file)}`);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('what counts as a folder dcsim wrote', () => {
  it('a dcsim manifest, partial.json or seek.json, also of 0.1.0 (no kind); never a link, a foreign manifest or the current folder', async () => {
    const base = await mkdtemp(join(tmpdir(), 'dcsim-adv-kind-'));
    const make = async (name: string, file: string, content: unknown) => {
      await mkdir(join(base, name));
      await writeFile(join(base, name, file), JSON.stringify(content));
      return join(base, name);
    };
    expect(await isDcsimOutput(await make('run', 'manifest.json', { kind: 'dcsim-run' }))).toBe(true);
    expect(await isDcsimOutput(await make('compare', 'manifest.json', { kind: 'dcsim-compare' }))).toBe(true);
    expect(await isDcsimOutput(await make('old', 'manifest.json', { dcsim: '0.1.0', command: 'dcsim run s.yaml' }))).toBe(true);
    expect(await isDcsimOutput(await make('partial', 'partial.json', { kind: 'dcsim-partial' }))).toBe(true);
    expect(await isDcsimOutput(await make('seek', 'seek.json', { kind: 'dcsim-seek' }))).toBe(true);
    expect(await isDcsimOutput(await make('npm', 'manifest.json', { name: 'web-app', version: '1.0.0' }))).toBe(false);
    expect(await isDcsimOutput(await make('broken', 'manifest.json', '{"kind": "dcsim-run"'))).toBe(false);
    await mkdir(join(base, 'link'));
    await symlink(join(base, 'run', 'manifest.json'), join(base, 'link', 'manifest.json'));
    expect(await isDcsimOutput(join(base, 'link'))).toBe(false);
    expect(await isDcsimOutput(process.cwd())).toBe(false);
    expect(await isDcsimOutput(homedir())).toBe(false);
    expect(await isDcsimOutput('/')).toBe(false);
    expect(await isDcsimOutput(join(process.cwd(), '..'))).toBe(false);
    await writeFile(join(base, 'file'), 'x');
    expect(await outputState(join(base, 'file'))).toBe('not-folder');
    await symlink(join(base, 'run'), join(base, 'dirlink'));
    expect(await outputState(join(base, 'dirlink'))).toBe('not-folder');
    await mkdir(join(base, 'empty'));
    expect(await outputState(join(base, 'empty'))).toBe('empty');
    expect(await outputState(join(base, 'none'))).toBe('absent');
  });

  it('writeRunFolder itself refuses to replace a folder dcsim did not write, even with force', async () => {
    const dir = await userFolder();
    const before = await snapshot(dir);
    await expect(writeRunFolder(dir, new Map([['a.txt', 'x']]), true)).rejects.toMatchObject({ state: 'other' });
    expect(await snapshot(dir)).toEqual(before);
  });
});
