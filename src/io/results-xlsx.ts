import { ASSUMPTION_GROUPS, assumptionItemName, assumptionRows } from '../report/assumption-rows.js';
import type { TrackReport } from '../tracking/track.js';
import { fitSheet, quarterlySheet, warningSheet } from './track-tables.js';
import type { RunSummary } from '../engine/aggregate.js';
import type { Comparison } from '../engine/compare.js';
import { divisionLabelZh } from '../domain/sector-names.js';
import {
  actionName,
  detailText,
  kindName,
  metricTitleWithPolicy,
  placeName,
  policyLabel,
  targetLabel,
  word,
  type ReportLang,
} from '../report/labels.js';
import { comparedTargetLabel, costSentence, scenarioNames } from '../report/compare-report.js';
import { displayUnit, unitText, type DisplayUnit } from '../report/units.js';
import { lightName } from '../tracking/words.js';
import { EVENT_COLUMNS } from './run-tables.js';
import { col, readTableCsv, type Cell, type RowFormat, type Table } from './table.js';
import { addTableSheet, streamedXlsx } from './xlsx-sheet.js';

type Policies = RunSummary['policies'];

/** Scales a stored value to the shown unit, without the binary noise of the scaling (1348.8734410000002 → 1348.873441). */
const scaled = (x: number | null | undefined, scale: number): number | null =>
  x === null || x === undefined ? null : Number((x * scale).toPrecision(12)) + 0;

/** A metric's values as the report shows them: fractions stay fractions (formatted as %), the rest scaled to 万tce, 亿元 … */
function shownAs(u: DisplayUnit): { scale: number; format: RowFormat } {
  return u.unit === '%'
    ? { scale: 1, format: { type: 'ratio', decimals: u.decimals } }
    : { scale: u.scale, format: { type: 'number', decimals: u.decimals } };
}

/** 目标: each target with its goal and quantiles in the report's units, the unit named, the status in words. */
export function targetsTable(s: RunSummary, lang: ReportLang): Table {
  const zh = lang === 'zh';
  const columns = [
    col('label', '目标', 'target', 'text'),
    col('metric', '指标', 'metric', 'text'),
    col('kind', '类型', 'kind', 'text'),
    col('from', '起始年', 'from', 'year'),
    col('year', '年份', 'year', 'year'),
    col('bound', '方向', 'bound', 'text'),
    col('goal', '目标值', 'goal', 'number', { perRow: true }),
    col('unit', '单位', 'unit', 'text'),
    col('probability', '达成概率', 'probability', 'ratio', { decimals: 0 }),
    col('confidence', '置信水平', 'confidence', 'ratio', { decimals: 0 }),
    col('p10', 'P10', 'P10', 'number', { perRow: true }),
    col('p50', 'P50（中位数）', 'P50 (median)', 'number', { perRow: true }),
    col('p90', 'P90', 'P90', 'number', { perRow: true }),
    col('status', '状态', 'status', 'text'),
  ];
  const rowFormats: RowFormat[] = [];
  const rows = s.targets.map((t) => {
    const u = displayUnit(t.metric, t.kind);
    const { scale, format } = shownAs(u);
    rowFormats.push(format);
    const v = (x: number | null | undefined) => scaled(x, scale);
    return [
      targetLabel(t, lang),
      metricTitleWithPolicy(t.metric, lang, s.policies),
      kindName(t.kind, lang),
      t.kind === 'level' ? null : t.from,
      t.year,
      t.at_least !== undefined ? (zh ? '不低于' : 'at least') : zh ? '不高于' : 'at most',
      v(t.at_least ?? t.at_most),
      unitText(u.unit, lang),
      t.probability,
      t.confidence,
      v(t.p10),
      v(t.p50),
      v(t.p90),
      word(t.status, lang),
    ];
  });
  return { columns, rows, rowFormats };
}

const STATS = ['mean', 'p10', 'p50', 'p90'] as const;
const statName = (stat: (typeof STATS)[number], lang: ReportLang) =>
  stat === 'mean' ? (lang === 'zh' ? '均值' : 'mean') : stat.toUpperCase();

