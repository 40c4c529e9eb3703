import { describe, expect, it } from 'vitest';
import { fontFaceCss, pageCharacters, withFontFaces } from '../../src/report/font-face.js';
import { FONT_FAMILY, FONT_STACK } from '../../src/report/theme.js';

// issue #14 item 3: the characters a report's embedded font must draw, and the CSS that embeds it
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>标题</title>
<style>body { font-family: ${FONT_STACK}; } /* 样式里的字不画 */</style>
</head><body>
<!-- 注释里的字也不画 -->
<h1>腾笼 &amp; 换鸟</h1>
<table><tr><th>目标</th><td>&lt;5&#39;&#x4E07;</td></tr></table>
<figure class="chart"><svg><text font-family="Noto Sans SC, &quot;Microsoft YaHei&quot;" font-weight="bold">亩均<tspan>税收</tspan></text></svg></figure>
<script>var 脚本 = 1;</script>
</body></html>`;

describe('the characters of a page', () => {
  it('are the text of its elements and of its SVG charts, entities decoded, each once in code-point order', () => {
    const chars = pageCharacters(page);
    // &amp; → &, &lt; → <, &#39; → ', &#x4E07; → 万 (U+4E07); the attribute's &quot; and font names are markup, not text
    for (const c of "标题腾笼换鸟&目标<5'万亩均税收 ") expect(chars).toContain(c);
    expect([...chars]).toEqual([...new Set(chars)]);
    expect([...chars].map((c) => c.codePointAt(0)!)).toEqual([...chars].map((c) => c.codePointAt(0)!).sort((a, b) => a - b));
  });

  it('leave out markup, comments, CSS, scripts and line breaks', () => {
    const chars = pageCharacters(page);
    for (const c of ['样', '式', '注', '释', '脚', '本', '"', 'M', 'Y', '{', '\n']) expect(chars).not.toContain(c);
  });
});

describe('the embedded faces', () => {
  const css = fontFaceCss([
    { weight: 400, woff2Base64: 'AAAA' },
    { weight: 700, woff2Base64: 'BBBB' },
  ]);

  it('are @font-face rules of WOFF2 data URIs under the family the report and its charts name first', () => {
    expect(FONT_STACK.startsWith(FONT_FAMILY)).toBe(true);
    const rules = css.split('\n');
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatch(
      new RegExp(
        `^@font-face \\{ font-family: '${FONT_FAMILY}'; .*font-weight: 400; .*src: url\\(data:font/woff2;base64,AAAA\\) format\\('woff2'\\); \\}$`,
      ),
    );
    expect(rules[1]).toContain('font-weight: 700;');
    expect(rules[1]).toContain('base64,BBBB)');
  });

  it('go into a style block at the end of the head, before the body, leaving the page otherwise unchanged', () => {
    const out = withFontFaces(page, css);
    expect(out.indexOf(css)).toBeGreaterThan(out.indexOf('</style>'));
    expect(out.indexOf(css)).toBeLessThan(out.indexOf('</head>'));
    expect(out.replace(`<style>\n${css}\n</style>\n`, '')).toBe(page);
    expect(() => withFontFaces('<p>no head</p>', css)).toThrow(/no <\/head>/);
  });
});
