import { RESERVED_KEYS } from '../domain/reserved-keys.js';
import { msg } from '../messages/messages.js';
import { pathParts, resolveParent, setByPath } from '../scenario/vary-path.js';

/**
 * What the workbench changed against the base scenario's merged spec: values set at paths in
 * dcsim seek's syntax (`policies[3].per_year`, `growth.efficiency_gain`, `targets[0].at_least`),
 * indexes those of the base; then the base policies switched off (removed from the list).
 */
export interface Edits {
  readonly set: readonly { readonly path: string; readonly value: unknown }[];
  /** Indexes of base policies switched off, applied after `set` (so `set` paths keep the base's indexes). */
  readonly off: readonly number[];
}

export const NO_EDITS: Edits = { set: [], off: [] };

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value the page may write: a number, a string (an expression or a percentage), or a map/list of those (a distribution, a year series). */
function isPlainValue(v: unknown, depth = 0): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (depth > 3) return false;
  if (Array.isArray(v)) return v.every((x) => isPlainValue(x, depth + 1));
  return isMap(v) && Object.entries(v).every(([k, x]) => !RESERVED_KEYS.has(k) && isPlainValue(x, depth + 1));
}

/**
 * Applies edits to a copy of the base merged spec. A number goes through {@link setByPath} (a
 * disposition share rescales its siblings, as `dcsim seek --vary` does); another value replaces
 * the one at the path, which must exist. Returns the edited spec or the message of the first
 * edit that cannot be applied; the schema and the domains check the values afterwards.
 */
export function applyEdits(base: Readonly<Record<string, unknown>>, edits: Edits): { merged?: Record<string, unknown>; error?: string } {
  const merged = structuredClone(base) as Record<string, unknown>;
  for (const { path, value } of edits.set) {
    if (!isPlainValue(value)) return { error: msg.workbenchBadValue(path) };
    if (typeof value === 'number' && typeof getAt(merged, path) !== 'object') {
      const error = setByPath(merged, path, value);
      if (error) return { error };
      continue;
    }
    const parts = pathParts(path);
    const key = parts.at(-1);
    const parent = resolveParent(merged, parts.slice(0, -1));
    if (key === undefined || key.startsWith('[') || RESERVED_KEYS.has(key) || !isMap(parent) || !Object.hasOwn(parent, key))
      return { error: msg.badVaryPath(path, key ?? path) };
    parent[key] = structuredClone(value);
  }
  const policies = merged.policies;
  if (edits.off.length) {
    if (!Array.isArray(policies) || edits.off.some((i) => !Number.isInteger(i) || i < 0 || i >= policies.length))
      return { error: msg.workbenchBadPolicyIndex(edits.off, Array.isArray(policies) ? policies.length : 0) };
    const off = new Set(edits.off);
    merged.policies = policies.filter((_, i) => !off.has(i));
  }
  return { merged };
}

/** The value at a path, or undefined when the path leads nowhere. */
export function getAt(merged: Readonly<Record<string, unknown>>, path: string): unknown {
  try {
    return resolveParent(merged as Record<string, unknown>, pathParts(path));
  } catch {
    return undefined;
  }
}
