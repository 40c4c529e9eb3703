/** Terminal labels in Chinese (default) and English (`--lang en`). */
export type Lang = 'zh' | 'en';

const LABELS = {
  scenario: { zh: '情景', en: 'scenario' },
  period: { zh: '期间', en: 'period' },
  chain: { zh: '继承', en: 'extends' },
  registry: { zh: '企业名录', en: 'registry' },
  firms: { zh: '企业', en: 'enterprises' },
  aboveScale: { zh: '规上', en: 'above scale' },
  baseYear: { zh: '基准年', en: 'base year' },
  grossEnergy: { zh: '综合能耗', en: 'gross energy' },
  dualControl: { zh: '双控能耗', en: 'dual-control energy' },
  feedstock: { zh: '原料用能', en: 'feedstock' },
  co2: { zh: '二氧化碳排放', en: 'CO2' },
  territorial: { zh: '属地边界', en: 'territorial boundary' },
  firmBoundary: { zh: '企业边界合计', en: 'sum of firm boundaries' },
  firmSum: { zh: '企业边界合计', en: 'sum of firm boundaries' },
  va: { zh: '规上工业增加值', en: 'above-scale value added' },
  vaRate: { zh: '规上工业增加值率', en: 'value-added rate' },
  taxPerMu: { zh: '规上工业亩均税收', en: 'tax per mu' },
  vaPerMu: { zh: '规上工业亩均增加值', en: 'value added per mu' },
  productivity: { zh: '全员劳动生产率', en: 'labour productivity' },
  grades: { zh: '亩均评价等级', en: '亩均 grades' },
  official: { zh: '其中名录给定等级', en: 'of which official grades' },
  policies: { zh: '政策', en: 'policies' },
  targets: { zh: '目标', en: 'targets' },
  basis: { zh: '电力折标', en: 'electricity basis' },
  completed: { zh: '能耗补全', en: 'energy completed' },
  ok: { zh: '校验通过', en: 'valid' },
  draws: { zh: '次模拟', en: 'draws' },
  workers: { zh: '个线程', en: 'workers' },
  simulation: { zh: '模拟', en: 'simulation' },
  total: { zh: '合计', en: 'total' },
  rendering: { zh: '渲染图表', en: 'rendering charts' },
  runFolder: { zh: '结果目录', en: 'run folder' },
  warnings: { zh: '警告', en: 'warnings' },
  actualsAsOf: { zh: '实际数据截至', en: 'actuals up to' },
  completeThrough: { zh: '整年至', en: 'full years to' },
  observations: { zh: '条观测值', en: 'observed values' },
  actionsReplayed: { zh: '项实际处置（每次模拟重放）', en: 'recorded actions (replayed in every draw)' },
  fitWorst: { zh: '校准前背景偏差最大', en: 'largest background error before calibration' },
} as const;

/** Returns the label of `key` in `lang`. */
export function label(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}
