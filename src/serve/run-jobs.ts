import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { formatDiagnostic } from '../domain/diagnostic.js';
import { actualsSummary } from '../io/actuals-fit.js';
import { OUTPUT_KIND } from '../io/run-folder.js';
import { hashInputs } from '../io/run-manifest.js';
import { runFolderMeta, runOutput } from '../io/run-output.js';
import { loadScenario, shown } from '../io/scenario-load.js';
import { zipArchive } from '../io/zip.js';
import { msg } from '../messages/messages.js';
import { DrawFailure, NonFiniteResult, RunAborted } from '../parallel/runner.js';
import type { ReportLang } from '../report/labels.js';
import type { Edits } from '../workbench/edits.js';
import { timestamp } from '../cli/commands/run.js';
import { VERSION } from '../cli/version.js';
import { Invalid, Refused } from './errors.js';
import type { Workspace } from './workspace.js';

/** How a full run stands. */
export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

interface RunJob {
  readonly id: string;
  status: RunStatus;
  done: number;
  total: number;
  error?: string;
  /** The run folder's files, in memory, once done. */
  files?: Map<string, string | Buffer>;
  /** `<scenario>-<timestamp>`: the zip's name and its top folder. */
  folder: string;
  readonly abort: AbortController;
}

/** Finished runs kept for download (each holds its charts and workbook in memory); the oldest goes first. */
const KEPT_RUNS = 4;

/**
 * The full runs of a workspace: exactly `dcsim run` of the scenario the page would save (the
 * scenario's draws, every chart, report.html, results.xlsx, summary.json …), held in memory for
 * download, with progress and cancel.
 */
export class RunJobs {
  private readonly jobs = new Map<string, RunJob>();

  constructor(private readonly ws: Workspace) {}

  /** Starts a full run of the edits (422 at once when they do not resolve); returns its id. */
  async start(edits: Edits, lang: ReportLang): Promise<string> {
    const ws = this.ws;
    const { path, fileName } = await ws.runFile(edits);
    const id = randomBytes(8).toString('hex');
    const job: RunJob = { id, status: 'running', done: 0, total: 0, folder: '', abort: new AbortController() };
    this.jobs.set(id, job);
    this.forgetOld();
    void ws
      .serial(() => this.execute(job, path, fileName, lang))
      .catch((e: unknown) => {
        if (job.abort.signal.aborted || e instanceof RunAborted) job.status = 'cancelled';
        else {
          job.status = 'failed';
          job.error = ws.userText(failureText(e));
        }
      })
      .finally(() => unlink(path).catch(() => undefined));
    return id;
  }

  private async execute(job: RunJob, path: string, fileName: string, lang: ReportLang): Promise<void> {
    const ws = this.ws;
    const signal = job.abort.signal;
    if (signal.aborted) throw new RunAborted('interrupted');
    const t0 = performance.now();
    const { value: loaded, diagnostics } = await loadScenario(path);
    if (!loaded) throw new Invalid(diagnostics);
    const { scenario } = loaded;
    const draws = scenario.monteCarlo.draws;
    const seed = scenario.monteCarlo.seed;
    const drawList = Array.from({ length: draws }, (_, d) => d);
    job.total = draws;
    job.folder = `${scenario.name}-${timestamp(new Date())}`;
    const input = { scenario, table: loaded.registry.table, factors: loaded.factors, evaluation: loaded.evaluation };
    const t1 = performance.now();
    const drawn = await ws.draws(input, { seed, draws: drawList, recordDraw: 0, signal, onProgress: (done) => (job.done = done) });
    const actuals = await ws.onPool((pool) => actualsSummary(input, drawn, { seed, draws: drawList, workers: ws.o.workers, signal }, pool));
    const t2 = performance.now();
    // the files are named as the user knows them, not by the workspace's temporary paths
    const named = (text: string) => ws.userText(text.replaceAll(path, fileName).replaceAll(shown(path), fileName));
    const hashed = await hashInputs(loaded.inputFiles);
    const inputs = hashed.map((h) => ({ ...h, file: named(h.file) }));
    const meta = runFolderMeta(loaded, drawn.layout, hashed, draws, seed);
    const manifest = {
      kind: OUTPUT_KIND.run,
      dcsim: VERSION,
      command: `dcsim serve · ${fileName}`,
      scenario: fileName,
      seed,
      draws,
      workers: ws.o.workers,
      node: process.version,
      started: new Date(Date.now() - (performance.now() - t0)).toISOString(),
      inputs,
      timings_ms: { load: Math.round(t1 - t0), simulate: Math.round(t2 - t1) },
    };
    const { files } = await runOutput({
      drawn,
      meta: {
        ...meta,
        assumptions: meta.assumptions?.map((a) =>
          a.group === 'files' && typeof a.value === 'string' ? { ...a, value: named(a.value) } : a,
        ),
      },
      draws,
      seed,
      table: loaded.registry.table,
      ...(actuals ? { actuals: { ...actuals, files: actuals.files.map(named) } } : {}),
      manifest,
      lang,
      charts: true,
    });
    if (signal.aborted) throw new RunAborted('interrupted');
    // a file written in pieces (draws.csv) is held whole: the page downloads it in one answer
    job.files = new Map(
      [...files].map(([name, data]) => [name, typeof data === 'string' || Buffer.isBuffer(data) ? data : [...data.chunks()].join('')]),
    );
    job.status = 'done';
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEPT_RUNS + 1))) this.jobs.delete(j.id);
  }

  private job(id: string): RunJob {
    const job = this.jobs.get(id);
    if (!job) throw new Refused(404, msg.serveRunUnknown(id));
    return job;
  }

  /** GET /api/run/:id. */
  status(id: string): { status: RunStatus; done: number; total: number; error?: string; files?: string[] } {
    const j = this.job(id);
    return {
      status: j.status,
      done: j.done,
      total: j.total,
      ...(j.error !== undefined ? { error: j.error } : {}),
      ...(j.files ? { files: [...j.files.keys()] } : {}),
    };
  }

  /** Cancels a run: its draws stop (the pool's workers with them) and nothing is kept. */
  cancel(id: string): { status: RunStatus } {
    const j = this.job(id);
    if (j.status === 'running') j.abort.abort();
    return { status: j.status };
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) j.abort.abort();
  }

  /** One file of a finished run, by its name in the run folder (only those names: nothing else is read). */
  file(id: string, name: string): string | Buffer {
    const files = this.finished(id);
    const data = files.get(name);
    if (data === undefined) throw new Refused(404, msg.serveRunFileUnknown(name));
    return data;
  }

  /** The run folder as a zip: `<scenario>-<timestamp>.zip`, the files under a folder of that name. */
  zip(id: string): { fileName: string; data: Buffer } {
    const files = this.finished(id);
    const { folder } = this.job(id);
    return {
      fileName: `${folder}.zip`,
      data: zipArchive([...files].map(([name, data]) => ({ name: `${folder}/${name}`, data }))),
    };
  }

  private finished(id: string): Map<string, string | Buffer> {
    const j = this.job(id);
    if (!j.files) throw new Refused(409, msg.serveRunNotDone(j.status));
    return j.files;
  }
}

/** A failed run's message: the runner's own words for a draw that failed. */
function failureText(e: unknown): string {
  if (e instanceof Invalid) return e.diagnostics.map(formatDiagnostic).join('\n');
  if (e instanceof NonFiniteResult) return e.message;
  if (e instanceof DrawFailure) return e.input ? msg.drawImpossible(e.draw, e.message) : msg.drawFailed(e.draw, e.message);
  return msg.internalError((e as Error).message);
}
