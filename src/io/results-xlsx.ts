import ExcelJS from 'exceljs';
import type { RunSummary } from '../engine/aggregate.js';
import type { Comparison } from '../engine/compare.js';
import { metricTitle, word, type ReportLang } from '../report/labels.js';
import { neutralise } from './csv-write.js';
import type { SheetTable } from '../domain/cells.js';

const EVENT_HEADERS_ZH: Record<string, string> = {
  draw: '模拟序号',
  year: '年份',
  enterprise_id: '企业代码',
  enterprise_name: '企业名称',
  policy: '政策',
  action: '处置方式',
  vacated_energy_tce: '腾出用能(tce)',
  co2_reduction_t: '减少碳排放(tCO2)',
  vacated_land_mu: '腾出用地(亩)',
  new_project_energy_tce: '新上项目用能(tce)',
};

function header(ws: ExcelJS.Worksheet, cells: readonly string[]): void {
  const row = ws.addRow([...cells]);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const text = (s: string) => neutralise(s);

/**
 * results.xlsx: targets, metrics (years as columns), the audit trail and the assumptions, with
 * Chinese headers (English with lang en), number formats and frozen header rows; text cells
 * that a spreadsheet would run as formulas are neutralised.
 */
export async function resultsXlsx(
  s: RunSummary,
  events: Pick<SheetTable, 'headers' | 'rows'> | undefined,
  lang: ReportLang,
): Promise<Buffer> {
  const zh = lang === 'zh';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dcsim';

  const targets = wb.addWorksheet(zh ? '目标' : 'targets');
  header(
    targets,
    zh
      ? ['目标', '指标', '类型', '起始年', '年份', '方向', '目标值', '置信水平', '达成概率', 'P10', 'P50', 'P90', '状态']
      : ['target', 'metric', 'kind', 'from', 'year', 'bound', 'goal', 'confidence', 'probability', 'P10', 'P50', 'P90', 'status'],
  );
  for (const t of s.targets) {
    targets.addRow([
      text(t.label),
      t.metric,
      t.kind,
      t.from,
      t.year,
      t.at_least !== undefined ? '≥' : '≤',
      t.at_least ?? t.at_most,
      t.confidence,
      t.probability,
      t.p10,
      t.p50,
      t.p90,
      word(t.status, lang),
    ]);
  }
  targets.getColumn(1).width = 34;
  for (const c of [7, 10, 11, 12]) targets.getColumn(c).numFmt = '#,##0.####';
  for (const c of [8, 9]) targets.getColumn(c).numFmt = '0%';

  const metrics = wb.addWorksheet(zh ? '指标' : 'metrics');
  const years = Object.keys(s.metrics.energy_tce);
  header(metrics, [zh ? '指标' : 'metric', zh ? '名称' : 'name', zh ? '统计量' : 'statistic', ...years]);
  for (const [id, byYear] of Object.entries(s.metrics)) {
    for (const stat of ['mean', 'p10', 'p50', 'p90'] as const) {
      metrics.addRow([
        id,
        metricTitle(id, lang),
        stat === 'mean' ? (zh ? '均值' : 'mean') : stat.toUpperCase(),
        ...years.map((y) => byYear[y]?.[stat] ?? null),
      ]);
    }
  }
  metrics.getColumn(1).width = 40;
  metrics.getColumn(2).width = 20;
  years.forEach((_, i) => (metrics.getColumn(4 + i).numFmt = '#,##0.####'));

  const ev = wb.addWorksheet(zh ? '事件' : 'events');
  if (events) {
    header(
      ev,
      events.headers.map((h) => (zh ? (EVENT_HEADERS_ZH[h] ?? h) : h)),
    );
    for (const r of events.rows) {
      ev.addRow(r.cells.map((c, i) => (i >= 6 || i <= 1 ? (c === '' ? null : Number(c)) : text(c.replace(/^'/, '')))));
    }
    ev.getColumn(4).width = 28;
    for (const c of [7, 8, 9, 10]) ev.getColumn(c).numFmt = '#,##0.00';
  }

  const a = wb.addWorksheet(zh ? '假设' : 'assumptions');
  header(a, zh ? ['项目', '内容'] : ['item', 'value']);
  const rows: [string, string | number][] = [
    [zh ? '情景' : 'scenario', s.scenario.name],
    [zh ? '标题' : 'title', s.scenario.title],
    [zh ? '说明' : 'description', s.scenario.description],
    [zh ? '期间' : 'period', `${s.period.base}–${s.period.end}`],
    [zh ? '模拟次数' : 'draws', s.draws],
    [zh ? '随机种子' : 'seed', s.seed],
    [zh ? '置信水平' : 'confidence', s.confidence],
    ...s.policies.map((p, i): [string, string] => [`${zh ? '政策' : 'policy'} ${i + 1}`, `${zh ? p.label : p.label_en} (${p.key})`]),
  ];
  for (const [k, v] of rows) a.addRow([k, typeof v === 'string' ? text(v) : v]);
  a.getColumn(1).width = 14;
  a.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * results.xlsx of a comparison: target probabilities per scenario, the costs next to the gains,
 * and the paired differences to the first scenario (P50) per metric and year.
 */
export async function comparisonXlsx(c: Comparison, lang: ReportLang): Promise<Buffer> {
  const zh = lang === 'zh';
  const names = c.scenarios.map((s, k) => text(`${k + 1}. ${s.name}`));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dcsim';
  const targets = wb.addWorksheet(zh ? '目标对比' : 'targets');
  header(targets, [zh ? '目标' : 'target', ...names]);
  for (const t of c.targets) targets.addRow([text(t.label), ...t.byScenario.map((x) => x?.probability ?? null)]);
  targets.getColumn(1).width = 34;
  names.forEach((_, i) => (targets.getColumn(2 + i).numFmt = '0%'));
  const costs = wb.addWorksheet(zh ? '代价与收益' : 'costs');
  header(
    costs,
    zh
      ? ['方案', '多腾出用能(tce)', '增加值减少(万元)', '税收减少(万元)', '就业减少(人)']
      : ['scenario', 'extra energy vacated (tce)', 'VA lost (万元)', 'tax lost (万元)', 'jobs lost'],
  );
  c.costs.forEach((x, k) => costs.addRow([names[k], x.extraVacatedEnergyTce, x.valueAddedLost, x.taxLost, x.jobsLost]));
  for (const col of [2, 3, 4, 5]) costs.getColumn(col).numFmt = '#,##0';
  costs.getColumn(1).width = 24;
  const diffs = wb.addWorksheet(zh ? '配对差值' : 'differences');
  const years = Object.keys(c.metrics.energy_tce ?? {});
  header(diffs, [zh ? '指标' : 'metric', zh ? '名称' : 'name', zh ? '方案' : 'scenario', ...years]);
  for (const [id, byYear] of Object.entries(c.metrics)) {
    names.forEach((n, k) => {
      if (k > 0) diffs.addRow([id, metricTitle(id, lang), n, ...years.map((y) => byYear[y]?.difference[k]?.p50 ?? null)]);
    });
  }
  diffs.getColumn(1).width = 40;
  years.forEach((_, i) => (diffs.getColumn(4 + i).numFmt = '#,##0.####'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
