import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunSummary } from '../../engine/aggregate.js';
import { readCsvSheet } from '../../io/registry-load.js';
import { renderCharts } from '../../io/render-charts.js';
import { exists, writeRunFolder } from '../../io/run-folder.js';
import { shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { runCharts, type FirmContribution } from '../../report/charts.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';

/** Reads the audit trail of a run folder back into the firms' contributions. */
export function firmsFromEventsCsv(text: string, file: string): FirmContribution[] {
  const { sheet } = readCsvSheet(text, file);
  if (!sheet) return [];
  const col = (name: string) => sheet.headers.indexOf(name);
  const [name, policy, action, energy] = ['enterprise_name', 'policy', 'action', 'vacated_energy_tce'].map(col);
  return sheet.rows.map((r) => ({
    name: r.cells[name].replace(/^'/, ''),
    policy: r.cells[policy],
    action: r.cells[action],
    vacatedEnergyTce: Number(r.cells[energy]) || 0,
  }));
}

/**
 * `dcsim chart <run-dir>`: renders the charts of a finished run again from its summary.json and
 * events.csv (e.g. in English with --lang en), without simulating; the charts/ folder is
 * replaced as a whole.
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
  const firms = (await exists(eventsPath)) ? firmsFromEventsCsv(await readFile(eventsPath, 'utf8'), shown(eventsPath)) : [];
  const rendered = await renderCharts(runCharts(summary, firms, lang));
  const files = new Map([...rendered].map(([name, data]) => [name.replace(/^charts\//, ''), data]));
  await writeRunFolder(join(dir, 'charts'), files, true);
  io.out(msg.chartsWritten(files.size, shown(join(dir, 'charts'))));
  return EXIT.ok;
}
