/** Where a command writes: injected so tests can run commands in-process and read the output. */
export interface Streams {
  out(line: string): void;
  err(line: string): void;
}

/** The process's stdout and stderr. */
export const processStreams: Streams = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Exit codes (DESIGN §5): 0 success, 1 internal failure, 2 bad input or usage, 3 targets missed
 * with --fail-on-miss, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.
 */
export const EXIT = { ok: 0, internal: 1, badInput: 2, targetsMissed: 3, interrupted: 130, terminated: 143 } as const;
