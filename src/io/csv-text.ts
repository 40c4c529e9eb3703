import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';

/** Bytes of a file's start examined for an encoding. */
const SNIFF = 4096;

/** True when the start of a file looks like UTF-16 without a BOM: ASCII text with a NUL byte beside each character. */
function looksUtf16(b: Buffer): boolean {
  const n = Math.min(b.length, SNIFF) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) > n / 2 / 4; // a quarter of the characters ASCII, say
}

/** The first line of a text, trimmed, for a message. */
const firstLine = (text: string): string =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]
    .trim();

/**
 * Decodes a CSV file's bytes as UTF-8 (a BOM is allowed) — the one place a CSV's encoding is
 * decided, for the registry and a policy's tables alike. Anything else is refused in one message
 * naming the encoding and the fix ('CSV UTF-8' in Excel): UTF-16 with a BOM or with the NUL
 * pattern of UTF-16 text (Excel's "Unicode text"), and bytes that are not UTF-8 — GBK/GB18030
 * when they decode as such (the message then shows the first line as it was meant).
 */
export function decodeCsvText(data: Buffer, file: string): { text?: string; diagnostics: Diagnostic[] } {
  const refused = checkCsvBytes(data, file);
  return refused.length ? { diagnostics: refused } : { text: new TextDecoder('utf-8').decode(data), diagnostics: [] };
}

/**
 * The encoding check of {@link decodeCsvText} without decoding: nothing when the bytes are UTF-8
 * (a BOM allowed), else the one refusal. A large file is then parsed from its bytes, never held
 * as text too.
 */
export function checkCsvBytes(data: Buffer, file: string): Diagnostic[] {
  const refuse = (message: string) => [{ code: 'csv/encoding', message, file, row: 1 }];
  const bomLE = data[0] === 0xff && data[1] === 0xfe;
  const bomBE = data[0] === 0xfe && data[1] === 0xff;
  if (bomLE || bomBE || looksUtf16(data)) {
    let header: string | undefined;
    try {
      const le = bomLE || (!bomBE && data[1] === 0);
      header = firstLine(new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(data.subarray(0, SNIFF)));
    } catch {
      header = undefined;
    }
    return refuse(msg.notUtf8('utf-16', header));
  }
  if (isUtf8(data)) return [];
  try {
    const head = data.subarray(0, SNIFF);
    const cut = head.lastIndexOf(0x0a);
    return refuse(
      msg.notUtf8('gbk', firstLine(new TextDecoder('gb18030', { fatal: true }).decode(cut > 0 ? head.subarray(0, cut) : head))),
    );
  } catch {
    return refuse(msg.notUtf8('unknown'));
  }
}

/**
 * Finds a delimiter other than the comma: reading a CSV's first rows (split at commas) in order,
 * a row that is a single cell which ';' or a tab splits into three or more comes before any row
 * of three cells (the header of a ';' file is one cell; its data rows may split at decimal
 * commas). Returns that delimiter and the row, else undefined.
 */
export function otherDelimiter(
  rows: readonly { readonly row: number; readonly cells: readonly string[] }[],
): { sep: ';' | '\t'; row: number } | undefined {
  for (const r of rows.slice(0, 20)) {
    const filled = r.cells.filter((c) => c.trim() !== '');
    if (filled.length >= 3) return undefined;
    if (filled.length !== 1) continue;
    for (const sep of ['\t', ';'] as const) if (filled[0].split(sep).length >= 3) return { sep, row: r.row };
  }
  return undefined;
}
