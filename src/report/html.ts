import { assumptionRows } from './assumption-rows.js';
import type { RunSummary } from '../engine/aggregate.js';
import type { Chart } from './charts.js';
import { escapeHtml } from './escape.js';
import { actionName, policyLabel, type ReportLang } from './labels.js';
import { shortfallWarnings } from './shortfall.js';
import { attributionNote, attributionTables, keyMetricTable, scoreRows, sensitivityRows } from './tables.js';
import { FONT_STACK, STATUS_COLOURS } from './theme.js';

const T = {
  scorecard: ['目标达成情况', 'Targets'],
  charts: ['图表', 'Charts'],
  keyTable: ['主要指标', 'Key metrics'],
  assumptions: ['情景与假设', 'Scenario and assumptions'],
  head: [
    ['目标', '年份', '中位数 [P10–P90]', '目标值', '达成概率', '状态'],
    ['target', 'years', 'P50 [P10–P90]', 'goal', 'probability', 'status'],
  ],
  run: ['模拟次数 {draws} · 随机种子 {seed} · 置信水平 {confidence}', '{draws} draws · seed {seed} · confidence {confidence}'],
  policies: ['政策组合', 'Policies'],
  none: ['无（基准情景）', 'none (business as usual)'],
} as const;
const t = (k: Exclude<keyof typeof T, 'head'>, lang: ReportLang) => T[k][lang === 'zh' ? 0 : 1];

/**
 * The decision-paper view as one self-contained HTML file: inline CSS and inline SVG charts,
 * no script and no request to any other host, every name escaped. Opens offline.
 */
export function reportHtml(
  s: RunSummary,
  charts: readonly Chart[],
  svgs: ReadonlyMap<string, string>,
  lang: ReportLang,
  /** Sections after the scorecard, already HTML (escaped): the 监测预警 and 拟合 sections (src/tracking/report.ts). */
  sections = '',
): string {
  const e = escapeHtml;
  const rows = scoreRows(s, lang);
  const table = keyMetricTable(s, lang);
  const short = shortfallWarnings(s, lang);
  const attribution = attributionTables(
    s,
    lang,
    (key) => policyLabel(key, lang, s.policies),
    (a) => actionName(a, lang),
  );
  const head = T.head[lang === 'zh' ? 0 : 1];
  const run = t('run', lang)
    .replace('{draws}', String(s.draws))
    .replace('{seed}', String(s.seed))
    .replace('{confidence}', String(s.confidence));
  const policies = s.policies.length
    ? s.policies.map((p) => `<li>${e(policyLabel(p.key, lang, s.policies))} <code>${e(p.key)}</code></li>`).join('')
    : `<li>${t('none', lang)}</li>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(s.scenario.title)}</title>
<style>
body { font-family: ${FONT_STACK.replace(/"/g, "'")}; color: #222; margin: 2em auto; max-width: 1000px; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 1.8em; }
.meta, .note { color: #555; } .note { font-size: 0.88em; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; }
th { background: #f4f4f4; }
.dot { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.3em; vertical-align: -0.05em; }
figure { margin: 1.5em 0; page-break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
</style>
</head>
<body>
<h1>${e(s.scenario.title)}</h1>
<p class="meta">${e(s.scenario.name)} · ${s.period.base}–${s.period.end} · ${e(run)}</p>
${s.scenario.description ? `<p>${e(s.scenario.description)}</p>` : ''}
<h2>${t('scorecard', lang)}</h2>
<table id="scorecard">
<tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>
${rows.map((r) => `<tr><td>${e(r.target)}</td><td>${r.years}</td><td>${e(r.range)}</td><td>${e(r.goal)}</td><td>${r.probability}</td><td><span class="dot" style="background:${STATUS_COLOURS[r.status]}"></span>${r.statusText}</td></tr>`).join('\n')}
</table>
${short.length ? `<ul id="shortfall">${short.map((w) => `<li>⚠ ${e(w)}</li>`).join('')}</ul>\n` : ''}${sections ? `${sections}\n` : ''}<h2>${t('keyTable', lang)}</h2>
<table id="key-metrics">
<tr>${table.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr>
${table.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}
</table>
<p class="note">${e(table.note)}</p>
${attribution.length ? `<h2>${lang === 'zh' ? '腾出来源' : 'Where the results come from'}</h2>\n<p class="note">${e(attributionNote(s, lang))}</p>` : ''}
${attribution.map((x) => `<h3>${e(x.title)}</h3>\n<table id="attribution-${x.id}">\n<tr>${x.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr>\n${x.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}\n</table>`).join('\n')}
${sensitivityTable(s, lang)}
<h2>${t('charts', lang)}</h2>
${charts.map((c) => `<figure id="chart-${e(c.id)}" class="chart">\n${svgs.get(c.id) ?? ''}\n</figure>`).join('\n')}
<h2>${t('assumptions', lang)}</h2>
<p>${t('policies', lang)}:</p>
<ul>${policies}</ul>
<table id="assumptions">
<tr>${(lang === 'zh' ? ['类别', '项目', '内容'] : ['group', 'item', 'value']).map((h) => `<th>${h}</th>`).join('')}</tr>
${assumptionRows(s, lang)
  .map((r) => `<tr>${r.map((c) => `<td>${e(String(c))}</td>`).join('')}</tr>`)
  .join('\n')}
</table>
</body>
</html>
`;
}

/** The sensitivity table: per target its three strongest drivers with their rank correlation. */
export function sensitivityTable(s: RunSummary, lang: ReportLang): string {
  const rows = sensitivityRows(s, lang);
  if (!rows.length) return '';
  const e = escapeHtml;
  const zh = lang === 'zh';
  return `<h2>${zh ? '不确定性来源' : 'What drives the outcomes'}</h2>
<table id="sensitivity"><tr><th>${zh ? '目标' : 'target'}</th><th>${zh ? '主要驱动参数（秩相关系数）' : 'strongest drivers (rank correlation)'}</th></tr>
${rows.map(([target, drivers]) => `<tr><td>${e(target)}</td><td>${e(drivers)}</td></tr>`).join('\n')}
</table>`;
}
