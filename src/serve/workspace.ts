import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { Diagnostic } from '../domain/diagnostic.js';
import { aggregate, runMeta } from '../engine/aggregate.js';
import { compareRuns, type ComparedRun, type Comparison } from '../engine/compare.js';
import { seekSettings, seekValue, type SeekResult } from '../engine/seek.js';
import { loadScenario, shown, type LoadedScenario } from '../io/scenario-load.js';
import { readYamlMap } from '../io/yaml-file.js';
import { sweepStaleTemps, tempFolderPrefix, trackTemp, untrackTemp } from '../io/temp-names.js';
import { msg } from '../messages/messages.js';
import { runDraws, WorkerPool, type DrawRunOptions, type DrawRunResult } from '../parallel/runner.js';
import { targetFans, type Chart } from '../report/charts.js';
import { compareCharts } from '../report/compare-charts.js';
import type { ReportLang } from '../report/labels.js';
import { targetLabel } from '../report/labels.js';
import { seekChart } from '../report/seek-chart.js';
import { displayUnit, unitText, type DisplayUnit } from '../report/units.js';
import type { Scenario } from '../scenario/resolve.js';
import type { TargetResult } from '../engine/aggregate.js';
import { NO_EDITS, type Edits } from '../workbench/edits.js';
import { workbenchFormOf, type WorkbenchForm } from '../workbench/form.js';
import { savedScenario } from '../workbench/overlay.js';
import { pairedTargets, type TargetChange } from '../workbench/paired.js';
import { resolveEdits } from '../workbench/resolve-edits.js';
import { Cancelled, Invalid, Refused } from './errors.js';
import { RunJobs } from './run-jobs.js';
import type { UploadKind } from './uploads.js';

/** The most pins kept side by side (the compare view's columns). */
export const MAX_PINS = 4;

/** The preview's draws unless the page asks for others. */
export const PREVIEW_DRAWS = 200;

/** A file the page uploaded: the user's name for it, where the server keeps it, its size. */
interface Upload {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

/** The scenario open in the workspace. */
interface Opened {
  readonly loaded: LoadedScenario;
  /** The file the edits are made against and a full run extends: the shipped or uploaded scenario, or the workspace file over it. */
  readonly chainTop: string;
  /** The scenario a saved YAML extends (a shipped one; an uploaded one's content is written out instead). */
  readonly base: string;
  /** The uploads in use, whose names a saved scenario refers to. */
  readonly registry?: Upload;
  readonly actuals?: Upload;
  readonly source: { readonly scenario: string; readonly registry?: string; readonly actuals?: string };
}

/** A pinned state: its edits and its runs (per draw count, the same seed as the previews). */
interface Pin {
  readonly id: string;
  readonly label: string;
  readonly edits: Edits;
  readonly runs: Map<number, ComparedRun>;
}

/** What the workbench needs to know at start. */
export interface WorkspaceOptions {
  /** Worker threads of the long-lived pool (0: run in the server's own thread). */
  readonly workers: number;
  readonly lang: ReportLang;
  /** The shipped scenarios' folder. */
  readonly scenarios: string;
}

/** Answer of a preview. */
export interface Preview {
  readonly seq: number;
  readonly draws: number;
  readonly seed: number;
  readonly targets: readonly ShownTarget[];
  readonly charts: readonly Chart[];
  readonly pinned?: { readonly id: string; readonly label: string; readonly changes: readonly TargetChange[] };
  readonly form: WorkbenchForm;
  readonly warnings: readonly Diagnostic[];
}

/** A target as the page shows it: its name in the page's language and the unit its values are read in (the scorecard's). */
export interface ShownTarget extends TargetResult {
  readonly display: DisplayUnit;
}

/** The targets with their names in `lang` and their display units (万tce, %, 万元/亩 …), as the CLI's scorecard shows them. */
function shownTargets(targets: readonly TargetResult[], lang: ReportLang): ShownTarget[] {
  return targets.map((t) => {
    const d = displayUnit(t.metric, t.kind);
    return { ...t, label: targetLabel(t, lang), display: { ...d, unit: unitText(d.unit, lang) } };
  });
}

const range = (n: number) => Array.from({ length: n }, (_, d) => d);

/**
 * The one workspace of a server start (shared by the browser tabs): the uploaded files in a
 * private temporary folder, the open scenario, the pins, the full runs, and one long-lived worker
 * pool. Runs are serialised: each waits for the one before it; a newer preview aborts the older.
 */
export class Workspace {
  private readonly uploads = new Map<UploadKind, Upload>();
  /** The user's names of the files the server keeps for them (uploads, workspace files), by path. */
  private readonly names = new Map<string, string>();
  private opened: Opened | undefined;
  private pins: Pin[] = [];
  private pool: WorkerPool | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private preview: AbortController | undefined;
  private seq = 0;
  private closed = false;
  /** The draws of the latest preview: a new pin runs at them. */
  private previewDraws = PREVIEW_DRAWS;
  readonly runs: RunJobs;

