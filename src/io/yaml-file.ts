import type { z } from 'zod';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { PathIssue } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import { parseWith } from '../scenario/zod-issues.js';
import { readInput } from './read-input.js';
import { formatPath, parseYaml, type YamlSource } from './yaml-source.js';

/** Turns a path issue into a diagnostic at the file, line and column where the path is written. */
export function locateIssue(issue: PathIssue, sources: readonly YamlSource[]): Diagnostic {
  const severity = issue.severity === 'warning' ? { severity: issue.severity } : {};
  if (issue.file !== undefined)
    return { code: issue.code, message: issue.message, file: issue.file, row: issue.row, field: issue.field, ...severity };
  // the file that sets the path (child first); else the one holding its longest existing prefix
  let src = sources.find((s) => s.has(issue.path));
  for (let len = issue.path.length - 1; !src && len >= 0; len--) src = sources.find((s) => s.has(issue.path.slice(0, len)));
  src ??= sources[0];
  const pos = src.locate(issue.path, issue.at ?? 'value');
  return {
    code: issue.code,
    message: issue.message,
    file: src.file,
    line: pos.line,
    column: pos.column,
    field: formatPath(src.own?.(issue.path) ?? issue.path),
    ...severity,
  };
}

/** Reads and parses a YAML file that must hold a map. */
export async function readYamlMap(
  path: string,
  shownAs: string,
  what: string,
): Promise<{ source?: YamlSource; diagnostics: Diagnostic[] }> {
  const data = await readInput(path, shownAs, what);
  if (!data.ok) return { diagnostics: data.diagnostics };
  const { source, diagnostics } = parseYaml(data.value.toString('utf8').replace(/^\uFEFF/, ''), shownAs);
  if (!source) return { diagnostics };
  const v = source.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { diagnostics: [{ code: 'yaml/not-map', message: msg.yamlNotMap(), file: shownAs, line: 1, column: 1 }] };
  }
  return { source, diagnostics: [] };
}

/** Reads a YAML file and validates it with a schema; every problem comes back with its position. */
export async function loadYamlWith<T>(
  schema: z.ZodType<T>,
  path: string,
  shownAs: string,
  what: string,
): Promise<{ value?: T; diagnostics: Diagnostic[] }> {
  const { source, diagnostics } = await readYamlMap(path, shownAs, what);
  if (!source) return { diagnostics };
  const parsed = parseWith(schema, source.value);
  return parsed.value !== undefined
    ? { value: parsed.value, diagnostics: [] }
    : { diagnostics: parsed.issues.map((i) => locateIssue(i, [source])) };
}
