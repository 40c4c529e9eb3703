import { Worker } from 'node:worker_threads';
import type { RunSummary } from '../engine/aggregate.js';
import type { ReportLang } from '../report/labels.js';
import type { TrackReport } from '../tracking/track.js';
import { compiledScript } from '../parallel/worker-script.js';

/** A job for a report thread: results.xlsx, or one chart's SVG drawn to PNG. */
export type ReportJob = { readonly id: number } & (
  | {
      readonly kind: 'xlsx';
      readonly summary: RunSummary;
      readonly events: string;
      readonly lang: ReportLang;
      readonly tracking: TrackReport | undefined;
    }
  | { readonly kind: 'png'; readonly svg: string; readonly scale: number; readonly fontFiles: readonly string[] }
);

/** A report thread's answer: the file's bytes, or why it failed. */
export type ReportJobDone = { readonly id: number } & ({ readonly data: Uint8Array } | { readonly error: string });

/** The compiled report thread (dist/io/report-worker.js), also when this module runs from src/ under a test runner. */
const workerScript = (): URL => compiledScript(import.meta.url, 'io/report-worker.js');

type Waiting = { readonly job: ReportJob; readonly resolve: (b: Buffer) => void; readonly reject: (e: Error) => void };

/**
 * Threads that build the report files this thread would otherwise build one after the other:
 * results.xlsx while this thread lays out the charts with vega, then the charts' PNGs side by side
 * (resvg's rendering and PNG encoding are most of a run's reports on two cores). Jobs queue and go
 * to the next free thread; the same inputs give the same bytes as on this thread.
 */
export class ReportThreads {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Waiting[] = [];
  private readonly running = new Map<number, Waiting>();
  private nextId = 0;
  private failed: Error | undefined;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(workerScript());
      w.on('message', (m: ReportJobDone) => {
        const job = this.running.get(m.id)!;
        this.running.delete(m.id);
        this.idle.push(w);
        if ('error' in m) job.reject(new Error(m.error));
        else job.resolve(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
        this.dispatch();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a report thread stopped with exit code ${code}`));
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  /** results.xlsx ({@link import('./results-xlsx.js').resultsXlsx}). */
  xlsx(summary: RunSummary, events: string, lang: ReportLang, tracking: TrackReport | undefined): Promise<Buffer> {
    return this.submit({ id: this.nextId++, kind: 'xlsx', summary, events, lang, tracking });
  }

  /** A chart's PNG ({@link import('./render-charts.js').toPng}, the same bytes). */
  png(svg: string, scale: number, fontFiles: readonly string[]): Promise<Buffer> {
    return this.submit({ id: this.nextId++, kind: 'png', svg, scale, fontFiles });
  }

  /** Stops the threads (after the last job: a job still running is abandoned). */
  async close(): Promise<void> {
    this.failed ??= new Error('the report threads were closed');
    this.fail(this.failed);
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private submit(job: ReportJob): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const next = this.queue.shift()!;
      this.running.set(next.job.id, next);
      this.idle.pop()!.postMessage(next.job);
    }
  }

  /** A thread died: every job not yet answered fails with its error. */
  private fail(e: Error): void {
    this.failed ??= e;
    for (const w of [...this.running.values(), ...this.queue.splice(0)]) w.reject(this.failed);
    this.running.clear();
  }
}
