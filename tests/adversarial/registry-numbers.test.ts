import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellCeiling, readNumberCell } from '../../src/domain/cells.js';
import { formatDiagnostic } from '../../src/domain/diagnostic.js';
import { loadRegistry } from '../../src/io/registry-load.js';
import { msg } from '../../src/messages/messages.js';
import { dcsim, smallRegistry, snapshot, tempDir, toCsvText, writeScenario } from './inputs-support.js';

/** Issue 9 item 1: a registry or pipeline number cell is read exactly, or refused with its row, column and value. */

describe('readNumberCell', () => {
  it('accepts plain numbers, thousands grouping and full-width digits', () => {
    const cases: [string, number][] = [
      ['12', 12],
      ['1.5', 1.5],
      ['-0', -0],
      ['1e3', 1000],
      ['.5', 0.5],
      ['12,345', 12345],
      ['1,234,567.8', 1234567.8],
      [' 1,000 ', 1000],
      ['１２．５', 12.5],
      ['１,２３４', 1234],
    ];
    for (const [raw, v] of cases) expect(readNumberCell(raw), raw).toEqual({ ok: true, value: v });
    expect(Number.isNaN((readNumberCell('  ') as { value: number }).value)).toBe(true);
  });

  it('refuses a comma that is not thousands grouping, never deleting it', () => {
    for (const raw of ['1,5', '12,34', '2,0,0,0,0', '1,2345', '12,345,67', ',5', '1,234e3', '1，5'])
      expect(readNumberCell(raw), raw).toEqual({ ok: false, problem: 'bad-comma' });
  });

  it('refuses non-finite values, text and units, and values above the column ceiling', () => {
    for (const raw of ['1e309', '1e400', '-1e309', 'Infinity', 'NaN', 'inf', '∞'])
      expect(readNumberCell(raw), raw).toEqual({ ok: false, problem: 'not-finite' });
    for (const raw of ['12万', 'abc', '10²', '1.2.3', '0x10'])
      expect(readNumberCell(raw), raw).toEqual({ ok: false, problem: 'not-a-number' });
    expect(readNumberCell('2e9', cellCeiling('land_mu'))).toEqual({ ok: false, problem: 'too-large', ceiling: 1e9 });
    expect(readNumberCell('2e8', cellCeiling('employees'))).toEqual({ ok: false, problem: 'too-large', ceiling: 1e8 });
    expect(readNumberCell('1e13', cellCeiling('output'))).toEqual({ ok: false, problem: 'too-large', ceiling: 1e12 });
    expect(readNumberCell('1e12', cellCeiling('coal_t'))).toEqual({ ok: true, value: 1e12 });
  });
});

/** Writes the small registry with one cell replaced and loads it. */
async function loadWith(column: string, raw: string, row = 2) {
  const dir = await tempDir();
  const rows = smallRegistry();
  rows[row - 1][rows[0].indexOf(column)] = raw;
  const file = join(dir, 'r.csv');
  await writeFile(file, toCsvText(rows));
  return { file, r: await loadRegistry(file) };
}

describe('registry number cells', () => {
  it('names file, row, column and value, with the decimal-point hint', async () => {
    const { file, r } = await loadWith('land_mu', '1,5');
    expect(r.value).toBeUndefined();
    expect(formatDiagnostic(r.diagnostics[0])).toBe(`${file} row 2, column land_mu: ${msg.numberCell('1,5', 'bad-comma')}`);
    expect(msg.numberCell('1,5', 'bad-comma')).toContain('decimals use a point (1.5?)');
  });

  it('reads valid thousands grouping exactly', async () => {
    const { r } = await loadWith('output', '1,234,567.8');
    expect(r.value?.table.output[0]).toBe(1234567.8);
  });

  it('refuses 1e309 as not finite and an implausibly large value with the ceiling', async () => {
    const inf = await loadWith('electricity_10k_kwh', '1e309', 3);
    expect(formatDiagnostic(inf.r.diagnostics[0])).toBe(
      `${inf.file} row 3, column electricity_10k_kwh: ${msg.numberCell('1e309', 'not-finite')}`,
    );
    const big = await loadWith('tax', '5e13');
    expect(formatDiagnostic(big.r.diagnostics[0])).toBe(`${big.file} row 2, column tax: ${msg.numberCell('5e13', 'too-large', 1e12)}`);
  });

  it('a share cell goes through the same reader', async () => {
    const file = join(await tempDir(), 'r.csv');
    const rows = smallRegistry();
    rows[0].push('revenue', 'rd_share');
    rows.slice(1).forEach((x, i) => x.push('100', i === 0 ? '3,5%' : ''));
    await writeFile(file, toCsvText(rows));
    const s = await loadRegistry(file);
    expect(formatDiagnostic(s.diagnostics[0])).toBe(`${file} row 2, column rd_share: ${msg.numberCell('3,5%', 'bad-comma')}`);
  });
});

describe('number cells through the CLI', { timeout: 60_000 }, () => {
  it('validate refuses a registry cell "1,5" and run refuses "1e309" with exit 2; nothing is written', async () => {
    for (const [raw, command] of [
      ['1,5', 'validate'],
      ['1e309', 'run'],
    ] as const) {
      const dir = await tempDir();
      const rows = smallRegistry();
      rows[1][rows[0].indexOf('land_mu')] = raw;
      await writeFile(join(dir, 'r.csv'), toCsvText(rows));
      await writeScenario(dir, 'r.csv');
      const before = await snapshot(dir);
      const args = command === 'run' ? ['--draws', '1', '--workers', '0', '--no-charts', '--out', 'out'] : [];
      const r = dcsim(dir, command, 'scenario.yaml', ...args);
      expect(r.code).toBe(2);
      expect(r.first).toBe(`r.csv row 2, column land_mu: ${msg.numberCell(raw, raw === '1,5' ? 'bad-comma' : 'not-finite')}`);
      expect(existsSync(join(dir, 'out'))).toBe(false);
      expect(await snapshot(dir)).toEqual(before);
    }
  });

  it('a pipeline CSV cell "12,34" is refused with its file, row and column', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'r.csv'), toCsvText(smallRegistry()));
    await writeFile(
      join(dir, 'p.csv'),
      'name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh\nP1,C3985,2022,"12,34",3000,500,10,20,100\n',
    );
    await writeScenario(dir, 'r.csv', 'policies:\n  - { type: new_projects, pipeline: p.csv }');
    const before = await snapshot(dir);
    const v = dcsim(dir, 'validate', 'scenario.yaml');
    expect(v.code).toBe(2);
    expect(v.first).toBe(`p.csv row 2, column value_added: ${msg.numberCell('12,34', 'bad-comma')}`);
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('units written into number cells', () => {
  it('"12万" is refused with the fix (digits in the column unit)', async () => {
    const { file, r } = await loadWith('output', '12万');
    expect(formatDiagnostic(r.diagnostics[0])).toBe(`${file} row 2, column output: ${msg.numberCell('12万', 'not-a-number')}`);
    expect(msg.numberCell('12万', 'not-a-number')).toContain('a 万元 column takes 12 for 12万元');
  });
});
