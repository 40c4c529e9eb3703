import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';

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

/** Parses YAML text; syntax errors (and duplicate keys) come back as diagnostics with line and column. */
export function parseYaml(text: string, file: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { code: 'yaml/syntax', message: msg.yamlSyntax(e.message.split('\n')[0]), file, line: pos.line, column: pos.col };
  });
  if (diagnostics.length) return { diagnostics };
  const start = (n: unknown): number | undefined => {
    const r = (n as Node | undefined)?.range;
    return r ? r[0] : undefined;
  };
  const source: YamlSource = {
    file,
    value: doc.toJS({ maxAliasCount: 100 }),
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
