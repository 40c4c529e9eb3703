import { join, resolve } from 'node:path';
import type { RunSummary } from '../../engine/aggregate.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { reportFiles } from '../../io/report-files.js';
import { readResultJson, readResultText } from '../../io/result-read.js';
import { writeRunFolder } from '../../io/run-folder.js';
import { shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { interruptSignal } from '../interrupt.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';
import { prepareOutputFolder, sweepWithNotes, writeFailureExit, writeOutputFolder } from '../output.js';

/**
 * `dcsim chart <run-dir>`: renders the charts and reports of a finished run again from its
 * summary.json and events.csv (e.g. in English with --lang en), without simulating. With `--out`
 * they go to a new folder (with a copy of summary.json, events.csv and manifest.json, so it is a
 * run folder of its own); in place only with `--force` — the charts/ folder replaced as a whole,
 * each report file atomically. A missing, empty or damaged summary.json and a folder that cannot
 * be written are exit 2 with the path and the reason.
 */
export async function chartCommand(
  runDir: string,
  lang: Lang,
  io: Streams,
  options: { readonly out?: string; readonly force?: boolean } = {},
): Promise<number> {
  const dir = resolve(runDir);
  const summaryPath = join(dir, 'summary.json');
  const summary = await readResultJson<RunSummary>(summaryPath, 'run summary', ['scenario', 'period', 'metrics', 'targets']);
  if (!('value' in summary)) {
    io.err(summary.missing ? msg.notRunFolder(shown(dir)) : msg.damagedResult(shown(summaryPath), summary.reason));
    return EXIT.badInput;
  }
  const eventsPath = join(dir, 'events.csv');
  const eventsRead = await readResultText(eventsPath);
  if (!('value' in eventsRead) && !eventsRead.missing) {
    io.err(msg.damagedResult(shown(eventsPath), eventsRead.reason));
    return EXIT.badInput;
  }
  const events = 'value' in eventsRead ? eventsRead.value : '';
  if (options.out === undefined && !options.force) {
    io.err(msg.chartInPlace(shown(dir)));
    return EXIT.badInput;
  }
  if (options.out !== undefined) return chartsElsewhere(dir, summary.value, events, lang, options.out, options.force ?? false, io);
  await sweepWithNotes(dir, io);
  const files = await reportFiles(summary.value, events, lang);
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

/** Writes the charts and reports of a run into a new folder `out`, with copies of the run's result files. */
async function chartsElsewhere(
  dir: string,
  summary: RunSummary,
  events: string,
  lang: Lang,
  out: string,
  force: boolean,
  io: Streams,
): Promise<number> {
  const output = await prepareOutputFolder(out, () => out, force, io);
  if ('code' in output) return output.code;
  const files = new Map<string, string | Buffer>(await reportFiles(summary, events, lang));
  for (const name of ['summary.json', 'events.csv', 'manifest.json']) {
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
