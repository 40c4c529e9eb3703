import { msg } from '../messages/messages.js';
import { EXIT, type Streams } from './io-streams.js';

/**
 * Checks the numbers every simulating command takes (--draws, --seed, --workers); prints the
 * first problem and returns its exit code, or undefined when they are fine.
 */
export function checkRunNumbers(o: { draws?: number; seed?: number; workers?: number }, io: Streams): number | undefined {
  const problem =
    o.draws !== undefined && (!Number.isInteger(o.draws) || o.draws < 1)
      ? `--draws: ${msg.notPositiveInteger(o.draws)}`
      : o.seed !== undefined && (!Number.isSafeInteger(o.seed) || o.seed < 0)
        ? `--seed: ${msg.notPositiveInteger(o.seed, 0)}`
        : o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)
          ? `--workers: ${msg.notPositiveInteger(o.workers, 0)}`
          : undefined;
  if (problem === undefined) return undefined;
  io.err(problem);
  return EXIT.badInput;
}
