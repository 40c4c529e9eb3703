import { join, resolve } from 'node:path';
import type { RunSummary } from '../../engine/aggregate.js';
import type { Comparison } from '../../engine/compare.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { compareReportFiles, seekChartFiles, type SeekRecord } from '../../io/compare-files.js';
import { reportFiles } from '../../io/report-files.js';
import { readResultJson, readResultText } from '../../io/result-read.js';
import { OUTPUT_KIND, writeRunFolder } from '../../io/run-folder.js';
import { shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import type { TrackReport } from '../../tracking/track.js';
import { interruptSignal } from '../interrupt.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';
import { prepareOutputFolder, sweepWithNotes, writeFailureExit, writeOutputFolder } from '../output.js';

type Files = Map<string, string | Buffer>;
interface ChartOptions {
  readonly out?: string;
  readonly force?: boolean;
}
/** What a folder holds for `dcsim chart`: the files it writes again, and the result files a copy (--out) takes along. */
type Drawn = { readonly files: Files; readonly copies: readonly string[] } | { readonly code: number };

/**
 * `dcsim chart <dir>`: renders the charts and reports of a finished run (or track), compare or
 * seek folder again from its result files — summary.json and events.csv (and track.json),
 * comparison.json and the scenarios' summaries, seek.json — e.g. in English with --lang en,
 * without simulating. The kind is read from manifest.json, else from the files there. With
 * `--out` they go to a new folder (with copies of the result files, so it is a folder of the
 * same kind); in place only with `--force` — the charts/ folder replaced as a whole, each report
 * file atomically. A folder of no kind, a missing, empty or damaged result file and a folder that
 * cannot be written are exit 2 with the path and the reason.
 */
export async function chartCommand(runDir: string, lang: Lang, io: Streams, options: ChartOptions = {}): Promise<number> {
  const dir = resolve(runDir);
  const kind = await folderKind(dir);
  if (kind === undefined) {
    io.err(msg.chartNotResultFolder(shown(dir)));
    return EXIT.badInput;
  }
  if (options.out === undefined && !options.force) {
    io.err(msg.chartInPlace(shown(dir)));
    return EXIT.badInput;
  }
  const drawn =
    kind === 'compare'
      ? await compareFolder(dir, lang, io)
      : kind === 'seek'
        ? await seekFolder(dir, lang, io)
        : await runFolder(dir, lang, io);
  if ('code' in drawn) return drawn.code;
  if (options.out !== undefined) return chartsElsewhere(dir, drawn.files, drawn.copies, options.out, options.force ?? false, io);
  return chartsInPlace(dir, drawn.files, io);
}

/** The kind of a result folder: manifest.json's `kind`, else by the result file it holds. */
async function folderKind(dir: string): Promise<'run' | 'compare' | 'seek' | undefined> {
  const manifest = await readResultJson<{ kind?: unknown }>(join(dir, 'manifest.json'), 'manifest', []);
  const said = 'value' in manifest ? manifest.value.kind : undefined;
  if (said === OUTPUT_KIND.compare) return 'compare';
  if (said === OUTPUT_KIND.seek) return 'seek';
  if (said === OUTPUT_KIND.run) return 'run';
  for (const [file, kind] of [
    ['summary.json', 'run'],
    ['comparison.json', 'compare'],
    ['seek.json', 'seek'],
  ] as const) {
    const read = await readResultText(join(dir, file));
    if ('value' in read || !read.missing) return kind;
  }
  return undefined;
}

/** A run (or track) folder: summary.json, events.csv and, from dcsim track, track.json. */
async function runFolder(dir: string, lang: Lang, io: Streams): Promise<Drawn> {
  const summaryPath = join(dir, 'summary.json');
  const summary = await readResultJson<RunSummary>(summaryPath, 'run summary', ['scenario', 'period', 'metrics', 'targets']);
  if (!('value' in summary)) {
    io.err(summary.missing ? msg.chartNotResultFolder(shown(dir)) : msg.damagedResult(shown(summaryPath), summary.reason));
    return { code: EXIT.badInput };
  }
  const eventsPath = join(dir, 'events.csv');
  const eventsRead = await readResultText(eventsPath);
  if (!('value' in eventsRead) && !eventsRead.missing) {
    io.err(msg.damagedResult(shown(eventsPath), eventsRead.reason));
    return { code: EXIT.badInput };
  }
  const trackPath = join(dir, 'track.json');
  const track = await readResultJson<TrackReport>(trackPath, 'track report', ['kind', 'targets', 'tracked']);
  if (!('value' in track) && !track.missing) {
    io.err(msg.damagedResult(shown(trackPath), track.reason));
    return { code: EXIT.badInput };
  }
  const events = 'value' in eventsRead ? eventsRead.value : '';
  const files = await reportFiles(summary.value, events, lang, true, 'value' in track ? track.value : undefined);
  return { files, copies: ['summary.json', 'events.csv', 'metrics.csv', 'targets.csv', 'manifest.json', 'track.json'] };
}

/** A compare folder: comparison.json and each scenario's summary.json in its numbered sub-folder. */
async function compareFolder(dir: string, lang: Lang, io: Streams): Promise<Drawn> {
  const path = join(dir, 'comparison.json');
  const read = await readResultJson<Comparison>(path, 'comparison', ['scenarios', 'period', 'targets', 'metrics', 'costs']);
  if (!('value' in read)) {
    io.err(read.missing ? msg.chartCompareIncomplete(shown(dir), 'comparison.json') : msg.damagedResult(shown(path), read.reason));
    return { code: EXIT.badInput };
  }
  const comparison = read.value;
  const summaries: RunSummary[] = [];
  const copies = ['comparison.json', 'manifest.json'];
  for (const [k, s] of comparison.scenarios.entries()) {
    const sub = `${k + 1}-${s.name}`;
    const summaryPath = join(dir, sub, 'summary.json');
    const summary = await readResultJson<RunSummary>(summaryPath, 'run summary', ['scenario', 'period', 'metrics', 'targets']);
    if (!('value' in summary)) {
      io.err(
        summary.missing
          ? msg.chartCompareIncomplete(shown(dir), join(sub, 'summary.json'))
          : msg.damagedResult(shown(summaryPath), summary.reason),
      );
      return { code: EXIT.badInput };
    }
    summaries.push(summary.value);
    copies.push(join(sub, 'summary.json'), join(sub, 'events.csv'));
  }
  return { files: await compareReportFiles(comparison, summaries, lang), copies };
}

/** A seek folder: seek.json. */
async function seekFolder(dir: string, lang: Lang, io: Streams): Promise<Drawn> {
  const path = join(dir, 'seek.json');
  const read = await readResultJson<SeekRecord>(path, 'seek result', ['target', 'vary', 'range', 'confidence', 'answer', 'points']);
  if (!('value' in read)) {
    io.err(read.missing ? msg.chartNotResultFolder(shown(dir)) : msg.damagedResult(shown(path), read.reason));
    return { code: EXIT.badInput };
  }
  return { files: await seekChartFiles(read.value, lang), copies: ['seek.json', 'manifest.json'] };
}

/** Rewrites the charts and reports of a folder in place (--force): charts/ as a whole, each report file atomically. */
async function chartsInPlace(dir: string, files: Files, io: Streams): Promise<number> {
  await sweepWithNotes(dir, io);
  const charts = new Map(
    [...files].filter(([name]) => name.startsWith('charts/')).map(([name, data]) => [name.slice('charts/'.length), data]),
  );
  const signal = interruptSignal();
  let target = join(dir, 'charts');
  try {
    await writeRunFolder(target, charts, true, { signal, replaceAny: true });
    for (const [name, data] of files) {
      if (name.startsWith('charts/')) continue;
      target = join(dir, name);
      await writeFileAtomic(target, data, signal);
    }
  } catch (e) {
    return writeFailureExit(e, target, io);
  }
  io.out(
    msg.chartsWritten(
      charts.size,
      [...files.keys()].filter((n) => !n.startsWith('charts/')),
      shown(dir),
    ),
  );
  return EXIT.ok;
}

/** Writes the charts and reports of a folder into a new folder `out`, with copies of its result files. */
async function chartsElsewhere(
  dir: string,
  drawn: Files,
  copies: readonly string[],
  out: string,
  force: boolean,
  io: Streams,
): Promise<number> {
  const output = await prepareOutputFolder(out, () => out, force, io);
  if ('code' in output) return output.code;
  const files = new Map<string, string | Buffer>(drawn);
  for (const name of copies) {
    const read = await readResultText(join(dir, name));
    if ('value' in read) files.set(name, read.value);
  }
  const failed = await writeOutputFolder(output.dir, files, force, io);
  if (failed !== undefined) return failed;
  const charts = [...files.keys()].filter((n) => n.startsWith('charts/')).length;
  io.out(
    msg.chartsWritten(
      charts,
      ['report.html', 'report.md', 'results.xlsx'].filter((n) => files.has(n)),
      shown(output.dir),
    ),
  );
  return EXIT.ok;
}
