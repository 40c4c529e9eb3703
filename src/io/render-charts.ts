import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { pngOptions } from './png-options.js';
import { FONT_FILES, subsetShippedFont, withFontFiles } from './shipped-font.js';
import type { Chart } from '../report/charts.js';
import { pageCharacters } from '../report/font-face.js';

export { FONT_FILES };

/**
 * Text width for layout without a canvas. vega's own estimate (0.8 em a character) is too
 * narrow for Chinese (1 em) and too wide for Latin; this one follows Noto Sans SC's advances
 * closely enough that axis labels and legends are laid out without clipping or overlap.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch)) em += 1;
    else if (/[A-Z]/.test(ch)) em += 0.64;
    else if (/[a-z0-9]/.test(ch)) em += 0.55;
    else if (ch === ' ') em += 0.23;
    else em += 0.36;
  }
  return em * fontSize * (bold ? 1.05 : 1);
}

(
  (vega as unknown as { textMetrics: object }).textMetrics as {
    width: (item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text: string) => number;
  }
).width = (item, text) => {
  const t = text == null ? '' : String(text).trim();
  const weight = item.fontWeight;
  return estimateTextWidth(t, item.fontSize ?? 11, weight === 'bold' || Number(weight) >= 600);
};

/** Print resolution: PNGs are drawn at twice the chart's CSS size. */
export const PNG_SCALE = 2;

/** Renders a vega-lite spec to SVG with vega's headless view (no canvas, no network). */
export async function toSvg(spec: Record<string, unknown>): Promise<string> {
  const compiled = vl.compile(spec as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Draws an SVG to PNG at print resolution with the shipped CJK font, on libuv's thread pool
 * (charts render in parallel).
 */
export async function toPng(svg: string, scale = PNG_SCALE, fontFiles: readonly string[] = FONT_FILES): Promise<Buffer> {
  const image = await renderAsync(svg, pngOptions(scale, fontFiles));
  return image.asPng();
}

/** Renders every chart to SVG (`step` after each). */
export async function chartSvgs(charts: readonly Chart[], step?: () => void): Promise<string[]> {
  const svgs: string[] = [];
  for (const c of charts) {
    svgs.push(await toSvg(c.spec));
    step?.();
  }
  return svgs;
}

/**
 * Draws SVGs to PNGs with `sfnts`, the shipped font cut to characters that include every SVG's
 * text (src/io/shipped-font.ts; a cut for a whole report page serves its charts too); `draw` draws
 * one at print resolution with the cut's font files ({@link toPng} here, or a report thread's).
 */
export async function chartPngs(
  svgs: readonly string[],
  sfnts: readonly Buffer[],
  step?: () => void,
  draw: (svg: string, scale: number, fontFiles: readonly string[]) => Promise<Buffer> = toPng,
): Promise<Buffer[]> {
  return withFontFiles(sfnts, (fonts) => Promise.all(svgs.map((svg) => draw(svg, PNG_SCALE, fonts).then((png) => (step?.(), png)))));
}

/** The `charts/<id>.svg` and `charts/<id>.png` entries of a result folder. */
export function chartFiles(charts: readonly Chart[], svgs: readonly string[], pngs: readonly Buffer[]): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  charts.forEach((c, i) => {
    files.set(`charts/${c.id}.svg`, svgs[i]);
    files.set(`charts/${c.id}.png`, pngs[i]);
  });
  return files;
}

/** Renders every chart to `charts/<id>.svg` and `charts/<id>.png` entries of a run folder. */
export async function renderCharts(
  charts: readonly Chart[],
  /** Called after each chart's SVG and again after each PNG: `done` of `2 × charts` steps. */
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, string | Buffer>> {
  let done = 0;
  const step = () => onProgress?.(++done, 2 * charts.length);
  const svgs = await chartSvgs(charts, step);
  // the PNGs are drawn with the shipped font cut to the characters of these charts (once, not per chart)
  const pngs = await chartPngs(svgs, await subsetShippedFont(pageCharacters(svgs.join(''))), step);
  return chartFiles(charts, svgs, pngs);
}
