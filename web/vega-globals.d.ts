// The globals of the UMD builds index.html loads as classic scripts (vega, vega-lite, vega-embed):
// only what app.ts calls, typed by hand — the page has no bundler to import vega-embed's own types.

interface VegaView {
  finalize(): void;
}

interface VegaEmbedResult {
  readonly view: VegaView;
  finalize(): void;
}

interface VegaEmbedOptions {
  readonly actions?: boolean;
  readonly renderer?: 'svg' | 'canvas';
  readonly config?: Record<string, unknown>;
}

declare function vegaEmbed(el: HTMLElement, spec: Record<string, unknown>, options?: VegaEmbedOptions): Promise<VegaEmbedResult>;
