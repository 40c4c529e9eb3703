import { basename, extname } from 'node:path';
import { msg } from '../messages/messages.js';
import { Refused } from './errors.js';

/** What the page may upload. */
export type UploadKind = 'registry' | 'scenario' | 'actuals';

const MiB = 1024 * 1024;

/** Per kind: the most bytes taken (413 beyond) and the file extensions its loader reads. */
export const UPLOAD_KINDS: Readonly<Record<UploadKind, { readonly maxBytes: number; readonly extensions: readonly string[] }>> = {
  registry: { maxBytes: 64 * MiB, extensions: ['.csv', '.xlsx'] },
  actuals: { maxBytes: 16 * MiB, extensions: ['.csv', '.xlsx'] },
  scenario: { maxBytes: 1 * MiB, extensions: ['.yaml', '.yml'] },
};

/** The largest upload of any kind: the body limit of the upload route (each kind's own cap is checked first). */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_KINDS).map((k) => k.maxBytes));

/** The kind named by `?kind=`, or a 400. */
export function uploadKind(kind: unknown): UploadKind {
  if (typeof kind === 'string' && Object.hasOwn(UPLOAD_KINDS, kind)) return kind as UploadKind;
  throw new Refused(400, msg.serveUploadKind(kind, Object.keys(UPLOAD_KINDS)));
}

/**
 * The user's own file name from the `x-filename` header (percent-encoded, so a Chinese name
 * survives HTTP's Latin-1 headers), reduced to its last part: it only names the file in
 * messages and picks the loader by its extension — the file is stored under a name the server
 * chooses. Returns the name and its lower-case extension, or a 400 naming the extensions read.
 */
export function uploadName(kind: UploadKind, header: unknown): { name: string; extension: string } {
  let name = typeof header === 'string' ? header : '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: taken as sent
  }
  name = basename(name.replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f]/g, '')
    .slice(-200);
  const extension = extname(name).toLowerCase();
  if (!UPLOAD_KINDS[kind].extensions.includes(extension))
    throw new Refused(400, msg.serveUploadExtension(kind, name, UPLOAD_KINDS[kind].extensions));
  return { name, extension };
}

/** Refuses a body beyond its kind's cap (413). */
export function checkUploadSize(kind: UploadKind, bytes: number): void {
  if (bytes > UPLOAD_KINDS[kind].maxBytes) throw new Refused(413, msg.serveUploadTooLarge(kind, UPLOAD_KINDS[kind].maxBytes / MiB));
}