  private constructor(
    readonly dir: string,
    readonly o: WorkspaceOptions,
  ) {
    this.pool = o.workers > 0 ? new WorkerPool(o.workers) : undefined;
    this.runs = new RunJobs(this);
  }

  /**
   * Makes the workspace's private temporary folder (removed by {@link close}, or at once if the
   * process is stopped), named as dcsim names its temporary folders, so that one a killed server
   * left is swept by the next start.
   */
  static async create(o: WorkspaceOptions): Promise<Workspace> {
    await sweepStaleTemps(tmpdir());
    const dir = await mkdtemp(join(tmpdir(), tempFolderPrefix('dcsim-serve')));
    trackTemp(dir);
    return new Workspace(dir, o);
  }

  /** The shipped scenarios by file name (without .yaml), with their titles. */
  async shippedScenarios(): Promise<{ name: string; title: string }[]> {
    const names = (await readdir(this.o.scenarios)).filter((f) => f.endsWith('.yaml')).sort();
    const out: { name: string; title: string }[] = [];
    for (const file of names) {
      const { source } = await readYamlMap(join(this.o.scenarios, file), file, 'scenario');
      const title = (source?.value as Record<string, unknown> | undefined)?.title;
      out.push({ name: file.slice(0, -'.yaml'.length), title: typeof title === 'string' ? title : file });
    }
    return out;
  }

  /** GET /api/state's workspace part. */
  state(): null | { source: Opened['source']; form: WorkbenchForm; warnings: Diagnostic[]; pins: { id: string; label: string }[] } {
    const o = this.opened;
    if (!o) return null;
    return {
      source: o.source,
      form: workbenchFormOf(o.loaded, NO_EDITS),
      warnings: o.loaded.warnings.map((d) => this.userNames(d)),
      pins: this.pinList(),
    };
  }

  /**
   * Keeps an uploaded file under a fresh name of the server's choosing (the user's name is kept
   * only to be shown). The file it replaces is removed unless the open scenario reads it (a full
   * run of that scenario reads the files it was opened with).
   */
  async upload(
    kind: UploadKind,
    name: string,
    extension: string,
    data: Buffer,
  ): Promise<{ kind: UploadKind; name: string; bytes: number }> {
    const path = join(this.dir, `${kind}-${randomBytes(6).toString('hex')}${extension}`);
    await writeFile(path, data, { mode: 0o600 });
    const old = this.uploads.get(kind);
    this.uploads.set(kind, { name, path, bytes: data.length });
    this.names.set(path, name);
    const o = this.opened;
    if (old && old.path !== o?.base && old.path !== o?.registry?.path && old.path !== o?.actuals?.path)
      await unlink(old.path).catch(() => undefined);
    return { kind, name, bytes: data.length };
  }

