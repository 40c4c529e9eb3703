import { FONT_FAMILY } from './theme.js';

/** One embedded face: a weight of the shipped font as WOFF2, base64. */
export interface EmbeddedFace {
  weight: 400 | 700;
  woff2Base64: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references an HTML or SVG text holds (`&amp;`, `&#39;`, `&#x4e2d;`). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Lists every character a reader sees on an HTML page, once each and in code-point order: the text of
 * its elements, inline SVG `<text>` included, with character references decoded; markup, comments and
 * the contents of `<style>` and `<script>` are left out. A font subset of these draws the whole page.
 */
export function pageCharacters(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '');
  const chars = new Set(decodeEntities(text));
  for (const ws of ['\n', '\r', '\t']) chars.delete(ws);
  return [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');
}

/**
 * The `@font-face` rules of the embedded faces under the family the report's CSS and its charts name
 * first (FONT_FAMILY): a family a page declares hides an installed font of the same name (CSS Fonts 4,
 * the `font-family` descriptor), so every reader sees the shipped font.
 */
export function fontFaceCss(faces: readonly EmbeddedFace[]): string {
  return faces
    .map(
      (f) =>
        `@font-face { font-family: '${FONT_FAMILY}'; font-style: normal; font-weight: ${f.weight}; font-display: block; ` +
        `src: url(data:font/woff2;base64,${f.woff2Base64}) format('woff2'); }`,
    )
    .join('\n');
}

/** Adds a `<style>` block with `css` at the end of a page's `<head>`. */
export function withFontFaces(html: string, css: string): string {
  const at = html.indexOf('</head>');
  if (at < 0) throw new Error('withFontFaces: the page has no </head>');
  return `${html.slice(0, at)}<style>\n${css}\n</style>\n${html.slice(at)}`;
}
