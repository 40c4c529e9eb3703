import { METRIC_IDS, storedUnit, type MetricId } from '../domain/metrics.js';

/**
 * The words an analyst's actuals file may use (README "The actuals files"): metric names as the
 * statistics publish them, scopes, units and dispositions in Chinese, each mapped to dcsim's id.
 */

/** Metric names (统计公报 wording) → metric id; the ids themselves are always accepted. */
export const METRIC_ALIASES: Readonly<Record<string, MetricId>> = {
  综合能耗: 'energy_tce',
  综合能源消费量: 'energy_tce',
  能源消费总量: 'energy_tce',
  能耗总量: 'energy_tce',
  双控口径能耗: 'dual_control_energy_tce',
  双控能耗: 'dual_control_energy_tce',
  能耗双控口径能耗: 'dual_control_energy_tce',
  '能耗总量(双控口径)': 'dual_control_energy_tce',
  原料用能: 'feedstock_tce',
  二氧化碳排放: 'co2_t',
  二氧化碳排放量: 'co2_t',
  碳排放量: 'co2_t',
  腾出用能: 'vacated_energy_tce',
  腾出用能空间: 'vacated_energy_tce',
  减少碳排放: 'co2_reduction_t',
  碳减排量: 'co2_reduction_t',
  减排二氧化碳: 'co2_reduction_t',
  腾出用地: 'vacated_land_mu',
  腾出土地: 'vacated_land_mu',
  盘活土地: 'vacated_land_mu',
  新上项目用能: 'new_project_energy_tce',
  工业增加值: 'value_added',
  '工业增加值(现价)': 'value_added',
  '工业增加值(可比价)': 'value_added_constant',
  规上工业增加值: 'above_scale_value_added',
  规模以上工业增加值: 'above_scale_value_added',
  工业总产值: 'output',
  税收: 'tax',
  用地面积: 'land_mu',
  从业人员: 'employees',
  企业数: 'enterprises',
  规上工业增加值率: 'value_added_rate',
  增加值率: 'value_added_rate',
  亩均税收: 'tax_per_mu',
  规上工业亩均税收: 'tax_per_mu',
  亩均增加值: 'value_added_per_mu',
  规上工业亩均增加值: 'value_added_per_mu',
  全员劳动生产率: 'labor_productivity',
  单位增加值能耗: 'energy_intensity',
  单位工业增加值能耗: 'energy_intensity',
  单位增加值碳排放: 'carbon_intensity',
  单位工业增加值碳排放: 'carbon_intensity',
  单位工业增加值二氧化碳排放: 'carbon_intensity',
  能耗单列项目用能: 'national_major_energy_tce',
};

/** Dispositions in Chinese → the policies' action ids. */
export const ACTION_ALIASES: Readonly<Record<string, string>> = {
  提升改造: 'upgrade',
  改造提升: 'upgrade',
  规范: 'regulate',
  整治规范: 'regulate',
  规范管理: 'regulate',
  搬迁: 'relocate',
  腾退搬迁: 'relocate',
  兼并搬迁: 'relocate',
  关停: 'close',
  关停淘汰: 'close',
  淘汰关停: 'close',
  退出: 'exit',
  入园: 'move_to_park',
  搬入小微园: 'move_to_park',
  入驻小微园: 'move_to_park',
  诊断: 'evaluate',
  评价: 'evaluate',
  节能诊断: 'evaluate',
  改造: 'retrofit',
  节能改造: 'retrofit',
  认证: 'certify',
  绿色工厂: 'certify',
  绿色认证: 'certify',
  对标改造: 'benchmark',
  对标: 'benchmark',
  合规: 'compliant',
  投产: 'start',
  落地: 'start',
  开工投产: 'start',
};

/** Normalises a label for lookup: trimmed, lower case, full-width brackets and spaces folded. */
export function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
}

const ALIAS_INDEX = new Map(Object.entries(METRIC_ALIASES).map(([k, v]) => [normalise(k), v]));

/** The metric id a metric cell names, or undefined. */
export function metricOf(text: string): MetricId | undefined {
  const t = text.trim();
  if ((METRIC_IDS as readonly string[]).includes(t)) return t as MetricId;
  return ALIAS_INDEX.get(normalise(t));
}

/** Every word a metric cell may hold (ids and aliases), for did-you-mean. */
export const METRIC_WORDS: readonly string[] = [...METRIC_IDS, ...Object.keys(METRIC_ALIASES)];

/**
 * Units a value may be given in, by the metric's stored unit (src/domain/metrics.ts storedUnit):
 * the factor that turns the given unit into the stored one. 1 亩 = 666.67 m², 1 公顷 = 15 亩
 * (GB 3100–3102 / 市制).
 */
const UNITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  tce: { tce: 1, 吨标准煤: 1, 吨标煤: 1, 万tce: 1e4, 万吨标准煤: 1e4, 万吨标煤: 1e4 },
  tCO2: { t: 1, tco2: 1, 吨: 1, 吨co2: 1, 吨二氧化碳: 1, 万t: 1e4, 万tco2: 1e4, 万吨: 1e4, 万吨co2: 1e4, 万吨二氧化碳: 1e4 },
  亩: { 亩: 1, mu: 1, 万亩: 1e4, 公顷: 15, hm2: 15, 平方米: 1 / 666.67, m2: 1 / 666.67 },
  万元: { 万元: 1, 亿元: 1e4, 元: 1e-4, 千元: 0.1 },
  人: { 人: 1, 万人: 1e4 },
  家: { 家: 1, 个: 1, 户: 1 },
  fraction: { fraction: 1, '%': 0.01 },
  '万元/亩': { '万元/亩': 1, '元/亩': 1e-4 },
  '万元/人': { '万元/人': 1, '元/人': 1e-4 },
  'tce/万元': { 'tce/万元': 1, '吨标准煤/万元': 1 },
  'tCO2/万元': { 'tco2/万元': 1, '吨/万元': 1, '吨co2/万元': 1, '吨二氧化碳/万元': 1 },
};

/** The factor from `unit` to the metric's stored unit (1 for an empty unit), or undefined when the unit does not fit the metric. */
export function unitFactor(metric: MetricId, unit: string): number | undefined {
  const stored = storedUnit(metric);
  const u = normalise(unit);
  if (u === '' || u === normalise(stored)) return 1;
  return UNITS[stored]?.[u];
}

/** The units a metric accepts, for a message. */
export function acceptedUnits(metric: MetricId): string[] {
  const stored = storedUnit(metric);
  return [...new Set([stored, ...Object.keys(UNITS[stored] ?? {})])];
}
