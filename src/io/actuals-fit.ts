import { fitTable, type ActualsSummary } from '../actuals/fit.js';
import { lastCompleteYear } from '../actuals/period.js';
import type { SimulationInput } from '../engine/simulate.js';
import { runDraws, type DrawRunResult, type WorkerPool } from '../parallel/runner.js';
import { shown } from './scenario-load.js';

/** Draws of the uncalibrated run behind the fit table: enough for a P50, at most the run's own. */
export const FIT_DRAWS = 200;

/**
 * What a run with actuals adds to summary.json (`actuals`): the as_of, the files, and the fit
 * table — each observed annual value against the P50 of the model before conditioning (the same
 * scenario with the recorded actions replayed and no value matched, on the run's first
 * {@link FIT_DRAWS} draws and seed) and of the run. Undefined without actuals.
 */
export async function actualsSummary(
  input: SimulationInput,
  drawn: Pick<DrawRunResult, 'layout' | 'values'>,
  o: { seed: number; draws: readonly number[]; workers: number; signal?: AbortSignal },
  pool?: WorkerPool,
): Promise<ActualsSummary | undefined> {
  const actuals = input.scenario.actuals;
  if (!actuals) return undefined;
  const draws = o.draws.slice(0, FIT_DRAWS);
  const hasAnnual = actuals.values.some((v) => v.period.kind === 'year' && !v.tracked);
  const uncalibrated = hasAnnual
    ? await runDraws(
        { ...input, scenario: { ...input.scenario, actuals: { ...actuals, values: [] } } },
        { seed: o.seed, draws, workers: o.workers, recordDraw: -1, ...(o.signal ? { signal: o.signal } : {}) },
        pool,
      )
    : undefined;
  const size = drawn.layout.ids.length * drawn.layout.years.length;
  return {
    as_of: actuals.asOf.text,
    complete_through: lastCompleteYear(actuals.asOf),
    files: actuals.files.map(shown),
    observations: actuals.values.length,
    actions: actuals.actions.length,
    fit_draws: uncalibrated ? draws.length : 0,
    fit: uncalibrated
      ? fitTable(actuals, drawn.layout, drawn.values.subarray(0, draws.length * size), uncalibrated.values, input.scenario.period.base)
      : [],
  };
}
