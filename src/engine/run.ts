import { aggregate, type RunSummary } from './aggregate.js';
import { createSimulation, type SimulationInput } from './simulate.js';
import type { EngineEvent } from './state.js';
import type { MetricLayout } from './metrics.js';

/** Everything a run produces before it is written out. */
export interface RunResult {
  readonly summary: RunSummary;
  readonly layout: MetricLayout;
  /** Per-draw metric rows: values[draw × drawSize + metric × years + year index]. */
  readonly values: Float64Array;
  /** The audit trail of draw 0. */
  readonly events: readonly EngineEvent[];
  readonly ids: readonly string[];
  readonly names: readonly string[];
}

/** Runs every draw in this thread (the worker pool runs the same `runDraw`) and aggregates. */
export function runInProcess(input: SimulationInput, draws: number, seed: number, onDraw?: (done: number) => void): RunResult {
  const sim = createSimulation(input);
  const values = new Float64Array(draws * sim.drawSize);
  let events: readonly EngineEvent[] = [];
  for (let d = 0; d < draws; d++) {
    const ev = sim.runDraw(seed, d, values, d * sim.drawSize, d === 0);
    if (ev) events = ev;
    onDraw?.(d + 1);
  }
  return {
    summary: aggregate(input.scenario, sim.layout, values, draws, seed),
    layout: sim.layout,
    values,
    events,
    ids: sim.state.ids,
    names: sim.state.names,
  };
}
