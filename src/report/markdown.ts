import { assumptionRows } from './assumption-rows.js';
import type { RunSummary } from '../engine/aggregate.js';
import type { Chart } from './charts.js';
import { escapeMarkdownCell } from './escape.js';
import { actionName, policyLabel, type ReportLang } from './labels.js';
import { shortfallWarnings } from './shortfall.js';
import { attributionNote, attributionTables, keyMetricTable, scoreRows, sensitivityRows } from './tables.js';

/** The same report in Markdown for pasting into documents; charts link their PNGs. */
export function reportMarkdown(
  s: RunSummary,
  charts: readonly Chart[],
  lang: ReportLang,
  /** Sections appended, already Markdown: the 监测预警 and 拟合 sections (src/tracking/report.ts). */
  sections = '',
): string {
  const zh = lang === 'zh';
  const c = escapeMarkdownCell;
  const row = (cells: readonly string[]) => `| ${cells.map(c).join(' | ')} |`;
  const sep = (n: number) => `|${' --- |'.repeat(n)}`;
  const head = zh
    ? ['目标', '年份', '中位数 [P10–P90]', '目标值', '达成概率', '状态']
    : ['target', 'years', 'P50 [P10–P90]', 'goal', 'probability', 'status'];
  const mark = { met: '●', at_risk: '◐', missed: '○' } as const;
  const table = keyMetricTable(s, lang);
  return [
    `# ${c(s.scenario.title)}`,
    '',
    `${c(s.scenario.name)} · ${s.period.base}–${s.period.end} · ${zh ? `${s.draws} 次模拟 · 随机种子 ${s.seed}` : `${s.draws} draws · seed ${s.seed}`}`,
    '',
    s.scenario.description ? `${c(s.scenario.description)}\n` : '',
    `## ${zh ? '目标达成情况' : 'Targets'}`,
    '',
    row(head),
    sep(head.length),
    ...scoreRows(s, lang).map((r) => row([r.target, r.years, r.range, r.goal, r.probability, `${mark[r.status]} ${r.statusText}`])),
    '',
    ...shortfallWarnings(s, lang).map((w) => `> ⚠ ${c(w)}\n`),
    `## ${zh ? '主要指标' : 'Key metrics'}`,
    '',
    row(table.header),
    sep(table.header.length),
    ...table.rows.map(row),
    '',
    c(table.note),
    '',
    ...(s.attribution
      ? [
          `## ${zh ? '腾出来源' : 'Where the results come from'}`,
          '',
          c(attributionNote(s, lang)),
          '',
          ...attributionTables(
            s,
            lang,
            (key) => policyLabel(key, lang, s.policies),
            (a) => actionName(a, lang),
          ).flatMap((x) => [`### ${c(x.title)}`, '', row(x.header), sep(x.header.length), ...x.rows.map(row), '']),
        ]
      : []),
    // what drives each target, as report.html's 不确定性来源 table
    ...(sensitivityRows(s, lang).length
      ? [
          `## ${zh ? '不确定性来源' : 'What drives the outcomes'}`,
          '',
          row(zh ? ['目标', '主要驱动参数（秩相关系数）'] : ['target', 'strongest drivers (rank correlation)']),
          sep(2),
          ...sensitivityRows(s, lang).map(row),
          '',
        ]
      : []),
    `## ${zh ? '图表' : 'Charts'}`,
    '',
    ...charts.map((ch) => `![${c(ch.title)}](charts/${ch.id}.png)\n`),
    ...(sections ? [sections] : []),
    // every number that produced the results, as the workbook's 假设 sheet (issue #14 item 6)
    `## ${zh ? '情景与假设' : 'Scenario and assumptions'}`,
    '',
    row(zh ? ['类别', '项目', '内容'] : ['group', 'item', 'value']),
    sep(3),
    ...assumptionRows(s, lang).map((r) => row(r.map(String))),
    '',
  ].join('\n');
}
