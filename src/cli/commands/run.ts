import { join, resolve } from 'node:path';
import { runDraws, WorkerPool } from '../../parallel/runner.js';
import { OUTPUT_KIND } from '../../io/run-folder.js';
import type { FileData } from '../../io/atomic-write.js';
import { drawsCsv } from '../../io/draws-csv.js';
import { runFolderMeta, runOutput } from '../../io/run-output.js';
import { chartModules } from '../../io/report-files.js';
import { PARTIAL_FILE, PARTIAL_KIND, parseShard, shardDraws, type Partial } from '../../io/partial.js';
import { eventsCsv, registryPlaces } from '../../io/run-tables.js';
import { runFailureExit } from '../run-failure.js';
import { loadScenario, shown, type LoadedScenario, type ScenarioLoadOptions } from '../../io/scenario-load.js';
import type { RunSummary } from '../../engine/aggregate.js';
import type { TrackReport } from '../../tracking/track.js';
import { actualsOptions } from '../actuals-options.js';
import { actualsSummary } from '../../io/actuals-fit.js';
import { msg } from '../../messages/messages.js';
import { printDiagnostics } from '../diagnostics.js';
import { fmt } from '../format.js';
import { EXIT, type Streams } from '../io-streams.js';
import { checkRunNumbers, workerCount } from '../run-numbers.js';
import { interruptSignal } from '../interrupt.js';
import { emptyOutExit, prepareOutputFolder, writeOutputFolder } from '../output.js';
import { label, type Lang } from '../labels.js';
import { shortfallWarnings } from '../../report/shortfall.js';
import { metricTitle } from '../../report/labels.js';
import { progressBar, showProgress, stepLine } from '../progress.js';
import { scorecard, scorecardLegend } from '../scorecard.js';
import { VERSION } from '../version.js';
import { hashInputs } from '../../io/run-manifest.js';

export interface RunOptions {
  readonly scenario: string;
  /** An actuals file (or two, comma-separated) instead of the scenario's (`--actuals`). */
  readonly actuals?: string;
  /** The period the actuals are used up to (`--as-of`). */
  readonly asOf?: string;
  readonly draws?: number;
  readonly seed?: number;
  readonly out?: string;
  readonly force: boolean;
  readonly failOnMiss: boolean;
  /** Worker threads (0: this thread; default: the machine's cores). */
  readonly workers?: number;
  /** No progress bar. */
  readonly quiet?: boolean;
  /** Run only shard `k` of `n` (1-based) and write a partial result for `dcsim merge`. */
  readonly shard?: string;
  /** Also write every draw's metric rows (draws.csv). */
  readonly keepDraws?: boolean;
  /** Render the charts and the reports that embed them (default true; --no-charts skips them, results.xlsx is still written). */
  readonly charts?: boolean;
  readonly lang: Lang;
  /** The command line as typed, for the manifest. */
  readonly argv: readonly string[];
  /** Clock for the default folder name (injected so tests can fix it). */
  readonly now?: Date;
  /** Loader options added to --actuals/--as-of (tests: `actualsData`, actuals already checked). */
  readonly load?: ScenarioLoadOptions;
}

/**
 * What a command built on `dcsim run` adds (dcsim track): called once the run's summary is known,
 * before anything is written; returns more files, the monitoring report the reports embed, and
 * lines printed after the scorecard.
 */
export interface RunExtension {
  /** Refuses a loaded scenario before anything runs or is written: the message, or undefined. */
  readonly check?: (loaded: LoadedScenario) => string | undefined;
  readonly after: (ctx: {
    readonly loaded: LoadedScenario;
    readonly summary: RunSummary;
    readonly seed: number;
    readonly draws: number;
    readonly drawList: readonly number[];
    readonly workers: number;
  }) => Promise<{ files: Map<string, string | Buffer>; tracking?: TrackReport; lines: readonly string[] }>;
}

/** Local time as `YYYYMMDD-HHMMSS`, the default run folder name. */
export function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * `dcsim run <scenario>`: loads and checks the scenario, runs every draw, aggregates, writes the
 * run folder (DESIGN §6) atomically and prints the target scorecard.
 */
