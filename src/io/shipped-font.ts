import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

/**
 * The CJK font the charts and reports are drawn with, shipped through npm (Noto Sans SC, SIL Open
 * Font License), regular and bold: system fonts are never consulted, so a chart looks the same on
 * every machine and Chinese never falls back to boxes or a Japanese serif.
 */
export const FONT_FILES: readonly string[] = [
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
];

/** The two TTFs (~10 MB each), read once per process. */
let fonts: Promise<Buffer[]> | undefined;
const shippedFonts = () => (fonts ??= Promise.all(FONT_FILES.map((f) => readFile(f))));

/**
 * Starts reading the shipped font now (on libuv's threads), for a caller that will cut it once it
 * knows its characters (~0.1 s of a run's reports otherwise spent waiting). A failure is reported
 * by {@link subsetShippedFont}, not here.
 */
export function prefetchShippedFont(): void {
  shippedFonts().catch(() => undefined);
}

/**
 * Cuts each weight of the shipped font (the order of FONT_FILES) to the glyphs that draw `text`,
 * with harfbuzz's subsetter (subset-font; layout closure and hinting kept): TrueType fonts of
 * ~100–150 KB for a report's few hundred distinct characters instead of 10 MB.
 */
export async function subsetShippedFont(text: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  // harfbuzz runs in WebAssembly on this thread: one weight after the other
  for (const font of await shippedFonts()) out.push(await subsetFont(font, text, { targetFormat: 'sfnt' }));
  return out;
}

/**
 * Runs `use` with font files that draw `text`: the shipped font cut to those characters, in a
 * temporary folder removed afterwards ({@link withFontFiles}).
 */
export async function withSubsetFontFiles<T>(text: string, use: (fontFiles: readonly string[]) => Promise<T>): Promise<T> {
  return withFontFiles(await subsetShippedFont(text), use);
}

/**
 * Runs `use` with `sfnts` (a cut of the shipped font, {@link subsetShippedFont}) as font files in a
 * temporary folder removed afterwards. resvg reads its fonts from files on every render, and
 * reading the full 2 × 10 MB per chart took ~40 s of a 14-chart run on a loaded 2-core machine;
 * the subset gives byte-identical PNGs in ~1 s. Where no temporary folder can be written, `use`
 * gets the full font files (the same pictures, drawn slower).
 */
export async function withFontFiles<T>(sfnts: readonly Buffer[], use: (fontFiles: readonly string[]) => Promise<T>): Promise<T> {
  let dir: string | undefined;
  let files: string[];
  try {
    dir = await mkdtemp(join(tmpdir(), 'dcsim-font-'));
    files = sfnts.map((_, i) => join(dir!, `${i}.ttf`));
    await Promise.all(sfnts.map((s, i) => writeFile(files[i], s)));
  } catch {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    return use(FONT_FILES);
  }
  try {
    return await use(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
