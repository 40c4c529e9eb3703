import type { EnterpriseTable } from '../domain/enterprise-table.js';
import type { RunSummary } from '../engine/aggregate.js';
import type { DrawRunResult } from '../parallel/runner.js';
import { toCsv } from './csv-write.js';

/** A finished run: the draws' metric rows and audit trail with their aggregate. */
export type RunResult = DrawRunResult & { readonly summary: RunSummary };

const num = (x: number | null | undefined, digits = 10): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(digits)));

/** metrics.csv: one row per metric and year with the summary statistics over the draws. */
export function metricsCsv(run: Pick<RunResult, 'summary' | 'layout'>): string {
  const rows: string[][] = [];
  for (const id of run.layout.ids) {
    for (const year of run.layout.years) {
      const s = run.summary.metrics[id][year];
      rows.push([id, String(year), num(s?.mean), num(s?.p5), num(s?.p10), num(s?.p50), num(s?.p90), num(s?.p95)]);
    }
  }
  return toCsv(['metric', 'year', 'mean', 'p5', 'p10', 'p50', 'p90', 'p95'], rows);
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

/** Columns of events.csv (the audit trail); `new_project_energy_tce`, `town`, `park` and `sector` extend the DESIGN list. */
export const EVENT_COLUMNS = [
  'draw',
  'year',
  'enterprise_id',
  'enterprise_name',
  'policy',
  'action',
  'vacated_energy_tce',
  'co2_reduction_t',
  'vacated_land_mu',
  'new_project_energy_tce',
  'town',
  'park',
  'sector',
] as const;

/** Where a firm is: town, park and sector labels (new projects: their own label). */
export type Places = (enterprise: number) => readonly [town: string, park: string, sector: string];

/** events.csv: every disposition of draw 0, in the order it happened, with the firm's town, park and sector. */
export function eventsCsv(run: Pick<RunResult, 'events' | 'ids' | 'names' | 'layout'>, places: Places = () => ['', '', '']): string {
  const rows = run.events.map((e) => [
    String(e.draw),
    String(e.year),
    run.ids[e.enterprise],
    run.names[e.enterprise],
    run.layout.policyKeys[e.policy],
    e.action,
    num(e.vacatedEnergyTce, 12),
    num(e.co2ReductionT, 12),
    num(e.vacatedLandMu, 12),
    num(e.newProjectEnergyTce, 12),
    ...places(e.enterprise),
  ]);
  return toCsv(EVENT_COLUMNS, rows);
}

/** The files of a run folder (DESIGN §6); `draws` adds draws.csv (--keep-draws). */
export function runFolderFiles(
  run: Pick<RunResult, 'summary' | 'layout'>,
  manifest: object,
  events: string,
  draws?: string,
): Map<string, string> {
  const files = new Map<string, string>([
    ['summary.json', `${JSON.stringify(run.summary, null, 2)}\n`],
    ['metrics.csv', metricsCsv(run)],
    ['targets.csv', targetsCsv(run)],
    ['events.csv', events],
    ['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`],
  ]);
  if (draws !== undefined) files.set('draws.csv', draws);
  return files;
}

/** Town, park and sector of every slot from the registry; slots after it are new projects. */
export function registryPlaces(table: EnterpriseTable): Places {
  return (e) =>
    e < table.n
      ? [table.towns[table.town[e]] || '未注明', table.parks[table.park[e]] || '园区外', table.sectors[table.sector[e]]]
      : ['新建项目', '新建项目', '新建项目'];
}
