import { subsetShippedFont } from './shipped-font.js';
import { woff2FromSfnt } from './woff2.js';
import { fontFaceCss, pageCharacters, withFontFaces, type EmbeddedFace } from '../report/font-face.js';

/** The embedded faces that draw `text`: both weights of the shipped font cut to its characters (or the cut `sfnts` already made for them), as WOFF2. */
export async function subsetFaces(text: string, sfnts?: readonly Buffer[]): Promise<EmbeddedFace[]> {
  const [regular, bold] = sfnts ?? (await subsetShippedFont(text));
  const [w400, w700] = await Promise.all([woff2FromSfnt(regular), woff2FromSfnt(bold)]);
  return [
    { weight: 400, woff2Base64: w400.toString('base64') },
    { weight: 700, woff2Base64: w700.toString('base64') },
  ];
}

/**
 * A self-contained HTML report with the shipped font embedded: the subset of both weights that
 * draws every character of the page (HTML and SVG chart text), as WOFF2 data URIs in `@font-face`
 * rules, so Chinese renders on a machine without any CJK font. `sfnts`: the shipped font already
 * cut for characters that include the page's (the cut the run's PNGs were drawn with).
 */
export async function embedReportFont(html: string, sfnts?: readonly Buffer[]): Promise<string> {
  return withFontFaces(html, fontFaceCss(await subsetFaces(pageCharacters(html), sfnts)));
}
