import type { ActualsSummary } from '../actuals/fit.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import { runMeta, type RunMeta, type RunSummary } from '../engine/aggregate.js';
import type { DrawRunResult } from '../parallel/runner.js';
import type { ReportLang } from '../report/labels.js';
import type { TrackReport } from '../tracking/track.js';
import type { FileData } from './atomic-write.js';
import { drawsCsv } from './draws-csv.js';
import { reportFiles } from './report-files.js';
import { runAssumptions, type Hashed } from './run-manifest.js';
import { eventsCsv, registryPlaces, runFolderFiles } from './run-tables.js';
import type { LoadedScenario } from './scenario-load.js';
import { summarize } from './summarize.js';

/** What a command adds to a run folder once the summary is known (dcsim track): files, and the monitoring report the reports embed. */
export interface RunAddition {
  readonly files: ReadonlyMap<string, FileData>;
  readonly tracking?: TrackReport;
}

/** A finished run's draws and what the run folder is built from. */
export interface RunOutputOptions<A extends RunAddition> {
  readonly drawn: DrawRunResult;
  /** The run's meta ({@link runFolderMeta}). */
  readonly meta: RunMeta;
  readonly draws: number;
  readonly seed: number;
  readonly table: EnterpriseTable;
  /** The fit table of a run with actuals (src/io/actuals-fit.ts). */
  readonly actuals?: ActualsSummary;
  /** manifest.json as the command writes it (its command line, timings). */
  readonly manifest: object;
  readonly lang: ReportLang;
  /** Charts and the reports that embed them (false: --no-charts; results.xlsx is still built). */
  readonly charts: boolean;
  /** Also draws.csv: every draw's metric rows, for these draws (--keep-draws). */
  readonly keepDraws?: readonly number[];
  /** Called with the summary before the reports are built (dcsim track); its files are added last. */
  readonly add?: (summary: RunSummary) => Promise<A>;
  /** Progress of the chart rendering. */
  readonly onRendering?: (done: number, total: number) => void;
  /** Threads that build results.xlsx and the PNGs beside this one (src/io/report-threads.ts); 0 or none: this thread only. */
  readonly reportThreads?: number;
}

/** The run's meta for summary.json: the scenario, the layout and the assumptions with the input files' hashes. */
export function runFolderMeta(
  loaded: LoadedScenario,
  layout: DrawRunResult['layout'],
  inputs: readonly Hashed[],
  draws: number,
  seed: number,
): RunMeta {
  return { ...runMeta(loaded.scenario, layout), assumptions: runAssumptions(loaded, inputs, draws, seed) };
}

/**
 * Builds every file of a run folder (DESIGN §6) in memory from a run's draws: summary.json,
 * metrics.csv, targets.csv, events.csv, manifest.json, results.xlsx and, with charts, charts/,
 * report.html and report.md. `dcsim run` writes them to a folder; `dcsim serve` keeps them for
 * download — the same function, so the page's run folder is the command line's.
 */
export async function runOutput<A extends RunAddition>(
  o: RunOutputOptions<A>,
): Promise<{ summary: RunSummary; files: Map<string, FileData>; added?: A }> {
  const { drawn } = o;
  const events = eventsCsv(drawn, registryPlaces(o.table));
  const summary: RunSummary = {
    ...summarize(o.meta, drawn.layout, drawn.values, o.draws, o.seed, drawn, events),
    ...(o.actuals ? { actuals: o.actuals } : {}),
  };
  const added = await o.add?.(summary);
  const files: Map<string, FileData> = runFolderFiles({ summary, layout: drawn.layout }, o.manifest, events);
  if (o.keepDraws) files.set('draws.csv', drawsCsv(drawn.layout, o.keepDraws, drawn.values));
  for (const [name, data] of await reportFiles(summary, events, o.lang, o.charts, added?.tracking, o.onRendering, o.reportThreads))
    files.set(name, data);
  for (const [name, data] of added?.files ?? []) files.set(name, data);
  return { summary, files, ...(added ? { added } : {}) };
}
