import { lstat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { shown } from '../io/scenario-load.js';
import { msg } from '../messages/messages.js';
import { EXIT, type Streams } from './io-streams.js';
import { emptyOutExit, sweepWithNotes } from './output.js';

/**
 * The check of a one-file output (--out of synth, calibrate, rebase) before any work: not empty,
 * not a folder, and an existing file replaced only with --force. Returns the absolute path, or
 * the exit code after printing the message.
 */
export async function prepareOutputFile(
  out: string,
  force: boolean,
  io: Streams,
  flag = '--out',
): Promise<{ path: string } | { code: number }> {
  const empty = emptyOutExit(out, io);
  if (empty !== undefined) return { code: empty };
  const path = resolve(out);
  await sweepWithNotes(dirname(path), io);
  const at = await lstat(path).catch(() => undefined);
  if (at?.isDirectory()) {
    io.err(`${flag}: ${msg.outputIsFolder(shown(path))}`);
    return { code: EXIT.badInput };
  }
  if (at && !force) {
    io.err(`${flag}: ${msg.outputExists(shown(path))}`);
    return { code: EXIT.badInput };
  }
  return { path };
}
