import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunSummary } from '../../engine/aggregate.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { reportFiles } from '../../io/report-files.js';
import { exists, writeRunFolder } from '../../io/run-folder.js';
import { shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';

/**
 * `dcsim chart <run-dir>`: renders the charts and reports of a finished run again from its
 * summary.json and events.csv (e.g. in English with --lang en), without simulating; the charts/
 * folder is replaced as a whole, each report file atomically.
 */
export async function chartCommand(runDir: string, lang: Lang, io: Streams): Promise<number> {
  const dir = resolve(runDir);
  const summaryPath = join(dir, 'summary.json');
  if (!(await exists(summaryPath))) {
    io.err(msg.notRunFolder(shown(dir)));
    return EXIT.badInput;
  }
  const summary = JSON.parse(await readFile(summaryPath, 'utf8')) as RunSummary;
  const eventsPath = join(dir, 'events.csv');
  const events = (await exists(eventsPath)) ? await readFile(eventsPath, 'utf8') : '';
  const files = await reportFiles(summary, events, lang);
  const charts = new Map(
    [...files].filter(([name]) => name.startsWith('charts/')).map(([name, data]) => [name.slice('charts/'.length), data]),
  );
  await writeRunFolder(join(dir, 'charts'), charts, true);
  for (const [name, data] of files) if (!name.startsWith('charts/')) await writeFileAtomic(join(dir, name), data);
  io.out(msg.chartsWritten(charts.size, shown(join(dir, 'charts'))));
  return EXIT.ok;
}
