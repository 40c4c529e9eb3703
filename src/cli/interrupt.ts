import { msg } from '../messages/messages.js';
import { removeLiveTempsSync } from '../io/temp-names.js';
import { EXIT } from './io-streams.js';

/** The signal that interrupted the command running now, once one has. */
let current: { controller: AbortController; by?: NodeJS.Signals } | undefined;

/**
 * Runs a command with Ctrl-C (SIGINT) and SIGTERM trapped: the first signal aborts
 * {@link interruptSignal} — the workers stop and a run folder being written loses its
 * temporary folder — and the command ends with 130 (SIGINT) or 143 (SIGTERM, 128 + 15). A
 * command still busy after a short grace (loading, rendering), or a second signal, ends the
 * process at once, after removing the temporary files and folders being written. Only SIGKILL
 * can leave one; the next run sweeps it.
 */
export async function withInterrupts(run: () => Promise<number>): Promise<number> {
  process.off('SIGINT', beforeCommand);
  process.off('SIGTERM', beforeCommand);
  const state: { controller: AbortController; by?: NodeJS.Signals } = { controller: new AbortController() };
  let grace: NodeJS.Timeout | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (state.by) endNow(state.by);
    state.by = sig;
    state.controller.abort(sig);
    // a phase that does not watch the signal (loading, rendering) ends shortly all the same
    grace = setTimeout(() => endNow(sig), GRACE_MS);
    grace.unref();
  };
  current = state;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await run();
    return state.by && code === EXIT.interrupted ? interruptedExit(state.by) : code;
  } finally {
    clearTimeout(grace);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    current = undefined;
  }
}

/** How long the command has after a signal to stop by itself (the draws stop at once, a write between two files). */
const GRACE_MS = 1500;

/** Ends the process now: the temporary files and folders being written are removed first. */
function endNow(sig: NodeJS.Signals): never {
  removeLiveTempsSync();
  process.stderr.write(`${msg.interrupted()}\n`);
  process.exit(interruptedExit(sig));
}

const beforeCommand = (sig: NodeJS.Signals) => endNow(sig);

/**
 * Ends the process with 130 (SIGINT) or 143 (SIGTERM) on a signal that arrives before a command
 * runs — while the modules load, nothing is written yet — instead of dying by the signal.
 */
export function trapSignalsBeforeCommand(): void {
  process.on('SIGINT', beforeCommand);
  process.on('SIGTERM', beforeCommand);
}

/** Aborted by the first SIGINT or SIGTERM while a command runs under {@link withInterrupts}; undefined outside one. */
export function interruptSignal(): AbortSignal | undefined {
  return current?.controller.signal;
}

/** The exit code of a command stopped by a signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM. */
export function interruptedExit(sig: NodeJS.Signals): number {
  return sig === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}
