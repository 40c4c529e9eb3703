import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { msg } from '../messages/messages.js';

/**
 * YAML slips Chinese users make (issue #14 §13), found in the text before or around the parse so
 * each gets one plain sentence with its fix at its line and column instead of the parser's
 * generic error (or, worse, a silently different value).
 */
export interface Slip {
  readonly code: string;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The parts of a line outside quotes and comments, as [start, end) index ranges. */
function plainRanges(line: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote && !(quote === '"' && line[i - 1] === '\\')) {
        quote = undefined;
        start = i + 1;
      }
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:{[,\-]/.test(line[i - 1]))) {
      out.push([start, i]);
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      out.push([start, i]);
      return out;
    }
  }
  if (!quote) out.push([start, line.length]);
  return out;
}

/** The text since the last structural delimiter (line start, `- `, `{`, `[`, `,`) before `i`. */
function tokenBefore(line: string, i: number): string {
  let j = i;
  while (j > 0 && !/[{[,]/.test(line[j - 1])) j--;
  return line
    .slice(j, i)
    .replace(/^\s*(-\s+)*/, '')
    .trim();
}

/**
 * Scans the text for a full-width colon after a key (`draws：100`) and for full-width spaces
 * (U+3000) used as indentation or after a key's colon; quoted strings and comments are left alone,
 * and so is a `：` inside ordinary text (`title: 镇海：2025`).
 */
export function textSlips(text: string): Slip[] {
  const slips: Slip[] = [];
  const lines = text.split(/\r?\n/);
  let block = -1; // indentation of a block scalar's key (`|`, `>`): its lines are text
  lines.forEach((line, n) => {
    const indent = /^[ \t\u3000]*/.exec(line)![0];
    if (block >= 0) {
      if (line.trim() === '' || indent.length > block) return;
      block = -1;
    }
    for (const [a, b] of plainRanges(line)) {
      for (let i = a; i < b; i++) {
        const c = line[i];
        if (c === '：') {
          const key = tokenBefore(line, i);
          if (!KEY.test(key)) continue;
          slips.push({ code: 'yaml/full-width-colon', message: msg.yamlFullWidthColon(key), line: n + 1, column: i + 1 });
        } else if (c === '\u3000') {
          const before = line.slice(0, i).replace(/[\u3000 ]+$/, '');
          const after = line.slice(i).replace(/^[\u3000 ]+/, '');
          const keyed = (end: number) => KEY.test(tokenBefore(line, end));
          const slip =
            i < indent.length || (/[:：]$/.test(before) && keyed(before.length - 1)) || (/^[:：]/.test(after) && keyed(before.length));
          if (slip) slips.push({ code: 'yaml/full-width-space', message: msg.yamlFullWidthSpace(), line: n + 1, column: i + 1 });
          else continue;
        } else continue;
        return; // one slip a line is enough
      }
    }
    if (/:\s*[|>][+-]?\d*\s*(#.*)?$/.test(line)) block = indent.length;
  });
  return slips;
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Numbers written with thousands separators: `at_least: 30,000` is read as the text "30,000",
 * and `{ at_least: 30,000 }` as `at_least: 30` plus a key `000` with no value.
 */
export function thousandsSlips(doc: Document, text: string, offset: (i: number) => { line: number; column: number }): Slip[] {
  const slips: Slip[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isScalar(node) && node.type === Scalar.PLAIN && typeof node.value === 'string' && THOUSANDS.test(node.value.trim())) {
      slips.push({ code: 'yaml/thousands', message: msg.yamlThousands(node.value.trim()), ...offset(node.range?.[0] ?? 0) });
    }
    if (isMap(node) && node.flow) {
      for (const item of node.items) {
        const k = item.key as Node | null;
        if (!isScalar(k) || !k.range || item.value !== null || !/^\d{3}$/.test(text.slice(k.range[0], k.range[1]))) continue;
        // a key of three digits right after "<digits>," — the tail of a number split at its comma
        const m = /[+-]?\d{1,3}(,\d{3})*,$/.exec(text.slice(Math.max(0, k.range[0] - 40), k.range[0]));
        if (!m) continue;
        const start = k.range[0] - m[0].length;
        const whole = text.slice(start, k.range[1]).concat(/^(,\d{3})+/.exec(text.slice(k.range[1]))?.[0] ?? '');
        slips.push({ code: 'yaml/thousands', message: msg.yamlThousands(whole), ...offset(start) });
      }
    }
    if (isMap(node) || isSeq(node)) for (const item of node.items) isPair(item) ? stack.push(item.key, item.value) : stack.push(item);
  }
  return slips.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * For a parse error about indentation, the first line at or after `fromLine` (and at most two lines
 * further: the parser reports a slip at its line or the one before) whose indentation lines up with
 * no open level, with the levels it could have (deepest first).
 */
export function indentSlip(text: string, fromLine: number): Slip | undefined {
  const lines = text.split(/\r?\n/);
  let levels = [0];
  let opens = false; // the previous line ends with `key:` (a nested block follows)
  let block = -1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const ind = /^ */.exec(line)![0].length;
    if (block >= 0) {
      if (ind > block) continue;
      block = -1;
    }
    if (opens && ind > levels[levels.length - 1]) levels.push(ind);
    else {
      const above = levels.filter((l) => l >= ind);
      if (!levels.includes(ind) && n + 1 >= fromLine) {
        if (n + 1 > fromLine + 2) return undefined;
        const near = [...new Set([...levels.filter((l) => l < ind).slice(-1), ...above.slice(0, 1)])].sort((a, b) => b - a);
        return { code: 'yaml/indent', message: msg.yamlIndentSlip(ind, near), line: n + 1, column: 1 };
      }
      levels = levels.filter((l) => l <= ind);
      if (!levels.includes(ind)) levels.push(ind);
    }
    // a list item's content sits after its dash: `- a: 1` opens level ind + 2 for `  b: 2`
    const dash = /^( *)((- +)+)/.exec(line);
    if (dash) levels.push(dash[1].length + dash[2].length);
    const body = line.replace(/\s+#.*$/, '');
    opens = /:$/.test(body.trimEnd()) || /^ *-$/.test(body);
    if (/:\s*[|>][+-]?\d*$/.test(body.trimEnd())) block = ind;
  }
  return undefined;
}

/** The parser's error codes that a line indented wrongly produces. */
export const INDENT_ERRORS = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'MISSING_CHAR']);
