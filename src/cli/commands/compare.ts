import { runMeta } from '../../engine/aggregate.js';
import { summarize } from '../../io/summarize.js';
import { runDraws, WorkerPool } from '../../parallel/runner.js';
import { runFailureExit } from '../run-failure.js';
import { join, resolve } from 'node:path';
import { compareRuns, type ComparedRun } from '../../engine/compare.js';
import { compareReportFiles } from '../../io/compare-files.js';
import { eventsCsv, registryPlaces } from '../../io/run-tables.js';
import { OUTPUT_KIND } from '../../io/run-folder.js';
import { loadScenario, shown, type LoadedScenario } from '../../io/scenario-load.js';
import { actualsOptions } from '../actuals-options.js';
import { msg } from '../../messages/messages.js';
import { printDiagnostics } from '../diagnostics.js';
import { pct } from '../format.js';
import { progressBar, showProgress } from '../progress.js';
import { EXIT, type Streams } from '../io-streams.js';
import { checkRunNumbers, workerCount } from '../run-numbers.js';
import { interruptSignal } from '../interrupt.js';
import { emptyOutExit, prepareOutputFolder, writeOutputFolder } from '../output.js';
import type { Lang } from '../labels.js';
import { hashInputs, runAssumptions, type Hashed } from '../../io/run-manifest.js';
import { pad, width } from '../scorecard.js';
import { VERSION } from '../version.js';
import { timestamp } from './run.js';

export interface CompareOptions {
  readonly scenarios: readonly string[];
  /** Every scenario uses these actuals instead of its own (`--actuals`), up to `--as-of`. */
  readonly actuals?: string;
  readonly asOf?: string;
  readonly draws?: number;
  readonly seed?: number;
  readonly out?: string;
  readonly force: boolean;
  readonly workers?: number;
  /** Compare scenarios over different registries, factors or evaluation models (the reports say so first). */
  readonly allowDifferentInputs?: boolean;
  /** Render the charts and reports (default true). */
  readonly charts?: boolean;
  /** No progress bar (`--quiet`). */
  readonly quiet?: boolean;
  readonly lang: Lang;
  readonly argv: readonly string[];
  readonly now?: Date;
}

const MARK = { met: '●', at_risk: '◐', missed: '○' } as const;

/**
 * `dcsim compare <scenario…>`: runs every scenario with the same seed and draws (common random
 * numbers) and writes comparison.json — each scenario's target probabilities and metric
 * quantiles, the paired differences to the first scenario, and the costs next to the gains.
 */
