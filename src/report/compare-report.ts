import type { Comparison } from '../engine/compare.js';
import type { Chart } from './charts.js';
import { escapeHtml, escapeMarkdownCell } from './escape.js';
import type { RunSummary } from '../engine/aggregate.js';
import { targetLabel, word, type ReportLang } from './labels.js';
import { formatNumber } from './tables.js';
import { unitText } from './units.js';
import { FONT_STACK, STATUS_COLOURS } from './theme.js';

type Cost = Comparison['costs'][number];
type Summaries = readonly Pick<RunSummary, 'targets'>[];

/** A scenario of a comparison by number and title ("2. 关停主导方案"); its id apart, for small print. */
export function scenarioNames(c: Comparison): { readonly title: string; readonly id: string }[] {
  return c.scenarios.map((s, k) => ({ title: `${k + 1}. ${s.title || s.name}`, id: s.name }));
}

/** A comparison target's name in `lang`, with its start year from the scenarios' summaries when they have it. */
export function comparedTargetLabel(t: Comparison['targets'][number], summaries: Summaries, lang: ReportLang): string {
  const from = summaries.flatMap((s) => s.targets).find((x) => x.id === t.id)?.from;
  return targetLabel({ ...t, ...(from !== undefined ? { from } : {}) }, lang);
}

/**
 * One change in words, the sign in the words (issue #14 item 7): "多腾出 25.07", "减少 0.8",
 * "down 0.8"; "不变"/"unchanged" when it rounds to 0; "–" when unknown.
 */
export function changeWords(x: number | null, decimals: number, lang: ReportLang, words: { more: string[]; less: string[] }): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const n = formatNumber(Math.abs(x), decimals);
  if (Number(n.replace(/,/g, '')) === 0) return lang === 'zh' ? '不变' : 'unchanged';
  const [zh, en] = x > 0 ? words.more : words.less;
  return lang === 'zh' ? `${zh} ${n}` : `${en} ${n}`;
}

/** The four changes of a scenario against the first, in display units: energy vacated (万tce), value added and tax (亿元), jobs. */
export function costChanges(x: Cost) {
  const neg = (v: number | null) => (v === null ? null : -v);
  return {
    energy: x.extraVacatedEnergyTce === null ? null : x.extraVacatedEnergyTce / 1e4,
    valueAdded: neg(x.valueAddedLost) === null ? null : -x.valueAddedLost! / 1e4,
    tax: neg(x.taxLost) === null ? null : -x.taxLost! / 1e4,
    jobs: neg(x.jobsLost),
  };
}

const MORE_LESS = { more: ['增加', 'up'], less: ['减少', 'down'] };
const VACATED = { more: ['多腾出', 'up'], less: ['少腾出', 'down'] };

/**
 * A scenario against the first in one sentence, signs in the words: "2. 关停 较 1. 基准：多腾出用能
 * 12.44 万tce，2025 年增加值减少 19.3 亿元，税收增加 0.8 亿元，就业减少 10,436 人"; in English
 * "… vs …: energy vacated up 12.44 (10k tce); in 2025 value added down 19.3 (100M yuan), …".
 */
export function costSentence(x: Cost, title: string, first: string, end: number, lang: ReportLang): string {
  const d = costChanges(x);
  /** "<what><more|less> n unit" (zh; 腾出 around its words: 多腾出用能 n), "<what> up|down n (unit)" (en), "… 不变 / unchanged", "… –". */
  const part = (what: [string, string], v: number | null, decimals: number, unit: string, words = MORE_LESS) => {
    const w = changeWords(v, decimals, lang, words);
    const u = unitText(unit, lang);
    if (lang === 'zh') {
      if (w === '不变' || w === '–') return `${what[0]}${w === '–' ? ' –' : w}`;
      return `${words === VACATED ? w.replace(' ', '用能 ') : `${what[0]}${w}`}${u ? ` ${u}` : ''}`;
    }
    return w === 'unchanged' || w === '–' || !u ? `${what[1]} ${w}` : `${what[1]} ${w} (${u})`;
  };
  if (lang === 'zh')
    return `${title} 较 ${first}：${part(['腾出用能', ''], d.energy, 2, '万tce', VACATED)}，${end} 年${part(['增加值', ''], d.valueAdded, 1, '亿元')}，${part(['税收', ''], d.tax, 1, '亿元')}，${part(['就业', ''], d.jobs, 0, '人')}`;
  return `${title} vs ${first}: ${part(['', 'energy vacated'], d.energy, 2, '万tce')}; in ${end} ${part(['', 'value added'], d.valueAdded, 1, '亿元')}, ${part(['', 'tax'], d.tax, 1, '亿元')}, ${part(['', 'jobs'], d.jobs, 0, '')}`;
}

