/**
 * Whether a character takes two columns in a terminal or an Excel column: CJK ideographs (with
 * extension B and beyond), kana, hangul, full-width forms.
 */
export const isWide = (ch: string): boolean =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ||
  (ch.codePointAt(0)! >= 0x20000 && ch.codePointAt(0)! <= 0x3fffd);

/** Display width of text in columns: a wide character (CJK) counts two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch) ? 2 : 1;
  return w;
}
