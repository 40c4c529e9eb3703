import { ImpossibleValue } from '../domain/impossible-value.js';
import { Worker } from 'node:worker_threads';
import type { MetricLayout } from '../engine/metrics.js';
import { createSimulation, simulationShape, type SimulationInput } from '../engine/simulate.js';
import type { EngineEvent } from '../engine/state.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { assertFiniteRows } from './non-finite.js';
import { faultMessage } from './runner-faults.js';
import { toTransfer } from './transfer.js';
import { compiledScript } from './worker-script.js';

/** Which draws to run and how. */
export interface DrawRunOptions {
  readonly seed: number;
  /** Draw indices, in the order their rows are returned. */
  readonly draws: readonly number[];
  /** 0 runs in this thread; otherwise the number of worker threads. */
  readonly workers: number;
  /** The draw whose events are kept (−1: none). */
  readonly recordDraw: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** A drill: this draw throws (−1 or missing: none). */
  readonly failAtDraw?: number;
  readonly signal?: AbortSignal;
}

/** Metric rows of the draws run, in the order asked, with the recorded draw's audit trail. */
export interface DrawRunResult {
  readonly layout: MetricLayout;
  readonly drawSize: number;
  readonly values: Float64Array;
  readonly events: readonly EngineEvent[];
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Names of the numbers sampled once per draw, and their values: params[i × names.length + j] for the i-th draw run. */
  readonly paramNames: readonly string[];
  readonly params: Float64Array;
}

/** A draw that threw: the run ends with its number and message. */
export class DrawFailure extends Error {
  constructor(
    readonly draw: number,
    message: string,
    /** True when the scenario's numbers led there (an ImpossibleValue): exit 2, not a bug. */
    readonly input = false,
  ) {
    super(message);
  }
}

/** The run was interrupted (Ctrl-C). */
export class RunAborted extends Error {}

export { NonFiniteResult } from './non-finite.js';

/** The compiled worker script (dist/parallel/worker.js), also when this module runs from src/ under a test runner. */
const workerScript = (): URL => compiledScript(import.meta.url, 'parallel/worker.js');

