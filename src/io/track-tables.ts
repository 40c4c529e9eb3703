import type { FitRow } from '../actuals/fit.js';
import { metricTitle, type ReportLang } from '../report/labels.js';
import { displayUnit } from '../report/units.js';
import type { TrackReport } from '../tracking/track.js';
import { lightName } from '../tracking/words.js';
import { col, type Table } from './table.js';

/** The monitoring sheets of results.xlsx (预警, 季度通报) and the 拟合 sheet: numbers in the report's units, the unit named. */

/** A value in the metric's display unit (万tce, 亿元 …), null when not finite. */
const shown = (metric: string, x: number | null | undefined) => {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const u = displayUnit(metric);
  return u.unit === '%' ? x : x * u.scale;
};
const finite = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** 预警: per target the light, probabilities now and at the start, the pace; per tracked indicator % of the task. */
export function warningSheet(r: TrackReport, lang: ReportLang): Table {
  const columns = [
    col('target', '目标/指标', 'target / indicator', 'text'),
    col('year', '年份', 'year', 'year'),
    col('unit', '单位', 'unit', 'text'),
    col('goal', '目标值', 'goal', 'number'),
    col('actual', '最新实际', 'latest actual', 'number'),
    col('actual_period', '实际期', 'actual period', 'text'),
    col('task_done', '任务完成', 'task done', 'ratio'),
    col('probability_now', '当前达成概率', 'probability now', 'ratio', { decimals: 0 }),
    col('probability_start', '期初达成概率', 'probability at the start', 'ratio', { decimals: 0 }),
    col('achieved_per_year', '已实现年均', 'achieved per year', 'number'),
    col('required_per_year', '剩余需年均', 'required per year', 'number'),
    col('forecast_p50_per_year', '预测中位年均', 'forecast P50 per year', 'number'),
    col('warning', '预警', 'warning', 'text'),
  ];
  const rows = [
    ...r.targets.map((t) => {
      const last = t.actuals.at(-1);
      return [
        t.label,
        t.year,
        displayUnit(t.metric).unit,
        shown(t.metric, t.goal_value),
        shown(t.metric, last?.value),
        last?.period ?? null,
        finite(t.task_done),
        finite(t.probability.now),
        finite(t.probability.start),
        shown(t.metric, t.pace.achieved_per_year),
        shown(t.metric, t.pace.required_per_year),
        shown(t.metric, t.pace.forecast_p50_per_year),
        lightName(t.warning, lang),
      ];
    }),
    ...r.tracked.map((t) => [
      t.label,
      t.year,
      t.unit,
      t.goal,
      t.actual?.value ?? null,
      t.actual?.period ?? null,
      finite(t.task_done),
      null,
      null,
      null,
      null,
      null,
      t.warning ? lightName(t.warning, lang) : null,
    ]),
  ];
  return { columns, rows };
}

/** 季度通报: per target and quarter the annual task, achieved to date, its share, the expected share and the light. */
export function quarterlySheet(r: TrackReport, lang: ReportLang): Table {
  const columns = [
    col('target', '目标', 'target', 'text'),
    col('quarter', '季度', 'quarter', 'text'),
    col('unit', '单位', 'unit', 'text'),
    col('annual_task', '年度任务', 'annual task', 'number'),
    col('achieved', '年内累计完成', 'achieved this year to date', 'number'),
    col('share', '完成进度', 'share of the task', 'ratio'),
    col('expected_share', '序时进度', 'expected share', 'ratio'),
    col('ratio', '进度比', 'progress ratio', 'number'),
    col('warning', '预警', 'warning', 'text'),
  ];
  const rows = r.targets.flatMap((t) =>
    t.quarters.map((q) => [
      t.label,
      q.quarter,
      displayUnit(t.metric).unit,
      shown(t.metric, q.annual_task),
      shown(t.metric, q.achieved),
      finite(q.share),
      finite(q.expected_share),
      finite(q.ratio),
      q.warning ? lightName(q.warning, lang) : null,
    ]),
  );
  return { columns, rows };
}

/** 拟合: each observed annual value against the model before and after conditioning. */
export function fitSheet(fit: readonly FitRow[], lang: ReportLang): Table {
  const columns = [
    col('metric', '指标', 'metric', 'text'),
    col('scope', '范围', 'scope', 'text'),
    col('year', '年份', 'year', 'year'),
    col('unit', '单位', 'unit', 'text'),
    col('observed', '实际值', 'observed', 'number'),
    col('uncalibrated_p50', '校准前中位数', 'uncalibrated P50', 'number'),
    col('error', '偏差', 'error', 'ratio'),
    col('calibrated_p50', '校准后中位数', 'calibrated P50', 'number'),
    col('calibrated_error', '校准后偏差', 'calibrated error', 'ratio'),
    col('use', '用法', 'use', 'text'),
    col('source', '来源', 'source', 'text'),
  ];
  const rows = fit.map((f) => [
    metricTitle(f.metric, lang),
    f.scope,
    f.year,
    displayUnit(f.metric).unit,
    shown(f.metric, f.observed),
    shown(f.metric, f.uncalibrated_p50),
    finite(f.error),
    shown(f.metric, f.calibrated_p50),
    finite(f.calibrated_error),
    f.use,
    f.source,
  ]);
  return { columns, rows };
}
