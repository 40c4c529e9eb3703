import { divisionNameZh } from '../domain/sector-names.js';
/** Chart and report wording in Chinese (default) and English. */
export type ReportLang = 'zh' | 'en';

const METRIC_TITLES: Record<string, [zh: string, en: string]> = {
  energy_tce: ['综合能耗', 'Gross energy use'],
  dual_control_energy_tce: ['双控口径能耗', 'Dual-control energy'],
  feedstock_tce: ['原料用能', 'Feedstock energy'],
  co2_t: ['二氧化碳排放', 'CO2 emissions'],
  co2_firm_t: ['二氧化碳排放（企业边界合计）', 'CO2, sum of firm boundaries'],
  vacated_energy_tce: ['腾出用能', 'Energy vacated'],
  co2_reduction_t: ['减少碳排放', 'CO2 cut'],
  vacated_land_mu: ['腾出用地', 'Land vacated'],
  new_project_energy_tce: ['新上项目用能', 'New-project energy'],
  pending_saving_tce: ['在建节能量（期末未计入）', 'Savings pending (started, not yet credited)'],
  national_major_energy_tce: ['能耗单列项目用能', 'Energy of national major projects'],
  value_added: ['工业增加值', 'Value added'],
  above_scale_value_added: ['规上工业增加值', 'Value added (above scale)'],
  value_added_rate: ['规上工业增加值率', 'Value-added rate (above scale)'],
  tax_per_mu: ['规上工业亩均税收', 'Tax per mu (above scale)'],
  value_added_per_mu: ['规上工业亩均增加值', 'Value added per mu (above scale)'],
  labor_productivity: ['全员劳动生产率', 'Labour productivity'],
  energy_intensity: ['单位增加值能耗', 'Energy intensity'],
  carbon_intensity: ['单位增加值碳排放', 'Carbon intensity'],
  value_added_constant: ['工业增加值（可比价）', 'Value added (constant prices)'],
  value_added_per_mu_constant: ['规上工业亩均增加值（可比价）', 'Value added per mu (above scale, constant prices)'],
  labor_productivity_current: ['全员劳动生产率（现价）', 'Labour productivity (current prices)'],
  enterprises: ['企业数', 'Enterprises'],
  quota_shortfall: ['配额缺口', 'Quota shortfall'],
  non_fossil_share: ['非化石能源消费比重', 'Non-fossil share of energy use'],
  coal_t: ['煤炭消费量', 'Coal use'],
  co2_direct_t: ['直接二氧化碳排放', 'Direct CO2 (scope 1)'],
  co2_indirect_t: ['间接二氧化碳排放（电力热力）', 'Indirect CO2 (power and heat)'],
  co2_ets_t: ['纳入全国碳市场企业排放', 'CO2 of firms in the national carbon market'],
  co2_non_ets_t: ['非碳市场排放', 'CO2 outside the carbon market'],
  co2_captured_t: ['碳捕集量（CCUS）', 'CO2 captured (CCUS)'],
  new_project_co2_t: ['新上项目碳排放', 'New-project CO2'],
  carbon_budget_t: ['碳排放预算', 'Carbon budget'],
  carbon_headroom_t: ['碳排放预算余量', 'Carbon budget headroom'],
  energy_headroom_tce: ['用能替代指标余额', 'Energy headroom in the replacement pool'],
  co2_pool_t: ['碳排放替代指标余额', 'CO2 headroom in the replacement pool'],
  land_pool_mu: ['腾出用地指标余额', 'Land in the replacement pool'],
  projects_admitted: ['准入项目数', 'Projects admitted'],
  projects_deferred: ['缓批项目数', 'Projects deferred'],
  projects_rejected: ['不予准入项目数', 'Projects rejected'],
  non_compliant_firms: ['未完成降碳任务的重点单位', 'Key units missing their obligation'],
};

