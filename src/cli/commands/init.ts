import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { initFiles } from '../../io/init-templates.js';
import { outputState, writeRunFolder } from '../../io/run-folder.js';
import { shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { interruptSignal } from '../interrupt.js';
import { EXIT, type Streams } from '../io-streams.js';
import { sweepWithNotes, writeFailureExit } from '../output.js';

export interface InitOptions {
  readonly folder: string;
  readonly district?: string;
  readonly base: number;
  readonly end: number;
  readonly force: boolean;
}

const isYear = (y: unknown): y is number => typeof y === 'number' && Number.isInteger(y) && y >= 1900 && y <= 2100;

/**
 * `dcsim init <folder>`: writes a new district's folder — a commented scenario, the registry,
 * pipeline and actuals templates, the shipped factors and evaluation models and a README. A new or
 * empty folder is written atomically (a temporary folder renamed when complete); a folder that holds
 * anything is refused unless --force, which then replaces only the template files (each atomically)
 * and keeps every other file; a file or a link at the path is never written.
 */
export async function initCommand(o: InitOptions, io: Streams): Promise<number> {
  if (o.folder.trim() === '') {
    io.err(msg.initEmptyFolder());
    return EXIT.badInput;
  }
  for (const [flag, y] of [
    ['base', o.base],
    ['end', o.end],
  ] as const)
    if (!isYear(y)) {
      io.err(msg.initBadYear(flag, y));
      return EXIT.badInput;
    }
  if (o.end <= o.base) {
    io.err(msg.initBadPeriod(o.base, o.end));
    return EXIT.badInput;
  }
  const district = o.district ?? '本区';
  if (district.trim() === '') {
    io.err(msg.initEmptyDistrict());
    return EXIT.badInput;
  }
  const dir = resolve(o.folder);
  await sweepWithNotes(dirname(dir), io);
  const state = await outputState(dir);
  if (state === 'not-folder') {
    io.err(msg.initNotFolder(shown(dir)));
    return EXIT.badInput;
  }
  if ((state === 'dcsim' || state === 'other') && !o.force) {
    io.err(msg.initNotEmpty(shown(dir)));
    return EXIT.badInput;
  }
  const files = await initFiles({ district: district.trim(), base: o.base, end: o.end });
  try {
    if (state === 'absent' || state === 'empty') await writeRunFolder(dir, files, false, { signal: interruptSignal() });
    else for (const [name, data] of files) await writeFileAtomic(join(dir, name), data, interruptSignal());
  } catch (e) {
    return writeFailureExit(e, dir, io);
  }
  io.out(msg.initWritten(shown(dir)));
  for (const name of files.keys()) io.out(`  ${name}`);
  const scenario = shown(join(dir, 'scenario.yaml'));
  io.out(msg.initNext(scenario));
  return EXIT.ok;
}
