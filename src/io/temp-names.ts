import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { rmSync } from 'node:fs';

/**
 * dcsim's own temporary names, next to what they become: `.NAME.dcsim-tmp-PID-XXXXXX` (a run
 * folder being written, made by mkdtemp), `.NAME.dcsim-old-PID-XXXXXX` (a folder being replaced
 * with --force) and `.NAME.dcsim-PID-HEX.tmp` (a file being written). The PID says which process
 * owns it; the random part makes it impossible to plant in advance.
 */
const TEMP = /^\.(.+)\.dcsim-(tmp|old)-(\d+)-[A-Za-z0-9]{6,}$|^\..+\.dcsim-(\d+)-[0-9a-f]{8,}\.tmp$/;

/** A temporary file may be left this long by a live process before it counts as stale (PIDs are reused). */
const STALE_AFTER_MS = 24 * 3600 * 1000;

/** The prefix of a temporary folder for `name`, completed by mkdtemp. */
export function tempFolderPrefix(name: string): string {
  return `.${name}.dcsim-tmp-${process.pid}-`;
}

/** A fresh name for the folder being replaced with --force. */
export function oldFolderName(name: string): string {
  return `.${name}.dcsim-old-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** A fresh temporary name for file `name`. */
export function tempFileName(name: string): string {
  return `.${name}.dcsim-${process.pid}-${randomBytes(8).toString('hex')}.tmp`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A stale temporary path dealt with: removed, or — a replaced folder whose replacement never arrived — renamed back. */
export interface SweptTemp {
  readonly path: string;
  readonly restoredTo?: string;
}

/**
 * Removes the temporary files and folders of dcsim's own naming in `folder` that an earlier run
 * left (stopped by SIGKILL or a crash): those whose process is gone, or older than a day. A
 * folder being replaced with --force whose new version never arrived (its name is free) is
 * renamed back instead: nothing is lost. A symbolic link is removed itself, never followed. A
 * folder that cannot be read gives none.
 */
export async function sweepStaleTemps(folder: string, now = Date.now()): Promise<SweptTemp[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const swept: SweptTemp[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[3] ?? m[4]);
    const path = join(folder, name);
    try {
      const st = await lstat(path);
      if (pid === process.pid || (alive(pid) && now - st.mtimeMs < STALE_AFTER_MS)) continue;
      const original = m[2] === 'old' && st.isDirectory() ? join(folder, m[1]) : undefined;
      if (
        original !== undefined &&
        !(await lstat(original).then(
          () => true,
          () => false,
        ))
      ) {
        await rename(path, original);
        swept.push({ path, restoredTo: original });
        continue;
      }
      await rm(path, { recursive: st.isDirectory(), force: true });
      swept.push({ path });
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return swept;
}

/** Temporary files and folders being written now, removed at once if the process must end. */
const live = new Set<string>();

/** Marks a temporary path as being written (see {@link removeLiveTempsSync}). */
export function trackTemp(path: string): void {
  live.add(path);
}

/** The temporary path was renamed into place or removed. */
export function untrackTemp(path: string): void {
  live.delete(path);
}

/** Removes every temporary path being written, synchronously: the last thing before the process ends on a signal. */
export function removeLiveTempsSync(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
}
