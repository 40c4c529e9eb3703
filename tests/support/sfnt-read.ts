/**
 * A minimal, independent reader of TrueType/OpenType (sfnt) fonts for tests: the table directory,
 * the glyph count (maxp), the weight class (OS/2) and the characters the cmap maps to a real glyph
 * (formats 4 and 12, OpenType spec "cmap — Character to Glyph Index Mapping Table").
 */
export interface SfntTable {
  tag: string;
  checksum: number;
  data: Buffer;
}

export function sfntTables(font: Uint8Array): Map<string, SfntTable> {
  const b = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, SfntTable>();
  for (let i = 0; i < b.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    const tag = b.toString('latin1', at, at + 4);
    const offset = b.readUInt32BE(at + 8);
    tables.set(tag, { tag, checksum: b.readUInt32BE(at + 4), data: b.subarray(offset, offset + b.readUInt32BE(at + 12)) });
  }
  return tables;
}

/** maxp.numGlyphs: how many glyphs the font holds (.notdef included). */
export const glyphCount = (font: Uint8Array) => sfntTables(font).get('maxp')!.data.readUInt16BE(4);

/** OS/2.usWeightClass: 400 regular, 700 bold. */
export const weightClass = (font: Uint8Array) => sfntTables(font).get('OS/2')!.data.readUInt16BE(4);

/** Every code point the Windows Unicode cmap subtable (3,10 format 12, else 3,1 format 4) maps to a glyph other than .notdef. */
export function mappedCodePoints(font: Uint8Array): Set<number> {
  const cmap = sfntTables(font).get('cmap')!.data;
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => ({
    platform: cmap.readUInt16BE(4 + 8 * i),
    encoding: cmap.readUInt16BE(6 + 8 * i),
    offset: cmap.readUInt32BE(8 + 8 * i),
  }));
  const out = new Set<number>();
  const full = subtables.find((s) => s.platform === 3 && s.encoding === 10);
  if (full && cmap.readUInt16BE(full.offset) === 12) {
    const t = full.offset;
    for (let g = 0; g < cmap.readUInt32BE(t + 12); g++) {
      const [start, end, glyph] = [0, 4, 8].map((k) => cmap.readUInt32BE(t + 16 + 12 * g + k));
      for (let c = start; c <= end; c++) if (glyph + c - start !== 0) out.add(c);
    }
    return out;
  }
  const bmp = subtables.find((s) => s.platform === 3 && s.encoding === 1)!;
  const t = bmp.offset;
  if (cmap.readUInt16BE(t) !== 4) throw new Error(`cmap format ${cmap.readUInt16BE(t)} not read by this test reader`);
  const segs = cmap.readUInt16BE(t + 6) / 2;
  const endAt = t + 14;
  const startAt = endAt + 2 * segs + 2;
  const deltaAt = startAt + 2 * segs;
  const rangeAt = deltaAt + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const end = cmap.readUInt16BE(endAt + 2 * s);
    const start = cmap.readUInt16BE(startAt + 2 * s);
    const delta = cmap.readInt16BE(deltaAt + 2 * s);
    const range = cmap.readUInt16BE(rangeAt + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (range === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = cmap.readUInt16BE(rangeAt + 2 * s + range + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
  return out;
}
