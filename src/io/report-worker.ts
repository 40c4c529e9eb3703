import { parentPort } from 'node:worker_threads';
import type { ReportJob, ReportJobDone } from './report-threads.js';

/**
 * A report thread (src/io/report-threads.ts): builds results.xlsx or draws one chart's PNG per
 * message. exceljs and resvg are loaded on a thread's first job of that kind only.
 */
const port = parentPort!;

async function work(job: ReportJob): Promise<Uint8Array> {
  if (job.kind === 'xlsx') {
    const { resultsXlsx } = await import('./results-xlsx.js');
    return resultsXlsx(job.summary, job.events, job.lang, job.tracking);
  }
  // synchronous here: this thread has nothing else to do, and resvg's PNG encoding would run on it anyway
  const [{ Resvg }, { pngOptions }] = await Promise.all([import('@resvg/resvg-js'), import('./png-options.js')]);
  return new Resvg(job.svg, pngOptions(job.scale, job.fontFiles)).render().asPng();
}

port.on('message', (job: ReportJob) => {
  work(job).then(
    (data) => port.postMessage({ id: job.id, data } satisfies ReportJobDone),
    (e: unknown) =>
      port.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ReportJobDone),
  );
});
