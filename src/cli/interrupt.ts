import { msg } from '../messages/messages.js';
import { EXIT } from './io-streams.js';

/** The signal that interrupted the command running now, once one has. */
let current: { controller: AbortController; by?: NodeJS.Signals } | undefined;

/**
 * Runs a command with Ctrl-C (SIGINT) and SIGTERM trapped: the first signal aborts
 * {@link interruptSignal} — the workers stop and a run folder being written loses its
 * temporary folder — and the command ends with 130 (SIGINT) or 143 (SIGTERM, 128 + 15). A
 * second signal ends the process at once (a temporary folder left then is swept by the next run).
 */
export async function withInterrupts(run: () => Promise<number>): Promise<number> {
  process.off('SIGINT', beforeCommand);
  process.off('SIGTERM', beforeCommand);
  const state: { controller: AbortController; by?: NodeJS.Signals } = { controller: new AbortController() };
  const onSignal = (sig: NodeJS.Signals) => {
    if (state.by) process.exit(interruptedExit(state.by));
    state.by = sig;
    state.controller.abort(sig);
  };
  current = state;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await run();
    return state.by && code === EXIT.interrupted ? interruptedExit(state.by) : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    current = undefined;
  }
}

const beforeCommand = (sig: NodeJS.Signals) => {
  process.stderr.write(`${msg.interrupted()}\n`);
  process.exit(interruptedExit(sig));
};

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
