/** The part of subset-font 2.9's API dcsim uses (the package ships no types). */
declare module 'subset-font' {
  interface SubsetFontOptions {
    /** Output format; defaults to the input's. */
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    /** Extra name-table ids to keep (harfbuzz keeps ids 0–6 by default). */
    preserveNameIds?: number[];
    noHinting?: boolean;
    noLayoutClosure?: boolean;
  }
  /** Subsets a TTF/OTF/WOFF/WOFF2 font to the glyphs `text` needs (harfbuzz hb-subset, WebAssembly). */
  function subsetFont(font: Buffer, text: string, options?: SubsetFontOptions): Promise<Buffer>;
  export default subsetFont;
}
