import { createInflateRaw } from 'node:zlib';
import type { Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';

/** The most a workbook may inflate to (all its zip entries together). */
export const XLSX_MAX_INFLATED = 500_000_000;
/** The most cells a workbook's sheets may hold (a registry of 100,000 firms × 50 columns). */
export const XLSX_MAX_CELLS = 5_000_000;
/** The most entries a workbook's zip may hold. */
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly declared: number;
  readonly localOffset: number;
}

/** Reads a zip's central directory; throws with a reason when it is not a zip. */
function centralDirectory(b: Buffer): Entry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip directory found');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new Error('zip64 workbooks are not read');
  if (count > MAX_ENTRIES) throw new Error(`${count} zip entries`);
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged zip directory');
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    entries.push({
      name: b.toString('utf8', p + 46, p + 46 + nameLen),
      method: b.readUInt16LE(p + 10),
      compressed: b.readUInt32LE(p + 20),
      declared: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Counts cell elements (`<c ` / `<c>` / `<c/>`) in a sheet's XML, across chunk boundaries. */
class CellCounter {
  count = 0;
  private prev = 0;
  private prev2 = 0;
  feed(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.prev === 0x63 /* c */ && this.prev2 === 0x3c /* < */ && (c === 0x20 || c === 0x3e || c === 0x2f)) this.count++;
      this.prev2 = this.prev;
      this.prev = c;
    }
  }
}

/** Inflates one entry without keeping its bytes, stopping once `budget` is passed; returns the bytes it inflates to. */
function inflatedSize(data: Buffer, budget: number, counter?: CellCounter): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let n = 0;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      counter?.feed(chunk);
      if (n > budget) {
        z.destroy();
        resolve(n);
      }
    });
    z.on('end', () => resolve(n));
    z.on('error', (e) => reject(e));
    z.end(data);
  });
}

/**
 * Bounds a workbook before it is parsed (a zip bomb would take gigabytes of memory in the
 * parser): at most {@link XLSX_MAX_INFLATED} bytes once unpacked — the sizes the zip declares
 * and the bytes its entries really inflate to, counted without keeping them — and at most
 * {@link XLSX_MAX_CELLS} cells in its sheets. Returns the problems, naming the file.
 */
export async function checkXlsxBounds(data: Buffer, file: string): Promise<Diagnostic[]> {
  const refuse = (message: string): Diagnostic[] => [{ code: 'registry/xlsx-bounds', message, file }];
  let entries: Entry[];
  try {
    entries = centralDirectory(data);
  } catch (e) {
    return refuse(msg.xlsxNotAZip(file, (e as Error).message));
  }
  const declared = entries.reduce((s, e) => s + e.declared, 0);
  if (declared > XLSX_MAX_INFLATED) return refuse(msg.xlsxTooLarge(file, XLSX_MAX_INFLATED));
  let total = 0;
  const cells = new CellCounter();
  for (const e of entries) {
    const at = e.localOffset;
    if (at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) return refuse(msg.xlsxNotAZip(file, `damaged entry ${e.name}`));
    const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
    const body = data.subarray(start, start + e.compressed);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    if (e.method === 0) {
      total += body.length;
      if (isSheet) cells.feed(body);
    } else if (e.method === 8) {
      try {
        total += await inflatedSize(body, XLSX_MAX_INFLATED - total, isSheet ? cells : undefined);
      } catch (err) {
        return refuse(msg.xlsxNotAZip(file, `entry ${e.name}: ${(err as Error).message}`));
      }
    } else {
      return refuse(msg.xlsxNotAZip(file, `entry ${e.name} uses compression method ${e.method}`));
    }
    if (total > XLSX_MAX_INFLATED) return refuse(msg.xlsxTooLarge(file, XLSX_MAX_INFLATED));
    if (cells.count > XLSX_MAX_CELLS) return refuse(msg.xlsxTooManyCells(file, XLSX_MAX_CELLS));
  }
  return [];
}
