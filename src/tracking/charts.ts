import { formatNumber } from '../report/tables.js';
import type { Chart } from '../report/charts.js';
import { targetLabel } from '../report/labels.js';
import { CHART_CONFIG } from '../report/theme.js';
import { displayUnit, unitText } from '../report/units.js';
import type { TargetTrack, TrackReport } from './track.js';
import { lightName, trackWord, type TrackLang } from './words.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const LIGHT_COLOURS = { green: '#009E73', yellow: '#E69F00', red: '#D55E00' } as const;

/** A period's end on the chart's year axis: a year at its own tick, month m of year y at y − 1 + m ÷ 12. */
const xOf = (year: number, month: number) => year - 1 + month / 12;

/**
 * The 挂图作战 chart of a target: the plan path (dashed line), the actuals (dots; hollow for a
 * year in progress), the forecast P10–P90 band with its P50 line from as_of, the goal (diamond,
 * coloured by the warning light) and a rule at as_of. A level target shows whole-year actuals
 * only (a level's sub-annual value is year-to-date, not comparable with a year).
 */
export function trackChart(t: TargetTrack, r: Pick<TrackReport, 'as_of' | 'has_actuals'>, lang: TrackLang): Chart {
  const u = displayUnit(t.metric);
  const v = (x: number) => Number((x * u.scale).toFixed(u.decimals + 2));
  const W = (k: Parameters<typeof trackWord>[0]) => trackWord(k, lang);
  const x = {
    field: 'x',
    type: 'quantitative',
    title: lang === 'zh' ? '年份（年末；季度、月份按期末所在位置）' : 'year (at its end; a quarter or month at its end)',
    scale: { zero: false, nice: false },
    axis: { format: 'd', tickMinStep: 1 },
  };
  // a running sum from zero; a level zoomed to its plan path, since the chart is about the gap between the two
  const y = { type: 'quantitative', title: unitText(u.unit, lang), scale: { zero: t.measure === 'cumulative' } };
  const plan = t.plan.map((p) => ({ x: p.year, value: v(p.value), series: W('plan') }));
  const actuals = t.actuals
    .filter((a) => t.measure === 'cumulative' || !a.partial)
    .map((a) => ({ x: xOf(a.year, a.month), value: v(a.value), period: a.period, partial: a.partial }));
  const fan = t.forecast.map((f) => ({ x: f.year, p10: v(f.p10), p50: v(f.p50), p90: v(f.p90) }));
  const [asOfYear, asOfMonth] = r.as_of.includes('-Q')
    ? [Number(r.as_of.slice(0, 4)), 3 * Number(r.as_of.slice(6))]
    : r.as_of.includes('-')
      ? [Number(r.as_of.slice(0, 4)), Number(r.as_of.slice(5))]
      : [Number(r.as_of), 12];
  const goal = [{ x: t.year, value: v(t.goal_value), text: `${W('goal')} ${formatNumber(t.goal_value * u.scale, u.decimals)}` }];
  const layers: Record<string, unknown>[] = [
    {
      data: { values: fan },
      mark: { type: 'area', color: '#0072B2', opacity: 0.18 },
      encoding: { x, y: { ...y, field: 'p10' }, y2: { field: 'p90' } },
    },
    { data: { values: fan }, mark: { type: 'line', color: '#0072B2', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'p50' } } },
    {
      data: { values: plan },
      mark: { type: 'line', color: '#555555', strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'value' } },
    },
    {
      data: { values: [{ x: xOf(asOfYear, asOfMonth), text: `${W('asOf')} ${r.as_of}` }] },
      mark: { type: 'rule', color: '#999999', strokeDash: [2, 2] },
      encoding: { x },
    },
    {
      data: { values: goal },
      mark: { type: 'point', shape: 'diamond', size: 160, filled: true, color: LIGHT_COLOURS[t.warning] },
      encoding: { x, y: { ...y, field: 'value' } },
    },
    {
      data: { values: goal },
      mark: { type: 'text', dy: -14, fontSize: 11 },
      encoding: { x, y: { ...y, field: 'value' }, text: { field: 'text' } },
    },
  ];
  if (actuals.length)
    layers.push({
      data: { values: actuals },
      mark: { type: 'point', size: 70, color: '#000000', strokeWidth: 2 },
      encoding: {
        x,
        y: { ...y, field: 'value' },
        fill: { field: 'partial', type: 'nominal', scale: { domain: [false, true], range: ['#000000', '#ffffff'] }, legend: null },
        tooltip: [{ field: 'period' }, { field: 'value' }],
      },
    });
  const title = `${W('chartTitle')}${lang === 'zh' ? '：' : ': '}${targetLabel(t, lang)}`;
  const subtitle =
    lang === 'zh'
      ? `虚线 计划路径 · 黑点 实际值（空心为年内累计）· 蓝带 P10–P90 预测 · 蓝线 中位数 · ◆ 目标（${lightName(t.warning, lang)}）`
      : `dashed: plan path · dots: actuals (hollow: year to date) · band: P10–P90 forecast · line: P50 · ◆ goal (${lightName(t.warning, lang)})`;
  return {
    id: `track-${t.id}`,
    title,
    spec: { $schema: SCHEMA, title: { text: title, subtitle }, width: 560, height: 260, config: CHART_CONFIG, layer: layers },
  };
}

/** The charts of the monitoring report: one per target. */
export function trackCharts(r: TrackReport, lang: TrackLang): Chart[] {
  return r.targets.map((t) => trackChart(t, r, lang));
}
