import { isYearKey } from '../domain/schema-helpers.js';
import { DISTRIBUTIONS } from './param.js';

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys that make a map one value rather than a block of settings: a distribution's name, `per`, `clip`. */
const VALUE_KEYS = new Set([...Object.keys(DISTRIBUTIONS), 'per', 'clip']);

/**
 * True when a map is one scenario number — a distribution (`{triangular: […]}`) or a year series
 * (`{2021: 0.5568, 2025: …}`, also with the grid factor's `multiplier`) — and so is replaced whole.
 */
export function isValueMap(v: unknown): boolean {
  return isMap(v) && Object.keys(v).some((k) => VALUE_KEYS.has(k) || isYearKey(k));
}

/**
 * Merges a child over its parent: maps merge key by key, lists and scalars replace (DESIGN §3).
 * A map that is one value (a distribution or a year series, {@link isValueMap}) on either side is
 * replaced whole: a child's `grid_emission_factor: { triangular: […] }` replaces the parent's
 * year series, and a child's series replaces the parent's without keeping its other years.
 * Only own keys are merged, and each is defined as data, so no key (the YAML reader already
 * refuses `__proto__`, `constructor` and `prototype`) can reach a prototype.
 */
export function mergeScenario(parent: unknown, child: unknown): unknown {
  if (!isMap(parent) || !isMap(child) || isValueMap(parent) || isValueMap(child)) return child;
  const out: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [k, v] of Object.entries(parent)) set(k, v);
  for (const [k, v] of Object.entries(child)) set(k, Object.hasOwn(parent, k) ? mergeScenario(parent[k], v) : v);
  return out;
}
