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

/** Aborted by the first SIGINT or SIGTERM while a command runs under {@link withInterrupts}; undefined outside one. */
export function interruptSignal(): AbortSignal | undefined {
  return current?.controller.signal;
}

/** The exit code of a command stopped by a signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM. */
export function interruptedExit(sig: NodeJS.Signals): number {
  return sig === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}
