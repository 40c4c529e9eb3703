import type { RunSummary } from '../engine/aggregate.js';
import type { Comparison } from '../engine/compare.js';
import type { SeekPoint } from '../engine/seek.js';
import { compareCharts } from '../report/compare-charts.js';
import { compareHtml, compareMarkdown } from '../report/compare-report.js';
import { targetLabel, type NamedTarget, type ReportLang } from '../report/labels.js';
import { seekChart } from '../report/seek-chart.js';
import { renderCharts } from './render-charts.js';
import { embedReportFont } from './report-font.js';
import { comparisonXlsx } from './results-xlsx.js';

/**
 * The decision-paper files of a compare folder from comparison.json and the scenarios' summaries:
 * results.xlsx and, unless `charts` is false, charts/ (SVG and PNG), report.html and report.md.
 * `dcsim compare` writes them after its runs, `dcsim chart` again from the folder.
 */
export async function compareReportFiles(
  comparison: Comparison,
  summaries: readonly RunSummary[],
  lang: ReportLang,
  charts = true,
): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  if (charts) {
    const specs = compareCharts(comparison, summaries, lang);
    const rendered = await renderCharts(specs);
    for (const [name, data] of rendered) files.set(name, data);
    const svgs = new Map(specs.map((ch) => [ch.id, rendered.get(`charts/${ch.id}.svg`) as string]));
    files.set('report.html', await embedReportFont(compareHtml(comparison, specs, svgs, lang, summaries)));
    files.set('report.md', compareMarkdown(comparison, specs, lang, summaries));
  }
  files.set('results.xlsx', await comparisonXlsx(comparison, summaries, lang));
  return files;
}

/** What seek.json holds that its chart needs (the rest of seek.json is for the reader). */
export interface SeekRecord {
  readonly target: NamedTarget & { readonly id: string };
  readonly vary: string;
  readonly range: readonly number[];
  readonly confidence: number;
  readonly answer: number | null;
  /** Whether the varied number is a whole number (integer ticks); absent in seek.json of dcsim before 0.7: inferred. */
  readonly integer?: boolean;
  readonly points: readonly SeekPoint[];
}

/** Whether the varied number of a seek is a whole number: seek.json says so; an older one by the rule `dcsim seek` used. */
export function seekInteger(seek: SeekRecord): boolean {
  if (seek.integer !== undefined) return seek.integer;
  const shareLike = /share|gain|saving|factor|rate/.test(seek.vary);
  return !shareLike && seek.points.every((p) => Number.isInteger(p.value)) && Number.isInteger(seek.range[0]);
}

/** The chart files of a seek folder (charts/seek.svg and .png) from seek.json. */
export async function seekChartFiles(seek: SeekRecord, lang: ReportLang): Promise<Map<string, string | Buffer>> {
  const chart = seekChart(seek.points, seek.confidence, seek.vary, targetLabel(seek.target, lang), seek.answer, lang, seekInteger(seek));
  return new Map(await renderCharts([chart]));
}
