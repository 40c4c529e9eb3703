import type { Light } from './track.js';

/** The words of the monitoring report (terminal, report.html/md, results.xlsx) in Chinese and English. */
export type TrackLang = 'zh' | 'en';

const WORDS = {
  section: { zh: '监测预警', en: 'Monitoring and warnings' },
  asOf: { zh: '截至', en: 'as of' },
  noActuals: { zh: '无实际值：以基准年为起点', en: 'no actuals: tracked from the base year' },
  target: { zh: '目标', en: 'target' },
  year: { zh: '年份', en: 'year' },
  goal: { zh: '目标值', en: 'goal' },
  warning: { zh: '预警', en: 'warning' },
  probNow: { zh: '当前达成概率', en: 'probability now' },
  probStart: { zh: '期初达成概率', en: 'probability at the start' },
  actual: { zh: '最新实际', en: 'latest actual' },
  taskDone: { zh: '任务完成', en: 'task done' },
  planDone: { zh: '计划进度', en: 'plan to date' },
  achievedPace: { zh: '已实现年均', en: 'achieved per year' },
  requiredPace: { zh: '剩余需年均', en: 'required per year' },
  reached: { zh: '已达到目标值', en: 'goal already reached' },
  forecastPace: { zh: '预测中位年均', en: 'forecast P50 per year' },
  onPace: { zh: '进度', en: 'pace' },
  ahead: { zh: '达标', en: 'on pace' },
  behind: { zh: '滞后', en: 'behind' },
  quarter: { zh: '季度', en: 'quarter' },
  annualTask: { zh: '年度任务', en: 'annual task' },
  achieved: { zh: '年内累计完成', en: 'achieved this year to date' },
  share: { zh: '完成进度', en: 'share of the task' },
  expected: { zh: '序时进度', en: 'expected share' },
  ratio: { zh: '进度比', en: 'progress ratio' },
  quarterly: { zh: '季度通报', en: 'Quarterly bulletin' },
  pace: { zh: '进度分析', en: 'Pace' },
  tracked: { zh: '非模拟指标', en: 'Tracked indicators (not simulated)' },
  indicator: { zh: '指标', en: 'indicator' },
  unit: { zh: '单位', en: 'unit' },
  plan: { zh: '计划路径', en: 'plan path' },
  actuals: { zh: '实际值', en: 'actuals' },
  forecast: { zh: '预测中位数', en: 'forecast P50' },
  band: { zh: 'P10–P90 预测区间', en: 'P10–P90 forecast' },
  chartTitle: { zh: '挂图作战', en: 'Plan, actuals and forecast' },
  quarterRule: {
    zh: '季度预警：进度比 = 完成进度 ÷ 序时进度（约束性上限指标取倒数），≥ 1 绿灯，≥ 0.8 黄灯，以下红灯；未报送的季度留空。',
    en: 'Quarterly light: progress ratio = share ÷ expected share (inverted for an at-most target); green ≥ 1, yellow ≥ 0.8, red below; quarters not observed stay empty.',
  },
  lightRule: {
    zh: '目标预警：达成概率 ≥ 绿灯阈值（默认目标置信度）绿灯，≥ 黄灯阈值（默认 50%）黄灯，以下红灯。',
    en: 'Target light: probability ≥ the green threshold (default: the target confidence) green, ≥ the yellow threshold (default 50 %) yellow, red below.',
  },
} as const;

export function trackWord(k: keyof typeof WORDS, lang: TrackLang): string {
  return WORDS[k][lang];
}

const LIGHTS: Record<Light, Record<TrackLang, string>> = {
  green: { zh: '绿灯', en: 'green' },
  yellow: { zh: '黄灯', en: 'yellow' },
  red: { zh: '红灯', en: 'red' },
};
export const LIGHT_MARK: Record<Light, string> = { green: '🟢', yellow: '🟡', red: '🔴' };

/** A light's name: 绿灯 / green …; '–' for none. */
export function lightName(l: Light | null, lang: TrackLang): string {
  return l === null ? '–' : LIGHTS[l][lang];
}
