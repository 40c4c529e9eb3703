import { dirname, relative, resolve } from 'node:path';
import { lastCompleteYear } from '../../actuals/period.js';
import type { Actuals } from '../../actuals/types.js';
import { calibrationRows, fitTableLines } from '../../calibration/fit-table.js';
import { objective, relativeErrors, simulatedMeans } from '../../calibration/objective.js';
import { patternSearch } from '../../calibration/optimise.js';
import { applyParameters, fitParameters } from '../../calibration/parameters.js';
import { fitSeries } from '../../calibration/series.js';
import { fittedValue, halfWidths } from '../../calibration/spread.js';
import { calibratedYaml } from '../../calibration/yaml-text.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { loadScenario, shown, type ScenarioLoadOptions } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { runDraws, WorkerPool } from '../../parallel/runner.js';
import type { Scenario } from '../../scenario/resolve.js';
import { actualsOptions } from '../actuals-options.js';
import { printDiagnostics } from '../diagnostics.js';
import { interruptSignal } from '../interrupt.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';
import { prepareOutputFile } from '../output-file.js';
import { writeFailureExit } from '../output.js';
import { runFailureExit } from '../run-failure.js';
import { checkRunNumbers, workerCount } from '../run-numbers.js';

export interface CalibrateOptions {
  readonly scenario: string;
  readonly actuals?: string;
  readonly asOf?: string;
  readonly out: string;
  readonly draws: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly maxEvaluations?: number;
  /** Parameter ids held at the scenario's value (`--fix energy_elasticity,value_added.power_heat`). */
  readonly fix?: readonly string[];
  readonly force: boolean;
  readonly lang: Lang;
  readonly argv: readonly string[];
  /** Tests: actuals given as data instead of files (the loader's `actualsData`). */
  readonly load?: ScenarioLoadOptions;
}

/** The scenario with its recorded actions replayed and no observed value matched: the model the fit adjusts. */
const unconditioned = (s: Scenario, actuals: Actuals): Scenario => ({ ...s, actuals: { ...actuals, values: [] } });

/**
 * `dcsim calibrate`: fits the background — VA growth per sector group, energy elasticity,
 * efficiency gain (src/calibration/) — to the observed annual series up to as_of by least
 * squares on relative errors of the mean of the draws (common random numbers; recorded actions
 * replayed, no observed value matched), prints the fit per series and year and writes a scenario
 * that extends the original with the fitted values and the residual spread.
 */