  /**
   * Opens a shipped scenario or the uploaded one, over the uploaded registry and actuals when
   * asked: a small workspace file `extends` the scenario by absolute path and names the uploads,
   * and the command line's loader reads it, so the checks and messages are the CLI's (with the
   * user's file names). Resets the edits' pins.
   */
  async open(req: { scenario?: string; registry?: boolean; actuals?: boolean }): Promise<{ form: WorkbenchForm; warnings: Diagnostic[] }> {
    const shipped = req.scenario !== undefined ? await this.shippedPath(req.scenario) : undefined;
    const uploadedScenario = shipped === undefined ? this.uploaded('scenario') : undefined;
    const base = shipped ?? uploadedScenario!.path;
    const registry = req.registry ? this.uploaded('registry') : undefined;
    const actuals = req.actuals ? this.uploaded('actuals') : undefined;
    const scenarioName = shipped !== undefined ? basename(shipped) : uploadedScenario!.name;
    let chainTop = base;
    if (registry || actuals) {
      chainTop = join(this.dir, `workspace-${randomBytes(6).toString('hex')}.yaml`);
      const over = { extends: base, ...(registry ? { registry: registry.path } : {}), ...(actuals ? { actuals: actuals.path } : {}) };
      await writeFile(chainTop, stringify(over), { mode: 0o600 });
      // the workspace file is the user's scenario with their files: named so in messages
      this.names.set(chainTop, scenarioName);
    }
    const source = {
      scenario: scenarioName,
      ...(registry ? { registry: registry.name } : {}),
      ...(actuals ? { actuals: actuals.name } : {}),
    };
    // the run queue: a preview of the old scenario must not run on the new one
    this.preview?.abort();
    const loaded = await this.serial(async () => {
      const { value, diagnostics } = await loadScenario(chainTop);
      if (!value) throw new Invalid(diagnostics.map((d) => this.userNames(d)));
      return value;
    });
    this.opened = {
      loaded,
      chainTop,
      base,
      source,
      ...(registry ? { registry } : {}),
      ...(actuals ? { actuals } : {}),
    };
    this.pins = [];
    return { form: workbenchFormOf(loaded, NO_EDITS), warnings: loaded.warnings.map((d) => this.userNames(d)) };
  }

  /** The path of a shipped scenario by its name; only names in the package's folder are taken (no path from the page). */
  private async shippedPath(name: string): Promise<string> {
    const known = (await this.shippedScenarios()).map((s) => s.name);
    if (!known.includes(name)) throw new Refused(404, msg.serveScenarioUnknown(name, known));
    return resolve(this.o.scenarios, `${name}.yaml`);
  }

  private uploaded(kind: UploadKind): Upload {
    const u = this.uploads.get(kind);
    if (!u) throw new Refused(409, msg.serveNoUpload(kind));
    return u;
  }

  /** The open scenario, or a 409. */
  need(): Opened {
    if (!this.opened) throw new Refused(409, msg.serveNotOpen());
    return this.opened;
  }

  /**
   * A diagnostic in the user's words: the server's temporary paths replaced by the names of the
   * files the user uploaded (a workspace file by the scenario's), never shown to the page.
   */
  userNames(d: Diagnostic): Diagnostic {
    return { ...d, message: this.userText(d.message), ...(d.file !== undefined ? { file: this.userText(d.file) } : {}) };
  }

  /** A text with the server's temporary paths replaced by the user's file names. */
  userText(s: string): string {
    let out = s;
    for (const [path, name] of this.names) out = out.replaceAll(path, name).replaceAll(shown(path), name);
    // any other path in the folder (a file the uploaded scenario names beside itself): its own name
    for (const dir of [this.dir, shown(this.dir)]) out = out.replaceAll(`${dir}/`, '');
    return out;
  }

