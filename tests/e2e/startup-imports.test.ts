import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers.js';

/** The packages (node_modules) a dcsim command imports, listed by an ESM resolve hook. */
async function packages(...args: string[]): Promise<string[]> {
  const out = join(await mkdtemp(join(tmpdir(), 'dcsim-imports-')), 'packages.txt');
  const r = spawnSync(
    process.execPath,
    ['--import', join(ROOT, 'tests/support/import-hooks.mjs'), join(ROOT, 'dist/cli/bin.js'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DCSIM_PACKAGES_OUT: out },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return existsSync(out)
    ? [
        ...new Set(
          readFileSync(out, 'utf8')
            .split('\n')
            .filter((l) => l !== ''),
        ),
      ].sort()
    : [];
}

/** Chart, font and workbook libraries: slow to import, needed only to draw or write a workbook. */
const CHARTS_AND_FONTS = /^(vega|vega-.*|@resvg\/.*|subset-font|@expo-google-fonts\/.*)$/;

describe('start-up imports', { timeout: 60_000 }, () => {
  it('--version and validate import no chart, font or workbook library', async () => {
    const version = await packages('--version');
    expect(version).toContain('yargs'); // the hook sees the packages imported
    const validate = await packages('validate', join(FIXTURES, 'scenario-small.yaml'));
    expect(validate).toContain('yaml');
    for (const p of [...version, ...validate]) {
      expect(p).not.toMatch(CHARTS_AND_FONTS);
      expect(p).not.toBe('exceljs');
    }
  });

  it('run --no-charts imports no chart or font library (the workbook is still written)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-nocharts-'));
    const run = await packages(
      'run',
      join(FIXTURES, 'scenario-small.yaml'),
      '--draws',
      '2',
      '--workers',
      '0',
      '--no-charts',
      '--quiet',
      '--out',
      join(dir, 'out'),
    );
    expect(run).toContain('exceljs');
    for (const p of run) expect(p).not.toMatch(CHARTS_AND_FONTS);
  });
});

/** Whether loading a scenario loaded mathjs (its one-file bundle, required on the first expression). */
async function loadsMathjs(scenarioText: string): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-mathjs-'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, scenarioText);
  const script = `
    import { createRequire } from 'node:module';
    const { loadScenario } = await import(${JSON.stringify(join(ROOT, 'dist/io/scenario-load.js'))});
    const r = await loadScenario(${JSON.stringify(file)}, undefined, {});
    if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
    const cached = Object.keys(createRequire(import.meta.url).cache);
    console.log(cached.some((k) => k.includes('mathjs')) ? 'mathjs' : 'none');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim() === 'mathjs';
}

describe('the expression engine', { timeout: 60_000 }, () => {
  it('is not loaded for a scenario without expressions (the shipped one), and is for one with an expression', async () => {
    const shipped = `extends: ${join(ROOT, 'scenarios/zhenhai-2025.yaml')}\nname: shipped\n`;
    expect(await loadsMathjs(shipped)).toBe(false);
    expect(await loadsMathjs(`${shipped}growth:\n  efficiency_gain: "0.005 * 2"\n`)).toBe(true);
  });
});
