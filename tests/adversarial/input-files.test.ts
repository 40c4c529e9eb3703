import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, deflateRawSync, createDeflateRaw } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/domain/diagnostic.js';
import { inputLimit, readInput } from '../../src/io/read-input.js';
import { checkXlsxBounds, XLSX_MAX_CELLS, XLSX_MAX_INFLATED } from '../../src/io/xlsx-bounds.js';
import { msg } from '../../src/messages/messages.js';
import { dcsim, smallRegistry, snapshot, tempDir, toCsvText, writeScenario } from './inputs-support.js';

/** Issue 9 (medium): only regular files are read, every input has a size cap, a workbook is bounded before it is parsed. */

const mkfifo = (path: string) => {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error('mkfifo failed');
};

describe('readInput', () => {
  it('refuses a folder, a FIFO and a device before reading, naming the path', async () => {
    const dir = await tempDir();
    mkfifo(join(dir, 'pipe.csv'));
    const cases: [string, string][] = [
      [dir, 'a folder'],
      [join(dir, 'pipe.csv'), 'a FIFO (named pipe)'],
      ['/dev/zero', 'a device'],
    ];
    for (const [path, kind] of cases) {
      const r = await readInput(path, path, 'registry');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(formatDiagnostic(r.diagnostics[0])).toBe(`${path}: ${msg.notARegularFile('registry', path, kind)}`);
    }
  });

  it('caps sizes: registry 500 MB, a policy table 50 MB, YAML 1 MB', async () => {
    expect(inputLimit('registry')).toBe(500e6);
    expect(inputLimit('pipeline')).toBe(50e6);
    for (const what of ['scenario', 'factors', 'evaluation']) expect(inputLimit(what)).toBe(1e6);
    const file = join(await tempDir(), 's.yaml');
    await writeFile(file, 'x'.repeat(1_000_001));
    const r = await readInput(file, 's.yaml', 'scenario');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0].message).toBe(msg.inputTooLarge('scenario', 's.yaml', 1_000_001, 1e6));
  });
});

/** CRC-free minimal zip writer (the bounds are checked before any CRC would be). */
function zip(entries: readonly { name: string; body: Buffer; size: number; method?: number }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.method ?? 8, 10);
    c.writeUInt32LE(e.body.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, name, e.body);
    central.push(c, name);
    offset += 30 + name.length + e.body.length;
  }
  const dir = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, eocd]);
}

/** A raw deflate stream inflating to `chunk` repeated `times` times, built from one compressed copy. */
async function repeated(chunk: Buffer, times: number): Promise<Buffer> {
  const block = await new Promise<Buffer>((resolve) => {
    const z = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    z.on('data', (b: Buffer) => out.push(b));
    z.write(chunk);
    z.flush(constants.Z_FULL_FLUSH, () => resolve(Buffer.concat(out)));
  });
  return Buffer.concat([...Array<Buffer>(times).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

describe('XLSX bounds', () => {
  it('refuses a zip bomb by its declared size, and by what it really inflates to when the sizes lie', async () => {
    const body = await repeated(Buffer.alloc(1 << 20, 0x20), 520);
    expect(body.length).toBeLessThan(1e6);
    const honest = zip([{ name: 'xl/worksheets/sheet1.xml', body, size: 520 << 20 }]);
    expect(await checkXlsxBounds(honest, 'bomb.xlsx')).toEqual([
      { code: 'registry/xlsx-bounds', message: msg.xlsxTooLarge('bomb.xlsx', XLSX_MAX_INFLATED), file: 'bomb.xlsx' },
    ]);
    const lying = zip([{ name: 'xl/worksheets/sheet1.xml', body, size: 1000 }]);
    expect((await checkXlsxBounds(lying, 'bomb.xlsx'))[0].message).toBe(msg.xlsxTooLarge('bomb.xlsx', XLSX_MAX_INFLATED));
  });

  it('refuses a sheet of more than 5 million cells, and a file that is no zip', async () => {
    const cells = Buffer.from('<c r="A1"/>'.repeat(10_000));
    const body = await repeated(cells, XLSX_MAX_CELLS / 10_000 + 1);
    const many = zip([{ name: 'xl/worksheets/sheet1.xml', body, size: cells.length * (XLSX_MAX_CELLS / 10_000 + 1) }]);
    expect((await checkXlsxBounds(many, 'big.xlsx'))[0].message).toBe(msg.xlsxTooManyCells('big.xlsx', XLSX_MAX_CELLS));
    expect((await checkXlsxBounds(Buffer.from('id,name\n'), 'x.xlsx'))[0].message).toBe(
      msg.xlsxNotAZip('x.xlsx', 'no zip directory found'),
    );
  });
});

describe('input files through the CLI', { timeout: 60_000 }, () => {
  it('a registry that is /dev/zero (through a link), a FIFO or a folder: exit 2 naming it; nothing written', async () => {
    const cases: [(p: string) => Promise<unknown>, string][] = [
      [(p) => symlink('/dev/zero', p), 'a device'],
      [async (p) => mkfifo(p), 'a FIFO (named pipe)'],
      [(p) => mkdir(p), 'a folder'],
    ];
    for (const [make, kind] of cases) {
      const dir = await tempDir();
      await make(join(dir, 'r.csv'));
      await writeScenario(dir, 'r.csv');
      const before = await snapshot(dir);
      const r = dcsim(dir, 'run', 'scenario.yaml', '--draws', '1', '--workers', '0', '--no-charts', '--out', 'out');
      expect(r.code).toBe(2);
      expect(r.first).toBe(`scenario.yaml:2:11 registry: ${msg.notARegularFile('registry', 'r.csv', kind)}`);
      expect(existsSync(join(dir, 'out'))).toBe(false);
      expect(await snapshot(dir)).toEqual(before);
    }
  });

  it('a factors file that is a folder, an extends parent that is a FIFO, a zip-bomb registry: exit 2', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'r.csv'), toCsvText(smallRegistry()));
    await mkdir(join(dir, 'f.yaml'));
    const s = await writeScenario(dir, 'r.csv');
    const { readFile } = await import('node:fs/promises');
    await writeFile(s, (await readFile(s, 'utf8')).replace(/^factors: .*$/m, 'factors: f.yaml'));
    let r = dcsim(dir, 'validate', 'scenario.yaml');
    expect(r.code).toBe(2);
    expect(r.first).toBe(`scenario.yaml:3:10 factors: ${msg.notARegularFile('factors', 'f.yaml', 'a folder')}`);

    mkfifo(join(dir, 'parent.yaml'));
    await writeFile(join(dir, 'child.yaml'), 'extends: parent.yaml\nname: child\n');
    r = dcsim(dir, 'validate', 'child.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg.notARegularFile('scenario', 'parent.yaml', 'a FIFO (named pipe)'));

    const bomb = await tempDir();
    await writeFile(
      join(bomb, 'r.xlsx'),
      zip([{ name: 'xl/worksheets/sheet1.xml', body: await repeated(Buffer.alloc(1 << 20, 0x20), 520), size: 520 << 20 }]),
    );
    await writeScenario(bomb, 'r.xlsx');
    const before = await snapshot(bomb);
    r = dcsim(bomb, 'validate', 'scenario.yaml');
    expect(r.code).toBe(2);
    expect(r.first).toBe(`r.xlsx: ${msg.xlsxTooLarge('r.xlsx', XLSX_MAX_INFLATED)}`);
    expect(await snapshot(bomb)).toEqual(before);
  });
});
