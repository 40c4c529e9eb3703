import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/domain/diagnostic.js';
import { decodeCsvText } from '../../src/io/csv-text.js';
import { loadRegistry } from '../../src/io/registry-load.js';
import { msg } from '../../src/messages/messages.js';
import { dcsim, smallRegistry, snapshot, tempDir, toCsvText, writeScenario } from './inputs-support.js';

/** Issue 9 (medium): a CSV that is not UTF-8, or not comma-separated, is refused in one message saying so. */

const text = toCsvText(smallRegistry());
const header = text.split('\n')[0];

/** Encodes text as UTF-16 (LE or BE), with or without a BOM. */
function utf16(s: string, le: boolean, bom: boolean): Buffer {
  const b = Buffer.from((bom ? '\uFEFF' : '') + s, 'utf16le');
  if (!le) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return b;
}

/** GBK bytes of a Chinese header line (企业名称 = C6F3 D2B5 C3FB B3C6), then ASCII rows. */
const GBK = Buffer.concat([
  Buffer.from('id,'),
  Buffer.from([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6]),
  Buffer.from(',sector\nE1,'),
  Buffer.from([0xc6, 0xf3, 0xd2, 0xb5]),
  Buffer.from(',C2614\n'),
]);

describe('decodeCsvText', () => {
  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeCsvText(Buffer.from(text), 'r.csv').text).toBe(text);
    expect(decodeCsvText(Buffer.from(`\uFEFF${text}`), 'r.csv').text).toBe(text); // the BOM is dropped
  });

  it('refuses UTF-16 (both BOMs, and without a BOM), showing the first line', () => {
    for (const [le, bom] of [
      [true, true],
      [false, true],
      [true, false],
      [false, false],
    ]) {
      const r = decodeCsvText(utf16(text, le, bom), 'r.csv');
      expect(r.text, `le ${le} bom ${bom}`).toBeUndefined();
      expect(r.diagnostics).toEqual([{ code: 'csv/encoding', message: msg.notUtf8('utf-16', header), file: 'r.csv', row: 1 }]);
    }
  });

  it('refuses GBK, showing the header as it was meant', () => {
    const r = decodeCsvText(GBK, 'r.csv');
    expect(formatDiagnostic(r.diagnostics[0])).toBe(`r.csv row 1: ${msg.notUtf8('gbk', 'id,企业名称,sector')}`);
  });
});

describe('delimiters', () => {
  it("a ';' or tab file is refused in one message, also with a title row above and decimal commas below", async () => {
    const dir = await tempDir();
    for (const [sep, body] of [
      [';', text.replace(/,/g, ';').replace(';100;40000;', ';100,5;40000;')],
      ['\t', `企业名录 2020\n${text.replace(/,/g, '\t')}`],
    ] as const) {
      const file = join(dir, 'r.csv');
      await writeFile(file, body);
      const r = await loadRegistry(file);
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([`${file} row ${sep === ';' ? 1 : 2}: ${msg.wrongDelimiter(sep)}`]);
    }
  });
});

describe('encodings through the CLI', { timeout: 60_000 }, () => {
  it('a GBK registry and a UTF-16 pipeline: exit 2 with one message; nothing written', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'r.csv'), GBK);
    await writeScenario(dir, 'r.csv');
    const before = await snapshot(dir);
    let r = dcsim(dir, 'run', 'scenario.yaml', '--draws', '1', '--workers', '0', '--no-charts', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.first).toBe(`r.csv row 1: ${msg.notUtf8('gbk', 'id,企业名称,sector')}`);
    expect(r.err).toContain('1 problem found');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(await snapshot(dir)).toEqual(before);

    await writeFile(join(dir, 'r.csv'), text);
    const pipeline =
      'name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh\nP1,C3985,2022,1000,3000,500,10,20,100\n';
    await writeFile(join(dir, 'p.csv'), utf16(pipeline, true, true));
    await writeScenario(dir, 'r.csv', 'policies:\n  - { type: new_projects, pipeline: p.csv }');
    r = dcsim(dir, 'validate', 'scenario.yaml');
    expect(r.code).toBe(2);
    expect(r.first).toBe(`p.csv row 1: ${msg.notUtf8('utf-16', pipeline.split('\n')[0])}`);
  });
});
