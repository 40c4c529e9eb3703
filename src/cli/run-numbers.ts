import type { Lang } from './labels.js';
import { availableParallelism } from 'node:os';
import { msg } from '../messages/messages.js';
import { EXIT, type Streams } from './io-streams.js';

/** The most Monte Carlo draws a run takes, on the command line as in the scenario file (monte_carlo.draws). */
export const MAX_DRAWS = 1_000_000;

/**
 * Checks the numbers every simulating command takes (--draws, --seed, --workers) before any
 * work; prints the first problem and returns its exit code, or undefined when they are fine.
 */
export function checkRunNumbers(o: { draws?: number; seed?: number; workers?: number }, io: Streams): number | undefined {
  const problem =
    o.draws !== undefined && (!Number.isInteger(o.draws) || o.draws < 1)
      ? `--draws: ${msg.notPositiveInteger(o.draws)}`
      : o.draws !== undefined && o.draws > MAX_DRAWS
        ? `--draws: ${msg.tooBig(o.draws, MAX_DRAWS, true, 'number')}`
        : o.seed !== undefined && (!Number.isSafeInteger(o.seed) || o.seed < 0)
          ? `--seed: ${msg.notPositiveInteger(o.seed, 0)}`
          : o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)
            ? `--workers: ${msg.notPositiveInteger(o.workers, 0)}`
            : undefined;
  if (problem === undefined) return undefined;
  io.err(problem);
  return EXIT.badInput;
}

/**
 * The worker threads a run of `draws` draws uses: --workers (default: the cores), at most one per
 * draw and 4 per core — more only cost memory. Asking for more is not an error: a note on stderr.
 */
export function workerCount(asked: number | undefined, draws: number, io: Streams, cores = availableParallelism()): number {
  const cap = Math.max(1, Math.min(draws, 4 * cores));
  if (asked === undefined) return Math.min(cores, cap);
  if (asked <= cap) return asked;
  io.err(msg.workersCapped(asked, cap, draws, cores));
  return cap;
}

/** The options of a command that runs a scenario several times on common random numbers (seek, admit). */
export interface SearchRunOptions {
  readonly scenario: string;
  /** Actuals instead of the scenario's (`--actuals`), up to `--as-of`. */
  readonly actuals?: string;
  readonly asOf?: string;
  readonly draws: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly force: boolean;
  readonly lang: Lang;
  readonly argv: readonly string[];
}