export async function calibrateCommand(o: CalibrateOptions, io: Streams): Promise<number> {
  const numbers = checkRunNumbers(o, io);
  if (numbers !== undefined) return numbers;
  if (o.maxEvaluations !== undefined && !(Number.isInteger(o.maxEvaluations) && o.maxEvaluations >= 1)) {
    io.err(`--max-evaluations: ${msg.notPositiveInteger(o.maxEvaluations)}`);
    return EXIT.badInput;
  }
  const target = await prepareOutputFile(o.out, o.force, io);
  if ('code' in target) return target.code;
  const { value: loaded, diagnostics } = await loadScenario(o.scenario, undefined, o.load ?? actualsOptions(o));
  if (!loaded) {
    printDiagnostics(diagnostics, io);
    return EXIT.badInput;
  }
  const scenario = loaded.scenario;
  const actuals = scenario.actuals;
  if (!actuals) {
    io.err(msg.calibrateNoActuals(o.scenario));
    return EXIT.badInput;
  }
  const { base, end } = scenario.period;
  const lastYear = Math.min(end, lastCompleteYear(actuals.asOf));
  if (lastYear <= base) {
    io.err(msg.calibrateNoYear(actuals.asOf.text, base));
    return EXIT.badInput;
  }
  const { points, skipped } = fitSeries(actuals.values, base, lastYear);
  const skippedText = skipped.map((s) => `${s.metric} ${s.scope} ${s.year}`);
  if (!points.length) {
    io.err(msg.calibrateNoSeries(base + 1, lastYear, skippedText));
    return EXIT.badInput;
  }
  for (const s of skipped) io.err(`⚠ ${msg.calibrateSkipped(`${s.metric} ${s.scope} ${s.year}`, s.reason)}`);
  const years = Array.from({ length: lastYear - base }, (_, i) => base + 1 + i);
  const table = loaded.registry.table;
  const all = fitParameters(scenario.growth, table, years);
  const fix = o.fix ?? [];
  const unknown = fix.filter((id) => !all.some((p) => p.id === id));
  if (unknown.length) {
    io.err(
      `--fix: ${msg.calibrateUnknownParameter(
        unknown[0],
        all.map((p) => p.id),
      )}`,
    );
    return EXIT.badInput;
  }
  const params = all.filter((p) => !fix.includes(p.id));
  if (!params.length) {
    io.err(`--fix: ${msg.calibrateAllFixed()}`);
    return EXIT.badInput;
  }
  const seed = o.seed ?? scenario.monteCarlo.seed;
  const drawList = Array.from({ length: o.draws }, (_, d) => d);
  const workers = workerCount(o.workers, o.draws, io);
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  const means = async (s: Scenario) => {
    const input = { scenario: unconditioned(s, actuals), table, factors: loaded.factors, evaluation: loaded.evaluation };
    const r = await runDraws(input, { seed, draws: drawList, workers, recordDraw: -1, signal: interruptSignal() }, pool);
    return simulatedMeans(r.layout, r.values, points);
  };
  const byPoint = new Map<string, number[]>();
  const candidate = (x: readonly number[]): Scenario => {
    const varied = loaded.vary((m) => applyParameters(m, params, x));
    if (!varied.scenario) throw new Error(varied.diagnostics.map((d) => d.message).join('; '));
    return varied.scenario;
  };
  io.out(
    o.lang === 'zh'
      ? `拟合 ${params.length} 个参数（${params.map((p) => p.id).join('、')}），${points.length} 个年度实际值（${base + 1}–${lastYear}），每次 ${o.draws} 次模拟`
      : `fitting ${params.length} parameters (${params.map((p) => p.id).join(', ')}) to ${points.length} observed annual values (${base + 1}–${lastYear}), ${o.draws} draws each`,
  );
  let before: number[];
  let result;
  try {
    before = await means(scenario);
    result = await patternSearch(
      async (x) => {
        const sim = await means(candidate(x));
        byPoint.set(x.join(','), sim);
        return objective(relativeErrors(points, sim), params, x);
      },
      params.map((p) => p.prior),
      {
        lower: params.map((p) => p.lower),
        upper: params.map((p) => p.upper),
        step: params.map((p) => p.step),
        ...(o.maxEvaluations !== undefined ? { maxEvaluations: o.maxEvaluations } : {}),
      },
    );
  } catch (e) {
    return runFailureExit(e, io);
  } finally {
    await pool?.close();
  }
  const after = byPoint.get(result.x.join(','))!;
  const errors = relativeErrors(points, after);
  const widths = halfWidths(params, result.x, points, errors, base);
  const fitted = params.map((p, i) => fittedValue(p, result.x[i], widths[i]));
  const rows = calibrationRows(points, before, after);
  const growth = structuredClone({ growth: loaded.spec.growth ?? {} }) as Record<string, unknown>;
  applyParameters(growth, params, result.x, (p) => fitted[params.indexOf(p)]);
  const fittedOf = (kind: 'energy_elasticity' | 'efficiency_gain', key: 'energyElasticity' | 'efficiencyGain') => {
    const i = params.findIndex((p) => p.kind === kind);
    return i < 0 ? {} : { [key]: fitted[i] };
  };
  const folder = dirname(target.path);
  const rel = (abs: string) => relative(folder, abs).split('\\').join('/') || '.';
  const sse = (errs: readonly number[]) => errs.reduce((s, r) => s + r * r, 0);
  const command = ['dcsim', ...o.argv].join(' ');
  const text = calibratedYaml({
    name: `${scenario.name}-calibrated`.slice(0, 120),
    title: `${scenario.title || scenario.name}（校准 ${base + 1}–${lastYear}）`,
    extendsPath: rel(resolve(o.scenario)),
    ...(o.actuals !== undefined && !o.actuals.includes(',') ? { actualsPath: rel(resolve(o.actuals)) } : {}),
    ...(params.some((p) => p.kind === 'value_added')
      ? { valueAdded: (growth.growth as Record<string, Record<string, unknown>>).value_added }
      : {}),
    ...fittedOf('energy_elasticity', 'energyElasticity'),
    ...fittedOf('efficiency_gain', 'efficiencyGain'),
    command,
    notes: [
      `as_of ${actuals.asOf.text}; observed annual values ${base + 1}–${lastYear}: ${points.length}; draws ${o.draws}, seed ${seed}; ${result.evaluations} evaluations${result.converged ? '' : ' (stopped before converging)'}`,
      ...(fix.length ? [`held at the scenario's values (--fix): ${fix.join(', ')}`] : []),
      `objective Σ((mean − observed) ÷ observed)² + 1e-6 Σ((x − prior) ÷ scale)²: sum of squares ${sse(relativeErrors(points, before)).toPrecision(4)} before, ${sse(errors).toPrecision(4)} after`,
      'spread: triangular per draw, fitted value ± the RMS yearly residual (README "Calibrate and start from 2025")',
    ],
    params: params.map((p, i) => ({ p, fitted: result.x[i], halfWidth: widths[i] })),
    rows,
  });
  try {
    await writeFileAtomic(target.path, text, interruptSignal());
  } catch (e) {
    return writeFailureExit(e, target.path, io, '--out: ');
  }
  for (const line of fitTableLines(rows, o.lang)) io.out(`  ${line}`);
  for (const [i, p] of params.entries()) io.out(`  ${p.id}: ${p.prior.toFixed(4)} → ${result.x[i].toFixed(4)} (± ${widths[i].toFixed(4)})`);
  if (!result.converged) io.err(`⚠ ${msg.calibrateNotConverged(result.evaluations)}`);
  io.out(`${o.lang === 'zh' ? '校准情景' : 'calibrated scenario'}: ${shown(target.path)}`);
  return EXIT.ok;
}
