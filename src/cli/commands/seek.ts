import { join } from 'node:path';
import { aggregate, runMeta, type RunSummary } from '../../engine/aggregate.js';
import { seekSettings, seekValue, type SeekPoint } from '../../engine/seek.js';
import { seekChartFiles } from '../../io/compare-files.js';
import { targetLabel } from '../../report/labels.js';
import { OUTPUT_KIND } from '../../io/run-folder.js';
import { loadScenario, shown } from '../../io/scenario-load.js';
import { actualsOptions } from '../actuals-options.js';
import { msg } from '../../messages/messages.js';
import { runDraws, WorkerPool } from '../../parallel/runner.js';
import { runFailureExit } from '../run-failure.js';
import { getByPath, setByPath } from '../../scenario/vary-path.js';
import { printDiagnostics } from '../diagnostics.js';
import { progressBar, showProgress } from '../progress.js';
import { fmt, pct } from '../format.js';
import { EXIT, type Streams } from '../io-streams.js';
import { checkRunNumbers, workerCount, type SearchRunOptions } from '../run-numbers.js';
import { interruptSignal } from '../interrupt.js';
import { emptyOutExit, prepareOutputFolder, writeOutputFolder } from '../output.js';
import type { Lang } from '../labels.js';
import { formatTargetValue } from '../scorecard.js';
import { VERSION } from '../version.js';
import { timestamp } from './run.js';

export interface SeekOptions extends SearchRunOptions {
  readonly target: string;
  readonly vary: string;
  readonly min: number;
  /** Absent: expand geometrically from the current value up to `bound`. */
  readonly max?: number;
  readonly bound?: number;
  readonly confidence?: number;
  readonly maximize: boolean;
  readonly tolerance?: number;
  /** No progress bar. */
  readonly quiet?: boolean;
}

/**
 * `dcsim seek`: the smallest (or with --maximize the largest) value of one scenario parameter at
 * which a target is met with the given confidence — bisection on common random numbers — with
 * the curve of probability against the parameter and the costs at the answer.
 */
