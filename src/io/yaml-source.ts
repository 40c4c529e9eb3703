import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../domain/diagnostic.js';
import { RESERVED_KEYS } from '../domain/reserved-keys.js';
import { msg } from '../messages/messages.js';
import { indentSlip, INDENT_ERRORS, textSlips, thousandsSlips } from './yaml-slips.js';

import type { ValuePath } from '../domain/path-issue.js';

export type { ValuePath };

/** A parsed YAML file that can point back at the line and column of any path. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** Returns the 1-based line/column of the value at `path` (or of its key), or of the deepest existing parent. */
  locate(path: ValuePath, at?: 'key' | 'value'): { line: number; column: number; exact: boolean };
  /** Tells whether this file itself sets the value at `path`. */
  has(path: ValuePath): boolean;
  /** The path as this file writes it (a policy merged by id: `policies.village.per_year`), for the message's field. */
  own?(path: ValuePath): ValuePath;
}

function child(node: unknown, key: string | number): { keyNode?: Node; valueNode?: unknown } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        const k = isScalar(item.key) ? item.key.value : item.key;
        if (String(k) === String(key)) return { keyNode: item.key as Node, valueNode: item.value };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number' && key < node.items.length) return { valueNode: node.items[key] };
  return undefined;
}

/** Deepest nesting of maps and lists accepted (a scenario needs about 8). */
export const MAX_YAML_DEPTH = 64;
/** Most values YAML aliases (`*name`) may expand to in one file (an alias bomb expands to billions). */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Walks the document's nodes (without recursion, so any depth is safe) and returns a node nested
 * deeper than {@link MAX_YAML_DEPTH}, the first alias in the text, and a reserved key.
 */
function scan(doc: Document): { tooDeep?: Node; alias?: Node; reserved?: { key: string; node: Node } } {
  const found: ReturnType<typeof scan> = {};
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (isAlias(node) && (found.alias === undefined || (node.range?.[0] ?? 0) < (found.alias.range?.[0] ?? 0))) found.alias = node;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_YAML_DEPTH) {
      found.tooDeep ??= node as Node;
      continue;
    }
    for (const item of node.items) {
      if (isPair(item)) {
        const k = isScalar(item.key) ? item.key.value : undefined;
        if (typeof k === 'string' && RESERVED_KEYS.has(k)) found.reserved ??= { key: k, node: item.key as Node };
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return found;
}

/**
 * Parses YAML text; syntax errors (and duplicate keys), nesting deeper than
 * {@link MAX_YAML_DEPTH}, alias bombs and reserved keys (`__proto__`, `constructor`, `prototype`)
 * come back as diagnostics with line and column.
 */
export function parseYaml(text: string, file: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  // full-width colons and spaces (issue #14 §13): one sentence each, before the parser's own errors
  const slips = textSlips(text);
  if (slips.length) return { diagnostics: slips.map((s) => ({ ...s, file })) };
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    if (/call stack/i.test(e.message)) return { code: 'yaml/too-deep', message: msg.yamlTooDeep(MAX_YAML_DEPTH), ...at(e.pos[0]) };
    const slip = INDENT_ERRORS.has(e.code) ? indentSlip(text, at(e.pos[0]).line) : undefined;
    return slip ? { ...slip, file } : { code: 'yaml/syntax', message: msg.yamlSyntax(e.message.split('\n')[0]), ...at(e.pos[0]) };
  });
  const tooDeep = diagnostics.find((d) => d.code === 'yaml/too-deep');
  if (diagnostics.length) {
    // one indentation slip gives the parser several errors: report it once
    const unique = diagnostics.filter((d, i) => diagnostics.findIndex((o) => o.line === d.line && o.message === d.message) === i);
    return { diagnostics: tooDeep ? [tooDeep] : unique };
  }
  const thousands = thousandsSlips(doc, text, (i) => {
    const p = at(i);
    return { line: p.line, column: p.column };
  });
  if (thousands.length) return { diagnostics: thousands.map((s) => ({ ...s, file })) };
  const found = scan(doc);
  if (found.tooDeep)
    return { diagnostics: [{ code: 'yaml/too-deep', message: msg.yamlTooDeep(MAX_YAML_DEPTH), ...at(found.tooDeep.range?.[0]) }] };
  if (found.reserved) {
    const d = { code: 'yaml/reserved-key', message: msg.reservedKey(found.reserved.key), ...at(found.reserved.node.range?.[0]) };
    return { diagnostics: [d] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
    // an alias bomb (or an alias to nothing): reported at the first alias
    const message = /alias count/i.test(e.message) ? msg.yamlAliasBomb(MAX_YAML_ALIAS_COUNT) : msg.yamlSyntax(e.message.split('\n')[0]);
    return { diagnostics: [{ code: 'yaml/aliases', message, ...at(found.alias?.range?.[0]) }] };
  }
  const start = (n: unknown): number | undefined => {
    const r = (n as Node | undefined)?.range;
    return r ? r[0] : undefined;
  };
  const source: YamlSource = {
    file,
    value,
    locate(path, at = 'value') {
      let node: unknown = doc.contents;
      let offset = start(node) ?? 0;
      let exact = true;
      for (let i = 0; i < path.length; i++) {
        const c = child(node, path[i]);
        if (!c) {
          exact = false;
          break;
        }
        const last = i === path.length - 1;
        const pos = last && at === 'key' && c.keyNode ? start(c.keyNode) : (start(c.valueNode) ?? start(c.keyNode));
        if (pos !== undefined) offset = pos;
        node = c.valueNode;
      }
      const lp = lineCounter.linePos(offset);
      return { line: lp.line, column: lp.col, exact };
    },
    has(path) {
      let node: unknown = doc.contents;
      for (const k of path) {
        const c = child(node, k);
        if (!c) return false;
        node = c.valueNode;
      }
      return true;
    },
  };
  return { source, diagnostics };
}

/** Formats a value path as the user writes it: `policies[0].dispositions.upgrade.share`. */
export function formatPath(path: ValuePath): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s;
}
