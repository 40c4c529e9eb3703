import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a zip archive: its path inside the archive (forward slashes) and its bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly data: string | Uint8Array;
}

/** The most a zip without the ZIP64 extension holds: 65,535 entries and 4 GiB per size or offset. */
const MAX_ENTRIES = 0xffff;
const MAX_32 = 0xffffffff;

/** General purpose flag bit 11: the name is UTF-8 (APPNOTE 4.4.4), so 结果/图表.png reads back as written. */
const UTF8_NAMES = 0x0800;
const STORE = 0;
const DEFLATE = 8;
/** Version 2.0: deflate and folders (APPNOTE 4.4.3). */
const VERSION = 20;
/** Made by UNIX (high byte 3), so the external attributes carry rw-r--r-- permissions. */
const MADE_BY = (3 << 8) | VERSION;
const FILE_MODE = 0o100644;

/** A date in MS-DOS form (local time, two-second steps, 1980–2107), as zip headers store it. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, d.getFullYear()));
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * Writes a zip archive (APPNOTE 6.3, no ZIP64) of `entries` in memory: each file deflated
 * (node:zlib) or stored when deflating does not make it smaller (PNGs, XLSX), with UTF-8 names
 * flagged, every file dated `modified`. Throws past the format's limits (65,535 files, 4 GiB).
 */
export function zipArchive(entries: readonly ZipEntry[], modified: Date = new Date()): Buffer {
  if (entries.length > MAX_ENTRIES) throw new RangeError(`a zip holds at most ${MAX_ENTRIES} files, not ${entries.length}`);
  const { time, date } = dosDateTime(modified);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const deflated = deflateRawSync(raw);
    const method = deflated.length < raw.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : raw;
    const crc = crc32(raw);
    if (raw.length > MAX_32 || offset > MAX_32) throw new RangeError(`${entry.name}: a zip without ZIP64 holds at most 4 GiB`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, body);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(MADE_BY, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra field, comment, disk number, internal attributes: none (30–37)
    header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  if (offset > MAX_32) throw new RangeError('a zip without ZIP64 holds at most 4 GiB');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  // this disk and the directory's disk: 0 (4–7)
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