/**
 * A simulation worker's young generation, MB. A draw allocates little beyond its state (allocated
 * once), but V8 grows each thread's young generation to ~34 MB when left to itself; at 100,000
 * firms with 2 workers that was ~50 MB of the run's peak (433 → 367 MB measured), at no cost in
 * speed measured at 10,000 and 100,000 firms.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Worker threads started once and reused for every run handed to them (every draw of a run, and
 * every scenario of a compare); each run re-initialises the workers with its own input.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private failed: Error | undefined;
  /** The number of the pool's current run ({@link ToWorker}). */
  private runs = 0;

  constructor(
    readonly size: number,
    /** Starts one thread: the compiled worker script; a test gives threads that answer as it scripts them. */
    private readonly spawn: () => Worker = () =>
      new Worker(workerScript(), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }),
  ) {}

  /**
   * Starts the threads now rather than at the first run (which calls this too): each spends a few
   * hundred milliseconds loading its modules, which a caller can overlap with its own work.
   */
  start(): void {
    while (this.workers.length < this.size) {
      const w = this.spawn();
      w.on('error', (e) => (this.failed = new DrawFailure(-1, e.message)));
      w.on('exit', (code) => {
        if (code !== 0) this.failed ??= new DrawFailure(-1, `a worker stopped with exit code ${code}`);
      });
      this.workers.push(w);
    }
  }

  /** Runs the draws of one simulation input on the pool's workers. */
  async run(input: SimulationInput, o: DrawRunOptions): Promise<DrawRunResult> {
    // the workers build the simulation; this thread needs only the shape of what they return
    const sim = simulationShape(input);
    const total = o.draws.length;
    const drawSize = sim.drawSize;
    const values = new Float64Array(total * drawSize);
    let labels: { ids: readonly string[]; names: readonly string[] } = { ids: sim.ids, names: sim.names };
    const P = sim.paramNames.length;
    const params = new Float64Array(total * P);
    this.start();
    const active = this.workers.slice(0, Math.max(1, Math.min(this.size, total)));
    const batch = Math.max(1, Math.min(32, Math.ceil(total / (active.length * 8))));
    const batches: { start: number; draws: number[] }[] = [];
    for (let s = 0; s < total; s += batch) batches.push({ start: s, draws: o.draws.slice(s, s + batch) });
    const transfer = toTransfer(input);
    const run = ++this.runs;
    let events: readonly EngineEvent[] = [];
    let done = 0;
    let next = 0;
    const listeners: [Worker, (m: FromWorker) => void][] = [];
    let onAbort: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        let finished = total === 0;
        if (finished) return resolve();
        const fail = (e: Error) => {
          if (finished) return;
          finished = true;
          reject(e);
        };
        if (o.signal?.aborted) return fail(new RunAborted('interrupted')); // before the run started: no 'abort' event will come
        onAbort = () => fail(new RunAborted('interrupted'));
        o.signal?.addEventListener('abort', onAbort, { once: true });
        const answered = new Set<number>();
        const dispatch = (w: Worker) => {
          if (this.failed) return fail(this.failed);
          if (next >= batches.length) return;
          const b = batches[next++];
          w.postMessage({
            type: 'run',
            run,
            start: b.start,
            seed: o.seed,
            draws: b.draws,
            recordDraw: o.recordDraw,
            failAtDraw: o.failAtDraw ?? -1,
          } satisfies ToWorker);
        };
        for (const w of active) {
          const onMessage = (m: FromWorker) => {
            // an earlier run's answer: a worker's 'ready' after the others had drawn every draw of that run
            // (dispatched here, it gave the worker two batches and one of this run's batches no rows)
            if (m.run !== run) return;
            if (m.type === 'ready') return dispatch(w);
            if (m.type === 'error') return fail(new DrawFailure(m.draw, m.message, m.input));
            // every batch answered once: a row left unfilled would read as a draw of zeros, a number no check refuses
            if (answered.has(m.start)) return fail(new Error(`internal error: draws from position ${m.start} were answered twice`));
            answered.add(m.start);
            values.set(m.values, m.start * drawSize);
            params.set(m.params, m.start * P);
            if (m.events) {
              events = m.events;
              // the recorded draw's labels (it named the project slots) replace the shape's; taken as they are
              // (a splice spread a million ids as arguments: past the call stack at 1M firms)
              labels = { ids: m.ids ?? [], names: m.names ?? [] };
            }
            done += m.draws.length;
            o.onProgress?.(done, total);
            if (done === total) {
              finished = true;
              resolve();
            } else dispatch(w);
          };
          w.on('message', onMessage);
          listeners.push([w, onMessage]);
          w.postMessage({ type: 'init', run, input: transfer } satisfies ToWorker);
        }
      });
    } catch (e) {
      await this.close(); // a failed or interrupted run stops every worker
      throw e;
    } finally {
      for (const [w, f] of listeners) w.off('message', f);
      if (onAbort) o.signal?.removeEventListener('abort', onAbort); // a pool reused by many runs (seek, compare) keeps none
    }
    return { layout: sim.layout, drawSize, values, events, ids: labels.ids, names: labels.names, paramNames: sim.paramNames, params };
  }

  /** The worker threads started and not stopped: 0 before the first run and after {@link close} (a failed or interrupted run closes them). */
  get threads(): number {
    return this.workers.length;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

/**
 * Runs draws in this thread (`workers: 0`) or on a worker pool: `pool` when given (reused,
 * left running), else one started and stopped for this run. A draw's numbers depend only on
 * (seed, draw), so the result is the same for any worker count and any scheduling. Every metric
 * and recorded event is checked to be finite ({@link NonFiniteResult} otherwise).
 */
export async function runDraws(input: SimulationInput, o: DrawRunOptions, pool?: WorkerPool): Promise<DrawRunResult> {
  const result = await runDrawRows(input, o, pool);
  assertFiniteRows(result, o.draws); // the one check of every draw's numbers, however they were run
  return result;
}

async function runDrawRows(input: SimulationInput, o: DrawRunOptions, pool?: WorkerPool): Promise<DrawRunResult> {
  if (o.workers > 0 || pool) {
    if (pool) return pool.run(input, o);
    const own = new WorkerPool(o.workers);
    try {
      return await own.run(input, o);
    } finally {
      await own.close();
    }
  }
  const sim = createSimulation(input);
  const total = o.draws.length;
  const values = new Float64Array(total * sim.drawSize);
  const P = sim.paramNames.length;
  const params = new Float64Array(total * P);
  let events: readonly EngineEvent[] = [];
  for (let i = 0; i < total; i++) {
    if (o.signal?.aborted) throw new RunAborted('interrupted');
    try {
      if (o.draws[i] === o.failAtDraw) throw new Error(faultMessage(o.draws[i]));
      const ev = sim.runDraw(o.seed, o.draws[i], values, i * sim.drawSize, o.draws[i] === o.recordDraw, params, i * P);
      if (ev) events = ev;
    } catch (e) {
      throw new DrawFailure(o.draws[i], (e as Error).message, e instanceof ImpossibleValue);
    }
    o.onProgress?.(i + 1, total);
    if (i % 16 === 15) await new Promise((r) => setImmediate(r)); // let Ctrl-C and the progress bar through
  }
  return {
    layout: sim.layout,
    drawSize: sim.drawSize,
    values,
    events,
    ids: sim.state.ids,
    names: sim.state.names,
    paramNames: sim.paramNames,
    params,
  };
}