/** 指标: per metric its mean, P10, P50 and P90 by year, in the report's units with the unit named. */
export function metricsTable(s: RunSummary, lang: ReportLang): Table {
  const years = Object.keys(s.metrics.energy_tce ?? {});
  const columns = [
    col('metric', '指标代码', 'metric id', 'text'),
    col('name', '指标', 'metric', 'text'),
    col('unit', '单位', 'unit', 'text'),
    col('statistic', '统计量', 'statistic', 'text'),
    ...years.map((y) => col(y, y, y, 'number', { perRow: true })),
  ];
  const rows: Cell[][] = [];
  const rowFormats: RowFormat[] = [];
  for (const [id, byYear] of Object.entries(s.metrics)) {
    const u = displayUnit(id);
    const { scale, format } = shownAs(u);
    for (const stat of STATS) {
      rows.push([
        id,
        metricTitleWithPolicy(id, lang, s.policies),
        unitText(u.unit, lang),
        statName(stat, lang),
        ...years.map((y) => scaled(byYear[y]?.[stat], scale)),
      ]);
      rowFormats.push(format);
    }
  }
  return { columns, rows, rowFormats };
}

/** The `source` of an event in words: a recorded action replayed, or the model's. */
const SOURCE_ZH: Record<string, string> = { actual: '实际', model: '模拟' };

/** 事件: the audit trail of draw 0 from events.csv, codes in words for zh (policies, dispositions, sectors). */
export function eventsTable(eventsCsvText: string, policies: Policies, lang: ReportLang): Table {
  const t = readTableCsv(eventsCsvText, EVENT_COLUMNS, 'events.csv');
  const at = (key: string) => EVENT_COLUMNS.findIndex((c) => c.key === key);
  if (lang !== 'zh') {
    // English: dcsim's own words of the trail (details, made-up project names, the new projects' place) translated
    const [name, town, park, sector, detail] = [at('enterprise_name'), at('town'), at('park'), at('sector'), at('detail')];
    return {
      columns: t.columns,
      rows: t.rows.map((r) =>
        r.map((c, j) =>
          typeof c !== 'string'
            ? c
            : j === name || j === detail
              ? detailText(c, lang)
              : [town, park, sector].includes(j)
                ? placeName(c, lang)
                : c,
        ),
      ),
    };
  }
  const [policy, action, sector, source] = [at('policy'), at('action'), at('sector'), at('source')];
  return {
    columns: t.columns,
    rows: t.rows.map((r) =>
      r.map((c, j) =>
        typeof c !== 'string'
          ? c
          : j === policy
            ? policyLabel(c, lang, policies)
            : j === action
              ? actionName(c, lang)
              : j === sector
                ? divisionLabelZh(c)
                : j === source
                  ? (SOURCE_ZH[c] ?? c)
                  : c,
      ),
    ),
  };
}

/** 假设: the scenario, then every assumption behind the numbers (group, item, value; files with their sha256). */
export function assumptionsTable(s: RunSummary, lang: ReportLang): Table {
  const columns = [col('group', '类别', 'group', 'text'), col('item', '项目', 'item', 'text'), col('value', '内容', 'value', 'general')];
  return { columns, rows: assumptionRows(s, lang) };
}

/**
 * 碳排放预算: per year from base + 1 the budget's P50, the CO2's P10/P50/P90 (万tCO2), the share
 * of draws within the budget and the warning level (绿灯/黄灯/红灯), as summary.json `budget` holds them.
 */
export function budgetSheet(s: RunSummary, lang: ReportLang): Table | undefined {
  const b = s.budget;
  if (!b) return undefined;
  const u = displayUnit('co2_t');
  const zh = lang === 'zh';
  const t = (name: string) => (zh ? `${name}（${u.unit}）` : `${name} (${unitText(u.unit, lang)})`);
  const columns = [
    col('year', '年份', 'year', 'year'),
    col('budget_p50', t('碳排放预算 中位数'), t('budget P50'), 'number', { decimals: u.decimals }),
    col('co2_p10', t('二氧化碳排放 P10'), t('CO2 P10'), 'number', { decimals: u.decimals }),
    col('co2_p50', t('二氧化碳排放 中位数'), t('CO2 P50'), 'number', { decimals: u.decimals }),
    col('co2_p90', t('二氧化碳排放 P90'), t('CO2 P90'), 'number', { decimals: u.decimals }),
    col('probability', '预算内概率', 'probability within the budget', 'ratio', { decimals: 0 }),
    col('level', '预警', 'warning', 'text'),
  ];
  const v = (x: number | null) => (x === null || !Number.isFinite(x) ? null : scaled(x, u.scale));
  const rows = b.years.map((y) => [
    y.year,
    v(y.budget_p50),
    v(y.co2_p10),
    v(y.co2_p50),
    v(y.co2_p90),
    y.probability,
    lightName(y.level, lang),
  ]);
  return { columns, rows };
}

/**
 * results.xlsx of a run: 目标 (targets), 指标 (metrics by year), 事件 (draw 0's audit trail) and
 * 假设 (every assumption), headers in `lang`, values in the report's units with a unit column,
 * number formats by column type, fitted widths, frozen headers, a filter on the events and print
 * setup (landscape, one page wide) on targets and metrics. Text is neutralised against formulas.
 */