  /** Runs a job after every job before it (one simulation at a time per workspace). */
  serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs draws on the long-lived pool. A run that fails or is aborted has stopped the pool's
   * workers (the runner closes them: none is left busy); a fresh pool takes its place.
   */
  async draws(input: Parameters<typeof runDraws>[0], o: Omit<DrawRunOptions, 'workers'>): Promise<DrawRunResult> {
    return this.onPool((pool) => runDraws(input, { ...o, workers: this.o.workers }, pool));
  }

  /** Runs `use` with the pool, replacing the pool when it fails (see {@link draws}). */
  async onPool<T>(use: (pool: WorkerPool | undefined) => Promise<T>): Promise<T> {
    const pool = this.pool;
    try {
      return await use(pool);
    } catch (e) {
      if (pool) {
        await pool.close();
        if (!this.closed) this.pool = new WorkerPool(this.o.workers);
      }
      throw e;
    }
  }

  /** The pool's worker threads running now (0 once a run was cancelled, until the next run starts them). */
  get workerThreads(): number {
    return this.pool?.threads ?? 0;
  }

  /** The open scenario with the page's edits applied: the edited merged spec and its resolved scenario, or 422. */
  edited(edits: Edits): { merged: Record<string, unknown>; scenario: Scenario } {
    const { merged, scenario, diagnostics } = resolveEdits(this.need().loaded, edits);
    if (!merged || !scenario) throw new Invalid(diagnostics.map((d) => this.userNames(d)));
    return { merged, scenario };
  }

  /** Refuses a job resolved on a scenario since replaced by another opened (its scenario must not run on the new registry). */
  private current(opened: Opened): void {
    if (this.opened !== opened) throw new Cancelled();
  }

  /** Runs a resolved scenario at `draws` draws on the scenario's seed: its summary and rows (a compared run). */
  private async simulate(scenario: Scenario, draws: number, signal?: AbortSignal): Promise<ComparedRun> {
    const { loaded } = this.need();
    const input = { scenario, table: loaded.registry.table, factors: loaded.factors, evaluation: loaded.evaluation };
    const seed = scenario.monteCarlo.seed;
    const r = await this.draws(input, { seed, draws: range(draws), recordDraw: -1, ...(signal ? { signal } : {}) });
    return { summary: aggregate(runMeta(scenario, r.layout), r.layout, r.values, draws, seed), layout: r.layout, values: r.values };
  }

  /** A pin's run at `draws` draws (run once, then kept). */
  private async pinRun(pin: Pin, draws: number, signal?: AbortSignal): Promise<ComparedRun> {
    const kept = pin.runs.get(draws);
    if (kept) return kept;
    const run = await this.simulate(this.edited(pin.edits).scenario, draws, signal);
    pin.runs.set(draws, run);
    return run;
  }

  /**
   * The live what-if: the edits run at the preview's draws; a newer preview aborts this one
   * (answered {@link Cancelled}), so the last change's result is the one that stands.
   */
  async runPreview(edits: Edits, draws = PREVIEW_DRAWS, lang = this.o.lang): Promise<Preview> {
    this.preview?.abort();
    const abort = new AbortController();
    this.preview = abort;
    const seq = ++this.seq;
    const opened = this.need();
    const { scenario } = this.edited(edits);
    try {
      return await this.serial(async () => {
        // overtaken by a newer preview, or by another scenario opened meanwhile
        if (abort.signal.aborted) throw new Cancelled();
        this.current(opened);
        const run = await this.simulate(scenario, draws, abort.signal);
        const pin = this.pins.at(-1);
        const pinned = pin ? await this.pinRun(pin, draws, abort.signal) : undefined;
        this.previewDraws = draws;
        const seed = scenario.monteCarlo.seed;
        const { loaded } = this.need();
        return {
          seq,
          draws,
          seed,
          targets: shownTargets(run.summary.targets, lang),
          charts: targetFans(run.summary, lang),
          ...(pin && pinned ? { pinned: { id: pin.id, label: pin.label, changes: pairedTargets(pinned, run, draws, seed) } } : {}),
          form: workbenchFormOf(loaded, edits),
          warnings: loaded.warnings.map((d) => this.userNames(d)),
        };
      });
    } catch (e) {
      if (abort.signal.aborted) throw new Cancelled();
      throw e;
    } finally {
      if (this.preview === abort) this.preview = undefined;
    }
  }