export async function seekCommand(o: SeekOptions, io: Streams): Promise<number> {
  const bad = (message: string) => {
    io.err(message);
    return EXIT.badInput;
  };
  if (o.max !== undefined && !(o.min < o.max)) return bad(msg.seekMaxBelowMin(o.min, o.max));
  if (o.bound !== undefined && !(o.min < o.bound)) return bad(msg.seekBoundBelowMin(o.min, o.bound));
  if (o.confidence !== undefined && !(o.confidence > 0 && o.confidence <= 1))
    return bad(`--confidence: ${msg.notInRange(o.confidence, '0 < confidence ≤ 1, e.g. 0.9')}`);
  if (o.tolerance !== undefined && !(o.tolerance > 0 && Number.isFinite(o.tolerance)))
    return bad(`--tolerance: ${msg.notInRange(o.tolerance, 'a number > 0')}`);
  const numbers = checkRunNumbers(o, io) ?? emptyOutExit(o.out, io);
  if (numbers !== undefined) return numbers;
  const { value, diagnostics } = await loadScenario(o.scenario, undefined, actualsOptions(o));
  if (!value) {
    printDiagnostics(diagnostics, io);
    return EXIT.badInput;
  }
  const target = value.scenario.targets.find((t) => t.id === o.target);
  if (!target)
    return bad(
      msg.unknownTarget(
        o.target,
        value.scenario.targets.map((t) => t.id),
      ),
    );
  let pathError: string | undefined;
  let current: number | undefined;
  const probe = value.vary((m) => {
    current = getByPath(m, o.vary);
    pathError = setByPath(m, o.vary, o.min);
  });
  if (pathError) return bad(pathError);
  if (probe.diagnostics.length) {
    printDiagnostics(probe.diagnostics, io);
    return EXIT.badInput;
  }
  const confidence = o.confidence ?? target.confidence;
  const seed = o.seed ?? value.scenario.monteCarlo.seed;
  const output = await prepareOutputFolder(o.out, () => join('outputs', 'seek', timestamp(new Date())), o.force, io);
  if ('code' in output) return output.code;
  const { dir } = output;
  const workers = workerCount(o.workers, o.draws, io);
  // without --max: the built-in cap per kind — shares up to 1, other numbers up to 100,000 [R]
  const { integer, bound, start, tolerance } = seekSettings({ ...o, current });
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  const summaries = new Map<number, RunSummary>();
  // never quiet (issue #14 item 9): one bar per evaluated point, over its draws — "点 3 · x = 46 [###…] 120/200"
  const progress = showProgress(o.quiet);
  let evaluated = 0;
  let bar: ReturnType<typeof progressBar> | undefined;
  const evaluate = async (v: number): Promise<SeekPoint> => {
    const { scenario, diagnostics: ds } = value.vary((m) => void setByPath(m, o.vary, v));
    if (!scenario) throw new VaryError(ds.map((d) => d.message).join('; '));
    const input = { scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation };
    evaluated += 1;
    bar = progress ? progressBar(`${msg.seekProgressPoint(o.lang, evaluated)} · ${o.vary} = ${fmt(v, integer ? 0 : 4)} `) : undefined;
    const r = await runDraws(
      input,
      {
        seed,
        draws: Array.from({ length: o.draws }, (_, d) => d),
        workers,
        recordDraw: -1,
        signal: interruptSignal(),
        ...(bar ? { onProgress: bar.update } : {}),
      },
      pool,
    );
    const summary = aggregate(runMeta(scenario, r.layout), r.layout, r.values, o.draws, seed);
    summaries.set(v, summary);
    const t = summary.targets.find((x) => x.id === o.target)!;
    return { value: v, probability: t.probability, p50: t.p50 };
  };
  let result;
  try {
    result = await seekValue(evaluate, {
      min: o.min,
      max: o.max,
      start,
      bound,
      confidence,
      maximize: o.maximize,
      integer,
      tolerance,
    });
  } catch (e) {
    if (e instanceof VaryError) return bad(e.message);
    return runFailureExit(e, io);
  } finally {
    bar?.clear();
    await pool?.close();
  }
  const end = String(value.scenario.period.end);
  // the end year's medians at the answer: value added and tax in 10k yuan (万元), employees in persons
  const endYearAt = (v: number | null) => {
    const s = v === null ? undefined : summaries.get(v);
    return s
      ? {
          value_added: s.metrics.value_added[end]?.p50 ?? null,
          tax: s.metrics.tax[end]?.p50 ?? null,
          employees: s.metrics.employees[end]?.p50 ?? null,
        }
      : null;
  };
  const seek = {
    kind: OUTPUT_KIND.seek,
    dcsim: VERSION,
    command: ['dcsim', ...o.argv].join(' '),
    scenario: value.scenario.name,
    target: {
      id: target.id,
      label: target.label,
      metric: target.metric,
      kind: target.kind,
      ...(target.kind === 'level' ? {} : { from: target.from }),
      year: target.year,
      bound: target.bound,
      goal: target.goal,
    },
    vary: o.vary,
    // a whole-number parameter (integer ticks when dcsim chart draws the curve again)
    integer,
    range: o.max !== undefined ? [o.min, o.max] : result.range,
    ...(o.max === undefined ? { expanded_from: start ?? null, bound } : {}),
    confidence,
    draws: o.draws,
    seed,
    direction: o.maximize ? 'largest value meeting the target' : 'smallest value meeting the target',
    assumption: `probability ${result.assumption === 'increasing' ? 'rises' : 'falls'} with the value`,
    monotone: result.monotone,
    answer: result.answer,
    end_year_at_answer: endYearAt(result.answer),
    end_year_at_answer_units: {
      year: Number(end),
      value_added: '10k yuan (万元), median',
      tax: '10k yuan (万元), median',
      employees: 'persons, median',
    },
    ...(result.plateau !== null ? { plateau: result.plateau } : {}),
    points: result.points,
  };
  const files = new Map<string, string | Buffer>([
    ['seek.json', `${JSON.stringify(seek, null, 2)}\n`],
    ...(await seekChartFiles(seek, o.lang)),
  ]);
  const failed = await writeOutputFolder(dir, files, o.force, io);
  if (failed !== undefined) return failed;
  const zh = o.lang === 'zh';
  for (const p of result.points)
    io.out(
      `  ${o.vary} = ${fmt(p.value, integer ? 0 : 4)}: ${zh ? '达成概率' : 'probability'} ${pct(p.probability, 0)} · P50 ${formatTargetValue(target, p.p50, o.lang)}`,
    );
  io.out(
    result.answer === null
      ? msg.seekPlateau(o.lang, o.vary, targetLabel(target, o.lang), seek.range[0], seek.range[1], confidence, pct(result.plateau ?? 0, 0))
      : msg.seekAnswerIn(o.lang, o.vary, fmt(result.answer, integer ? 0 : 4), targetLabel(target, o.lang), confidence, o.maximize),
  );
  if (!result.monotone) io.out(msg.seekNotMonotoneIn(o.lang, result.assumption === 'increasing'));
  io.out(`${zh ? '结果目录' : 'folder'}: ${shown(dir)}`);
  return EXIT.ok;
}

class VaryError extends Error {}
