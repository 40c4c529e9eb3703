import { lstat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { factorsSchema, resolveFactors } from '../../accounting/factors.js';
import { msg } from '../../messages/messages.js';
import { aggregatesSchema } from '../../synth/aggregates.js';
import { generateRegistry, SYNTH_COLUMNS } from '../../synth/generate.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { toCsv } from '../../io/csv-write.js';
import { shown } from '../../io/scenario-load.js';
import { loadYamlWith } from '../../io/yaml-file.js';
import { printDiagnostics } from '../diagnostics.js';
import { fmt, pct } from '../format.js';
import { EXIT, type Streams } from '../io-streams.js';
import { interruptSignal } from '../interrupt.js';
import { emptyOutExit, sweepWithNotes, writeFailureExit } from '../output.js';

export interface SynthOptions {
  readonly aggregates: string;
  readonly enterprises?: number;
  readonly seed: number;
  readonly out: string;
  readonly force: boolean;
}

/**
 * `dcsim synth`: generates a synthetic registry from an aggregates file and writes it as CSV.
 * The same aggregates, size and seed reproduce the file byte for byte. An existing file is
 * replaced only with --force, a folder never; a failed write (disk full, file size limit,
 * read-only) is exit 2 and leaves nothing behind.
 */
export async function synthCommand(o: SynthOptions, io: Streams): Promise<number> {
  const empty = emptyOutExit(o.out, io);
  if (empty !== undefined) return empty;
  if (o.enterprises !== undefined && (!Number.isInteger(o.enterprises) || o.enterprises < 10)) {
    io.err(`--enterprises: ${msg.synthBadCount(o.enterprises)}`);
    return EXIT.badInput;
  }
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) {
    io.err(`--seed: ${msg.notInteger(o.seed)} ≥ 0`);
    return EXIT.badInput;
  }
  const out = resolve(o.out);
  await sweepWithNotes(dirname(out), io);
  const at = await lstat(out).catch(() => undefined);
  if (at?.isDirectory()) {
    io.err(`--out: ${msg.outputIsFolder(shown(out))}`);
    return EXIT.badInput;
  }
  if (at && !o.force) {
    io.err(`--out: ${msg.outputExists(shown(out))}`);
    return EXIT.badInput;
  }
  const aggPath = resolve(o.aggregates);
  const agg = await loadYamlWith(aggregatesSchema, aggPath, shown(aggPath), 'aggregates');
  if (!agg.value) {
    printDiagnostics(agg.diagnostics, io);
    return EXIT.badInput;
  }
  const factorsPath = resolve(dirname(aggPath), agg.value.factors);
  const factors = await loadYamlWith(factorsSchema, factorsPath, shown(factorsPath), 'factors');
  if (!factors.value) {
    printDiagnostics(factors.diagnostics, io);
    return EXIT.badInput;
  }
  const n = o.enterprises ?? agg.value.enterprises;
  if (!Number.isInteger(n) || n < 10) {
    io.err(`--enterprises: ${msg.synthBadCount(n)}`);
    return EXIT.badInput;
  }
  const { rows, summary } = generateRegistry(agg.value, resolveFactors(factors.value), n, o.seed);
  try {
    await writeFileAtomic(out, toCsv(SYNTH_COLUMNS, rows), interruptSignal());
  } catch (e) {
    return writeFailureExit(e, out, io, '--out: ');
  }
  io.out(`${shown(out)}: ${fmt(summary.enterprises)} enterprises (${fmt(summary.aboveScale)} 规上), seed ${o.seed}`);
  io.out(
    `  规上 VA ${fmt(summary.aboveScaleValueAdded / 1e4, 1)} 亿元 · value-added rate ${pct(summary.valueAddedRate, 2)} · tax per mu ${fmt(summary.taxPerMu, 2)} 万元/亩 · gross energy ${fmt(summary.grossEnergyTce / 1e4, 1)} 万tce (calorific)`,
  );
  return EXIT.ok;
}
