import type { RunSummary, TargetResult } from '../engine/aggregate.js';
import { metricTitle, placeName, targetLabel, word, type ReportLang } from './labels.js';
import { displayUnit, unitInBrackets, unitText } from './units.js';

/** Formats a number with grouping and fixed decimals. */
export function formatNumber(x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Formats a signed change: "+12.44", "−19.3" (a true minus sign), "0.0" for no change. */
export function formatSigned(x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = formatNumber(Math.abs(x), decimals);
  if (Number(s.replace(/,/g, '')) === 0) return s;
  return `${x > 0 ? '+' : '−'}${s}`;
}

/** A scorecard row as text cells: target, years, P50 [P10–P90], goal, probability, status. */
export interface ScoreRow {
  readonly target: string;
  readonly years: string;
  readonly range: string;
  readonly goal: string;
  readonly probability: string;
  readonly status: TargetResult['status'];
  readonly statusText: string;
}

/** Builds the scorecard rows of a summary, values in the units analysts read. */
export function scoreRows(s: RunSummary, lang: ReportLang): ScoreRow[] {
  return s.targets.map((t) => {
    const u = displayUnit(t.metric, t.kind);
    const f = (v: number | null) => (v === null ? '–' : formatNumber(v * u.scale, u.decimals));
    const goal = (t.at_least ?? t.at_most)!;
    return {
      target: targetLabel(t, lang),
      years: t.kind === 'level' ? String(t.year) : `${t.from}–${t.year}`,
      range: `${f(t.p50)} [${f(t.p10)} – ${f(t.p90)}] ${unitText(u.unit, lang)}`,
      goal: `${t.at_least !== undefined ? '≥' : '≤'} ${f(goal)} ${unitText(u.unit, lang)}`,
      probability: `${Math.round(t.probability * 100)} %`,
      status: t.status,
      statusText: word(t.status, lang),
    };
  });
}

/** The key metrics of the report's table: the median of each year, in display units. */
export const KEY_METRICS = [
  'dual_control_energy_tce',
  'co2_t',
  'vacated_energy_tce',
  'co2_reduction_t',
  'vacated_land_mu',
  'new_project_energy_tce',
  'pending_saving_tce',
  'value_added',
  'value_added_rate',
  'tax_per_mu',
  'energy_intensity',
  'enterprises',
] as const;

/** The key-metric table: header (metric, unit, years…) and one row per metric with its yearly P50. */
export function keyMetricTable(s: RunSummary, lang: ReportLang): { header: string[]; rows: string[][] } {
  const years = Object.keys(s.metrics.energy_tce);
  const rows = KEY_METRICS.map((id) => {
    const u = displayUnit(id);
    return [
      metricTitle(id, lang),
      unitText(u.unit, lang),
      ...years.map((y) => formatNumber((s.metrics[id]?.[y]?.p50 ?? Number.NaN) * u.scale, u.decimals)),
    ];
  });
  return { header: [lang === 'zh' ? '指标（中位数）' : 'metric (median)', lang === 'zh' ? '单位' : 'unit', ...years], rows };
}

/** Attribution tables (draw 0): by policy and disposition, by town, by sector; values in display units. */
export function attributionTables(s: RunSummary, lang: ReportLang, policyName: (key: string) => string, actionName: (a: string) => string) {
  const a = s.attribution;
  if (!a) return [];
  const e = displayUnit('vacated_energy_tce');
  const c = displayUnit('co2_reduction_t');
  const head = (first: string) => [
    first,
    `${metricTitle('vacated_energy_tce', lang)}${unitInBrackets(e.unit, lang)}`,
    `${metricTitle('co2_reduction_t', lang)}${unitInBrackets(c.unit, lang)}`,
    `${metricTitle('vacated_land_mu', lang)}${unitInBrackets('亩', lang)}`,
  ];
  const rows = (entries: typeof a.byTown, label: (k: string) => string) =>
    entries.map((x) => [
      label(x.key),
      formatNumber(x.vacated_energy_tce * e.scale, e.decimals),
      formatNumber(x.co2_reduction_t * c.scale, c.decimals),
      formatNumber(x.vacated_land_mu, 0),
    ]);
  const zh = lang === 'zh';
  return [
    {
      id: 'by-disposition',
      title: zh ? '按政策与处置方式' : 'by policy and disposition',
      header: head(zh ? '政策 · 处置' : 'policy · disposition'),
      rows: rows(a.byDisposition, (k) => {
        const [p, act] = k.split('/');
        return `${policyName(p)} · ${actionName(act)}`;
      }),
    },
    {
      id: 'by-town',
      title: zh ? '按镇街' : 'by town',
      header: head(zh ? '镇街' : 'town'),
      rows: rows(a.byTown, (k) => placeName(k, lang)),
    },
    {
      id: 'by-sector',
      title: zh ? '按行业' : 'by sector',
      header: head(zh ? '行业' : 'sector'),
      rows: rows(a.bySector, (k) => placeName(k, lang)),
    },
  ];
}