const WORDS = {
  year: ['年份', 'year'],
  cumulative: ['累计', 'cumulative'],
  fanSubtitle: ['中位数与 10%–90% 区间，{draws} 次模拟', 'median and 10–90 % range, {draws} draws'],
  fanSeries: ['P10–P90 区间,中位数 P50', 'P10–P90 range,median P50'],
  byPolicySeries: ['累计腾出用能（中位数）,累计目标', 'cumulative energy vacated (median),cumulative goal'],
  byPolicySubtitle: [
    '柱：各政策当年腾出用能（{draws} 次模拟均值）；虚线：累计值的中位数；◆：累计目标 · {unit}',
    'bars: yearly energy vacated by policy (mean of {draws} draws); dashed: median of the running sum; ◆: cumulative goal · {unit}',
  ],
  headroomSubtitle: ['各年均值（{draws} 次模拟）及其累计 · {unit}', 'yearly means ({draws} draws) and their running sum · {unit}'],
  illustrative: [
    '一次示例模拟：合计 {total}，全部模拟中位数 {median} · {unit}',
    'one illustrative draw: total {total}; median of all draws {median} · {unit}',
  ],
  goal: ['目标', 'goal'],
  scorecard: ['目标达成情况', 'Targets'],
  scorecardSubtitle: ['达成概率（{draws} 次模拟）', 'probability of meeting each target ({draws} draws)'],
  probability: ['达成概率', 'probability'],
  policy: ['政策', 'policy'],
  byPolicy: ['各政策腾出用能', 'Energy vacated by policy'],
  headroom: ['用能空间：腾出用能与新上项目用能', 'Energy headroom: vacated vs new projects'],
  headroomSeries: ['腾出用能,新上项目用能,累计用能空间', 'energy vacated,new-project energy,cumulative headroom'],
  grades: ['亩均评价等级结构（均值）', 'Per-mu evaluation grade mix (mean)'],
  firms: ['企业数', 'firms'],
  grade: ['等级', 'grade'],
  top: ['腾出用能最多的 20 家企业（第 0 次模拟，示例）', 'The 20 firms vacating most energy (draw 0, illustrative)'],
  enterprise: ['企业', 'enterprise'],
  met: ['达成', 'met'],
  at_risk: ['有风险', 'at risk'],
  missed: ['未达成', 'missed'],
  status: ['状态', 'status'],
  // issue #13: the carbon budget and the headroom ledger
  goalApprox: ['目标≈', 'goal ≈'],
  goalEveryYear: ['逐年目标', 'goal each year'],
  carbonBudget: ['碳排放预算：预测与预算', 'Carbon budget: forecast against budget'],
  carbonBudgetSubtitle: [
    '蓝带 二氧化碳排放 P10–P90 · 蓝线 中位数 · 虚线 预算（中位数）· 圆点 预警等级，标注预算内概率（{draws} 次模拟）',
    'band: CO2 P10–P90 · line: P50 · dashed: budget (P50) · dots: warning level, labelled with the probability of staying within the budget ({draws} draws)',
  ],
  budgetSeries: ['二氧化碳排放（中位数）,碳排放预算（中位数）', 'CO2 (P50),carbon budget (P50)'],
  level: ['预警等级', 'warning level'],
  ledgerPools: ['替代指标池与项目准入', 'Replacement pools and project admission'],
  ledgerPoolsSubtitle: [
    '上：各年末指标池余额，中位数与 P10–P90 · 下：准入与缓批项目数（均值），{draws} 次模拟',
    "top: each pool at the year's end, P50 with P10–P90 · bottom: projects admitted and deferred (means), {draws} draws",
  ],
  pool: ['指标池', 'pool'],
  projects: ['项目数', 'projects'],
} as const;