export async function runCommand(o: RunOptions, io: Streams, extension?: RunExtension): Promise<number> {
  const t0 = performance.now();
  const bad = (field: string, message: string) => {
    io.err(`${field}: ${message}`);
    return EXIT.badInput;
  };
  const numbers = checkRunNumbers(o, io) ?? emptyOutExit(o.out, io);
  if (numbers !== undefined) return numbers;
  const shard = o.shard === undefined ? undefined : parseShard(o.shard);
  if (shard === null) return bad('--shard', msg.badShard(o.shard!));

  // the simulation's threads start loading their modules while this one loads the scenario (one
  // per core unless --workers says otherwise; dropped below if the run turns out to need another number)
  const early = o.workers === 0 ? 0 : workerCount(o.workers, o.draws ?? Number.MAX_SAFE_INTEGER, { out: () => {}, err: () => {} });
  const started = early > 0 ? new WorkerPool(early) : undefined;
  started?.start();
  try {
    return await runLoading(o, io, extension, t0, shard, started);
  } finally {
    await started?.close();
  }
}

/** {@link runCommand} once the command line is checked: `started`, threads already started for the draws. */
async function runLoading(
  o: RunOptions,
  io: Streams,
  extension: RunExtension | undefined,
  t0: number,
  shard: { readonly k: number; readonly n: number } | undefined,
  started: WorkerPool | undefined,
): Promise<number> {
  const { value, diagnostics } = await loadScenario(o.scenario, undefined, { ...actualsOptions(o), ...o.load });
  if (!value) {
    printDiagnostics(diagnostics, io);
    return EXIT.badInput;
  }
  if (value.warnings.length) printDiagnostics(value.warnings, io);
  const refused = extension?.check?.(value);
  if (refused !== undefined) {
    io.err(refused);
    return EXIT.badInput;
  }
  const { scenario } = value;
  const draws = o.draws ?? scenario.monteCarlo.draws;
  const seed = o.seed ?? scenario.monteCarlo.seed;
  const output = await prepareOutputFolder(o.out, () => join('outputs', scenario.name, timestamp(o.now ?? new Date())), o.force, io);
  if ('code' in output) return output.code;
  const { dir } = output;
  const drawList = shard ? shardDraws(draws, shard.k, shard.n) : Array.from({ length: draws }, (_, d) => d);
  const workers = workerCount(o.workers, drawList.length, io);
  const pool = started?.size === workers ? started : undefined;
  if (started && !pool) await started.close();
  const t1 = performance.now();
  const input = { scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
  const progress = showProgress(o.quiet) ? progressBar() : undefined;
  // this thread is idle while the workers draw: it loads the chart libraries meanwhile (a failure surfaces when the charts are drawn)
  if (o.charts !== false && !shard && workers > 0) chartModules().catch(() => undefined);
  let drawn;
  let actuals;
  try {
    drawn = await runDraws(
      input,
      {
        seed,
        draws: drawList,
        workers,
        recordDraw: 0,
        onProgress: progress?.update,
        signal: interruptSignal(),
        // a drill for the fault path (README: "Faults")
        failAtDraw: process.env.DCSIM_FAIL_AT_DRAW === undefined ? -1 : Number(process.env.DCSIM_FAIL_AT_DRAW),
      },
      pool,
    );
    // the fit table of the actuals: the model before conditioning (a shard leaves it to a whole run)
    if (!shard) actuals = await actualsSummary(input, drawn, { seed, draws: drawList, workers, signal: interruptSignal() }, pool);
    // the threads are done: their memory goes before the reports are built
    await pool?.close();
  } catch (e) {
    progress?.clear();
    return runFailureExit(e, io);
  }
  progress?.clear();
  const t2 = performance.now();
  const inputs = await hashInputs(value.inputFiles);
  const meta = runFolderMeta(value, drawn.layout, inputs, draws, seed);

  const manifest = {
    kind: OUTPUT_KIND.run,
    dcsim: VERSION,
    command: ['dcsim', ...o.argv].join(' '),
    scenario: shown(resolve(o.scenario)),
    seed,
    draws,
    workers,
    node: process.version,
    started: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    inputs,
    timings_ms: { load: Math.round(t1 - t0), simulate: Math.round(t2 - t1) },
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    enterprise_years_per_second: Math.round(
      (value.registry.table.n * (scenario.period.end - scenario.period.base) * drawList.length) / ((t2 - t1) / 1000),
    ),
  };
  if (shard) {
    const partial: Partial = {
      paramNames: drawn.paramNames,
      params: Array.from(drawn.params),
      kind: PARTIAL_KIND,
      shard,
      draws,
      seed,
      drawList: [drawList[0] ?? 0, drawList.length],
      meta,
      layout: drawn.layout,
      manifest,
    };
    const files = new Map<string, FileData>([
      [PARTIAL_FILE, `${JSON.stringify(partial, null, 2)}\n`],
      ['draws.csv', drawsCsv(drawn.layout, drawList, drawn.values)],
    ]);
    if (drawList.includes(0)) files.set('events.csv', eventsCsv(drawn, registryPlaces(value.registry.table)));
    const failed = await writeOutputFolder(dir, files, o.force, io);
    if (failed !== undefined) return failed;
    io.out(msg.shardWritten(shard.k, shard.n, drawList.length, shown(dir)));
    return EXIT.ok;
  }
  // never quiet: a second progress line while the charts render (issue #14 item 9)
  const rendering = showProgress(o.quiet) && o.charts !== false ? stepLine(label('rendering', o.lang)) : undefined;
  let built;
  try {
    built = await runOutput({
      drawn,
      meta,
      draws,
      seed,
      table: value.registry.table,
      ...(actuals ? { actuals } : {}),
      manifest,
      lang: o.lang,
      charts: o.charts !== false,
      ...(o.keepDraws ? { keepDraws: drawList } : {}),
      ...(extension ? { add: (summary: RunSummary) => extension.after({ loaded: value, summary, seed, draws, drawList, workers }) } : {}),
      ...(rendering ? { onRendering: rendering.update } : {}),
      // the simulation's threads are done: as many report threads (--workers 0 keeps everything on this thread)
      reportThreads: workers,
    });
  } catch (e) {
    rendering?.clear();
    return runFailureExit(e, io);
  }
  rendering?.clear();
  const { files, summary, added: extra } = built;
  const failed = await writeOutputFolder(dir, files, o.force, io);
  if (failed !== undefined) return failed;

  const L = (k: Parameters<typeof label>[0]) => label(k, o.lang);
  io.out(`${L('scenario')}: ${scenario.name} — ${scenario.title}`);
  io.out(
    `  ${scenario.period.base}–${scenario.period.end} · ${fmt(draws)} ${L('draws')} · seed ${seed} · ${fmt(value.registry.table.n)} ${L('firms')} · ${workers} ${L('workers')} · ${L('simulation')} ${((t2 - t1) / 1000).toFixed(1)} s · ${L('total')} ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const a = summary.actuals;
  if (a) {
    io.out(
      `  ${L('actualsAsOf')} ${a.as_of}（${L('completeThrough')} ${a.complete_through}）· ${fmt(a.observations)} ${L('observations')} · ${fmt(a.actions)} ${L('actionsReplayed')}`,
    );
    // the background's error: levels only (a flow's error is the policies', not the background's)
    const worst = a.fit
      .filter((r) => r.use !== 'flow')
      .reduce<(typeof a.fit)[number] | undefined>((w, r) => (!w || Math.abs(r.error) > Math.abs(w.error) ? r : w), undefined);
    if (worst)
      io.out(
        `  ${L('fitWorst')}: ${metricTitle(worst.metric, o.lang)} ${worst.year} ${worst.error >= 0 ? '+' : '−'}${(Math.abs(worst.error) * 100).toFixed(1)} %`,
      );
  }
  io.out('');
  for (const line of scorecard(summary.targets, o.lang)) io.out(line);
  if (summary.targets.length) io.out(scorecardLegend(summary.confidence, o.lang));
  const short = shortfallWarnings(summary, o.lang);
  if (short.length) io.out('');
  for (const line of short) io.out(`⚠ ${line}`);
  if (extra?.lines.length) io.out('');
  for (const line of extra?.lines ?? []) io.out(line);
  io.out('');
  io.out(`${L('runFolder')}: ${shown(dir)}`);
  const missed = summary.targets.some((t) => t.status !== 'met');
  return o.failOnMiss && missed ? EXIT.targetsMissed : EXIT.ok;
}
