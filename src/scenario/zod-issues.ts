import type { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import { parsePercent } from './param.js';

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  valueType?: { _zod: { def: Def } };
  keyType?: { _zod: { def: Def } };
  entries?: Record<string, string>;
  in?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
}

const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Lists the keys an object schema accepts at `path` (for "valid keys here" in messages). */
export function keysAt(schema: z.ZodType, path: ValuePath): string[] {
  let defs: Def[] = [defOf(schema)];
  const unwrap = (d: Def): Def[] => {
    switch (d.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
        return unwrap(defOf(d.innerType));
      case 'pipe':
        return unwrap(defOf(d.in));
      case 'union':
        return (d.options ?? []).flatMap((o) => unwrap(defOf(o)));
      default:
        return [d];
    }
  };
  defs = defs.flatMap(unwrap);
  for (const k of path) {
    const next: Def[] = [];
    for (const d of defs) {
      if (d.type === 'object' && typeof k === 'string' && d.shape?.[k]) next.push(defOf(d.shape[k]));
      else if (d.type === 'array' && typeof k === 'number' && d.element) next.push(defOf(d.element));
      else if (d.type === 'record' && d.valueType) next.push(defOf(d.valueType));
    }
    defs = next.flatMap(unwrap);
  }
  const keysOf = (d: Def): string[] => {
    if (d.type === 'object' && d.shape) return Object.keys(d.shape);
    const k = d.type === 'record' && d.keyType ? defOf(d.keyType) : undefined;
    return k?.type === 'enum' && k.entries ? Object.values(k.entries) : [];
  };
  return [...new Set(defs.flatMap(keysOf))];
}

function valueAtPath(value: unknown, path: ValuePath): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * Turns zod issues into path issues with a message from the builders saying what would be
 * valid; `prefix` places a sub-document (a policy entry) inside the scenario.
 */
export function zodPathIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, input: unknown, prefix: ValuePath = []): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const got = valueAtPath(input, path);
    const at = (p: ValuePath, where: 'key' | 'value', message: string, code: string) => {
      out.push({ path: [...prefix, ...p], code, message, at: where });
    };
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) at([...path, key], 'key', msg.unknownKey(key, keysAt(schema, path)), 'schema/unknown-key');
        break;
      case 'invalid_type':
        if (got === undefined) at(path, 'key', msg.missingKey(issue.expected), 'schema/missing-key');
        else if ((issue.expected === 'number' || issue.expected === 'int') && parsePercent(got) !== undefined)
          // a percentage where the value is not a fraction (`draws: 50%`): fractions take it before this point
          at(path, 'value', msg.percentNotFraction(String(got).trim(), String(path[path.length - 1] ?? 'this value')), 'schema/percent');
        else if (issue.expected === 'int') at(path, 'value', msg.notInteger(got), 'schema/not-integer');
        else at(path, 'value', msg.wrongType(issue.expected, got), 'schema/wrong-type');
        break;
      case 'invalid_value':
        at(path, 'value', msg.notOneOf(got, issue.values), 'schema/not-one-of');
        break;
      case 'too_small':
        at(path, 'value', msg.tooSmall(got, issue.minimum, issue.inclusive ?? true, issue.origin), 'schema/too-small');
        break;
      case 'too_big':
        at(path, 'value', msg.tooBig(got, issue.maximum, issue.inclusive ?? true, issue.origin), 'schema/too-big');
        break;
      case 'invalid_union':
        at(path, 'value', issue.message, 'schema/invalid');
        break;
      case 'custom':
        at(path, (issue.params as { at?: 'key' | 'value' } | undefined)?.at ?? 'value', issue.message, 'schema/invalid');
        break;
      default:
        at(path, 'value', issue.message, 'schema/invalid');
    }
  }
  return out;
}

/** Validates `input` with `schema`; returns the parsed value or the issues at their paths. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, prefix: ValuePath = []): { value?: T; issues: PathIssue[] } {
  const r = schema.safeParse(input);
  return r.success ? { value: r.data, issues: [] } : { issues: zodPathIssues(r.error.issues, schema, input, prefix) };
}
