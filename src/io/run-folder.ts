import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Tells whether a path exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a run folder atomically (DESIGN §6): every file goes into a hidden temporary sibling,
 * which is renamed to `dir` only when complete, so a folder that exists is whole. With `force`
 * an existing folder is replaced only after the new one is complete. On any failure the
 * temporary folder is removed.
 */
export async function writeRunFolder(dir: string, files: ReadonlyMap<string, string | Buffer>, force: boolean): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp);
    for (const [name, data] of files) {
      await mkdir(dirname(join(tmp, name)), { recursive: true });
      await writeFile(join(tmp, name), data);
    }
    if (await exists(dir)) {
      if (!force) throw new Error(`${dir} appeared while the run was writing`);
      await rename(dir, old);
    }
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
