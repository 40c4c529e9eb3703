import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import type { Comparison } from '../../src/engine/compare.js';
import { firmsFromEventsCsv } from '../../src/io/events-read.js';
import { seekInteger, type SeekRecord } from '../../src/io/compare-files.js';
import { msg } from '../../src/messages/messages.js';
import { runCharts } from '../../src/report/charts.js';
import { compareCharts } from '../../src/report/compare-charts.js';
import { escapeMarkdownCell } from '../../src/report/escape.js';
import { targetLabel } from '../../src/report/labels.js';
import { seekChart } from '../../src/report/seek-chart.js';
import { trackCharts } from '../../src/tracking/charts.js';
import type { TrackReport } from '../../src/tracking/track.js';
import { ROOT } from '../helpers.js';

// issue #14 item 11: `dcsim chart <dir> --lang en` draws run, track, compare and seek folders again,
// and nothing it writes shows Chinese except the user's own names.

const dcsim = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** CJK ideographs and full-width forms (full-width brackets and colons count: an English text uses ASCII ones). */
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The Chinese left in a text once the user's own names are allowed: every word (split at spaces,
 * markup and list punctuation) holding a CJK character must be part of one of `names`, which are
 * the exceptions: firm, project, town and park names (events.csv), the scenario's title and
 * description, names given in the scenario (assumption items …name / …label), the tracked
 * indicators' labels and the actuals' source notes. Vega may cut a long
 * name with "…": the part before it must still be part of a name.
 */
function leaks(text: string, names: readonly string[]): string[] {
  const words = unescape(text)
    .split(/[\s<>|"'`;,:=()[\]{}\\“”‘’]+/)
    .map((w) => w.replace(/…$/, ''))
    .filter((w) => CJK.test(w));
  return [...new Set(words.filter((w) => !names.some((n) => n.includes(w))))];
}

/** The user's own names a folder's outputs may show in English too (see {@link leaks}). */
async function userNames(summaries: readonly RunSummary[], eventsFiles: readonly string[], track?: TrackReport): Promise<string[]> {
  const names: string[] = [];
  for (const s of summaries) {
    names.push(s.scenario.title, s.scenario.description);
    for (const f of s.actuals?.fit ?? []) names.push(f.source);
    // names the scenario gives (a key unit's measure: policies[7].measures[0].name = 余热余压利用)
    for (const x of s.assumptions ?? []) if (/\.(name|label)$/.test(x.item) && typeof x.value === 'string') names.push(x.value);
  }
  for (const text of eventsFiles) {
    const [head, ...rows] = text.replace(/^\uFEFF/, '').split('\n');
    const cols = head.split(',');
    const at = ['enterprise_name', 'town', 'park'].map((k) => cols.indexOf(k));
    for (const row of rows) {
      const cells = row.split(',');
      for (const j of at) if (cells[j]) names.push(cells[j]);
    }
  }
  for (const t of track?.tracked ?? []) names.push(t.label);
  return names.filter((n) => n);
}

/** report.html and report.md of a folder, and the text of every SVG chart it holds. */
async function writtenTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const f of ['report.html', 'report.md']) texts.set(f, await readFile(join(dir, f), 'utf8').catch(() => ''));
  for (const f of (await readdir(join(dir, 'charts'))).filter((n) => n.endsWith('.svg')))
    texts.set(`charts/${f}`, await readFile(join(dir, 'charts', f), 'utf8'));
  return texts;
}

