import { readFile, stat } from 'node:fs/promises';
import { summarize } from '../../io/summarize.js';
import { join, resolve } from 'node:path';
import { parseDrawsCsv } from '../../io/draws-csv.js';
import { PARTIAL_FILE, PARTIAL_KIND, type Partial } from '../../io/partial.js';
import { exists, writeRunFolder } from '../../io/run-folder.js';
import { runFolderFiles } from '../../io/run-tables.js';
import { shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { reportFiles } from '../../io/report-files.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';
import { VERSION } from '../version.js';

export interface MergeOptions {
  readonly partials: readonly string[];
  readonly out: string;
  readonly force: boolean;
  readonly argv: readonly string[];
  /** Render the charts and the reports that embed them (default true; results.xlsx is always written). */
  readonly charts?: boolean;
  readonly lang?: Lang;
}

/**
 * `dcsim merge <partial…> --out DIR`: combines the partial results of `dcsim run --shard K/N`
 * into the run folder one run would have written (the same summary.json, byte for byte).
 */
export async function mergeCommand(o: MergeOptions, io: Streams): Promise<number> {
  const bad = (message: string) => {
    io.err(message);
    return EXIT.badInput;
  };
  const parts: { dir: string; partial: Partial; draws: number[]; values: Float64Array; events?: string }[] = [];
  for (const p of o.partials) {
    const dir = resolve(p);
    let partial: Partial;
    try {
      partial = JSON.parse(await readFile(join(dir, PARTIAL_FILE), 'utf8')) as Partial;
    } catch {
      return bad(msg.notPartial(shown(dir)));
    }
    if (partial.kind !== PARTIAL_KIND) return bad(msg.notPartial(shown(dir)));
    const rows = parseDrawsCsv(await readFile(join(dir, 'draws.csv'), 'utf8'), partial.layout);
    if (!rows) return bad(msg.notPartial(shown(dir)));
    const eventsPath = join(dir, 'events.csv');
    parts.push({ dir, partial, ...rows, events: (await exists(eventsPath)) ? await readFile(eventsPath, 'utf8') : undefined });
  }
  const first = parts[0];
  for (const p of parts.slice(1)) {
    const same = (f: (x: Partial) => unknown) => JSON.stringify(f(p.partial)) === JSON.stringify(f(first.partial));
    // seed and draws first: the assumptions in meta name them too
    for (const [what, f] of [
      ['seed, draws or shard count', (x: Partial) => [x.seed, x.draws, x.shard.n]],
      ['scenario and targets', (x: Partial) => x.meta],
      ['metrics', (x: Partial) => x.layout],
      ['input files', (x: Partial) => x.manifest.inputs],
    ] as const) {
      if (!same(f)) return bad(msg.partialsDiffer(shown(first.dir), shown(p.dir), what));
    }
  }
  const n = first.partial.shard.n;
  const ks = parts.map((p) => p.partial.shard.k).sort((a, b) => a - b);
  if (ks.length !== n || ks.some((k, i) => k !== i + 1)) return bad(msg.shardsIncomplete(n, ks));

  const { layout, draws, seed, meta } = first.partial;
  const size = layout.ids.length * layout.years.length;
  const values = new Float64Array(draws * size);
  for (const p of parts) p.draws.forEach((d, i) => values.set(p.values.subarray(i * size, (i + 1) * size), d * size));
  const paramNames = first.partial.paramNames;
  const P = paramNames.length;
  const params = new Float64Array(draws * P);
  for (const p of parts) p.draws.forEach((d, i) => params.set(p.partial.params.slice(i * P, (i + 1) * P), d * P));
  const events = parts.find((p) => p.partial.drawList[0] === 0)?.events ?? '';
  const summary = summarize(meta, layout, values, draws, seed, { paramNames, params }, events);
  const manifest = {
    dcsim: VERSION,
    command: ['dcsim', ...o.argv].join(' '),
    merged: parts.map((p) => ({ partial: shown(p.dir), shard: `${p.partial.shard.k}/${n}`, manifest: p.partial.manifest })),
    seed,
    draws,
    inputs: first.partial.manifest.inputs,
  };
  const dir = resolve(o.out);
  if (await exists(dir)) {
    if (!(await stat(dir)).isDirectory()) return bad(`--out: ${msg.outputNotFolder(shown(dir))}`);
    if (!o.force) return bad(`--out: ${msg.outputExists(shown(dir))}`);
  }
  const files: Map<string, string | Buffer> = runFolderFiles({ summary, layout }, manifest, events);
  for (const [name, data] of await reportFiles(summary, events, o.lang ?? 'zh', o.charts !== false)) files.set(name, data);
  try {
    await writeRunFolder(dir, files, o.force);
  } catch (e) {
    return bad(`--out: ${msg.cannotWrite(shown(dir), (e as Error).message)}`);
  }
  io.out(msg.merged(parts.length, draws, shown(dir)));
  return EXIT.ok;
}
