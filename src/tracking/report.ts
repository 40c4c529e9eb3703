import type { FitRow } from '../actuals/fit.js';
import { LEVEL_COLOURS } from '../report/charts.js';
import { escapeHtml, escapeMarkdownCell } from '../report/escape.js';
import { metricTitle, targetLabel } from '../report/labels.js';
import { displayUnit, unitText } from '../report/units.js';
import type { Light, TargetTrack, TrackReport } from './track.js';
import { lightName, trackWord, type TrackLang } from './words.js';
import { groupedFixed } from '../domain/number-text.js';

/**
 * The 监测预警 section of report.html and report.md, and the 拟合 table: plain text tables built
 * once (cells already formatted), written as HTML (escaped) or Markdown.
 */

interface TextTable {
  readonly id: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Column of each row holding a light (coloured dot in HTML). */
  readonly lights?: readonly (Light | null)[];
}

const num = (metric: string, x: number | null | undefined) => {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const u = displayUnit(metric);
  return groupedFixed(x * u.scale, u.decimals);
};
// a value that rounds to zero is "0.0 %", never "-0.0 %"
const pc = (x: number | null | undefined, d = 0) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(Number((x * 100).toFixed(d)) || 0).toFixed(d)} %`;
const unitOf = (metric: string, lang: TrackLang) => unitText(displayUnit(metric).unit, lang);
/** A period in brackets after a value: full-width in zh, ASCII in en. */
const inBrackets = (text: string, lang: TrackLang) => (lang === 'zh' ? `（${text}）` : ` (${text})`);

/** 预警: a light per target with its probability now and at the start, and the task done. */
export function warningTable(r: TrackReport, lang: TrackLang): TextTable {
  const W = (k: Parameters<typeof trackWord>[0]) => trackWord(k, lang);
  return {
    id: 'track-warnings',
    title: W('section'),
    header: [W('target'), W('year'), W('goal'), W('actual'), W('taskDone'), W('probNow'), W('probStart'), W('warning')],
    rows: r.targets.map((t) => {
      const last = t.actuals.at(-1);
      return [
        targetLabel(t, lang),
        String(t.year),
        `${t.bound === 'at_least' ? '≥' : '≤'} ${num(t.metric, t.goal_value)} ${unitOf(t.metric, lang)}`,
        last ? `${num(t.metric, last.value)}${inBrackets(last.period, lang)}` : '–',
        pc(t.task_done),
        pc(t.probability.now),
        pc(t.probability.start),
        lightName(t.warning, lang),
      ];
    }),
    lights: r.targets.map((t) => t.warning),
  };
}

/** 进度分析: achieved per year so far, required per year for the rest, the forecast P50's pace. */
export function paceTable(r: TrackReport, lang: TrackLang): TextTable {
  const W = (k: Parameters<typeof trackWord>[0]) => trackWord(k, lang);
  return {
    id: 'track-pace',
    title: W('pace'),
    header: [W('target'), W('unit'), W('achievedPace'), W('requiredPace'), W('forecastPace'), W('onPace')],
    rows: r.targets.map((t) => [
      targetLabel(t, lang),
      `${unitOf(t.metric, lang)}/${lang === 'zh' ? '年' : 'yr'}`,
      num(t.metric, t.pace.achieved_per_year),
      t.pace.reached ? W('reached') : num(t.metric, t.pace.required_per_year),
      num(t.metric, t.pace.forecast_p50_per_year),
      t.pace.on_pace === null ? '–' : t.pace.on_pace ? W('ahead') : W('behind'),
    ]),
  };
}

/** 季度通报: per target and quarter the annual task, achieved to date, share, expected share and light. */
export function quarterTable(r: TrackReport, lang: TrackLang): TextTable {
  const W = (k: Parameters<typeof trackWord>[0]) => trackWord(k, lang);
  const rows: string[][] = [];
  const lights: (Light | null)[] = [];
  for (const t of r.targets)
    for (const q of t.quarters) {
      rows.push([
        targetLabel(t, lang),
        q.quarter,
        `${num(t.metric, q.annual_task)} ${unitOf(t.metric, lang)}`,
        num(t.metric, q.achieved),
        pc(q.share, 1),
        pc(q.expected_share, 1),
        q.ratio === null ? '–' : q.ratio.toFixed(2),
        lightName(q.warning, lang),
      ]);
      lights.push(q.warning);
    }
  return {
    id: 'track-quarterly',
    title: W('quarterly'),
    header: [W('target'), W('quarter'), W('annualTask'), W('achieved'), W('share'), W('expected'), W('ratio'), W('warning')],
    rows,
    lights,
  };
}

/** 非模拟指标: tracked indicators, actual against plan. */
export function trackedTable(r: TrackReport, lang: TrackLang): TextTable {
  const W = (k: Parameters<typeof trackWord>[0]) => trackWord(k, lang);
  return {
    id: 'track-indicators',
    title: W('tracked'),
    header: [W('indicator'), W('unit'), W('year'), W('goal'), W('actual'), W('taskDone'), W('planDone'), W('warning')],
    rows: r.tracked.map((t) => [
      t.label,
      unitText(t.unit, lang),
      String(t.year),
      `${t.bound === 'at_least' ? '≥' : '≤'} ${t.goal}`,
      t.actual ? `${t.actual.value}${inBrackets(t.actual.period, lang)}` : '–',
      pc(t.task_done),
      pc(t.plan_done),
      lightName(t.warning, lang),
    ]),
    lights: r.tracked.map((t) => t.warning),
  };
}

/** 拟合: each observed annual value against the model before and after conditioning. */
export function fitTextTable(fit: readonly FitRow[], lang: TrackLang): TextTable {
  const zh = lang === 'zh';
  return {
    id: 'actuals-fit',
    title: zh ? '拟合（实际值与模拟对照）' : 'Fit (observed against simulated)',
    header: zh
      ? ['指标', '范围', '年份', '实际值', '校准前中位数', '偏差', '校准后中位数', '校准后偏差', '用法', '来源']
      : ['metric', 'scope', 'year', 'observed', 'uncalibrated P50', 'error', 'calibrated P50', 'calibrated error', 'use', 'source'],
    rows: fit.map((f) => [
      metricTitle(f.metric, lang),
      f.scope,
      String(f.year),
      num(f.metric, f.observed),
      num(f.metric, f.uncalibrated_p50),
      pc(f.error, 1),
      num(f.metric, f.calibrated_p50),
      pc(f.calibrated_error, 1),
      f.use,
      f.source,
    ]),
  };
}

function htmlTable(t: TextTable): string {
  return `<h3>${escapeHtml(t.title)}</h3>\n${lightTableHtml(t)}`;
}

/** A table as HTML (names escaped), the last column of a row with a light carrying a coloured dot: the tracking and budget sections' tables. */
export function lightTableHtml(t: Omit<TextTable, 'title'>): string {
  const e = escapeHtml;
  const lightCol = t.header.length - 1;
  return `<table id="${e(t.id)}">
