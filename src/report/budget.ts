import type { RunSummary } from '../engine/aggregate.js';
import type { Light } from '../tracking/track.js';
import { lightTableHtml } from '../tracking/report.js';
import { LIGHT_MARK, lightName } from '../tracking/words.js';
import { escapeHtml, escapeMarkdownCell } from './escape.js';
import { detailText, metricTitle, policyLabel, type ReportLang } from './labels.js';
import { formatNumber } from './tables.js';
import { displayUnit, unitText } from './units.js';

/**
 * The 碳排放预算 (carbon budget) and 项目准入 (project admission) sections of report.html and
 * report.md (issue #13 §1, §3): the budget year by year with its warning level (the rule and
 * colours of the monitoring report, src/tracking/), the ledger year by year, and draw 0's
 * deferred and rejected projects with the reason the ledger gave (events.csv `detail`).
 */

/** A project the ledger or an admission test held back in draw 0 (from events.csv). */
export interface AdmissionEvent {
  readonly year: number;
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  readonly action: 'deferred' | 'rejected';
  readonly detail: string;
}

/** The charts these sections show (report.html and report.md leave them out of the chart section). */
export const SECTION_CHARTS: readonly string[] = ['carbon-budget', 'ledger-pools'];

interface TextTable {
  readonly id: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The light of each row, shown in the last column (a coloured dot in HTML, a mark in Markdown). */
  readonly lights?: readonly Light[];
}

const W = {
  budget: ['碳排放预算', 'Carbon budget'],
  admission: ['项目准入', 'Project admission'],
  ledger: ['替代指标池（各年）', 'The replacement pools by year'],
  heldBack: ['第 0 次模拟中缓批与不予准入的项目', 'Projects deferred or rejected in draw 0'],
  noneHeldBack: ['第 0 次模拟中没有缓批或不予准入的项目。', 'No project was deferred or rejected in draw 0.'],
  year: ['年份', 'year'],
  project: ['项目', 'project'],
  policy: ['政策', 'policy'],
  decision: ['结果', 'decision'],
  detail: ['说明', 'detail'],
  probability: ['预算内概率', 'probability within the budget'],
  level: ['预警', 'warning'],
} as const;
const w = (k: keyof typeof W, lang: ReportLang) => W[k][lang === 'zh' ? 0 : 1];
const pc = (x: number) => `${Math.round(x * 100)} %`;

/** The warning rule of the budget, with the run's thresholds. */
export function budgetRule(s: RunSummary, lang: ReportLang): string {
  const t = s.budget?.thresholds;
  if (!t) return '';
  return lang === 'zh'
    ? `预警等级：当年二氧化碳排放不超过碳排放预算的模拟占比（预算内概率）≥ ${pc(t.green)} 绿灯，≥ ${pc(t.yellow)} 黄灯，以下红灯（阈值同监测预警 tracking.warning，绿灯阈值默认取置信水平）。`
    : `Warning level: the share of draws whose CO2 stays within the year's budget (probability within the budget) ≥ ${pc(t.green)} green, ≥ ${pc(t.yellow)} yellow, red below (the thresholds of tracking.warning; green defaults to the confidence).`;
}

/** The budget table: year, budget (P50), CO2 P50 [P10–P90], probability within the budget, warning level. */
export function budgetTable(s: RunSummary, lang: ReportLang): TextTable | undefined {
  const b = s.budget;
  if (!b) return undefined;
  const u = { ...displayUnit('co2_t'), unit: unitText(displayUnit('co2_t').unit, lang) };
  const f = (x: number | null) => formatNumber(x === null ? null : x * u.scale, u.decimals);
  const zh = lang === 'zh';
  return {
    id: 'budget',
    header: [
      w('year', lang),
      zh ? `碳排放预算（${u.unit}，中位数）` : `budget (${u.unit}, P50)`,
      zh ? `二氧化碳排放 中位数 [P10–P90]（${u.unit}）` : `CO2 P50 [P10–P90] (${u.unit})`,
      w('probability', lang),
      w('level', lang),
    ],
    rows: b.years.map((y) => [
      String(y.year),
      f(y.budget_p50),
      `${f(y.co2_p50)} [${f(y.co2_p10)} – ${f(y.co2_p90)}]`,
      pc(y.probability),
      lightName(y.level, lang),
    ]),
    lights: b.years.map((y) => y.level),
  };
}

