import type { RunSummary, TargetResult } from '../engine/aggregate.js';
import type { AttributionEntry } from '../engine/attribution.js';
import { FLOW_METRICS } from '../domain/metrics.js';
import { divisionLabelZh } from '../domain/sector-names.js';
import { MATERIAL_RHO, metricTitle, paramLabel, placeName, targetLabel, targetLabelById, word, type ReportLang } from './labels.js';
import { displayUnit, unitInBrackets, unitText } from './units.js';
import { groupedFixed } from '../domain/number-text.js';

/** Formats a number with grouping and fixed decimals. */
export function formatNumber(x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return groupedFixed(x, decimals);
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

/** The key metrics of the report's table; the metrics the targets name follow them (issue #14 item 1). */
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

const isFlow = (id: string) => (FLOW_METRICS as readonly string[]).includes(id);

/**
 * The key-metric table (issue #14 item 2): one row per key metric and per metric a target names.
 * A flow shows its yearly means, which add up to the mean over the years, and in the last column
 * its running sum from base + 1 to the end as P50 [P10–P90]; any other metric its yearly P50.
 * The `basis` column says which, so no row mixes the two.
 */
export function keyMetricTable(s: RunSummary, lang: ReportLang): { header: string[]; rows: string[][]; note: string } {
  const zh = lang === 'zh';
  const years = Object.keys(s.metrics.energy_tce);
  const ids = [...new Set<string>([...KEY_METRICS, ...s.targets.map((t) => t.metric)])].filter((id) => s.metrics[id]);
  const span = `${s.period.base + 1}–${s.period.end}`;
  const rows = ids.map((id) => {
    const u = displayUnit(id);
    const f = (x: number | undefined) => formatNumber((x ?? Number.NaN) * u.scale, u.decimals);
    const flow = isFlow(id);
    const sum = flow ? s.cumulative[id]?.[s.period.end] : undefined;
    return [
      metricTitle(id, lang),
      flow ? (zh ? '年度均值' : 'yearly mean') : zh ? '中位数' : 'median',
      unitText(u.unit, lang),
      ...years.map((y) => f(flow ? s.metrics[id]?.[y]?.mean : s.metrics[id]?.[y]?.p50)),
      sum ? `${f(sum.p50)} [${f(sum.p10)} – ${f(sum.p90)}]` : '',
    ];
  });
  return {
    header: [
      zh ? '指标' : 'metric',
      zh ? '口径' : 'basis',
      zh ? '单位' : 'unit',
      ...years,
      zh ? `累计 ${span} 中位数 [P10–P90]` : `sum ${span}, P50 [P10–P90]`,
    ],
    rows,
    note: zh
      ? `流量指标（腾出、新增等）逐年列均值，各年相加即累计量的均值；累计量的分布见最后一列。其余指标逐年列中位数。${s.draws} 次模拟。`
      : `Flows (vacated, new …) show yearly means, which add up to the mean of the sum; the last column gives the sum's distribution. Other metrics show yearly medians. ${s.draws} draws.`,
  };
}

/**
 * The sentence beside the attribution of the audited draw (issue #14 item 2): it is one
 * illustrative draw, with its totals next to the medians of all draws.
 */
export function attributionNote(s: RunSummary, lang: ReportLang): string {
  const a = s.attribution;
  if (!a) return '';
  const zh = lang === 'zh';
  const parts = (['vacated_energy_tce', 'co2_reduction_t', 'vacated_land_mu'] as const).map((id) => {
    const u = displayUnit(id);
    const f = (x: number | undefined) => formatNumber((x ?? Number.NaN) * u.scale, u.decimals);
    const median = s.cumulative[id]?.[s.period.end];
    return zh
      ? `${metricTitle(id, lang)} ${f(a.total[id])} ${unitText(u.unit, lang)}（全部模拟中位数 ${f(median?.p50)} [${f(median?.p10)} – ${f(median?.p90)}]）`
      : `${metricTitle(id, lang)} ${f(a.total[id])} ${unitText(u.unit, lang)} (median of all draws ${f(median?.p50)} [${f(median?.p10)} – ${f(median?.p90)}])`;
  });
  return zh
    ? `以下按处置方式、镇街、行业的拆分取自第 ${a.draw} 次模拟的审计明细（events.csv），是一次示例，不是全部模拟的平均。该次合计：${parts.join('；')}。按政策的全部模拟均值见第一张表。`
    : `The breakdowns by disposition, town and sector below come from the audit trail of draw ${a.draw} (events.csv): one illustrative draw, not an average over the draws. Its totals: ${parts.join('; ')}. The first table gives the means over all draws by policy.`;
}

/**
 * Attribution tables: first by policy as means over all draws (the per-policy flows summed from
 * base + 1 to the end), then the audited draw by policy and disposition, by town, by sector.
 */
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
  const rows = (entries: readonly AttributionEntry[], label: (k: string) => string) =>
    entries.map((x) => [
      label(x.key),
      formatNumber(x.vacated_energy_tce * e.scale, e.decimals),
      formatNumber(x.co2_reduction_t * c.scale, c.decimals),
      formatNumber(x.vacated_land_mu, 0),
    ]);
  const zh = lang === 'zh';
  const years = Object.keys(s.metrics.energy_tce).filter((y) => Number(y) > s.period.base);
  const meanSum = (id: string) => years.reduce((sum, y) => sum + (s.metrics[id]?.[y]?.mean ?? 0), 0);
  const byPolicyMean: AttributionEntry[] = s.policies.map((p) => ({
    key: p.key,
    vacated_energy_tce: meanSum(`vacated_energy_tce.${p.key}`),
    co2_reduction_t: meanSum(`co2_reduction_t.${p.key}`),
    vacated_land_mu: meanSum(`vacated_land_mu.${p.key}`),
  }));
  return [
    {
      id: 'by-policy-mean',
      title: zh ? `按政策（全部 ${s.draws} 次模拟的均值）` : `by policy (mean of all ${s.draws} draws)`,
      header: head(zh ? '政策' : 'policy'),
      rows: rows(byPolicyMean, policyName),
    },
    {
      id: 'by-disposition',
      title: zh ? `按政策与处置方式（第 ${a.draw} 次模拟，示例）` : `by policy and disposition (draw ${a.draw}, illustrative)`,
      header: head(zh ? '政策 · 处置' : 'policy · disposition'),
      rows: rows(a.byDisposition, (k) => {
        const [p, act] = k.split('/');
        return `${policyName(p)} · ${actionName(act)}`;
      }),
    },
    {
      id: 'by-town',
      title: zh ? `按镇街（第 ${a.draw} 次模拟，示例）` : `by town (draw ${a.draw}, illustrative)`,
      header: head(zh ? '镇街' : 'town'),
      rows: rows(a.byTown, (k) => placeName(k, lang)),
    },
    {
      id: 'by-sector',
      title: zh ? `按行业（第 ${a.draw} 次模拟，示例）` : `by sector (draw ${a.draw}, illustrative)`,
      header: head(zh ? '行业' : 'sector'),
      rows: rows(a.bySector, (k) => (zh ? divisionLabelZh(k) : placeName(k, lang))), // C26 化学原料和化学制品制造业 (issue #14 item 5)
    },
  ];
}

/**
 * The sensitivity rows of the reports: per target its label and its three strongest material
 * drivers with their rank correlation ("增加值增速 · 化学原料和化学制品制造业 +0.62 · …"), or "no
 * material driver" when every |ρ| is below {@link MATERIAL_RHO}.
 */
export function sensitivityRows(s: RunSummary, lang: ReportLang): [target: string, drivers: string][] {
  const zh = lang === 'zh';
  return (s.sensitivity ?? [])
    .filter((t) => t.drivers.length)
    .map((t) => [
      targetLabelById(t.target, t.label, s.targets, lang),
      t.drivers
        .filter((d) => Math.abs(d.rho) >= MATERIAL_RHO)
        .slice(0, 3)
        .map((d) => `${paramLabel(d.param, lang, s.policies)} ${formatSigned(d.rho, 2)}`)
        .join(' · ') || (zh ? `无显著驱动参数（|ρ| < ${MATERIAL_RHO}）` : `no material driver (|ρ| < ${MATERIAL_RHO})`),
    ]);
}
