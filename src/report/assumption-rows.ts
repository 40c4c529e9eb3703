import type { RunSummary } from '../engine/aggregate.js';
import type { Assumption } from '../scenario/assumptions.js';
import type { ReportLang } from './labels.js';

/** The words of each assumption group. */
export const ASSUMPTION_GROUPS: Record<Assumption['group'], [zh: string, en: string]> = {
  run: ['运行', 'run'],
  accounting: ['核算口径', 'accounting'],
  growth: ['增长参数', 'growth'],
  policy: ['政策参数', 'policies'],
  factors: ['折算与排放因子', 'factors'],
  files: ['输入文件', 'input files'],
};

const ITEMS_ZH: Record<string, string> = {
  period: '期间',
  draws: '模拟次数',
  seed: '随机种子',
  firms: '企业数',
  confidence: '置信水平',
  scenario: '情景文件',
  extends: '上级情景文件',
  registry: '企业名录',
  factors: '折算与排放因子文件',
  evaluation: '亩均评价模型文件',
};

/** Names an assumption item in `lang`: the run's items and the files' roles in Chinese, scenario paths as written. */
export function assumptionItemName(item: string, lang: ReportLang): string {
  if (lang !== 'zh') return item;
  const [role, n] = item.split('-');
  return ITEMS_ZH[item] ?? (n && ITEMS_ZH[role] ? `${ITEMS_ZH[role]} ${n}` : item);
}

/**
 * Every assumption behind a run's numbers as rows (group, item, value): the scenario, then
 * summary.json's `assumptions` (the workbook's 假设 sheet and the report's 情景与假设 section).
 */
export function assumptionRows(s: RunSummary, lang: ReportLang): (string | number)[][] {
  const zh = lang === 'zh';
  const run = ASSUMPTION_GROUPS.run[zh ? 0 : 1];
  const listed = s.assumptions ?? [
    // a run folder of dcsim 0.1 holds no list: show what its summary has
    { group: 'run', item: 'period', value: `${s.period.base}–${s.period.end}` },
    { group: 'run', item: 'draws', value: s.draws },
    { group: 'run', item: 'seed', value: s.seed },
    { group: 'run', item: 'confidence', value: s.confidence },
  ];
  return [
    [run, zh ? '情景' : 'scenario', s.scenario.name],
    [run, zh ? '标题' : 'title', s.scenario.title],
    [run, zh ? '说明' : 'description', s.scenario.description.trim()],
    ...listed.map((a) => [
      ASSUMPTION_GROUPS[a.group][zh ? 0 : 1],
      assumptionItemName(a.item, lang),
      typeof a.value === 'boolean' ? String(a.value) : a.value,
    ]),
  ];
}