/** Returns a word of the reports in `lang`, with `{name}` placeholders filled. */
export function word(key: keyof typeof WORDS, lang: ReportLang, vars: Record<string, string | number> = {}): string {
  let s: string = WORDS[key][lang === 'zh' ? 0 : 1];
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

/** Returns the title of a metric in `lang` (its id when unnamed). */
export function metricTitle(id: string, lang: ReportLang): string {
  const t = METRIC_TITLES[id];
  return t ? t[lang === 'zh' ? 0 : 1] : id;
}

const ACTIONS: Record<string, string> = {
  upgrade: '改造提升',
  upgrade_started: '改造启动',
  regulate: '规范管理',
  relocate: '兼并搬迁',
  close: '淘汰关停',
  benchmark: '对标改造',
  exit: '退出',
  compliant: '评估达标',
  evaluate: '绿色工厂评价',
  retrofit: '节能减碳改造',
  certify: '绿色工厂认定',
  green_factory_gain: '绿色工厂能效提升',
  pending: '节能量待计入（期末在建）',
  move_to_park: '入驻小微园',
  start: '投产',
  rejected: '未准入',
  deferred: '缓批',
  shortfall: '配额缺口',
};

/** Returns a disposition's name in `lang` (the id itself in English). */
export function actionName(action: string, lang: ReportLang): string {
  return lang === 'zh' ? (ACTIONS[action] ?? action) : action.replace(/_/g, ' ');
}

const KINDS: Record<string, [zh: string, en: string]> = {
  level: ['水平值', 'level'],
  cumulative: ['累计值', 'cumulative'],
  cagr: ['年均增速', 'average annual growth'],
  change: ['变化率', 'change'],
  within_budget: ['逐年不超预算', 'within budget every year'],
};

/** Returns a target kind's name in `lang` (level, cumulative, cagr, change). */
export function kindName(kind: string, lang: ReportLang): string {
  const k = KINDS[kind];
  return k ? k[lang === 'zh' ? 0 : 1] : kind;
}

/**
 * Returns the title of a metric id, also of a per-policy flow (`vacated_energy_tce.rectification-2`
 * → 腾出用能 · 高耗低效企业整治 2) given the run's policies.
 */
export function metricTitleWithPolicy(
  id: string,
  lang: ReportLang,
  policies: readonly { readonly key: string; readonly label: string; readonly label_en: string }[],
): string {
  const [flow, key] = id.split('.');
  if (key === undefined) return metricTitle(id, lang);
  return `${metricTitle(flow, lang)} · ${policyLabel(key, lang, policies)}`;
}

/** Returns a policy key's label in `lang` (`village_cleanup-2` → 村级工业集聚点整治 2), the key when unknown. */
export function policyLabel(
  key: string,
  lang: ReportLang,
  policies: readonly { readonly key: string; readonly label: string; readonly label_en: string }[],
): string {
  const p = policies.find((x) => x.key === key);
  if (!p) return key;
  const n = /-(\d+)$/.exec(key)?.[1];
  const name = policyTitle(p, lang);
  // the English fallback names the key already
  return name.endsWith(`(${key})`) ? name : `${name}${n ? ` ${n}` : ''}`;
}

/** Words of the background's and the grid's numbers sampled per draw (src/engine/simulate.ts drawParams). */
const PARAM_WORDS: Record<string, [zh: string, en: string]> = {
  'growth.value_added': ['增加值增速', 'VA growth'],
  'growth.energy_elasticity': ['能源消费弹性', 'energy elasticity'],
  'growth.efficiency_gain': ['自主能效提升', 'autonomous efficiency gain'],
  'growth.employment_elasticity': ['就业弹性', 'employment elasticity'],
  'growth.price': ['价格变动', 'price change'],
  'growth.value_added_rate': ['增加值率变动', 'VA-rate change'],
  'growth.tax_rate': ['税负变动', 'tax-rate change'],
  grid_emission_factor: ['电网排放因子', 'grid emission factor'],
};

/**
 * Names a number sampled per draw for a reader (issue #14 item 5): `growth.value_added.C26` →
 * 增加值增速 · 化学原料和化学制品制造业; `grid_emission_factor.2030` → 电网排放因子 2030;
 * `rectification.dispositions.upgrade.energy_saving` → the policy's label · the rest of the path.
 */
export function paramLabel(
  param: string,
  lang: ReportLang,
  policies: readonly { readonly key: string; readonly label: string; readonly label_en: string }[],
): string {
  const zh = lang === 'zh';
  for (const [id, words] of Object.entries(PARAM_WORDS)) {
    if (param !== id && !param.startsWith(`${id}.`)) continue;
    const rest = param.slice(id.length + 1);
    const name = words[zh ? 0 : 1];
    if (!rest) return name;
    if (rest === 'multiplier') return `${name} · ${zh ? '倍数' : 'multiplier'}`;
    if (rest === 'default') return `${name} · ${zh ? '其他行业' : 'other sectors'}`; // the sector map's default
    if (/^\d{4}$/.test(rest)) return `${name} ${rest}`;
    return `${name} · ${zh ? (divisionNameZh(rest) ?? rest) : rest}`;
  }
  const dot = param.indexOf('.');
  const key = dot < 0 ? param : param.slice(0, dot);
  const p = policies.find((x) => x.key === key);
  return p ? `${policyTitle(p, lang)} · ${param.slice(dot + 1)}` : param;
}

/** A driver weaker than this (|rank correlation|) is no material driver: not shown (issue #14 item 5). */
export const MATERIAL_RHO = 0.1;

/** Whether a text has Chinese (CJK ideographs or full-width forms): what an English report must not show untranslated. */
export const hasCjk = (text: string): boolean => /[\u3400-\u9fff\uff00-\uffef]/.test(text);

/**
 * A policy's name in `lang` (issue #14 item 11): its label in zh; in English its `label_en`, or —
 * when that is missing or Chinese (a summary of an older dcsim) — its type in words with its key
 * ("rectification (rectification-2)").
 */
export function policyTitle(
  p: { readonly key: string; readonly type?: string; readonly label: string; readonly label_en?: string },
  lang: ReportLang,
): string {
  if (lang === 'zh') return p.label;
  if (p.label_en && !hasCjk(p.label_en)) return p.label_en;
  return p.type ? `${p.type.replace(/_/g, ' ')} (${p.key})` : p.key;
}

/** What a target's name in a language is made of: its label, metric, kind and years. */
export interface NamedTarget {
  readonly label: string;
  readonly metric: string;
  readonly kind: string;
  readonly year: number;
  readonly from?: number;
}

/**
 * A target's name in `lang`: the scenario's label in zh (and in English when it has no Chinese);
 * a Chinese label in English becomes the metric's English title, the target's kind and its years
 * ("Energy vacated, cumulative 2021–2025"), since the label is the user's own words.
 */
export function targetLabel(t: NamedTarget, lang: ReportLang): string {
  if (lang === 'zh' || !hasCjk(t.label)) return t.label;
  const years = t.kind === 'level' || t.from === undefined ? String(t.year) : `${t.from}–${t.year}`;
  const kind = t.kind === 'level' ? '' : `, ${kindName(t.kind, 'en')}`;
  return `${metricTitle(t.metric, 'en')}${kind} ${years}`;
}

/** The places dcsim itself names (not the registry's towns): the new projects' own row of the attribution. */
const PLACES_EN: Readonly<Record<string, string>> = { 新建项目: 'new projects', 未注明: 'not given', 园区外: 'outside the parks' };

/** A town or sector key of the attribution in `lang`: the registry's names as they are, dcsim's own words translated. */
export function placeName(key: string, lang: ReportLang): string {
  return lang === 'zh' ? key : (PLACES_EN[key] ?? key);
}

/** The phrases of events.csv's `detail` that dcsim writes (src/ledger/, src/policies/new-projects.ts), in English. */
const DETAIL_EN: readonly (readonly [RegExp, string])[] = [
  [/缓批 (\d+) 年仍无空间, 不予准入/g, 'rejected: no headroom after $1 years deferred'],
  [/缓批 (\d+) 年后准入/g, 'admitted after $1 years deferred'],
  [/按实际\/指定准入/g, 'admitted as recorded or given'],
  [/未通过准入评价/g, 'failed the admission tests'],
  [/不予准入/g, 'rejected'],
  [/缓批/g, 'deferred'],
  [/用能替代指标缺/g, 'energy pool short by'],
  [/碳排放替代指标缺/g, 'CO2 pool short by'],
  [/用地指标缺/g, 'land pool short by'],
  [/碳排放预算超出/g, 'carbon budget exceeded by'],
  [/用能替代 /g, 'drawn from the energy pool '],
  [/碳排放替代 /g, 'drawn from the CO2 pool '],
  [/用地 (\d+) 亩/g, 'drawn from the land pool $1 mu'],
  [/亩均税收/g, 'tax per mu'],
  [/单位增加值能耗/g, 'energy intensity'],
  [/单位增加值碳排放/g, 'carbon intensity'],
  [/单位产品能耗/g, 'energy per unit of product'],
  [/, 标杆\)/g, ', benchmark level)'],
  [/, 基准\)/g, ', baseline level)'],
  [/新建项目 (\d{4}-\d+)/g, 'new project $1'],
  [/万元\/亩/g, '10k yuan/mu'],
  [/tce\/万元/g, 'tce/10k yuan'],
  [/tCO2\/万元/g, 'tCO2/10k yuan'],
  [/万tCO2/g, '10k tCO2'],
  [/万tce/g, '10k tce'],
  [/(\d) 亩/g, '$1 mu'],
];

/**
 * A `detail` of events.csv (or a project name dcsim made up, "新建项目 2025-3") in `lang`: in
 * English dcsim's own phrases and units translated; the user's names (projects, products) stay.
 */
export function detailText(detail: string, lang: ReportLang): string {
  if (lang === 'zh') return detail;
  let out = detail;
  for (const [re, en] of DETAIL_EN) out = out.replace(re, en);
  return out;
}

/** The name in `lang` of the target with id `id` among `targets` (its `label` when it is not there, e.g. a sensitivity row of an old summary). */
export function targetLabelById(
  id: string,
  label: string,
  targets: readonly (NamedTarget & { readonly id: string })[],
  lang: ReportLang,
): string {
  const t = targets.find((x) => x.id === id);
  return t ? targetLabel(t, lang) : label;
}
