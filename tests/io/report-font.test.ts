import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decompress } from 'wawoff2';
import { describe, expect, it } from 'vitest';
import { toPng, toSvg } from '../../src/io/render-charts.js';
import { embedReportFont, subsetFaces } from '../../src/io/report-font.js';
import { FONT_FILES, subsetShippedFont, withSubsetFontFiles } from '../../src/io/shipped-font.js';
import { woff2FromSfnt } from '../../src/io/woff2.js';
import { pageCharacters } from '../../src/report/font-face.js';
import { CHART_CONFIG } from '../../src/report/theme.js';
import { glyphCount, mappedCodePoints, sfntTables, weightClass } from '../support/sfnt-read.js';

// issue #14 item 3: report.html carries the shipped font cut to its characters, as WOFF2; the PNGs
// are drawn with the same cut. Checked with google/woff2's reference decoder (wawoff2) and a cmap
// reader of our own (tests/support/sfnt-read.ts), not with the code that wrote the files.
const TEXT = '镇海区腾笼换鸟 单位工业增加值能耗 2021–2025（万tce）≥ 13.0 %';

describe('the WOFF2 wrapper', { timeout: 60_000 }, () => {
  it('decodes, with the reference decoder, to exactly the tables of the font it wrapped', async () => {
    const [sfnt] = await subsetShippedFont(TEXT);
    const woff2 = await woff2FromSfnt(sfnt);
    expect(woff2.toString('latin1', 0, 4)).toBe('wOF2');
    expect(woff2.readUInt32BE(8)).toBe(woff2.length); // header length = file length
    expect(woff2.length % 4).toBe(0);
    expect(woff2.length).toBeLessThan(sfnt.length);
    const decoded = sfntTables(await decompress(woff2));
    const source = sfntTables(sfnt);
    expect([...decoded.keys()].sort()).toEqual([...source.keys()].sort());
    // head.checkSumAdjustment (bytes 8–11) sums the whole file, so the decoder recomputes it for its own table layout
    const adjusted = (tag: string, data: Buffer) =>
      tag === 'head' ? Buffer.concat([data.subarray(0, 8), Buffer.alloc(4), data.subarray(12)]) : data;
    for (const [tag, t] of source) {
      expect(adjusted(tag, decoded.get(tag)!.data).equals(adjusted(tag, t.data)), tag).toBe(true);
      expect(decoded.get(tag)!.checksum, tag).toBe(t.checksum);
    }
  });

  it('is refused by the decoder when cut short (the reader is not lenient)', async () => {
    const [sfnt] = await subsetShippedFont('腾');
    const woff2 = await woff2FromSfnt(sfnt);
    await expect(decompress(woff2.subarray(0, woff2.length - 40))).rejects.toThrow();
  });
});

describe('the embedded faces', { timeout: 60_000 }, () => {
  it('are the regular and bold weights, each mapping every character of the text and little else', async () => {
    const faces = await subsetFaces(TEXT);
    expect(faces.map((f) => f.weight)).toEqual([400, 700]);
    for (const f of faces) {
      const font = await decompress(Buffer.from(f.woff2Base64, 'base64'));
      expect(weightClass(font)).toBe(f.weight);
      const mapped = mappedCodePoints(font);
      for (const c of TEXT) expect(mapped.has(c.codePointAt(0)!), `${c} in weight ${f.weight}`).toBe(true);
      expect(mapped.has('龙'.codePointAt(0)!)).toBe(false); // a character the text does not use
      // 40 distinct characters; layout closure may add a few alternates (vertical forms, ligatures) — not 65,000
      expect(glyphCount(font)).toBeLessThan(120);
      expect(f.woff2Base64.length).toBeLessThan(60_000);
    }
  });

  it('are embedded in a report so that every character of its HTML and SVG text has a glyph', async () => {
    const page = `<!doctype html><html><head><style>body{}</style></head><body><h1>腾出用能 &amp; 亩均税收</h1>
<svg><text font-weight="bold">规上工业增加值率 2023</text><text>达成概率 90%</text></svg></body></html>`;
    const out = await embedReportFont(page);
    const uris = [...out.matchAll(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\) format\('woff2'\)/g)].map((m) => m[1]);
    expect(uris).toHaveLength(2);
    for (const uri of uris) {
      const mapped = mappedCodePoints(await decompress(Buffer.from(uri, 'base64')));
      for (const c of pageCharacters(page)) expect(mapped.has(c.codePointAt(0)!), c).toBe(true);
    }
    expect(out.slice(out.indexOf('<body>'))).toBe(page.slice(page.indexOf('<body>')));
  });
});

describe('the chart PNGs', { timeout: 120_000 }, () => {
  it('drawn with the font cut to their characters are byte-identical to those drawn with the full font', async () => {
    const svg = await toSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: CHART_CONFIG,
      title: { text: '腾出用能 2021–2025', subtitle: '中位数与 P10–P90 区间' },
      width: 160,
      height: 60,
      data: {
        values: [
          { 年份: '2021', 万tce: 3 },
          { 年份: '2022', 万tce: 5 },
        ],
      },
      mark: 'bar',
      encoding: { x: { field: '年份', type: 'ordinal' }, y: { field: '万tce', type: 'quantitative' } },
    });
    const subset = await withSubsetFontFiles(pageCharacters(svg), async (files) => {
      for (const f of files) expect((await readFile(f)).length).toBeLessThan(100_000);
      return toPng(svg, 1, files);
    });
    expect(subset.equals(await toPng(svg, 1, FONT_FILES))).toBe(true);
  });

  it('fall back to the full font files where no temporary folder can be written', async () => {
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = join(tmpdir(), 'dcsim-no-such-folder', 'x');
    try {
      expect(await withSubsetFontFiles('腾', async (files) => files)).toEqual(FONT_FILES);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
  });
});