export async function compareCommand(o: CompareOptions, io: Streams): Promise<number> {
  const bad = (field: string, message: string) => {
    io.err(`${field}: ${message}`);
    return EXIT.badInput;
  };
  const numbers = checkRunNumbers(o, io) ?? emptyOutExit(o.out, io);
  if (numbers !== undefined) return numbers;
  const loaded: LoadedScenario[] = [];
  const problems = [];
  for (const path of o.scenarios) {
    const { value, diagnostics } = await loadScenario(path, undefined, actualsOptions(o));
    if (value) loaded.push(value);
    else problems.push(...diagnostics);
  }
  if (problems.length) {
    printDiagnostics(problems, io);
    return EXIT.badInput;
  }
  const [first] = loaded;
  const period = first.scenario.period;
  for (const l of loaded.slice(1)) {
    if (l.scenario.period.base !== period.base || l.scenario.period.end !== period.end) {
      return bad('scenarios', msg.comparePeriods(first.scenario.name, l.scenario.name, period, l.scenario.period));
    }
  }
  // every input file hashed once: for the input check, each scenario's assumptions and the manifest
  const hashes = await Promise.all(loaded.map((l) => hashInputs(l.inputFiles)));
  const differences: string[] = [];
  for (const [k, l] of loaded.entries()) {
    if (k === 0) continue;
    const what = inputDifferences(first, hashes[0], l, hashes[k]);
    if (what.length && !o.allowDifferentInputs)
      return bad('scenarios', msg.compareInputsDiffer(first.scenario.name, l.scenario.name, what));
    differences.push(...what.map((w) => `${l.scenario.name}: ${w}`));
  }
  const warning = differences.length ? msg.compareInputsNote(differences) : undefined;
  const draws = o.draws ?? first.scenario.monteCarlo.draws;
  const seed = o.seed ?? first.scenario.monteCarlo.seed;
  const output = await prepareOutputFolder(o.out, () => join('outputs', 'compare', timestamp(o.now ?? new Date())), o.force, io);
  if ('code' in output) return output.code;
  const { dir } = output;
  const workers = workerCount(o.workers, draws, io);

  const runs: (ComparedRun & { events: string })[] = [];
  // one pool for every scenario: the workers start once
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  // never quiet: one bar over every scenario's draws (issue #14 item 9)
  const progress = showProgress(o.quiet) ? progressBar() : undefined;
  try {
    for (const [k, l] of loaded.entries()) {
      const input = { scenario: l.scenario, table: l.registry.table, factors: l.factors, evaluation: l.evaluation };
      const r = await runDraws(
        input,
        {
          seed,
          draws: Array.from({ length: draws }, (_, d) => d),
          workers,
          recordDraw: 0,
          signal: interruptSignal(),
          ...(progress ? { onProgress: (done: number) => progress.update(k * draws + done, loaded.length * draws) } : {}),
        },
        pool,
      );
      const events = eventsCsv(r, registryPlaces(l.registry.table));
      const meta = { ...runMeta(l.scenario, r.layout), assumptions: runAssumptions(l, hashes[k], draws, seed) };
      const summary = summarize(meta, r.layout, r.values, draws, seed, r, events);
      runs.push({ summary, layout: r.layout, values: r.values, events });
    }
  } catch (e) {
    return runFailureExit(e, io);
  } finally {
    progress?.clear();
    await pool?.close();
  }
  const comparison = { ...(warning ? { warning } : {}), ...compareRuns(runs, draws, seed) };
  const manifest = {
    kind: OUTPUT_KIND.compare,
    dcsim: VERSION,
    command: ['dcsim', ...o.argv].join(' '),
    scenarios: o.scenarios.map((p) => shown(resolve(p))),
    seed,
    draws,
    workers,
    inputs: [...new Map(hashes.flat().map((h) => [h.file, h])).values()],
  };
  const files = new Map<string, string | Buffer>([
    ['comparison.json', `${JSON.stringify(comparison, null, 2)}\n`],
    ['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`],
  ]);
  const reports = await compareReportFiles(
    comparison,
    runs.map((r) => r.summary),
    o.lang,
    o.charts !== false,
  );
  for (const [name, data] of reports) files.set(name, data);
  runs.forEach((r, k) => {
    const sub = `${k + 1}-${r.summary.scenario.name}`;
    files.set(`${sub}/summary.json`, `${JSON.stringify(r.summary, null, 2)}\n`);
    files.set(`${sub}/events.csv`, r.events);
  });
  const failed = await writeOutputFolder(dir, files, o.force, io);
  if (failed !== undefined) return failed;

  if (warning) io.out(warning);
  const names = comparison.scenarios.map((s) => s.name);
  io.out(`${o.lang === 'zh' ? '对比' : 'compare'}: ${names.join(' · ')} · ${draws} ${o.lang === 'zh' ? '次模拟' : 'draws'} · seed ${seed}`);
  const labelWidth = Math.max(...comparison.targets.map((t) => width(t.label)));
  const colWidth = Math.max(9, ...names.map((n) => width(n)));
  io.out(`  ${pad('', labelWidth)}  ${names.map((n) => pad(n, colWidth)).join('  ')}`);
  for (const t of comparison.targets) {
    const cells = t.byScenario.map((x) => pad(x ? `${MARK[x.status as keyof typeof MARK]} ${pct(x.probability, 0)}` : '–', colWidth));
    io.out(`  ${pad(t.label, labelWidth)}  ${cells.join('  ')}`.trimEnd());
  }
  const title = (name: string) => comparison.scenarios.find((x) => x.name === name)?.title ?? name;
  for (const c of comparison.costs.slice(1))
    io.out(
      `  ${msg.compareCostLine(
        o.lang,
        title(c.scenario),
        title(names[0]),
        c.extraVacatedEnergyTce,
        c.valueAddedLost === null ? null : -c.valueAddedLost,
        c.jobsLost === null ? null : -c.jobsLost,
      )}`,
    );
  io.out(`${o.lang === 'zh' ? '结果目录' : 'folder'}: ${shown(dir)}`);
  return EXIT.ok;
}

/**
 * What differs between the inputs of two scenarios besides their policies: the registry,
 * factors and evaluation files, by content (sha256) — the same file under two paths is the same.
 */
function inputDifferences(a: LoadedScenario, aHashes: readonly Hashed[], b: LoadedScenario, bHashes: readonly Hashed[]): string[] {
  const out: string[] = [];
  const of = (l: LoadedScenario, hashes: readonly Hashed[], role: 'registry' | 'factors' | 'evaluation') =>
    hashes.find((h) => h.file === shown(l.scenario.files[role]))!;
  for (const role of ['registry', 'factors', 'evaluation'] as const) {
    const [x, y] = [of(a, aHashes, role), of(b, bHashes, role)];
    if (x.sha256 !== y.sha256)
      out.push(`${role}: ${x.file} (sha256 ${x.sha256.slice(0, 12)}…) vs ${y.file} (sha256 ${y.sha256.slice(0, 12)}…)`);
  }
  return out;
}
