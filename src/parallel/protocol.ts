import type { EngineEvent } from '../engine/state.js';
import type { TransferInput } from './transfer.js';

/**
 * Main thread → worker. `run` numbers the pool's runs (a pool serves many: dcsim compare, seek):
 * the worker repeats it in every answer, so an answer left over from an earlier run — a worker
 * that was still building that run's simulation when the other workers had drawn every draw —
 * is told apart and ignored.
 */
export type ToWorker =
  | { readonly type: 'init'; readonly run: number; readonly input: TransferInput }
  | {
      readonly type: 'run';
      readonly run: number;
      /** Where the batch's rows go: the position of its first draw in the run's list of draws. */
      readonly start: number;
      readonly seed: number;
      readonly draws: readonly number[];
      readonly recordDraw: number;
      readonly failAtDraw: number;
    };

/** Worker → main thread; `run` as the message answered. */
export type FromWorker =
  | { readonly type: 'ready'; readonly run: number }
  | {
      readonly type: 'result';
      readonly run: number;
      readonly start: number;
      readonly draws: readonly number[];
      readonly values: Float64Array;
      /** The per-draw numbers of the batch's draws (Simulation.paramNames order). */
      readonly params: Float64Array;
      /** With the recorded draw: its events and the slot labels (project names are set in the draw). */
      readonly events?: readonly EngineEvent[];
      readonly ids?: readonly string[];
      readonly names?: readonly string[];
    }
  | {
      readonly type: 'error';
      readonly run: number;
      readonly draw: number;
      readonly message: string;
      readonly stack?: string;
      /** True when the scenario's numbers led there (an ImpossibleValue), not a bug. */
      readonly input?: boolean;
    };