<tr>${t.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr>
${t.rows
  .map(
    (r, i) =>
      `<tr>${r
        .map((c, j) => {
          const l = t.lights?.[i];
          return `<td>${j === lightCol && l ? `<span class="dot" style="background:${LEVEL_COLOURS[l]}"></span>` : ''}${e(c)}</td>`;
        })
        .join('')}</tr>`,
  )
  .join('\n')}
</table>`;
}

function mdTable(t: TextTable): string[] {
  const c = escapeMarkdownCell;
  return [
    `### ${t.title}`,
    '',
    `| ${t.header.map(c).join(' | ')} |`,
    `|${t.header.map(() => ' --- ').join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(c).join(' | ')} |`),
    '',
  ];
}

const tables = (r: TrackReport, lang: TrackLang) => [
  warningTable(r, lang),
  paceTable(r, lang),
  quarterTable(r, lang),
  ...(r.tracked.length ? [trackedTable(r, lang)] : []),
];

const intro = (r: TrackReport, lang: TrackLang) =>
  `${r.has_actuals ? `${trackWord('asOf', lang)} ${r.as_of}` : trackWord('noActuals', lang)}。${trackWord('lightRule', lang)} ${trackWord('quarterRule', lang)}`;

/** The 监测预警 section of report.html: lights, pace, quarterly table, indicators and the 挂图作战 charts (inline SVG). */
export function trackHtml(r: TrackReport, charts: readonly { id: string }[], svgs: ReadonlyMap<string, string>, lang: TrackLang): string {
  const e = escapeHtml;
  return `<section id="tracking">
<h2>${e(trackWord('section', lang))}</h2>
<p class="meta">${e(intro(r, lang))}</p>
${tables(r, lang).map(htmlTable).join('\n')}
${charts.map((c) => `<figure id="chart-${e(c.id)}" class="chart">\n${svgs.get(c.id) ?? ''}\n</figure>`).join('\n')}
</section>`;
}

/** The 监测预警 section of report.md (charts linked as PNG files). */
export function trackMarkdown(r: TrackReport, charts: readonly { id: string; title: string }[], lang: TrackLang): string {
  return [
    `## ${trackWord('section', lang)}`,
    '',
    intro(r, lang),
    '',
    ...tables(r, lang).flatMap(mdTable),
    ...charts.flatMap((c) => [`![${escapeMarkdownCell(c.title)}](charts/${c.id}.png)`, '']),
  ].join('\n');
}

/** The 拟合 table of report.html (empty without fit rows). */
export function fitHtml(fit: readonly FitRow[] | undefined, lang: TrackLang): string {
  return fit?.length
    ? `<section id="fit">\n<h2>${escapeHtml(fitTextTable(fit, lang).title)}</h2>\n${lightTableHtml(fitTextTable(fit, lang))}\n</section>`
    : '';
}

/** The 拟合 table of report.md. */
export function fitMarkdown(fit: readonly FitRow[] | undefined, lang: TrackLang): string {
  if (!fit?.length) return '';
  const t = fitTextTable(fit, lang);
  return ['', `## ${t.title}`, '', ...mdTable(t).slice(2)].join('\n');
}

export type { TargetTrack };
