import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { shown } from '../io/scenario-load.js';

/** The sha256 of every input file, for manifest.json (which data a result came from). */
export async function hashInputs(files: readonly string[]): Promise<{ file: string; sha256: string }[]> {
  return Promise.all(
    [...new Set(files)].map(async (f) => ({
      file: shown(f),
      sha256: createHash('sha256')
        .update(await readFile(f))
        .digest('hex'),
    })),
  );
}
