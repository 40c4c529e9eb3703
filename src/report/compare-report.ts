import type { Comparison } from '../engine/compare.js';
import type { Chart } from './charts.js';
import { escapeHtml, escapeMarkdownCell } from './escape.js';
import { word, type ReportLang } from './labels.js';
import { formatSigned } from './tables.js';
import { FONT_STACK, STATUS_COLOURS } from './theme.js';

/** Rows of the comparison tables as text: probabilities per target, costs per scenario. */
function tables(c: Comparison, lang: ReportLang) {
  const zh = lang === 'zh';
  const names = c.scenarios.map((s, k) => `${k + 1}. ${s.name}`);
  const targets = c.targets.map((t) => ({
    label: t.label,
    cells: t.byScenario.map((x) =>
      x
        ? { text: `${Math.round(x.probability * 100)} % ${word(x.status as 'met', lang)}`, status: x.status as keyof typeof STATUS_COLOURS }
        : { text: '–', status: undefined },
    ),
  }));
  // changes against scenario 1, signed so they read the right way round (a loss is negative)
  const costHead = zh
    ? ['方案', '多腾出用能（万tce）', '增加值变化（亿元）', '税收变化（亿元）', '就业变化（人）']
    : ['scenario', 'extra energy vacated (万tce)', 'value added change (亿元)', 'tax change (亿元)', 'jobs change'];
  const neg = (x: number | null) => (x === null ? null : -x);
  const costs = c.costs.map((x, k) => [
    names[k],
    formatSigned((x.extraVacatedEnergyTce ?? NaN) / 1e4, 2),
    formatSigned((neg(x.valueAddedLost) ?? NaN) / 1e4, 1),
    formatSigned((neg(x.taxLost) ?? NaN) / 1e4, 1),
    formatSigned(neg(x.jobsLost) ?? NaN, 0),
  ]);
  return { names, targets, costHead, costs };
}

/** The comparison as one self-contained HTML file (inline CSS and SVG, no script, names escaped). */
export function compareHtml(c: Comparison, charts: readonly Chart[], svgs: ReadonlyMap<string, string>, lang: ReportLang): string {
  const e = escapeHtml;
  const zh = lang === 'zh';
  const t = tables(c, lang);
  const title = zh ? '政策组合对比' : 'Policy mixes compared';
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font-family: ${FONT_STACK.replace(/"/g, "'")}; color: #222; margin: 2em auto; max-width: 1000px; padding: 0 1em; line-height: 1.5; }
h2 { border-bottom: 1px solid #ddd; margin-top: 1.6em; } table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; } th { background: #f4f4f4; }
.dot { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; }
figure { margin: 1.5em 0; page-break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
${c.warning ? `<p id="warning" style="border:2px solid #c0392b;padding:0.5em;font-weight:bold">${e(c.warning)}</p>\n` : ''}<h1>${title}</h1>
<p>${t.names.map(e).join(' · ')} · ${c.period.base}–${c.period.end} · ${c.draws} ${zh ? '次模拟 · 随机种子' : 'draws · seed'} ${c.seed}</p>
<h2>${zh ? '目标达成概率' : 'Targets'}</h2>
<table id="targets"><tr><th>${zh ? '目标' : 'target'}</th>${t.names.map((n) => `<th>${e(n)}</th>`).join('')}</tr>
${t.targets.map((r) => `<tr><td>${e(r.label)}</td>${r.cells.map((x) => `<td>${x.status ? `<span class="dot" style="background:${STATUS_COLOURS[x.status]}"></span>` : ''}${e(x.text)}</td>`).join('')}</tr>`).join('\n')}
</table>
<h2>${zh ? '代价与收益（较方案 1，配对差值中位数）' : 'Costs and gains (vs scenario 1, median paired differences)'}</h2>
<table id="costs"><tr>${t.costHead.map((h) => `<th>${e(h)}</th>`).join('')}</tr>
${t.costs.map((r) => `<tr>${r.map((x) => `<td>${e(x)}</td>`).join('')}</tr>`).join('\n')}
</table>
<h2>${zh ? '图表' : 'Charts'}</h2>
${charts.map((ch) => `<figure id="chart-${e(ch.id)}" class="chart">\n${svgs.get(ch.id) ?? ''}\n</figure>`).join('\n')}
</body>
</html>
`;
}

/** The comparison in Markdown, charts as linked PNGs. */
export function compareMarkdown(c: Comparison, charts: readonly Chart[], lang: ReportLang): string {
  const zh = lang === 'zh';
  const m = escapeMarkdownCell;
  const t = tables(c, lang);
  const row = (cells: readonly string[]) => `| ${cells.map(m).join(' | ')} |`;
  const sep = (n: number) => `|${' --- |'.repeat(n)}`;
  return [
    ...(c.warning ? [`> **${m(c.warning)}**`, ''] : []),
    `# ${zh ? '政策组合对比' : 'Policy mixes compared'}`,
    '',
    `${t.names.join(' · ')} · ${c.period.base}–${c.period.end} · ${c.draws} ${zh ? '次模拟' : 'draws'}`,
    '',
    `## ${zh ? '目标达成概率' : 'Targets'}`,
    '',
    row([zh ? '目标' : 'target', ...t.names]),
    sep(t.names.length + 1),
    ...t.targets.map((r) => row([r.label, ...r.cells.map((x) => x.text)])),
    '',
    `## ${zh ? '代价与收益' : 'Costs and gains'}`,
    '',
    row(t.costHead),
    sep(t.costHead.length),
    ...t.costs.map(row),
    '',
    ...charts.map((ch) => `![${m(ch.title)}](charts/${ch.id}.png)\n`),
  ].join('\n');
}
