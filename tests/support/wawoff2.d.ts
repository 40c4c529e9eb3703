/** google/woff2's reference decoder compiled to WebAssembly (wawoff2, a dependency of subset-font): an independent WOFF2 reader for tests. */
declare module 'wawoff2' {
  /** Decodes a WOFF2 file into the TrueType/OpenType font it wraps; rejects on a malformed file. */
  export function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
