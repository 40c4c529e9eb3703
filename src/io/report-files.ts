import { firmsFromEventsCsv } from './events-read.js';
import { readCsvSheet } from './registry-load.js';
import { renderCharts } from './render-charts.js';
import { resultsXlsx } from './results-xlsx.js';
import type { RunSummary } from '../engine/aggregate.js';
import { runCharts } from '../report/charts.js';
import { reportHtml } from '../report/html.js';
import type { ReportLang } from '../report/labels.js';
import { reportMarkdown } from '../report/markdown.js';

/**
 * The decision-paper files of a run folder from its summary and events.csv: charts/ (SVG and
 * PNG), report.html (self-contained), report.md and results.xlsx.
 */
export async function reportFiles(summary: RunSummary, eventsCsvText: string, lang: ReportLang): Promise<Map<string, string | Buffer>> {
  const charts = runCharts(summary, firmsFromEventsCsv(eventsCsvText, 'events.csv'), lang);
  const files = await renderCharts(charts);
  const svgs = new Map(charts.map((c) => [c.id, files.get(`charts/${c.id}.svg`) as string]));
  files.set('report.html', reportHtml(summary, charts, svgs, lang));
  files.set('report.md', reportMarkdown(summary, charts, lang));
  files.set('results.xlsx', await resultsXlsx(summary, readCsvSheet(eventsCsvText, 'events.csv').sheet, lang));
  return files;
}
