import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';

const compress = promisify(brotliCompress);

/** WOFF2's known table tags, in the order whose index a table directory entry stores (W3C WOFF2 §5.1, Table 4). */
const KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT',
  'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH',
  'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
]; // prettier-ignore

/**
 * Brotli quality of the font stream. 11 (what google/woff2 uses) takes about 1 s for a 135 KB
 * subset on a loaded 2-core machine; 6 takes ~15 ms and the result is ~5 % larger.
 */
export const WOFF2_BROTLI_QUALITY = 6;

/** UIntBase128 (WOFF2 §4.1): 7 bits a byte, most significant first, high bit set on all but the last byte. */
function base128(n: number): number[] {
  const out = [n & 0x7f];
  for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) out.unshift((v & 0x7f) | 0x80);
  return out;
}

const round4 = (n: number) => (n + 3) & ~3;

/**
 * Wraps a TrueType/OpenType font (sfnt) in WOFF2 with the null transform for every table (glyf and
 * loca carry transform version 3, the others 0; W3C WOFF2 §5): the tables are copied in the order of
 * the sfnt's directory and the stream compressed with Node's own Brotli, on the thread pool.
 * Browsers reconstruct exactly the sfnt's tables.
 */
export async function woff2FromSfnt(sfnt: Uint8Array, quality = WOFF2_BROTLI_QUALITY): Promise<Buffer> {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const flavor = view.getUint32(0);
  const numTables = view.getUint16(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...sfnt.subarray(at, at + 4));
    return { tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) };
  });
  const directory: number[] = [];
  for (const t of tables) {
    const known = KNOWN_TAGS.indexOf(t.tag);
    const nullTransform = t.tag === 'glyf' || t.tag === 'loca' ? 3 << 6 : 0;
    directory.push(nullTransform | (known >= 0 ? known : 63));
    if (known < 0) directory.push(...[...t.tag].map((c) => c.charCodeAt(0)));
    directory.push(...base128(t.length));
  }
  const stream = Buffer.concat(tables.map((t) => sfnt.subarray(t.offset, t.offset + t.length)));
  const compressed = await compress(stream, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_FONT,
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: stream.length,
    },
  });
  const totalSfntSize = 12 + 16 * numTables + tables.reduce((sum, t) => sum + round4(t.length), 0);
  const length = round4(48 + directory.length + compressed.length);
  const out = Buffer.alloc(length);
  out.write('wOF2', 0, 'latin1');
  out.writeUInt32BE(flavor, 4);
  out.writeUInt32BE(length, 8);
  out.writeUInt16BE(numTables, 12);
  out.writeUInt32BE(totalSfntSize, 16);
  out.writeUInt32BE(compressed.length, 20);
  out.writeUInt16BE(1, 24); // majorVersion (of the WOFF file, informational); metadata and private blocks stay 0
  Buffer.from(directory).copy(out, 48);
  compressed.copy(out, 48 + directory.length);
  return out;
}
