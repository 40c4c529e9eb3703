import { basename, dirname, extname, join } from 'node:path';
import { ImpossibleValue } from '../../domain/impossible-value.js';
import { lastCompleteYear } from '../../actuals/period.js';
import { createSimulation } from '../../engine/simulate.js';
import { toCsv } from '../../io/csv-write.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { REGISTRY_COLUMNS } from '../../io/registry-columns.js';
import { eventsCsv, registryPlaces } from '../../io/run-tables.js';
import { loadScenario, shown, type ScenarioLoadOptions } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { pipelineLabels, rebasedHeader, rebasedRows } from '../../rebase/registry-rows.js';
import { rebaseTotals } from '../../rebase/totals.js';
import { actualsOptions } from '../actuals-options.js';
import { printDiagnostics } from '../diagnostics.js';
import { interruptSignal } from '../interrupt.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';
import { prepareOutputFile } from '../output-file.js';
import { writeFailureExit } from '../output.js';
import { checkRunNumbers } from '../run-numbers.js';

export interface RebaseOptions {
  readonly scenario: string;
  readonly actuals?: string;
  readonly asOf?: string;
  readonly to: number;
  readonly out: string;
  readonly draw: number;
  readonly seed?: number;
  readonly force: boolean;
  readonly lang: Lang;
  readonly argv: readonly string[];
  /** Tests: actuals given as data instead of files (the loader's `actualsData`). */
  readonly load?: ScenarioLoadOptions;
}

/** `registry-2025.csv` → `registry-2025.events.csv`, beside it. */
export function eventsPathFor(out: string): string {
  const ext = extname(out);
  return join(dirname(out), `${basename(out, ext)}.events.csv`);
}

/**
 * `dcsim rebase`: rolls the registry forward to the end of year `--to` through one draw of the
 * scenario (recorded actions replayed, the background calibrated to the observed totals where
 * the actuals have them) and writes the state as a registry of that year (src/rebase/), the
 * events that produced it beside it, and a report of its totals against the observed ones.
 */
export async function rebaseCommand(o: RebaseOptions, io: Streams): Promise<number> {
  const numbers = checkRunNumbers({ ...(o.seed !== undefined ? { seed: o.seed } : {}) }, io);
  if (numbers !== undefined) return numbers;
  if (!Number.isSafeInteger(o.draw) || o.draw < 0) {
    io.err(msg.rebaseDraw(o.draw));
    return EXIT.badInput;
  }
  const target = await prepareOutputFile(o.out, o.force, io);
  if ('code' in target) return target.code;
  const eventsPath = eventsPathFor(target.path);
  const eventsTarget = await prepareOutputFile(eventsPath, o.force, io, '--out (events)');
  if ('code' in eventsTarget) return eventsTarget.code;
  const { value: loaded, diagnostics } = await loadScenario(o.scenario, undefined, o.load ?? actualsOptions(o));
  if (!loaded) {
    printDiagnostics(diagnostics, io);
    return EXIT.badInput;
  }
  const scenario = loaded.scenario;
  const { base, end } = scenario.period;
  if (!Number.isInteger(o.to) || o.to <= base || o.to > end) {
    io.err(`--to: ${msg.rebaseYear(o.to, base, end)}`);
    return EXIT.badInput;
  }
  const actuals = scenario.actuals;
  if (!actuals || lastCompleteYear(actuals.asOf) < o.to) io.err(`⚠ ${msg.rebaseBeyondActuals(o.to, actuals?.asOf.text)}`);
  const table = loaded.registry.table;
  const src = {
    table,
    hasGrade: loaded.registry.headers.has('grade'),
    projects: pipelineLabels(scenario.policies),
    columns: REGISTRY_COLUMNS.map((c) => c.key),
  };
  let rows: string[][] | undefined;
  const sim = createSimulation(
    { scenario, table, factors: loaded.factors, evaluation: loaded.evaluation },
    {
      yearEnd: (state, year) => {
        if (year === o.to) rows = rebasedRows(state, src, year);
      },
    },
  );
  const seed = o.seed ?? scenario.monteCarlo.seed;
  const out = new Float64Array(sim.drawSize);
  let events;
  try {
    events = (sim.runDraw(seed, o.draw, out, 0, true) ?? []).filter((e) => e.year <= o.to);
  } catch (e) {
    if (!(e instanceof ImpossibleValue)) throw e;
    io.err(msg.drawImpossible(o.draw, e.message));
    return EXIT.badInput;
  }
  const registryText = toCsv(rebasedHeader(src), rows!);
  const eventsText = eventsCsv({ events, ids: sim.state.ids, names: sim.state.names, layout: sim.layout }, registryPlaces(table));
  for (const [path, text] of [
    [target.path, registryText],
    [eventsPath, eventsText],
  ] as const) {
    try {
      await writeFileAtomic(path, text, interruptSignal());
    } catch (e) {
      return writeFailureExit(e, path, io, '--out: ');
    }
  }
  const zh = o.lang === 'zh';
  const totals = rebaseTotals(sim.layout, out, o.to, actuals?.values ?? []);
  const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  io.out(
    zh
      ? `${shown(target.path)}: ${rows!.length} 家企业，${o.to} 年（第 ${o.draw} 次模拟，种子 ${seed}）`
      : `${shown(target.path)}: ${rows!.length} firms in ${o.to} (draw ${o.draw}, seed ${seed})`,
  );
  for (const t of totals) {
    const vs =
      t.observed === undefined
        ? ''
        : `  ${zh ? '实际' : 'observed'} ${grouped.format(t.observed)} (${t.value / t.observed - 1 >= 0 ? '+' : '−'}${Math.abs((t.value / t.observed - 1) * 100).toFixed(2)} %)`;
    io.out(`  ${t.metric.padEnd(26)} ${grouped.format(t.value).padStart(16)}${vs}`);
  }
  if (scenario.accounting.excludeRenewables === 'new') io.out(`  ${msg.rebaseNewRenewables(base, o.to)}`);
  io.out(`${zh ? '事件' : 'events'}: ${shown(eventsPath)} (${events.length})`);
  return EXIT.ok;
}
