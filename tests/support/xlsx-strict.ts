import { inflateRawSync } from 'node:zlib';

/**
 * A strict, independent XLSX reader for tests: unzips with node:zlib and reads the sheet XML
 * with regular expressions, sharing no code with exceljs (which wrote the file and tolerates
 * what Excel and openpyxl refuse). It throws on anything a strict reader would refuse: a
 * numeric cell whose value is not a finite number (`<v>NaN</v>`), a shared-string index out
 * of range, an error cell, a style index out of range, a sheet the workbook names but the
 * package lacks.
 */

export interface StrictCell {
  readonly ref: string;
  readonly value: string | number | boolean;
  /** The number format code of the cell's style ('General' when none). */
  readonly format: string;
}

export interface StrictSheet {
  readonly name: string;
  readonly cells: ReadonlyMap<string, StrictCell>;
  /** The frozen pane's top-left cell (`B2`), if any. */
  readonly frozenAt?: string;
  readonly autoFilter?: string;
  readonly landscape: boolean;
  /** Column widths by 1-based column number. */
  readonly widths: ReadonlyMap<number, number>;
}

export interface StrictWorkbook {
  readonly sheets: readonly StrictSheet[];
  /** Defined names (e.g. `_xlnm.Print_Area` per sheet index). */
  readonly definedNames: readonly { name: string; sheet?: number; value: string }[];
  sheet(name: string): StrictSheet;
}

/** Reads every entry of a ZIP archive (stored or deflated) from its central directory. */
export function unzip(data: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let k = 0; k < entries; k++) {
    if (data.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${k}`);
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLen);
    if (data.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header of ${name}`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    if (method === 0) out.set(name, Buffer.from(raw));
    else if (method === 8) out.set(name, inflateRawSync(raw));
    else throw new Error(`${name}: compression method ${method}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** Built-in number formats of SpreadsheetML that a workbook may use without defining them. */
const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };

/** Opens an XLSX strictly (see the module comment); throws with the sheet and cell of the first violation. */
export function readXlsxStrict(data: Buffer): StrictWorkbook {
  const files = unzip(data);
  const text = (name: string) => {
    const b = files.get(name);
    if (!b) throw new Error(`missing part ${name}`);
    return b.toString('utf8');
  };
  if (!files.has('[Content_Types].xml')) throw new Error('missing [Content_Types].xml');

  const shared = files.has('xl/sharedStrings.xml')
    ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        unescapeXml([...m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
      )
    : [];

  const styles = text('xl/styles.xml');
  const formats = new Map<number, string>(Object.entries(BUILTIN_FORMATS).map(([k, v]) => [Number(k), v]));
  for (const m of styles.matchAll(/<numFmt\s[^>]*\/>/g))
    formats.set(Number(attr(m[0], 'numFmtId')), unescapeXml(attr(m[0], 'formatCode') ?? ''));
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const xfFormats = [...cellXfs.matchAll(/<xf\s[^>]*?\/?>/g)].map((m) => Number(attr(m[0], 'numFmtId') ?? 0));

  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship\s[^>]*\/>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]));
  const definedNames = [...workbook.matchAll(/<definedName\s([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const local = attr(` ${m[1]}`, 'localSheetId');
    return { name: attr(` ${m[1]}`, 'name')!, sheet: local === undefined ? undefined : Number(local), value: unescapeXml(m[2]) };
  });

  const sheets = [...workbook.matchAll(/<sheet\s[^>]*\/>/g)].map((m): StrictSheet => {
    const name = unescapeXml(attr(m[0], 'name')!);
    const rid = attr(m[0], 'r:id')!;
    const path = `xl/${target.get(rid)!.replace(/^\/?xl\//, '')}`;
    const xml = text(path);
    const cells = new Map<string, StrictCell>();
    for (const c of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = ` ${c[1]}`;
      const ref = attr(tag, 'r')!;
      const where = `${name}!${ref}`;
      const type = attr(tag, 't') ?? 'n';
      const s = Number(attr(tag, 's') ?? 0);
      if (!(s >= 0 && s < Math.max(1, xfFormats.length))) throw new Error(`${where}: style index ${s} out of range`);
      const format = formats.get(xfFormats[s] ?? 0) ?? 'General';
      if (/<f[\s>]/.test(c[2] ?? '')) throw new Error(`${where}: a formula in a results workbook`);
      const v = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '')?.[1];
      if (type === 'e') throw new Error(`${where}: error cell ${v}`);
      if (type === 'n') {
        if (v === undefined) continue; // a styled empty cell
        if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !Number.isFinite(Number(v))) {
          throw new Error(`${where}: numeric cell holds "${v}"`);
        }
        cells.set(ref, { ref, value: Number(v), format });
      } else if (type === 's') {
        const i = Number(v);
        if (!Number.isInteger(i) || i < 0 || i >= shared.length) throw new Error(`${where}: shared string index ${v} of ${shared.length}`);
        cells.set(ref, { ref, value: shared[i], format });
      } else if (type === 'b') {
        if (v !== '0' && v !== '1') throw new Error(`${where}: boolean cell holds "${v}"`);
        cells.set(ref, { ref, value: v === '1', format });
      } else if (type === 'str' || type === 'inlineStr') {
        const t = type === 'str' ? v : /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/.exec(c[2] ?? '')?.[1];
        cells.set(ref, { ref, value: unescapeXml(t ?? ''), format });
      } else throw new Error(`${where}: unknown cell type ${type}`);
    }
    const pane = /<pane\s[^>]*\/>/.exec(xml)?.[0];
    const widths = new Map<number, number>();
    for (const cm of xml.matchAll(/<col\s[^>]*\/>/g)) {
      const [min, max, w] = ['min', 'max', 'width'].map((a) => Number(attr(cm[0], a)));
      for (let k = min; k <= max; k++) widths.set(k, w);
    }
    const filter = /<autoFilter\s[^>]*\/?>/.exec(xml)?.[0];
    const setup = /<pageSetup\s[^>]*\/>/.exec(xml)?.[0];
    return {
      name,
      cells,
      frozenAt: pane && attr(pane, 'state') === 'frozen' ? attr(pane, 'topLeftCell') : undefined,
      autoFilter: filter ? attr(filter, 'ref') : undefined,
      landscape: setup ? attr(setup, 'orientation') === 'landscape' : false,
      widths,
    };
  });
  return {
    sheets,
    definedNames,
    sheet(name) {
      const s = sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name}: ${sheets.map((x) => x.name).join(', ')}`);
      return s;
    },
  };
}

/** Returns a row of a strict sheet as values by column letter order (A, B, …), empty cells undefined. */
export function rowValues(sheet: StrictSheet, row: number): (string | number | boolean | undefined)[] {
  const out: (string | number | boolean | undefined)[] = [];
  for (const c of sheet.cells.values()) {
    const m = /^([A-Z]+)(\d+)$/.exec(c.ref)!;
    if (Number(m[2]) !== row) continue;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    out[col - 1] = c.value;
  }
  return out;
}
