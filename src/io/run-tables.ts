import type { EnterpriseTable } from '../domain/enterprise-table.js';
import type { RunSummary } from '../engine/aggregate.js';
import type { DrawRunResult } from '../parallel/runner.js';
import { storedUnit } from '../domain/metrics.js';
import { toCsv } from './csv-write.js';
import { tableCsv, type Column } from './table.js';

/** A finished run: the draws' metric rows and audit trail with their aggregate. */
export type RunResult = DrawRunResult & { readonly summary: RunSummary };

const num = (x: number | null | undefined, digits = 10): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(digits)));

/** metrics.csv: one row per metric and year with the summary statistics over the draws, in the stored unit it names. */
export function metricsCsv(run: Pick<RunResult, 'summary' | 'layout'>): string {
  const rows: string[][] = [];
  for (const id of run.layout.ids) {
    for (const year of run.layout.years) {
      const s = run.summary.metrics[id][year];
      rows.push([id, String(year), num(s?.mean), num(s?.p5), num(s?.p10), num(s?.p50), num(s?.p90), num(s?.p95), storedUnit(id)]);
    }
  }
  return toCsv(['metric', 'year', 'mean', 'p5', 'p10', 'p50', 'p90', 'p95', 'unit'], rows);
}

/** targets.csv: one row per target with its goal, probability, quantiles and status. */
export function targetsCsv(run: Pick<RunResult, 'summary'>): string {
  const rows = run.summary.targets.map((t) => [
    t.id,
    t.label,
    t.metric,
    t.kind,
    String(t.from),
    String(t.year),
    t.at_least !== undefined ? 'at_least' : 'at_most',
    num(t.at_least ?? t.at_most),
    num(t.confidence),
    num(t.probability),
    num(t.p10),
    num(t.p50),
    num(t.p90),
    t.status,
  ]);
  return toCsv(
    ['id', 'label', 'metric', 'kind', 'from', 'year', 'bound', 'goal', 'confidence', 'probability', 'p10', 'p50', 'p90', 'status'],
    rows,
  );
}

/**
 * Columns of events.csv and the workbook's 事件 sheet (the audit trail), one definition for both;
 * `new_project_energy_tce`, `town`, `park`, `sector`, `shortfall_firms` (a `shortfall` row:
 * firms its policy's quota lacked that year; no firm) and `pending_saving_tce` (a `pending` row
 * at the period end: a saving started and not yet credited) extend the DESIGN list; `source`
 * says whether a disposition is a recorded action replayed (`actual`, src/actuals/) or the
 * model's (`model`); `new_project_co2_t` is a project's CO2 as it comes and `detail` the reason of
 * a deferral or rejection in words (issue #13).
 */
export const EVENT_COLUMNS: readonly Column[] = [
  { key: 'draw', zh: '模拟序号', en: 'draw', type: 'integer' },
  { key: 'year', zh: '年份', en: 'year', type: 'year' },
  { key: 'enterprise_id', zh: '企业代码', en: 'enterprise id', type: 'text' },
  { key: 'enterprise_name', zh: '企业名称', en: 'enterprise', type: 'text' },
  { key: 'policy', zh: '政策', en: 'policy', type: 'text' },
  { key: 'action', zh: '处置方式', en: 'disposition', type: 'text' },
  { key: 'vacated_energy_tce', zh: '腾出用能(tce)', en: 'energy vacated (tce)', type: 'number', decimals: 1 },
  { key: 'co2_reduction_t', zh: '减少碳排放(tCO2)', en: 'CO2 cut (t)', type: 'number', decimals: 1 },
  { key: 'vacated_land_mu', zh: '腾出用地(亩)', en: 'land vacated (mu)', type: 'number', decimals: 1 },
  { key: 'new_project_energy_tce', zh: '新上项目用能(tce)', en: 'new-project energy (tce)', type: 'number', decimals: 1 },
  { key: 'town', zh: '镇街', en: 'town', type: 'text' },
  { key: 'park', zh: '园区', en: 'park', type: 'text' },
  { key: 'sector', zh: '行业', en: 'sector', type: 'text' },
  { key: 'shortfall_firms', zh: '配额缺口(家)', en: 'quota shortfall (firms)', type: 'integer' },
  { key: 'pending_saving_tce', zh: '在建节能量(tce)', en: 'saving pending (tce)', type: 'number', decimals: 1 },
  { key: 'source', zh: '来源', en: 'source', type: 'text' },
  { key: 'new_project_co2_t', zh: '新上项目碳排放(tCO2)', en: 'new-project CO2 (t)', type: 'number', decimals: 1 },
  { key: 'detail', zh: '说明', en: 'detail', type: 'text' },
];

/** Where a firm is: town, park and sector labels (new projects: their own label). */
export type Places = (enterprise: number) => readonly [town: string, park: string, sector: string];

/** events.csv: every disposition of draw 0, in the order it happened, with the firm's town, park and sector. */
export function eventsCsv(run: Pick<RunResult, 'events' | 'ids' | 'names' | 'layout'>, places: Places = () => ['', '', '']): string {
  const rows = run.events.map((e) => [
    e.draw,
    e.year,
    e.enterprise < 0 ? '' : run.ids[e.enterprise],
    e.enterprise < 0 ? '' : run.names[e.enterprise],
    run.layout.policyKeys[e.policy],
    e.action,
    e.vacatedEnergyTce,
    e.co2ReductionT,
    e.vacatedLandMu,
    e.newProjectEnergyTce,
    ...(e.enterprise < 0 ? ['', '', ''] : places(e.enterprise)),
    e.shortfallFirms,
    e.pendingSavingTce,
    e.actual ? 'actual' : 'model',
    e.newProjectCo2T,
    e.detail,
  ]);
  return tableCsv({ columns: EVENT_COLUMNS, rows });
}

/** The files of a run folder (DESIGN §6) but draws.csv (--keep-draws), which the run adds. */
export function runFolderFiles(run: Pick<RunResult, 'summary' | 'layout'>, manifest: object, events: string): Map<string, string> {
  const files = new Map<string, string>([
    ['summary.json', `${JSON.stringify(run.summary, null, 2)}\n`],
    ['metrics.csv', metricsCsv(run)],
    ['targets.csv', targetsCsv(run)],
    ['events.csv', events],
    ['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`],
  ]);
  return files;
}

/** Town, park and sector of every slot from the registry; slots after it are new projects. */
export function registryPlaces(table: EnterpriseTable): Places {
  return (e) =>
    e < table.n
      ? [table.towns[table.town[e]] || '未注明', table.parks[table.park[e]] || '园区外', table.sectors[table.sector[e]]]
      : ['新建项目', '新建项目', '新建项目'];
}