/** Every cell text of results.xlsx, read with JSZip from the sheets' XML (not with exceljs, which wrote it). */
async function xlsxTexts(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const parts = Object.keys(zip.files).filter((n) => n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const xml = await Promise.all(parts.map((n) => zip.file(n)!.async('string')));
  return xml
    .join('\n')
    .match(/<t[^>]*>[^<]*<\/t>/g)!
    .map((t) => t.replace(/<[^>]+>/g, ''))
    .join('\n');
}

function expectNoLeaks(texts: Map<string, string>, names: readonly string[]) {
  for (const [file, text] of texts) expect(leaks(text, names), file).toEqual([]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dcsim-chart-en-'));
});

describe('dcsim chart --lang en', { timeout: 600_000 }, () => {
  it('a run folder of zhenhai-2025: reports, charts and results.xlsx in English but for the names', async () => {
    const run = dcsim([
      'run',
      'scenarios/zhenhai-2025.yaml',
      '--draws',
      '4',
      '--workers',
      '0',
      '--no-charts',
      '--quiet',
      '--out',
      join(dir, 'r'),
    ]);
    expect(run.code, run.err).toBe(0);
    const c = dcsim(['chart', join(dir, 'r'), '--lang', 'en', '--out', join(dir, 'r-en')]);
    expect(c.code, c.err).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'r-en', 'summary.json'), 'utf8')) as RunSummary;
    const events = await readFile(join(dir, 'r-en', 'events.csv'), 'utf8');
    const names = await userNames([summary], [events]);
    const texts = await writtenTexts(join(dir, 'r-en'));
    expectNoLeaks(texts, names);
    const md = texts.get('report.md')!;
    // units: 万tce → 10k tce, 亩 → mu, 万元/亩 → 10k yuan/mu, tce/万元 → tce/10k yuan, 家 → firms
    for (const unit of ['10k tce', '10k tCO2', '| mu |', '10k yuan/mu', 'tce/10k yuan', '100M yuan', '| firms |'])
      expect(md).toContain(unit);
    // a Chinese target label becomes the metric's English title with its kind and years
    expect(md).toContain('| Energy vacated, cumulative 2021–2025 | 2021–2025 |');
    expect(md).toContain('| Energy intensity, change 2020–2025 | 2020–2025 |');
    // policies by their English names, dispositions in words, dcsim's own place of new projects translated
    expect(md).toMatch(/\| high-energy low-efficiency rectification · upgrade \|/);
    expect(md).toContain('| new projects |');
    // the chart specs themselves (titles, axes, legends, data labels)
    for (const ch of runCharts(summary, firmsFromEventsCsv(events, 'events.csv'), 'en'))
      expect(leaks(JSON.stringify(ch.spec), names), ch.id).toEqual([]);
    // the workbook chart rewrote, read back independently
    expect(leaks(await xlsxTexts(join(dir, 'r-en', 'results.xlsx')), names)).toEqual([]);
  });

  it('a run folder of zhenhai-2030: the carbon budget and project admission sections too', async () => {
    const run = dcsim([
      'run',
      'scenarios/zhenhai-2030.yaml',
      '--draws',
      '4',
      '--workers',
      '0',
      '--no-charts',
      '--quiet',
      '--out',
      join(dir, 'b'),
    ]);
    expect(run.code, run.err).toBe(0);
    const c = dcsim(['chart', join(dir, 'b'), '--lang', 'en', '--out', join(dir, 'b-en')]);
    expect(c.code, c.err).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'b-en', 'summary.json'), 'utf8')) as RunSummary;
    const events = await readFile(join(dir, 'b-en', 'events.csv'), 'utf8');
    const names = await userNames([summary], [events]);
    const texts = await writtenTexts(join(dir, 'b-en'));
    expectNoLeaks(texts, names);
    expect(texts.get('report.md')).toContain('## Carbon budget');
    expect(texts.get('report.md')).toMatch(/budget \(10k tCO2, P50\)/);
    expect(texts.has('charts/carbon-budget.svg')).toBe(true);
    for (const ch of runCharts(summary, firmsFromEventsCsv(events, 'events.csv'), 'en'))
      expect(leaks(JSON.stringify(ch.spec), names), ch.id).toEqual([]);
    expect(leaks(await xlsxTexts(join(dir, 'b-en', 'results.xlsx')), names)).toEqual([]);
  });

  it('a compare folder: drawn again from comparison.json and the summaries, scenarios by title', async () => {
    const args = ['scenarios/zhenhai-2030.yaml', 'scenarios/zhenhai-2030-ccus.yaml', '--draws', '4', '--workers', '0', '--no-charts'];
    const cmp = dcsim(['compare', ...args, '--out', join(dir, 'c')]);
    expect(cmp.code, cmp.err).toBe(0);
    const refused = dcsim(['chart', join(dir, 'c')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(msg.chartInPlace(join(dir, 'c')));
    const c = dcsim(['chart', join(dir, 'c'), '--lang', 'en', '--out', join(dir, 'c-en')]);
    expect(c.code, c.err).toBe(0);
    expect(c.out).toMatch(/14 chart files and report\.html, report\.md, results\.xlsx written to/);
    const comparison = JSON.parse(await readFile(join(dir, 'c-en', 'comparison.json'), 'utf8')) as Comparison;
    const summaries: RunSummary[] = [];
    const events: string[] = [];
    for (const [k, s] of comparison.scenarios.entries()) {
      const sub = join(dir, 'c-en', `${k + 1}-${s.name}`);
      summaries.push(JSON.parse(await readFile(join(sub, 'summary.json'), 'utf8')) as RunSummary);
      events.push(await readFile(join(sub, 'events.csv'), 'utf8'));
    }
    const names = await userNames(summaries, events);
    const texts = await writtenTexts(join(dir, 'c-en'));
    expectNoLeaks(texts, names);
    const md = texts.get('report.md')!;
    expect(md).toContain(`1. ${escapeMarkdownCell(comparison.scenarios[0].title)} (\`zhenhai-2030\`)`);
    expect(md).toContain('| Carbon intensity, change 2025–2030 |');
    expect(md).toMatch(/energy vacated \(10k tce, 2026–2030\)/);
    expect(md).not.toMatch(/(up|down) [−-]\d/);
    for (const ch of compareCharts(comparison, summaries, 'en')) expect(leaks(JSON.stringify(ch.spec), names), ch.id).toEqual([]);
    expect(leaks(await xlsxTexts(join(dir, 'c-en', 'results.xlsx')), names)).toEqual([]);
    // in place with --force: the folder's own charts are replaced
    const again = dcsim(['chart', join(dir, 'c'), '--force']);
    expect(again.code, again.err).toBe(0);
    expect(await readFile(join(dir, 'c', 'report.md'), 'utf8')).toContain('# 政策组合对比');
  });

  it('a seek folder: the curve drawn again from seek.json, the target named in English', async () => {
    const s = dcsim([
      'seek',
      'scenarios/zhenhai-2025.yaml',
      '--target',
      'vacated-land-2025',
      '--vary',
      'policies[village_cleanup].per_year',
      '--min',
      '0',
      '--max',
      '200',
      '--tolerance',
      '50',
      '--draws',
      '3',
      '--workers',
      '0',
      '--out',
      join(dir, 's'),
    ]);
    expect(s.code, s.err).toBe(0);
    const c = dcsim(['chart', join(dir, 's'), '--lang', 'en', '--out', join(dir, 's-en')]);
    expect(c.code, c.err).toBe(0);
    expect(c.out).toMatch(/^2 chart files written to/);
    const seek = JSON.parse(await readFile(join(dir, 's-en', 'seek.json'), 'utf8')) as SeekRecord;
    expect(seek.integer).toBe(true);
    const svg = await readFile(join(dir, 's-en', 'charts', 'seek.svg'), 'utf8');
    expect(leaks(svg, [])).toEqual([]);
    expect(svg).toContain('Land vacated, cumulative 2021–2025');
    const spec = seekChart(seek.points, seek.confidence, seek.vary, targetLabel(seek.target, 'en'), seek.answer, 'en', seekInteger(seek));
    expect(leaks(JSON.stringify(spec.spec), [])).toEqual([]);
    // a seek.json of an older dcsim (no `integer`) is drawn with the rule seek used: whole numbers here
    const { integer: _, ...old } = seek;
    expect(seekInteger(old)).toBe(true);
  });

  it('a track folder: the monitoring section with track.json', async () => {
    const t = dcsim([
      'track',
      'scenarios/zhenhai-2025-tracking.yaml',
      '--draws',
      '4',
      '--workers',
      '0',
      '--no-charts',
      '--quiet',
      '--out',
      join(dir, 't'),
    ]);
    expect(t.code, t.err).toBe(0);
    const c = dcsim(['chart', join(dir, 't'), '--lang', 'en', '--out', join(dir, 't-en')]);
    expect(c.code, c.err).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 't-en', 'summary.json'), 'utf8')) as RunSummary;
    const track = JSON.parse(await readFile(join(dir, 't-en', 'track.json'), 'utf8')) as TrackReport;
    const names = await userNames([summary], [await readFile(join(dir, 't-en', 'events.csv'), 'utf8')], track);
    const texts = await writtenTexts(join(dir, 't-en'));
    expectNoLeaks(texts, names);
    expect(texts.get('report.md')).toContain('Monitoring and warnings');
    expect([...texts.keys()].some((k) => k.startsWith('charts/track-'))).toBe(true);
    for (const ch of trackCharts(track, 'en')) expect(leaks(JSON.stringify(ch.spec), names), ch.id).toEqual([]);
  });

  it('a folder of no kind, and a compare folder without its summaries, are refused with the reason', async () => {
    const none = dcsim(['chart', join(dir, 'r-en', 'charts'), '--out', join(dir, 'x')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain(msg.chartNotResultFolder(join(dir, 'r-en', 'charts')));
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'c-en', '2-zhenhai-2030-ccus', 'summary.json'));
    const old = dcsim(['chart', join(dir, 'c-en'), '--out', join(dir, 'y')]);
    expect(old.code).toBe(2);
    expect(old.err).toContain(msg.chartCompareIncomplete(join(dir, 'c-en'), join('2-zhenhai-2030-ccus', 'summary.json')));
  });
});
