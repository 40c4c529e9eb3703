import { homedir } from 'node:os';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { WriteInterrupted, writeNewFile, type FileData } from './atomic-write.js';
import { PARTIAL_FILE, PARTIAL_KIND } from './partial.js';
import { oldFolderName, tempFolderPrefix, trackTemp, untrackTemp } from './temp-names.js';

/** The `kind` of the manifest.json (or seek.json) dcsim writes in each output folder it makes. */
export const OUTPUT_KIND = { run: 'dcsim-run', compare: 'dcsim-compare', seek: 'dcsim-seek', admit: 'dcsim-admit' } as const;

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
 * What is at an output path: nothing, an empty folder (usable as is), a folder dcsim wrote
 * (replaceable with --force), any other folder, or something that is not a folder (a file, a
 * link: never replaced).
 */
export type OutputState = 'absent' | 'empty' | 'dcsim' | 'other' | 'not-folder';

/** Reads a marker file of a dcsim output folder; undefined unless it is a regular JSON file holding a map. */
async function marker(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    if (!(await lstat(path)).isFile()) return undefined;
    const v: unknown = JSON.parse(await readFile(path, 'utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A manifest or seek.json of dcsim 0.1.0, written before the `kind` marker: its version and its command line. */
const legacy = (m: Record<string, unknown>) =>
  typeof m.dcsim === 'string' && typeof m.command === 'string' && m.command.startsWith('dcsim ');

/**
 * Tells whether `dir` is an output folder dcsim wrote: it holds a dcsim manifest.json (run,
 * merge, compare), partial.json (run --shard) or seek.json. The current folder, a folder that
 * holds it, the home folder and the root are never one.
 */
export async function isDcsimOutput(dir: string): Promise<boolean> {
  const abs = resolve(dir);
  const rel = relative(abs, process.cwd());
  if (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return false; // the current folder or one holding it
  if (abs === resolve(homedir()) || abs === dirname(abs)) return false;
  const kinds: readonly string[] = Object.values(OUTPUT_KIND);
  const manifest = await marker(join(abs, 'manifest.json'));
  if (manifest && ((typeof manifest.kind === 'string' && kinds.includes(manifest.kind)) || legacy(manifest))) return true;
  const partial = await marker(join(abs, PARTIAL_FILE));
  if (partial?.kind === PARTIAL_KIND) return true;
  const seek = await marker(join(abs, 'seek.json'));
  return seek !== undefined && (seek.kind === OUTPUT_KIND.seek || legacy(seek));
}

/** Classifies what is at an output path (see {@link OutputState}); a symbolic link is never followed. */
export async function outputState(dir: string): Promise<OutputState> {
  let st;
  try {
    st = await lstat(dir);
  } catch {
    return 'absent';
  }
  if (!st.isDirectory()) return 'not-folder';
  if ((await readdir(dir)).length === 0) return 'empty';
  return (await isDcsimOutput(dir)) ? 'dcsim' : 'other';
}

/** The output folder may not be written: it exists and --force was not given, or it is not one dcsim wrote. */
export class OutputRefused extends Error {
  constructor(
    readonly state: OutputState,
    readonly path: string,
    readonly force: boolean,
  ) {
    super(`${path} exists (${state})`);
  }
}

export interface WriteFolderOptions {
  /** Ctrl-C or SIGTERM: the temporary folder is removed and {@link WriteInterrupted} thrown. */
  readonly signal?: AbortSignal;
  /** Replace the folder whatever it holds (`dcsim chart` replacing the charts/ of a run folder it checked). */
  readonly replaceAny?: boolean;
}

/**
 * Writes a run folder atomically (DESIGN §6): every file goes into a temporary folder made by
 * mkdtemp next to `dir`, which is renamed to `dir` only when complete, so a folder that exists is
 * whole. An empty folder at `dir` is used as is; an existing folder is replaced only with `force`
 * and only when dcsim wrote it ({@link isDcsimOutput}) — after the new one is complete — else
 * {@link OutputRefused} is thrown. On any failure or interruption the temporary folder is removed.
 */
export async function writeRunFolder(
  dir: string,
  files: ReadonlyMap<string, FileData>,
  force: boolean,
  o: WriteFolderOptions = {},
): Promise<void> {
  const parent = dirname(dir);
  if (o.signal?.aborted) throw new WriteInterrupted();
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, tempFolderPrefix(basename(dir))));
  trackTemp(tmp);
  try {
    for (const [name, data] of files) {
      if (o.signal?.aborted) throw new WriteInterrupted();
      await mkdir(dirname(join(tmp, name)), { recursive: true });
      await writeNewFile(join(tmp, name), data);
    }
    await chmod(tmp, 0o755); // mkdtemp makes it private while it is written
    if (o.signal?.aborted) throw new WriteInterrupted();
    const state = await outputState(dir);
    if (state === 'absent' || state === 'empty') {
      await rename(tmp, dir); // an empty folder is replaced by the rename
      return;
    }
    if (state === 'not-folder' || !force || (state !== 'dcsim' && !o.replaceAny)) throw new OutputRefused(state, dir, force);
    const old = join(parent, oldFolderName(basename(dir)));
    await rename(dir, old);
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    untrackTemp(tmp);
  }
}
