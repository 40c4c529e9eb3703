import type { EngineEvent } from '../engine/state.js';
import type { TransferInput } from './transfer.js';

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly input: TransferInput }
  | {
      readonly type: 'run';
      readonly seed: number;
      readonly draws: readonly number[];
      readonly recordDraw: number;
      readonly failAtDraw: number;
    };

/** Worker → main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | {
      readonly type: 'result';
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
      readonly draw: number;
      readonly message: string;
      readonly stack?: string;
      /** True when the scenario's numbers led there (an ImpossibleValue), not a bug. */
      readonly input?: boolean;
    };
