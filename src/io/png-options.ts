import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { FONT_FAMILY } from '../report/theme.js';

/**
 * resvg's options for a chart's PNG: `scale` × the SVG's size on white, drawn only with `fontFiles`
 * (never the system's fonts). One definition for this thread's renderer and the report threads',
 * so a PNG is the same bytes wherever it is drawn.
 */
export function pngOptions(scale: number, fontFiles: readonly string[]): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  };
}
