import { constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { tempFileName, trackTemp, untrackTemp } from './temp-names.js';

/** The write was stopped by Ctrl-C or SIGTERM; the temporary file or folder was removed. */
export class WriteInterrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** A file's text produced piece by piece as it is written (a large table), never held whole. */
export interface TextChunks {
  /** The text in order; called once per write. */
  readonly chunks: () => Iterable<string>;
}

/** What a file is written from: its text, its bytes, or its text in pieces. */
export type FileData = string | Buffer | TextChunks;

/** Characters gathered before a write: few system calls, little held. */
const WRITE_CHARS = 1 << 20;

/**
 * Creates a new file and writes it, exclusively: fails if anything — a file or a symbolic link,
 * even a dangling one — is at `path` (O_CREAT | O_EXCL, and O_NOFOLLOW), so a planted link is
 * never followed. On a failed write (disk full, file size limit) the new file is removed.
 */
export async function writeNewFile(path: string, data: FileData): Promise<void> {
  const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    if (typeof data === 'string' || Buffer.isBuffer(data)) await handle.writeFile(data);
    else {
      let pending = '';
      for (const chunk of data.chunks()) {
        pending += chunk;
        if (pending.length >= WRITE_CHARS) {
          await handle.writeFile(pending);
          pending = '';
        }
      }
      await handle.writeFile(pending);
    }
  } catch (e) {
    await handle.close();
    await rm(path, { force: true }); // ours: created exclusively above
    throw e;
  }
  await handle.close();
}

/**
 * Writes a file through an exclusively created temporary sibling with an unguessable name and a
 * rename, so a reader never sees half a file and no planted link is followed. Replaces what is at
 * `path` (a file, or a link itself, never its target). With `signal` aborted the temporary file
 * is removed and {@link WriteInterrupted} thrown.
 */
export async function writeFileAtomic(path: string, data: FileData, signal?: AbortSignal): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), tempFileName(basename(path)));
  let created = false;
  trackTemp(tmp);
  try {
    if (signal?.aborted) throw new WriteInterrupted();
    await writeNewFile(tmp, data);
    created = true;
    if (signal?.aborted) throw new WriteInterrupted();
    await rename(tmp, path);
  } catch (e) {
    if (created) await rm(tmp, { force: true });
    throw e;
  } finally {
    untrackTemp(tmp);
  }
}