export function resultsXlsx(s: RunSummary, eventsCsvText: string, lang: ReportLang, tracking?: TrackReport): Promise<Buffer> {
  const zh = lang === 'zh';
  return streamedXlsx((wb) => {
    addTableSheet(wb, zh ? '目标' : 'targets', targetsTable(s, lang), lang, { frozenColumns: 1, print: true });
    addTableSheet(wb, zh ? '指标' : 'metrics', metricsTable(s, lang), lang, { frozenColumns: 4, print: true });
    addTableSheet(wb, zh ? '事件' : 'events', eventsTable(eventsCsvText, s.policies, lang), lang, { frozenColumns: 4, autoFilter: true });
    addTableSheet(wb, zh ? '假设' : 'assumptions', assumptionsTable(s, lang), lang, { frozenColumns: 2, autoFilter: true });
    // the carbon budget (issue #13 §3): like the monitoring sheets, its name stays Chinese in both languages
    const budget = budgetSheet(s, lang);
    if (budget) addTableSheet(wb, '碳排放预算', budget, lang, { frozenColumns: 1, print: true });
    // dcsim track (issue #12 §3) and the actuals' fit table: the sheets keep their Chinese names in both languages
    if (tracking) {
      addTableSheet(wb, '预警', warningSheet(tracking, lang), lang, { frozenColumns: 1, print: true });
      addTableSheet(wb, '季度通报', quarterlySheet(tracking, lang), lang, { frozenColumns: 2, print: true });
    }
    if (s.actuals?.fit.length) addTableSheet(wb, '拟合', fitSheet(s.actuals.fit, lang), lang, { frozenColumns: 3, autoFilter: true });
  });
}

/** Names the scenarios of a comparison by number and title ("2. 关停主导方案"): titles may repeat. */
const scenarioTitles = (c: Comparison) => scenarioNames(c).map((s) => s.title);

/** 目标对比: each target's probability per scenario (columns titled by the scenarios' titles). */
export function comparisonTargetsTable(c: Comparison, lang: ReportLang, summaries: readonly Pick<RunSummary, 'targets'>[] = []): Table {
  const columns = [
    col('target', '目标', 'target', 'text'),
    col('year', '年份', 'year', 'year'),
    ...scenarioTitles(c).map((t, k) => col(`p${k}`, `${t}（达成概率）`, `${t} (probability)`, 'ratio', { decimals: 0 })),
  ];
  const rows = c.targets.map((t) => [comparedTargetLabel(t, summaries, lang), t.year, ...t.byScenario.map((x) => x?.probability ?? null)]);
  return { columns, rows };
}

/**
 * 代价与收益: each scenario (title, then its id) against the first, as signed changes that read the
 * right way round: the change of energy vacated over the period (万tce), of value added, tax (亿元)
 * and jobs in the end year (negative: lost), and the same in one sentence with the sign in the
 * words ("增加值减少 0.8 亿元", issue #14 item 7).
 */
export function comparisonCostsTable(c: Comparison, lang: ReportLang): Table {
  const zh = lang === 'zh';
  const titles = scenarioTitles(c);
  const first = titles[0];
  const columns = [
    col('scenario', '方案', 'scenario', 'text'),
    col('scenario_id', '方案代码', 'scenario id', 'text'),
    col('against', '对照方案', 'compared with', 'text'),
    col(
      'vacated_energy_change',
      '腾出用能变化（万tce，期间累计）',
      `energy vacated change (${unitText('万tce', lang)}, period)`,
      'number',
      {
        decimals: 2,
        signed: true,
      },
    ),
    col(
      'value_added_change',
      `增加值变化（亿元，${c.period.end}年）`,
      `value added change (${unitText('亿元', lang)}, ${c.period.end})`,
      'number',
      {
        decimals: 2,
        signed: true,
      },
    ),
    col('tax_change', `税收变化（亿元，${c.period.end}年）`, `tax change (${unitText('亿元', lang)}, ${c.period.end})`, 'number', {
      decimals: 2,
      signed: true,
    }),
    col('jobs_change', `就业变化（人，${c.period.end}年）`, `jobs change (${c.period.end})`, 'integer', { signed: true }),
    col('in_words', '说明', 'in words', 'text'),
  ];
  const neg = (x: number | null, scale: number) => (x === null ? null : scaled(-x, scale));
  const rows = c.costs
    .slice(1)
    .map((x, k) => [
      titles[k + 1],
      c.scenarios[k + 1].name,
      first,
      scaled(x.extraVacatedEnergyTce, 1e-4),
      neg(x.valueAddedLost, 1e-4),
      neg(x.taxLost, 1e-4),
      x.jobsLost === null ? null : -Math.round(x.jobsLost) + 0,
      costSentence(x, titles[k + 1], first, c.period.end, lang),
    ]);
  if (rows.length === 0)
    rows.push([zh ? '（只有一个方案）' : '(one scenario only)', c.scenarios[0]?.name ?? '', first, null, null, null, null, '']);
  return { columns, rows };
}

