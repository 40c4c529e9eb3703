import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WriteInterrupted, type FileData } from '../io/atomic-write.js';
import { OutputRefused, outputState, writeRunFolder } from '../io/run-folder.js';
import { shown } from '../io/scenario-load.js';
import { sweepStaleTemps } from '../io/temp-names.js';
import { msg } from '../messages/messages.js';
import { interruptSignal } from './interrupt.js';
import { EXIT, type Streams } from './io-streams.js';

/** An --out given as an empty string: a usage error (resolving it would name the current folder). */
export function emptyOutExit(out: string | undefined, io: Streams): number | undefined {
  if (out === undefined || out.trim() !== '') return undefined;
  io.err(`--out ${msg.emptyOut()}`);
  return EXIT.badInput;
}

/**
 * The one check of an output folder every writing command (run, compare, seek, merge) makes
 * before any work: --out not empty; nothing there, an empty folder, or — with --force only — a
 * folder dcsim wrote; never a file, a link, the current folder or a folder of the user's files.
 * Sweeps the stale temporary files and folders an earlier stopped run left next to it (with a
 * note). Returns the absolute folder, or the exit code after printing the message.
 */
export async function prepareOutputFolder(
  out: string | undefined,
  fallback: () => string,
  force: boolean,
  io: Streams,
): Promise<{ dir: string } | { code: number }> {
  const empty = emptyOutExit(out, io);
  if (empty !== undefined) return { code: empty };
  const dir = resolve(out ?? fallback());
  await sweepWithNotes(dirname(dir), io);
  const refused = refusal(await outputState(dir), dir, force);
  if (refused !== undefined) {
    io.err(`--out: ${refused}`);
    return { code: EXIT.badInput };
  }
  const unwritable = await unwritableReason(dirname(dir));
  if (unwritable === undefined) return { dir };
  io.err(`--out: ${msg.cannotWrite(shown(dir), unwritable)}`);
  return { code: EXIT.badInput };
}

/**
 * Why the folder that will hold the output (or its nearest existing ancestor, which the write
 * would create it in) cannot be written — read-only, no permission, a file in the path — or
 * undefined: found before the work, not after it.
 */
async function unwritableReason(folder: string): Promise<string | undefined> {
  for (let f = folder; ; f = dirname(f)) {
    try {
      const st = await stat(f);
      if (!st.isDirectory()) return msg.ioReason('ENOTDIR', '');
      await access(f, constants.W_OK | constants.X_OK);
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(f) === f) return msg.ioReason(code, (e as Error).message);
    }
  }
}

function refusal(state: Awaited<ReturnType<typeof outputState>>, dir: string, force: boolean): string | undefined {
  switch (state) {
    case 'absent':
    case 'empty':
      return undefined;
    case 'not-folder':
      return msg.outputNotFolder(shown(dir));
    case 'dcsim':
      return force ? undefined : msg.outputExists(shown(dir));
    case 'other':
      return force ? msg.notDcsimFolder(shown(dir)) : msg.outputExists(shown(dir));
  }
}

/**
 * Writes an output folder checked by {@link prepareOutputFolder}, interruptible by Ctrl-C and
 * SIGTERM; returns undefined when written, else the exit code after printing why not.
 */
export async function writeOutputFolder(
  dir: string,
  files: ReadonlyMap<string, FileData>,
  force: boolean,
  io: Streams,
): Promise<number | undefined> {
  try {
    await writeRunFolder(dir, files, force, { signal: interruptSignal() });
    return undefined;
  } catch (e) {
    return writeFailureExit(e, dir, io, '--out: ');
  }
}

/**
 * Turns a failure to write an output into its message and exit code: interrupted (130; 143 for
 * SIGTERM), the folder refused, or a file-system error — disk full, file size limit, read-only,
 * permission — as exit 2 with the path and the reason in words. Anything else is rethrown (a bug).
 */
export function writeFailureExit(e: unknown, path: string, io: Streams, prefix = ''): number {
  if (e instanceof WriteInterrupted) {
    io.err(msg.interrupted());
    return EXIT.interrupted;
  }
  if (e instanceof OutputRefused) {
    io.err(`${prefix}${refusal(e.state, e.path, e.force) ?? msg.outputExists(shown(e.path))}`);
    return EXIT.badInput;
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') throw e;
  const reason = msg.ioReason(code, (e as Error).message);
  io.err(prefix ? `${prefix}${msg.cannotWrite(shown(path), reason)}` : msg.cannotWriteRunFolder(shown(path), reason));
  return EXIT.badInput;
}

/** Sweeps the stale temporaries an earlier stopped run left in `folder` ({@link sweepStaleTemps}), with a note for each on stderr. */
export async function sweepWithNotes(folder: string, io: Streams): Promise<void> {
  for (const t of await sweepStaleTemps(folder))
    io.err(t.restoredTo ? msg.staleOldRestored(shown(t.path), shown(t.restoredTo)) : msg.staleTempRemoved(shown(t.path)));
}
