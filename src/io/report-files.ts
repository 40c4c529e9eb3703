import { admissionsFromEventsCsv, firmsFromEventsCsv } from './events-read.js';
import { pageCharacters } from '../report/font-face.js';
import { ReportThreads } from './report-threads.js';
import type { RunSummary } from '../engine/aggregate.js';
import { budgetHtml, budgetMarkdown, SECTION_CHARTS } from '../report/budget.js';
import { runCharts } from '../report/charts.js';
import { reportHtml } from '../report/html.js';
import type { ReportLang } from '../report/labels.js';
import { reportMarkdown } from '../report/markdown.js';
import type { TrackReport } from '../tracking/track.js';
import { trackCharts } from '../tracking/charts.js';
import { fitHtml, fitMarkdown, trackHtml, trackMarkdown } from '../tracking/report.js';

/**
 * The decision-paper files of a run folder from its summary and events.csv: results.xlsx and,
 * unless `charts` is false (--no-charts), charts/ (SVG and PNG), report.html (self-contained)
 * and report.md, which embed the charts.
 */
export async function reportFiles(
  summary: RunSummary,
  eventsCsvText: string,
  lang: ReportLang,
  charts = true,
  tracking?: TrackReport,
  /** Progress of the chart rendering (`done` of `total` steps), for the command line's second progress line. */
  onProgress?: (done: number, total: number) => void,
  /** Threads for results.xlsx and the PNGs (src/io/report-threads.ts); 0: all on this thread. */
  threads = 0,
): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  // without charts there is nothing to build beside results.xlsx
  const pool = charts && threads > 0 ? new ReportThreads(threads) : undefined;
  try {
    // results.xlsx is built on a report thread while this one lays out the charts
    const xlsx = pool?.xlsx(summary, eventsCsvText, lang, tracking);
    // awaited last: a failure meanwhile must not count as unhandled
    xlsx?.catch(() => undefined);
    if (charts) await chartReports(files, summary, eventsCsvText, lang, tracking, onProgress, pool);
    // exceljs is loaded here only when no report thread builds the workbook
    files.set('results.xlsx', await (xlsx ?? (await import('./results-xlsx.js')).resultsXlsx(summary, eventsCsvText, lang, tracking)));
  } finally {
    await pool?.close();
  }
  return files;
}

/**
 * The modules that draw (vega, resvg, the font subsetter: most of a start-up, which --no-charts
 * never loads), imported once, and the shipped font's files read. `dcsim run` calls it when the
 * draws start, so the main thread, idle while the workers draw, evaluates them meanwhile instead
 * of after the draws; the charts then await the same promise.
 */
export function chartModules() {
  charting ??= Promise.all([import('./render-charts.js'), import('./report-font.js'), import('./shipped-font.js')]).then((m) => {
    m[2].prefetchShippedFont();
    return m;
  });
  return charting;
}
let charting:
  Promise<[typeof import('./render-charts.js'), typeof import('./report-font.js'), typeof import('./shipped-font.js')]> | undefined;

/** charts/, report.html and report.md into `files`; the PNGs on `pool`'s threads when there is one. */
async function chartReports(
  files: Map<string, string | Buffer>,
  summary: RunSummary,
  eventsCsvText: string,
  lang: ReportLang,
  tracking: TrackReport | undefined,
  onProgress: ((done: number, total: number) => void) | undefined,
  pool: ReportThreads | undefined,
): Promise<void> {
  const [{ chartFiles, chartPngs, chartSvgs }, { embedReportFont }, { subsetShippedFont }] = await chartModules();
  const specs = runCharts(summary, firmsFromEventsCsv(eventsCsvText, 'events.csv'), lang);
  const tracks = tracking ? trackCharts(tracking, lang) : [];
  const all = [...specs, ...tracks];
  let done = 0;
  const step = () => onProgress?.(++done, 2 * all.length);
  const svgList = await chartSvgs(all, step);
  const svgs = new Map(all.map((c, i) => [c.id, svgList[i]]));
  const fit = summary.actuals?.fit;
  // the carbon budget and project admission sections (issue #13) show their own charts
  const admissions = admissionsFromEventsCsv(eventsCsvText);
  const budget = budgetHtml(summary, admissions, specs, svgs, lang);
  const html = `${budget ? `${budget}\n` : ''}${tracking ? trackHtml(tracking, tracks, svgs, lang) : ''}${fitHtml(fit, lang)}`;
  const others = specs.filter((c) => !SECTION_CHARTS.includes(c.id));
  const page = reportHtml(summary, others, svgs, lang, html);
  // one cut of the shipped font draws the page and every chart (its characters include theirs): the PNGs and report.html share it
  const sfnts = await subsetShippedFont(pageCharacters(page + svgList.join('')));
  // the page's WOFF2 fonts are compressed on libuv's threads while the PNGs are drawn
  const [pngs, htmlFile] = await Promise.all([
    chartPngs(svgList, sfnts, step, pool && ((svg, scale, fonts) => pool.png(svg, scale, fonts))),
    embedReportFont(page, sfnts),
  ]);
  for (const [name, data] of chartFiles(all, svgList, pngs)) files.set(name, data);
  files.set('report.html', htmlFile);
  const budgetMd = budgetMarkdown(summary, admissions, specs, lang);
  const md = `${budgetMd ? `${budgetMd}\n` : ''}${tracking ? trackMarkdown(tracking, tracks, lang) : ''}${fitMarkdown(fit, lang)}`;
  files.set('report.md', reportMarkdown(summary, others, lang, md));
}
