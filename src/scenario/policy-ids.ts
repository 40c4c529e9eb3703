import type { PathIssue } from '../domain/path-issue.js';
import { closest, msg } from '../messages/messages.js';

/** A policy id: letters, digits, `-` and `_` (`village`, `ccus-refinery`). */
export const POLICY_ID = /^[A-Za-z0-9_-]+$/;

/** Where a policy of the merged list is written in one file: its index in a `policies:` list, or its id in a map. */
export type PolicyPlace = string | number | undefined;

/** The `policies` of an `extends` chain merged by id ({@link mergePolicies}). */
export interface PolicyMerge {
  /** The merged list; a file's value that is neither a list nor a map is passed on as is, for the schema to report. */
  readonly value: unknown;
  /** `places[f][i]`: where merged policy `i` is written in file `f` (child first), undefined when not there. */
  readonly places: readonly (readonly PolicyPlace[])[];
  /** Problems, each at a path of the file `file` (child first) that sets it. */
  readonly issues: readonly { readonly file: number; readonly issue: PathIssue }[];
}

/** A policy entry without its `id` (its `extends` handle), for the policy's own schema. */
export function withoutId(entry: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(entry, 'id')) return entry;
  const { id: _id, ...rest } = entry;
  return rest;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Entry {
  value: unknown;
  id?: string;
  readonly where: Map<number, string | number>;
}

/**
 * Merges the `policies` of an `extends` chain, root last in `values` (each file's `policies`,
 * undefined when it has none). A list replaces what came before (its entries may carry `id:`,
 * unique in the list); a map of id → entry changes the policies already there: an entry merges
 * into the policy with that id (`merge`, maps key by key as `extends` does elsewhere), `null`
 * removes it, and an id not yet there appends a new policy, which must have a `type`. A map
 * entry's `before: <id>` puts the policy just before the one with that id instead of at the end.
 * The merged entries keep their `id` (appended ones get it from their key); `before` is dropped.
 */
export function mergePolicies(values: readonly unknown[], merge: (parent: unknown, child: unknown) => unknown): PolicyMerge {
  const issues: { file: number; issue: PathIssue }[] = [];
  const bad = (file: number, issue: PathIssue) => issues.push({ file, issue });
  let entries: Entry[] = [];
  let raw: { value: unknown } | undefined;
  for (let f = values.length - 1; f >= 0; f--) {
    const v = values[f];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      raw = undefined;
      const seen = new Set<string>();
      entries = v.map((item, j) => {
        const e: Entry = { value: item, where: new Map([[f, j]]) };
        if (!isMap(item) || !Object.hasOwn(item, 'id')) return e;
        const id = item.id;
        const path = ['policies', j, 'id'];
        if (typeof id !== 'string' || !POLICY_ID.test(id)) bad(f, { path, code: 'scenario/policy-id', message: msg.policyIdBad(id) });
        else if (seen.has(id)) bad(f, { path, code: 'scenario/policy-id-duplicate', message: msg.policyIdDuplicate(id) });
        else {
          seen.add(id);
          e.id = id;
        }
        return e;
      });
      continue;
    }
    if (!isMap(v)) {
      // not a list: the schema reports it at this file's `policies`
      [raw, entries] = [{ value: v }, []];
      continue;
    }
    raw = undefined;
    for (const [key, change] of Object.entries(v)) {
      const path = ['policies', key];
      const ids = () => entries.flatMap((e) => (e.id === undefined ? [] : [e.id]));
      if (!POLICY_ID.test(key)) {
        bad(f, { path, at: 'key', code: 'scenario/policy-id', message: msg.policyIdBad(key) });
        continue;
      }
      const at = entries.findIndex((e) => e.id === key);
      if (change === null) {
        if (at < 0) {
          const message = msg.policyIdUnknown(key, ids(), closest(key, ids()), true);
          bad(f, { path, at: 'key', code: 'scenario/policy-id-unknown', message });
        } else entries.splice(at, 1);
        continue;
      }
      if (!isMap(change)) {
        bad(f, { path, code: 'scenario/policy-id-entry', message: msg.policyIdEntry(key, change) });
        continue;
      }
      if (Object.hasOwn(change, 'id') && change.id !== key) {
        bad(f, { path: [...path, 'id'], code: 'scenario/policy-id', message: msg.policyIdMismatch(key, change.id) });
        continue;
      }
      const body: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(change))
        if (k !== 'before' && k !== 'id')
          Object.defineProperty(body, k, { value: x, enumerable: true, writable: true, configurable: true });
      let entry: Entry;
      if (at >= 0) {
        entry = entries[at];
        entry.value = merge(entry.value, body);
        entry.where.set(f, key);
      } else {
        if (!Object.hasOwn(body, 'type')) {
          const message = msg.policyIdUnknown(key, ids(), closest(key, ids()), false);
          bad(f, { path, at: 'key', code: 'scenario/policy-id-unknown', message });
          continue;
        }
        entry = { value: { id: key, ...body }, id: key, where: new Map([[f, key]]) };
        entries.push(entry);
      }
      if (!Object.hasOwn(change, 'before')) continue;
      const before = change.before;
      const others = ids().filter((id) => id !== key);
      if (typeof before !== 'string' || !others.includes(before)) {
        const message = msg.policyBeforeUnknown(before, others, typeof before === 'string' ? closest(before, others) : undefined);
        bad(f, { path: [...path, 'before'], code: 'scenario/policy-before', message });
        continue;
      }
      entries.splice(entries.indexOf(entry), 1);
      entries.splice(
        entries.findIndex((e) => e.id === before),
        0,
        entry,
      );
    }
  }
  return {
    value: raw ? raw.value : entries.map((e) => e.value),
    places: values.map((_, f) => entries.map((e) => e.where.get(f))),
    issues,
  };
}