  private pinList() {
    return this.pins.map((p) => ({ id: p.id, label: p.label }));
  }

  /** Pins the edits (at most {@link MAX_PINS}): its run at the latest preview's draws is made now and kept. */
  async pin(edits: Edits, label?: string): Promise<{ pins: { id: string; label: string }[] }> {
    if (this.pins.length >= MAX_PINS) throw new Refused(409, msg.servePinsFull(MAX_PINS));
    const opened = this.need();
    this.edited(edits); // refused now (422) rather than at the next preview
    const pin: Pin = { id: randomBytes(4).toString('hex'), label: label?.trim() || `#${this.pins.length + 1}`, edits, runs: new Map() };
    await this.serial(() => {
      this.current(opened);
      return this.pinRun(pin, this.previewDraws);
    });
    this.pins.push(pin);
    return { pins: this.pinList() };
  }

  unpin(id: string): { pins: { id: string; label: string }[] } {
    const before = this.pins.length;
    this.pins = this.pins.filter((p) => p.id !== id);
    if (this.pins.length === before) throw new Refused(404, msg.servePinUnknown(id));
    return { pins: this.pinList() };
  }

  /**
   * The pins side by side (and the current edits last, when given) on common random numbers:
   * dcsim compare's comparison and charts, each run named by its pin's label.
   */
  async compare(draws: number, edits: Edits | undefined, lang = this.o.lang): Promise<{ comparison: Comparison; charts: Chart[] }> {
    if (this.pins.length + (edits ? 1 : 0) < 2) throw new Refused(409, msg.serveCompareTooFew());
    const opened = this.need();
    const current = edits ? this.edited(edits).scenario : undefined;
    return this.serial(async () => {
      this.current(opened);
      const named = (run: ComparedRun, label: string): ComparedRun => ({
        ...run,
        summary: { ...run.summary, scenario: { ...run.summary.scenario, name: label, title: label } },
      });
      const runs: ComparedRun[] = [];
      for (const pin of this.pins) runs.push(named(await this.pinRun(pin, draws), pin.label));
      if (current) runs.push(named(await this.simulate(current, draws), lang === 'zh' ? '当前' : 'current'));
      const seed = runs[0].summary.seed;
      const compared = compareRuns(runs, draws, seed);
      // target names in the page's language, as its scorecard shows them
      const comparison = { ...compared, targets: compared.targets.map((t) => ({ ...t, label: targetLabel(t, lang) })) };
      return {
        comparison,
        charts: compareCharts(
          comparison,
          runs.map((r) => r.summary),
          lang,
        ),
      };
    });
  }

