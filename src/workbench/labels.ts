import { actionName, paramLabel } from '../report/labels.js';

/**
 * The names of the scenario keys the workbench shows as levers, zh and en (README "Scenario
 * file" and the policies' schemas say what each means). A key not listed is shown as written.
 */
const KEY_WORDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  per_year: ['每年企业数', 'firms a year'],
  max_per_year: ['每年最多列入', 'at most a year'],
  evaluations_per_year: ['每年评价企业数', 'evaluations a year'],
  retrofits_per_year: ['每年技改企业数', 'retrofits a year'],
  green_factories_per_year: ['每年绿色工厂数', 'green factories a year'],
  share: ['比例', 'share'],
  energy_saving: ['节能率', 'energy saving'],
  value_added_gain: ['增加值提升', 'value-added gain'],
  lag: ['见效滞后（年）', 'lag (years)'],
  max_saving_tce: ['单户节能上限（tce）', 'saving cap (tce)'],
  min_energy_tce: ['能耗门槛（tce）', 'energy threshold (tce)'],
  exit_max_energy_tce: ['退出能耗上限（tce）', 'exit energy cap (tce)'],
  cooldown_years: ['再次列入间隔（年）', 'cool-down (years)'],
  tax_per_mu_below: ['亩均税收低于（万元/亩）', 'tax per mu below (10k yuan/mu)'],
  land_mu_at_least: ['用地不少于（亩）', 'land at least (mu)'],
  land_factor: ['入园后用地比例', 'land kept in the park'],
  retrofit_saving: ['技改节能率', 'retrofit saving'],
  retrofit_max_saving_tce: ['技改节能上限（tce）', 'retrofit saving cap (tce)'],
  green_factory_efficiency_gain: ['绿色工厂节能率', 'green-factory saving'],
  green_factory_max_saving_tce: ['绿色工厂节能上限（tce）', 'green-factory saving cap (tce)'],
  green_factory_renewable_share: ['绿色工厂绿电比例', 'green-factory renewable share'],
  energy_tce: ['用能（tce）', 'energy (tce)'],
  value_added: ['增加值（万元）', 'value added (10k yuan)'],
  value_added_rate: ['增加值率', 'value-added rate'],
  tax_rate: ['税收占增加值比', 'tax ÷ value added'],
  land_mu: ['用地（亩）', 'land (mu)'],
  labor_productivity: ['劳动生产率（万元/人）', 'labour productivity (10k yuan/job)'],
  min_tax_per_mu: ['准入亩均税收（万元/亩）', 'admission tax per mu'],
  max_energy_intensity: ['准入能耗强度（tce/万元）', 'admission energy intensity'],
  capture_rate: ['捕集率', 'capture rate'],
  target_share: ['目标比例', 'target share'],
  max_share: ['比例上限', 'share cap'],
  tce_per_tce: ['替代系数', 'tce per tce'],
  compliance: ['达标比例', 'compliance'],
  start_year: ['起始年份', 'start year'],
  vintage_years: ['投运年份', 'vintage years'],
  max_defer_years: ['最长缓批（年）', 'longest deferral (years)'],
  min_from_tce: ['起点能耗（tce）', 'from (tce)'],
  min_electricity_10k_kwh: ['用电门槛（万kWh）', 'electricity threshold (10k kWh)'],
  co2_t: ['二氧化碳（t）', 'CO2 (t)'],
  two_high: ['两高', 'two-high'],
  yellow: ['黄色预警线', 'yellow line'],
  also: ['附加条件', 'also'],
  generated: ['生成项目', 'generated projects'],
  admission: ['准入', 'admission'],
  draws: ['抽样次数', 'draws'],
  seed: ['随机种子', 'seed'],
  confidence: ['置信水平', 'confidence'],
  at_least: ['目标（不低于）', 'goal (at least)'],
  at_most: ['目标（不高于）', 'goal (at most)'],
  year: ['年份', 'year'],
};

/** The policies' group names. */
const GROUPS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  above_scale: ['规上', 'above scale'],
  below_scale: ['规下', 'below scale'],
};

/**
 * A lever's name from its path: a background number as the reports name it (增加值增速 · 化工),
 * a policy's number by its key, with the disposition it belongs to (关停 · 比例).
 */
export function leverLabel(path: string, lang: 'zh' | 'en'): string {
  const parts = path.split(/\.|\[|\]/).filter(Boolean);
  const at = lang === 'zh' ? 0 : 1;
  const word = (k: string) => KEY_WORDS[k]?.[at] ?? k.replace(/_/g, ' ');
  if (parts[0] === 'growth' || parts[0] === 'grid_emission_factor') return paramLabel(parts.join('.'), lang, []);
  const key = parts.at(-1)!;
  const i = parts.indexOf('dispositions');
  if (i >= 0 && parts[i + 1] !== undefined && parts[i + 1] !== key) return `${actionName(parts[i + 1], lang)} · ${word(key)}`;
  if (parts[0] === 'policies' && parts.length > 3) return `${parts.slice(2, -1).map(word).join(' · ')} · ${word(key)}`;
  return word(key);
}

/** A policy's name in the form: its module's label, with its groups or its id when the scenario has several of its type. */
export function policyFormLabel(
  label: { readonly zh: string; readonly en: string },
  entry: Record<string, unknown>,
  sameType: number,
): { zh: string; en: string } {
  const id = typeof entry.id === 'string' ? entry.id : undefined;
  const groups = Array.isArray(entry.groups) ? entry.groups.filter((g): g is string => typeof g === 'string' && g in GROUPS) : [];
  if (sameType < 2 && id === undefined) return { ...label };
  // a pipeline's file name tells two new_projects entries apart
  const file =
    typeof entry.pipeline === 'string'
      ? entry.pipeline
          .split(/[\\/]/)
          .at(-1)
          ?.replace(/\.[^.]*$/, '')
      : undefined;
  const tail = (at: 0 | 1) => (groups.length ? groups.map((g) => GROUPS[g][at]).join(at === 0 ? '、' : ', ') : undefined);
  const zhTail = tail(0) ?? id ?? file;
  const enTail = tail(1) ?? id ?? file;
  return {
    zh: zhTail ? `${label.zh}（${zhTail}）` : label.zh,
    en: enTail ? `${label.en} (${enTail})` : label.en,
  };
}