/** 配对差值: per metric, scenario and statistic, the paired difference to the first scenario by year, signed, in the report's units. */
export function comparisonDifferencesTable(c: Comparison, lang: ReportLang, policies: Policies = []): Table {
  const years = Object.keys(c.metrics.energy_tce ?? {});
  const zh = lang === 'zh';
  const titles = scenarioTitles(c);
  const columns = [
    col('metric', '指标代码', 'metric id', 'text'),
    col('name', '指标', 'metric', 'text'),
    col('unit', '单位', 'unit', 'text'),
    col('scenario', '方案', 'scenario', 'text'),
    col('statistic', `较“${titles[0]}”的差值`, `difference to “${titles[0]}”`, 'text'),
    ...years.map((y) => col(y, y, y, 'number', { perRow: true, signed: true })),
  ];
  const rows: Cell[][] = [];
  const rowFormats: RowFormat[] = [];
  for (const [id, byYear] of Object.entries(c.metrics)) {
    const u = displayUnit(id);
    const { scale, format } = shownAs(u);
    titles.forEach((title, k) => {
      if (k === 0) return;
      for (const stat of ['p10', 'p50', 'p90'] as const) {
        rows.push([
          id,
          metricTitleWithPolicy(id, lang, policies),
          u.unit === '%' ? (zh ? '百分点' : 'pp') : unitText(u.unit, lang),
          title,
          stat.toUpperCase(),
          ...years.map((y) => scaled(byYear[y]?.difference[k]?.[stat], scale)),
        ]);
        rowFormats.push(format);
      }
    });
  }
  return { columns, rows, rowFormats };
}

/** 假设对比: every assumption item, one column per scenario, a mark where they differ. */
export function comparisonAssumptionsTable(summaries: readonly RunSummary[], titles: readonly string[], lang: ReportLang): Table {
  const zh = lang === 'zh';
  const items: string[] = [];
  const groups = new Map<string, keyof typeof ASSUMPTION_GROUPS>();
  const values = summaries.map((s) => new Map((s.assumptions ?? []).map((a) => [a.item, a.value])));
  for (const s of summaries)
    for (const a of s.assumptions ?? []) {
      if (!groups.has(a.item)) items.push(a.item);
      groups.set(a.item, a.group);
    }
  const columns = [
    col('group', '类别', 'group', 'text'),
    col('item', '项目', 'item', 'text'),
    col('differs', '是否不同', 'differs', 'text'),
    ...titles.map((t, k) => col(`s${k}`, t, t, 'general')),
  ];
  const rows = items.map((item) => {
    const vs = values.map((m) => m.get(item));
    const differs = vs.some((v) => v !== vs[0]);
    return [
      ASSUMPTION_GROUPS[groups.get(item)!][zh ? 0 : 1],
      assumptionItemName(item, lang),
      differs ? (zh ? '不同' : 'differs') : '',
      ...vs.map((v) => (v === undefined ? null : typeof v === 'boolean' ? String(v) : v)),
    ];
  });
  return { columns, rows };
}

/**
 * results.xlsx of a comparison: target probabilities per scenario, the costs next to the gains,
 * the paired differences to the first scenario (P10, P50, P90) and the assumptions side by side,
 * scenarios named by their titles.
 */
export function comparisonXlsx(c: Comparison, summaries: readonly RunSummary[], lang: ReportLang): Promise<Buffer> {
  const zh = lang === 'zh';
  return streamedXlsx((wb) => {
    addTableSheet(wb, zh ? '目标对比' : 'targets', comparisonTargetsTable(c, lang, summaries), lang, { frozenColumns: 1, print: true });
    addTableSheet(wb, zh ? '代价与收益' : 'costs', comparisonCostsTable(c, lang), lang, { frozenColumns: 1, print: true });
    addTableSheet(wb, zh ? '配对差值' : 'differences', comparisonDifferencesTable(c, lang, summaries[0]?.policies), lang, {
      frozenColumns: 5,
      autoFilter: true,
    });
    addTableSheet(wb, zh ? '假设对比' : 'assumptions', comparisonAssumptionsTable(summaries, scenarioTitles(c), lang), lang, {
      frozenColumns: 3,
      autoFilter: true,
    });
  });
}
