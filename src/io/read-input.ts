import { readFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';

/** Reads an input file, turning "not found" and permission problems into diagnostics. */
export async function readInput(path: string, shownAs: string, what: string): Promise<Result<Buffer>> {
  try {
    return ok(await readFile(path));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message = err.code === 'ENOENT' ? msg.fileNotFound(what, shownAs) : msg.fileUnreadable(shownAs, err.message);
    return fail([{ code: 'io/read', message, file: shownAs }]);
  }
}
