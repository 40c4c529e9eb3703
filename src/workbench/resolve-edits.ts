import type { Diagnostic } from '../domain/diagnostic.js';
import type { Scenario } from '../scenario/resolve.js';
import type { DomainSource } from './domains.js';
import { applyEdits, type Edits } from './edits.js';

/**
 * The scenario after the page's edits, resolved with the loaded registry and files (the loaded
 * scenario's `vary`, as dcsim seek does): the edited merged spec, and the scenario or the
 * problems — an edit that cannot be applied, a value outside its domain — each at its path.
 */
export function resolveEdits(
  loaded: DomainSource,
  edits: Edits,
): { merged?: Record<string, unknown>; scenario?: Scenario; diagnostics: Diagnostic[] } {
  const { merged, error } = applyEdits(loaded.merged, edits);
  if (!merged) return { diagnostics: [{ code: 'workbench/edit', message: error! }] };
  const count = Array.isArray(loaded.merged.policies) ? loaded.merged.policies.length : 0;
  const off = new Set(edits.off);
  // the policies left, by their index in the base: their project tables follow them
  const origin = Array.from({ length: count }, (_, i) => i).filter((i) => !off.has(i));
  const r = loaded.vary((m) => {
    for (const k of Object.keys(m)) delete m[k];
    Object.assign(m, structuredClone(merged));
  }, origin);
  return { merged, ...r };
}
