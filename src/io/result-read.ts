import { readFile } from 'node:fs/promises';
import { msg } from '../messages/messages.js';

/** A file of a dcsim result read back, or why it cannot be used (missing, empty, cut short, not a map). */
export type ResultRead<T> = { readonly value: T } | { readonly reason: string; readonly missing: boolean };

/**
 * Reads a text file dcsim wrote (summary.json, partial.json, draws.csv) for a command that reads
 * results back (chart, merge): a missing, unreadable or empty file is a reason, not an exception.
 */
export async function readResultText(path: string): Promise<ResultRead<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { reason: msg.ioReason(code, (e as Error).message), missing: code === 'ENOENT' };
  }
  if (text.trim() === '') return { reason: msg.emptyFile(), missing: false };
  return { value: text };
}

/**
 * Reads a JSON file dcsim wrote and checks it is a map holding `keys`; `what` names it in the
 * reason ("run summary", "partial result").
 */
export async function readResultJson<T>(path: string, what: string, keys: readonly string[]): Promise<ResultRead<T>> {
  const text = await readResultText(path);
  if (!('value' in text)) return text;
  let v: unknown;
  try {
    v = JSON.parse(text.value);
  } catch (e) {
    return { reason: msg.notJson((e as Error).message), missing: false };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v) || keys.some((k) => !(k in v)))
    return { reason: msg.wrongShape(what), missing: false };
  return { value: v as T };
}