/** The ledger table: projects admitted, deferred and rejected (means) and the pools at each year's end (P50). */
export function ledgerTable(s: RunSummary, lang: ReportLang): TextTable | undefined {
  const l = s.ledger;
  if (!l) return undefined;
  const zh = lang === 'zh';
  const mean = (id: string) => (zh ? `${metricTitle(id, lang)}（均值）` : `${metricTitle(id, lang)} (mean)`);
  const p50 = (id: string) =>
    zh
      ? `${metricTitle(id, lang)}（${displayUnit(id).unit}，中位数）`
      : `${metricTitle(id, lang)} (${unitText(displayUnit(id).unit, lang)}, P50)`;
  const v = (id: string, x: number | null) => formatNumber(x === null ? null : x * displayUnit(id).scale, displayUnit(id).decimals);
  return {
    id: 'ledger',
    header: [
      w('year', lang),
      mean('projects_admitted'),
      mean('projects_deferred'),
      mean('projects_rejected'),
      p50('energy_headroom_tce'),
      p50('co2_pool_t'),
      p50('land_pool_mu'),
    ],
    rows: l.years.map((y) => [
      String(y.year),
      formatNumber(y.projects_admitted_mean, 1),
      formatNumber(y.projects_deferred_mean, 1),
      formatNumber(y.projects_rejected_mean, 1),
      v('energy_headroom_tce', y.energy_headroom_tce_p50),
      v('co2_pool_t', y.co2_pool_t_p50),
      v('land_pool_mu', y.land_pool_mu_p50),
    ]),
  };
}

/** Draw 0's deferred and rejected projects, in the order they happened, with the ledger's reason. */
export function admissionTable(s: RunSummary, admissions: readonly AdmissionEvent[], lang: ReportLang): TextTable {
  return {
    id: 'admission',
    header: [w('year', lang), w('project', lang), w('policy', lang), w('decision', lang), w('detail', lang)],
    rows: admissions.map((a) => [
      String(a.year),
      a.name && a.name !== a.id ? `${a.id} ${detailText(a.name, lang)}` : a.id,
      policyLabel(a.policy, lang, s.policies),
      lang === 'zh' ? (a.action === 'deferred' ? '缓批' : '不予准入') : a.action,
      detailText(a.detail, lang) || '–',
    ]),
  };
}

/** Whether the 项目准入 section is shown: a `ledger:` block, or projects held back in draw 0. */
const showAdmission = (s: RunSummary, admissions: readonly AdmissionEvent[]) => s.ledger?.block === true || admissions.length > 0;

function mdTable(t: TextTable): string[] {
  const c = escapeMarkdownCell;
  const last = t.header.length - 1;
  return [
    `| ${t.header.map(c).join(' | ')} |`,
    `|${t.header.map(() => ' --- ').join('|')}|`,
    ...t.rows.map((r, i) => `| ${r.map((x, j) => (j === last && t.lights ? `${LIGHT_MARK[t.lights[i]]} ${c(x)}` : c(x))).join(' | ')} |`),
    '',
  ];
}

const figure = (id: string, svgs: ReadonlyMap<string, string>, charts: readonly { id: string }[]) =>
  charts.some((c) => c.id === id) ? `<figure id="chart-${escapeHtml(id)}" class="chart">\n${svgs.get(id) ?? ''}\n</figure>\n` : '';

/** The 碳排放预算 and 项目准入 sections of report.html (each only when it has something to show), names escaped. */
export function budgetHtml(
  s: RunSummary,
  admissions: readonly AdmissionEvent[],
  charts: readonly { id: string }[],
  svgs: ReadonlyMap<string, string>,
  lang: ReportLang,
): string {
  const e = escapeHtml;
  const out: string[] = [];
  const budget = budgetTable(s, lang);
  if (budget)
    out.push(`<section id="carbon-budget">
<h2>${w('budget', lang)}</h2>
<p class="meta">${e(budgetRule(s, lang))}</p>
${lightTableHtml(budget)}
${figure('carbon-budget', svgs, charts)}</section>`);
  if (showAdmission(s, admissions)) {
    const ledger = ledgerTable(s, lang);
    out.push(`<section id="project-admission">
<h2>${w('admission', lang)}</h2>
${ledger ? `<h3>${w('ledger', lang)}</h3>\n${lightTableHtml(ledger)}\n` : ''}${figure('ledger-pools', svgs, charts)}<h3>${w('heldBack', lang)}</h3>
${admissions.length ? lightTableHtml(admissionTable(s, admissions, lang)) : `<p>${w('noneHeldBack', lang)}</p>`}
</section>`);
  }
  return out.join('\n');
}

/** The same sections in Markdown (charts linked as PNG files). */
export function budgetMarkdown(
  s: RunSummary,
  admissions: readonly AdmissionEvent[],
  charts: readonly { id: string; title: string }[],
  lang: ReportLang,
): string {
  const link = (id: string) =>
    charts.filter((c) => c.id === id).flatMap((c) => [`![${escapeMarkdownCell(c.title)}](charts/${c.id}.png)`, '']);
  const out: string[] = [];
  const budget = budgetTable(s, lang);
  if (budget)
    out.push(`## ${w('budget', lang)}`, '', escapeMarkdownCell(budgetRule(s, lang)), '', ...mdTable(budget), ...link('carbon-budget'));
  if (showAdmission(s, admissions)) {
    const ledger = ledgerTable(s, lang);
    out.push(
      `## ${w('admission', lang)}`,
      '',
      ...(ledger ? [`### ${w('ledger', lang)}`, '', ...mdTable(ledger)] : []),
      ...link('ledger-pools'),
      `### ${w('heldBack', lang)}`,
      '',
      ...(admissions.length ? mdTable(admissionTable(s, admissions, lang)) : [w('noneHeldBack', lang), '']),
    );
  }
  return out.join('\n');
}