  /**
   * dcsim seek from the page: the value of one number (a seek path) at which a target is met
   * with the confidence, over the current edits, with the curve `dcsim seek` draws.
   */
  async seek(
    q: { edits: Edits; path: string; target: string; confidence?: number; min: number; max: number; maximize?: boolean; draws: number },
    lang = this.o.lang,
  ): Promise<{ result: SeekResult; chart: Chart }> {
    const { scenario } = this.edited(q.edits);
    const target = scenario.targets.find((t) => t.id === q.target);
    if (!target)
      throw new Refused(
        400,
        msg.unknownTarget(
          q.target,
          scenario.targets.map((t) => t.id),
        ),
      );
    if (!(q.min < q.max)) throw new Refused(400, msg.seekMaxBelowMin(q.min, q.max));
    // each point is the edits with one more: the varied number at the value
    const at = (v: number): Scenario => this.edited({ ...q.edits, set: [...q.edits.set, { path: q.path, value: v }] }).scenario;
    at(q.min); // a path that leads nowhere, or a value the schema refuses, is reported before any draw
    const confidence = q.confidence ?? target.confidence;
    const settings = seekSettings({ vary: q.path, min: q.min, max: q.max });
    const opened = this.need();
    return this.serial(async () => {
      this.current(opened);
      const result = await seekValue(
        async (v) => {
          const t = (await this.simulate(at(v), q.draws)).summary.targets.find((x) => x.id === q.target)!;
          return { value: v, probability: t.probability, p50: t.p50 };
        },
        { min: q.min, max: q.max, confidence, maximize: q.maximize ?? false, integer: settings.integer, tolerance: settings.tolerance },
      );
      const chart = seekChart(result.points, confidence, q.path, targetLabel(target, lang), result.answer, lang, settings.integer);
      return { result, chart };
    });
  }

  /** The name a saved scenario gets: the page's, or the scenario's with `-workbench`. */
  private saveName(name: string | undefined): string {
    const n = name?.trim() || `${this.need().loaded.scenario.name}-workbench`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(n)) throw new Refused(400, msg.serveSaveName(n));
    return n;
  }

  /**
   * The edits as a scenario file that `extends` the shipped base and holds only what changed (an
   * uploaded scenario: its whole edited spec), so that `dcsim run` reproduces the page. Uploaded
   * files are named by the user's own names, to be kept beside the saved file.
   */
  save(edits: Edits, name?: string): { fileName: string; yaml: string } {
    const o = this.need();
    const n = this.saveName(name);
    const shipped = o.base !== this.uploads.get('scenario')?.path;
    const yaml = this.scenarioText(edits, { ...(shipped ? { extendsPath: o.base } : {}), name: n });
    const doc = parseDocument(yaml);
    // written whole, the spec's files are named as the loader found them: by absolute path
    const { files } = o.loaded.scenario;
    if (!shipped) for (const [key, abs] of Object.entries(files)) if (abs !== undefined) doc.set(key, abs);
    if (o.registry) doc.set('registry', o.registry.name);
    if (o.actuals) doc.set('actuals', o.actuals.name);
    return { fileName: `${n}.yaml`, yaml: !shipped || o.registry || o.actuals ? doc.toString({ lineWidth: 0 }) : yaml };
  }

  /** The edits as scenario text over the open scenario (the lead's overlay: only what changed), or 422. */
  private scenarioText(edits: Edits, o: { extendsPath?: string; name: string }): string {
    const { loaded } = this.need();
    this.edited(edits); // the schema's and the domains' refusals, as a preview gives them
    const { yaml, error } = savedScenario(loaded, edits, { ...o, title: loaded.scenario.title });
    if (yaml === undefined) throw new Invalid([{ code: 'workbench/edit', message: error ?? msg.serveBadEdits() }]);
    return yaml;
  }

  /**
   * Writes the edits as a scenario file in the workspace folder, extending the open scenario as
   * loaded (uploads by their stored paths): what a full run loads, as `dcsim run` would.
   */
  async runFile(edits: Edits): Promise<{ path: string; fileName: string }> {
    const o = this.need();
    const name = o.loaded.scenario.name;
    const path = join(this.dir, `run-${randomBytes(4).toString('hex')}.yaml`);
    await writeFile(path, this.scenarioText(edits, { extendsPath: o.chainTop, name }), { mode: 0o600 });
    return { path, fileName: `${name}.yaml` };
  }

  /** Stops everything: the runs, the pool, and removes the temporary folder. */
  async close(): Promise<void> {
    this.closed = true;
    this.preview?.abort();
    this.runs.cancelAll();
    await this.tail;
    await this.pool?.close();
    await rm(this.dir, { recursive: true, force: true });
    untrackTemp(this.dir);
  }
}