/** Rows of the comparison tables as text: probabilities per target, changes per scenario in words. */
function tables(c: Comparison, summaries: Summaries, lang: ReportLang) {
  const zh = lang === 'zh';
  const scenarios = scenarioNames(c);
  const names = scenarios.map((s) => s.title);
  const targets = c.targets.map((t) => ({
    label: comparedTargetLabel(t, summaries, lang),
    cells: t.byScenario.map((x) =>
      x
        ? { text: `${Math.round(x.probability * 100)} % ${word(x.status as 'met', lang)}`, status: x.status as keyof typeof STATUS_COLOURS }
        : { text: '–', status: undefined },
    ),
  }));
  // each scenario against scenario 1, the sign in the words ("增加值减少 0.8", never "−0.8" after 减少)
  const end = c.period.end;
  const u = (x: string) => unitText(x, lang);
  const costHead = zh
    ? [
        '方案',
        `腾出用能（万tce，${c.period.base + 1}–${end} 累计）`,
        `增加值（亿元，${end} 年）`,
        `税收（亿元，${end} 年）`,
        `就业（人，${end} 年）`,
      ]
    : [
        'scenario',
        `energy vacated (${u('万tce')}, ${c.period.base + 1}–${end})`,
        `value added (${u('亿元')}, ${end})`,
        `tax (${u('亿元')}, ${end})`,
        `jobs (${end})`,
      ];
  const costs = c.costs.slice(1).map((x, k) => {
    const d = costChanges(x);
    return [
      names[k + 1],
      changeWords(d.energy, 2, lang, VACATED),
      changeWords(d.valueAdded, 1, lang, MORE_LESS),
      changeWords(d.tax, 1, lang, MORE_LESS),
      changeWords(d.jobs, 0, lang, MORE_LESS),
    ];
  });
  const sentences = c.costs.slice(1).map((x, k) => costSentence(x, names[k + 1], names[0], end, lang));
  return { scenarios, names, targets, costHead, costs, sentences };
}

/** The comparison as one self-contained HTML file (inline CSS and SVG, no script, names escaped). */
export function compareHtml(
  c: Comparison,
  charts: readonly Chart[],
  svgs: ReadonlyMap<string, string>,
  lang: ReportLang,
  /** The scenarios' summaries (the targets' start years); absent: targets named without them. */
  summaries: Summaries = [],
): string {
  const e = escapeHtml;
  const zh = lang === 'zh';
  const t = tables(c, summaries, lang);
  // a scenario by title, its id in small print
  const th = (k: number) => `<th>${e(t.scenarios[k].title)}<br><small><code>${e(t.scenarios[k].id)}</code></small></th>`;
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
<p>${t.scenarios.map((x) => `${e(x.title)} <small><code>${e(x.id)}</code></small>`).join(' · ')} · ${c.period.base}–${c.period.end} · ${c.draws} ${zh ? '次模拟 · 随机种子' : 'draws · seed'} ${c.seed}</p>
<h2>${zh ? '目标达成概率' : 'Targets'}</h2>
<table id="targets"><tr><th>${zh ? '目标' : 'target'}</th>${t.names.map((_, k) => th(k)).join('')}</tr>
${t.targets.map((r) => `<tr><td>${e(r.label)}</td>${r.cells.map((x) => `<td>${x.status ? `<span class="dot" style="background:${STATUS_COLOURS[x.status]}"></span>` : ''}${e(x.text)}</td>`).join('')}</tr>`).join('\n')}
</table>
<h2>${zh ? `代价与收益（较 ${e(t.names[0] ?? '')}，配对差值中位数）` : `Costs and gains (vs ${e(t.names[0] ?? '')}, median paired differences)`}</h2>
${t.sentences.length ? `<ul id="cost-sentences">${t.sentences.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : `<p>${zh ? '只有一个方案。' : 'One scenario only.'}</p>`}
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
export function compareMarkdown(c: Comparison, charts: readonly Chart[], lang: ReportLang, summaries: Summaries = []): string {
  const zh = lang === 'zh';
  const m = escapeMarkdownCell;
  const t = tables(c, summaries, lang);
  const named = t.scenarios.map((x) => `${x.title} (\`${x.id}\`)`);
  const row = (cells: readonly string[]) => `| ${cells.map(m).join(' | ')} |`;
  const sep = (n: number) => `|${' --- |'.repeat(n)}`;
  return [
    ...(c.warning ? [`> **${m(c.warning)}**`, ''] : []),
    `# ${zh ? '政策组合对比' : 'Policy mixes compared'}`,
    '',
    `${named.map(m).join(' · ')} · ${c.period.base}–${c.period.end} · ${c.draws} ${zh ? '次模拟' : 'draws'}`,
    '',
    `## ${zh ? '目标达成概率' : 'Targets'}`,
    '',
    row([zh ? '目标' : 'target', ...t.names]),
    sep(t.names.length + 1),
    ...t.targets.map((r) => row([r.label, ...r.cells.map((x) => x.text)])),
    '',
    `## ${zh ? `代价与收益（较 ${m(t.names[0] ?? '')}，配对差值中位数）` : `Costs and gains (vs ${m(t.names[0] ?? '')}, median paired differences)`}`,
    '',
    ...(t.sentences.length ? t.sentences.map((x) => `- ${m(x)}`) : [zh ? '只有一个方案。' : 'One scenario only.']),
    '',
    row(t.costHead),
    sep(t.costHead.length),
    ...t.costs.map(row),
    '',
    ...charts.map((ch) => `![${m(ch.title)}](charts/${ch.id}.png)\n`),
  ].join('\n');
}
