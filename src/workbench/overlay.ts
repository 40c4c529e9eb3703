import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { isValueMap } from '../scenario/merge.js';
import type { DomainSource } from './domains.js';
import { applyEdits, type Edits } from './edits.js';

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Marks "no change" in {@link diff} (undefined is no YAML value, but a distinct mark reads better). */
const SAME = Symbol('same');

/**
 * What a child must write for `extends` to turn `base` into `edited` (DESIGN §3: maps merge key
 * by key, lists, scalars and single values — a distribution, a year series — replace).
 */
function diff(base: unknown, edited: unknown): unknown {
  if (isDeepStrictEqual(base, edited)) return SAME;
  if (!isMap(base) || !isMap(edited) || isValueMap(base) || isValueMap(edited)) return edited;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(edited)) {
    const d = Object.hasOwn(base, k) ? diff(base[k], v) : v;
    if (d !== SAME) out[k] = d;
  }
  return out;
}

/**
 * The overlay a scenario file that `extends` the base holds so that the merged spec is `edited`:
 * only the keys that changed. Policies change by id when every base policy has one (`policies:
 * {village: {per_year: 60}, review: null}`, src/scenario/policy-ids.ts); otherwise the whole
 * edited list replaces the base's, since a list cannot be changed entry by entry. A key the
 * edits removed cannot be written as a change: the edits never remove one (only policies).
 */
export function overlayOf(base: Readonly<Record<string, unknown>>, edited: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { policies: basePolicies, ...baseRest } = base;
  const { policies: editedPolicies, ...editedRest } = edited;
  const rest = diff(baseRest, editedRest);
  const out: Record<string, unknown> = rest === SAME ? {} : { ...(rest as Record<string, unknown>) };
  if (isDeepStrictEqual(basePolicies, editedPolicies)) return out;
  const ids = Array.isArray(basePolicies) ? basePolicies.map((p) => (isMap(p) && typeof p.id === 'string' ? p.id : undefined)) : [];
  if (!Array.isArray(basePolicies) || !Array.isArray(editedPolicies) || ids.some((id) => id === undefined)) {
    out.policies = editedPolicies;
    return out;
  }
  const byId = new Map(editedPolicies.filter(isMap).map((p) => [p.id, p]));
  const changes: Record<string, unknown> = {};
  basePolicies.forEach((p, i) => {
    const id = ids[i]!;
    const now = byId.get(id);
    if (now === undefined) changes[id] = null;
    else {
      const d = diff(p, now);
      if (d !== SAME) changes[id] = d;
    }
  });
  out.policies = changes;
  return out;
}

/**
 * A scenario file: comment lines, `extends:` (when given), the name and title, then the overlay
 * (or, without `extends`, the whole spec).
 */
export function scenarioYaml(o: {
  readonly extendsPath?: string;
  readonly overlay: Readonly<Record<string, unknown>>;
  readonly name: string;
  readonly title?: string;
  readonly comment?: readonly string[];
}): string {
  const { name: _n, title: _t, extends: _e, ...body } = o.overlay;
  const head = {
    ...(o.extendsPath !== undefined ? { extends: o.extendsPath } : {}),
    name: o.name,
    ...(o.title !== undefined ? { title: o.title } : {}),
  };
  const comment = (o.comment ?? []).map((l) => `# ${l}\n`).join('');
  const text = (v: Record<string, unknown>) => (Object.keys(v).length ? stringify(v, { lineWidth: 0 }) : '');
  return `${comment}${text(head)}${text(body)}`;
}

/** A copy of a merged spec whose policies name their project tables by absolute path. */
function withAbsoluteFiles(merged: Readonly<Record<string, unknown>>, files: ReadonlyMap<string, string>): Record<string, unknown> {
  const copy = structuredClone(merged) as Record<string, unknown>;
  const policies = copy.policies;
  if (!Array.isArray(policies)) return copy;
  for (const [key, abs] of files) {
    const dot = key.indexOf('.');
    const entry = policies[Number(key.slice(0, dot))];
    if (isMap(entry)) entry[key.slice(dot + 1)] = abs;
  }
  return copy;
}

/**
 * The page's scenario as a file (save as scenario): `extends` the base by `extendsPath` and holds
 * only what the edits changed ({@link overlayOf}); without `extendsPath`, the whole edited spec.
 * A policy written out whole names its project table by absolute path, since the saved file
 * need not lie beside the base. Returns the YAML text, or the message of an edit that cannot be applied.
 */
export function savedScenario(
  loaded: DomainSource,
  edits: Edits,
  o: { readonly extendsPath?: string; readonly name: string; readonly title?: string; readonly comment?: readonly string[] },
): { yaml?: string; error?: string } {
  const base = withAbsoluteFiles(loaded.merged, loaded.policyFiles);
  const { merged, error } = applyEdits(base, edits);
  if (!merged) return { error };
  const overlay = o.extendsPath !== undefined ? overlayOf(base, merged) : merged;
  return { yaml: scenarioYaml({ ...o, overlay }) };
}
