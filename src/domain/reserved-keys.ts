/**
 * Keys refused anywhere in a scenario, factors or evaluation file and in a `--vary` path: in
 * JavaScript they reach an object's prototype, so they are never read, merged or applied.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
