import { msg } from '../messages/messages.js';
import { DrawFailure, NonFiniteResult, RunAborted } from '../parallel/runner.js';
import { EXIT, type Streams } from './io-streams.js';

/**
 * Turns the failures of running draws into their message and exit code: Ctrl-C (130) and a draw
 * that threw (1), a draw whose numbers are not finite (2: the scenario's numbers lead there).
 * Anything else is rethrown.
 */
export function runFailureExit(e: unknown, io: Streams): number {
  if (e instanceof RunAborted) {
    io.err(msg.interrupted());
    return EXIT.interrupted;
  }
  if (e instanceof NonFiniteResult) {
    io.err(e.message);
    return EXIT.badInput;
  }
  if (e instanceof DrawFailure && e.input) {
    io.err(msg.drawImpossible(e.draw, e.message));
    return EXIT.badInput;
  }
  if (e instanceof DrawFailure) {
    io.err(msg.drawFailed(e.draw, e.message));
    return EXIT.internal;
  }
  throw e;
}
