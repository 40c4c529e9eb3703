import { readFile } from 'node:fs/promises';
import { summarize } from '../../io/summarize.js';
import { join, resolve } from 'node:path';
import { parseDrawsCsv } from '../../io/draws-csv.js';
import { PARTIAL_FILE, PARTIAL_KIND, shardDraws, type Partial } from '../../io/partial.js';
import { readResultJson, readResultText } from '../../io/result-read.js';
import { prepareOutputFolder, writeOutputFolder } from '../output.js';
import { exists, OUTPUT_KIND } from '../../io/run-folder.js';
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
  const output = await prepareOutputFolder(o.out, () => o.out, o.force, io);
  if ('code' in output) return output.code;
  const parts: { dir: string; partial: Partial; draws: number[]; values: Float64Array; events?: string }[] = [];
  for (const p of o.partials) {
    const dir = resolve(p);
    const partialPath = join(dir, PARTIAL_FILE);
    const read = await readResultJson<Partial>(partialPath, 'partial result', ['kind', 'shard', 'draws', 'drawList', 'layout', 'meta']);
    if (!('value' in read)) return bad(read.missing ? msg.notPartial(shown(dir)) : msg.damagedResult(shown(partialPath), read.reason));
    const partial = read.value;
    if (partial.kind !== PARTIAL_KIND) return bad(msg.notPartial(shown(dir)));
    const drawsPath = join(dir, 'draws.csv');
    const text = await readResultText(drawsPath);
    if (!('value' in text)) return bad(msg.damagedResult(shown(drawsPath), text.reason));
    const rows = parseDrawsCsv(text.value, partial.layout);
    if (!rows) return bad(msg.damagedResult(shown(drawsPath), msg.wrongShape(`draws.csv of this partial.json's metrics and years`)));
    // the draws are the shard's own, all of them: another shard's draws.csv, or one cut short, is refused
    const { k, n } = partial.shard;
    const expected = shardDraws(partial.draws, k, n);
    const [from, count] = partial.drawList;
    if (
      rows.draws.length !== expected.length ||
      rows.draws.some((d, i) => d !== expected[i]) ||
      from !== (expected[0] ?? 0) ||
      count !== expected.length
    )
      return bad(msg.shardDrawsMismatch(shown(dir), k, n, [expected[0] ?? 0, expected.length], rows.draws));
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
    kind: OUTPUT_KIND.run,
    dcsim: VERSION,
    command: ['dcsim', ...o.argv].join(' '),
    merged: parts.map((p) => ({ partial: shown(p.dir), shard: `${p.partial.shard.k}/${n}`, manifest: p.partial.manifest })),
    seed,
    draws,
    inputs: first.partial.manifest.inputs,
  };
  const { dir } = output;
  const files: Map<string, string | Buffer> = runFolderFiles({ summary, layout }, manifest, events);
  for (const [name, data] of await reportFiles(summary, events, o.lang ?? 'zh', o.charts !== false)) files.set(name, data);
  const failed = await writeOutputFolder(dir, files, o.force, io);
  if (failed !== undefined) return failed;
  io.out(msg.merged(parts.length, draws, shown(dir)));
  return EXIT.ok;
}
