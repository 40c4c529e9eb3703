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
import { sweepWithNotes, writeFailureExit } from '../output.js';

/**
 * `dcsim chart <run-dir>`: renders the charts and reports of a finished run again from its
 * summary.json and events.csv (e.g. in English with --lang en), without simulating; the charts/
 * folder is replaced as a whole, each report file atomically. A missing, empty or damaged
 * summary.json and a folder that cannot be written are exit 2 with the path and the reason.
 */
export async function chartCommand(runDir: string, lang: Lang, io: Streams): Promise<number> {
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
  io.out(msg.chartsWritten(charts.size, shown(join(dir, 'charts'))));
  return EXIT.ok;
}
