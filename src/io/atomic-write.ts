import { rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** Writes a file through a temporary sibling and a rename, so a reader never sees half a file. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
