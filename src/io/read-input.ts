import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { fail, ok, type Result } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';

const MB = 1_000_000;

/**
 * The largest input file dcsim reads, by what it is: a registry (CSV or XLSX) 500 MB, a policy's
 * table (a project pipeline CSV) 50 MB, anything else — a scenario and the YAML files it names —
 * 1 MB.
 */
export function inputLimit(what: string): number {
  if (what === 'registry') return 500 * MB;
  if (what === 'scenario' || what === 'factors' || what === 'evaluation' || what === 'aggregates' || what === 'benchmarks') return 1 * MB;
  return 50 * MB; // a policy's table (pipeline …)
}

/** What a non-regular file is, in a message's words. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Reads an input file — the one gate every input (scenario, `extends`, registry, factors,
 * evaluation, a policy's table) passes: only a regular file is read (a FIFO, a device such as
 * /dev/zero or a folder is refused before any byte is read; the file is opened non-blocking so a
 * FIFO cannot hang the open), and no more than {@link inputLimit} bytes. "Not found" and
 * permission problems become diagnostics naming the path.
 */
export async function readInput(path: string, shownAs: string, what: string, limit = inputLimit(what)): Promise<Result<Buffer>> {
  const refuse = (message: string) => fail<Buffer>([{ code: 'io/read', message, file: shownAs }]);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return refuse(err.code === 'ENOENT' ? msg.fileNotFound(what, shownAs) : msg.fileUnreadable(shownAs, err.message));
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return refuse(msg.notARegularFile(what, shownAs, kindOf(st)));
    if (st.size > limit) return refuse(msg.inputTooLarge(what, shownAs, st.size, limit));
    // read at most limit + 1 bytes: a file that grows while read is still caught
    const buf = Buffer.allocUnsafe(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) break;
    }
    if (n > limit) return refuse(msg.inputTooLarge(what, shownAs, n, limit));
    if (n > st.size) return refuse(msg.fileUnreadable(shownAs, 'the file grew while it was read; read it again when it is complete'));
    return ok(buf.subarray(0, n));
  } catch (e) {
    return refuse(msg.fileUnreadable(shownAs, (e as Error).message));
  } finally {
    await handle.close();
  }
}
