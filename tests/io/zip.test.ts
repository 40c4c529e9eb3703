import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipArchive } from '../../src/io/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'dcsim-zip-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a zip with Python's own zipfile module: each entry's name, UTF-8 flag, method, size and bytes (hex). */
function readWithPython(path: string): { name: string; utf8: boolean; method: number; size: number; hex: string; bad: string | null }[] {
  const script = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
print(json.dumps([{"name": i.filename, "utf8": bool(i.flag_bits & 0x800), "method": i.compress_type,
  "size": i.file_size, "hex": z.read(i.filename).hex(), "bad": bad} for i in z.infolist()]))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

describe('zipArchive', () => {
  const text = 'metric,year,p50\n'.repeat(2000);
  const binary = randomBytes(4096);
  const entries = [
    { name: 'summary.json', data: text },
    { name: 'charts/图表-达成概率.png', data: binary },
    { name: '空.txt', data: '' },
    { name: 'report.html', data: '<p>镇海区 能耗双控</p>' },
  ];
  const zip = zipArchive(entries, new Date(2025, 5, 30, 14, 7, 9));
  const path = join(dir, '结果.zip');
  writeFileSync(path, zip);

  it("is read back whole by Python's zipfile, with UTF-8 names flagged", () => {
    const read = readWithPython(path);
    expect(read.map((r) => r.name)).toEqual(entries.map((e) => e.name));
    expect(read.every((r) => r.utf8 && r.bad === null)).toBe(true);
    for (const [i, e] of entries.entries()) expect(Buffer.from(read[i].hex, 'hex')).toEqual(Buffer.from(e.data));
    // text deflates; random bytes do not, and are stored
    expect(read[0].method).toBe(8);
    expect(read[1].method).toBe(0);
  });

  it('passes unzip -t', () => {
    const out = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(out).toContain('No errors detected');
  });

  it('dates every file as asked (local time, two-second steps)', () => {
    const script = 'import sys, zipfile; print(list(zipfile.ZipFile(sys.argv[1]).infolist()[0].date_time))';
    expect(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }).trim()).toBe('[2025, 6, 30, 14, 7, 8]');
  });

  it('an empty archive is a valid zip', () => {
    const empty = join(dir, 'empty.zip');
    writeFileSync(empty, zipArchive([]));
    expect(readWithPython(empty)).toEqual([]);
  });
});
