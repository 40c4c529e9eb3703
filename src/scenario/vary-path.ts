import { RESERVED_KEYS } from '../domain/reserved-keys.js';
import { msg } from '../messages/messages.js';

/** The policy with id `part`, else the first of type `part`. */
function byIdOrType(list: readonly unknown[], part: string): number {
  const i = list.findIndex((x) => (x as { id?: unknown })?.id === part);
  return i >= 0 ? i : list.findIndex((x) => (x as { type?: unknown })?.type === part);
}

/**
 * Sets a number in a merged scenario spec by a path such as `policies[village_cleanup].per_year`
 * (a policy by id, type or index), `policies[0].dispositions.close.share` or
 * `growth.efficiency_gain`. Setting a disposition share rescales its siblings so the shares
 * still sum to 1. Returns an error message when the path does not lead to a number.
 */
export function setByPath(merged: Record<string, unknown>, path: string, value: number): string | undefined {
  const parts = pathParts(path);
  let node: unknown = merged;
  let parent: Record<string, unknown> | unknown[] | undefined;
  let key: string | number = '';
  for (const [n, raw] of parts.entries()) {
    const inBrackets = raw.startsWith('[');
    const part = inBrackets ? raw.slice(1, -1) : raw;
    const last = n === parts.length - 1;
    // own keys only, never __proto__, constructor or prototype: a path cannot reach a prototype
    if (RESERVED_KEYS.has(part)) return msg.badVaryPath(path, raw);
    if (last && !inBrackets && node !== null && typeof node === 'object' && !Array.isArray(node) && !Object.hasOwn(node, part)) {
      // a key left at its default: write it
      [parent, key, node] = [node as Record<string, unknown>, part, 0];
    } else if (Array.isArray(node)) {
      const i = /^\d+$/.test(part) ? Number(part) : byIdOrType(node, part);
      if (i < 0 || i >= node.length) return msg.badVaryPath(path, raw);
      [parent, key, node] = [node, i, node[i]];
    } else if (node !== null && typeof node === 'object' && !inBrackets && Object.hasOwn(node, part)) {
      [parent, key, node] = [node as Record<string, unknown>, part, (node as Record<string, unknown>)[part]];
    } else return msg.badVaryPath(path, raw);
  }
  if (parent === undefined || (typeof node !== 'number' && typeof node !== 'string')) return msg.badVaryPath(path, parts.at(-1) ?? path);
  (parent as Record<string | number, unknown>)[key] = value;
  // a disposition share: rescale the other shares to keep the sum at 1
  const grand = parts.at(-3);
  if (key === 'share' && grand === 'dispositions') {
    const dispositions = resolveParent(merged, parts.slice(0, -2)) as Record<string, { share?: number }>;
    const mine = parts.at(-2)!;
    const others = Object.entries(dispositions).filter(([k, d]) => k !== mine && typeof d?.share === 'number');
    const rest = others.reduce((s, [, d]) => s + (d.share as number), 0);
    for (const [, d] of others) d.share = rest > 0 ? ((d.share as number) / rest) * (1 - value) : (1 - value) / others.length;
  }
  return undefined;
}

/** The number at a --vary path in a merged scenario spec, or undefined when the path leads to none (a key left at its default). */
export function getByPath(merged: Record<string, unknown>, path: string): number | undefined {
  try {
    const v = resolveParent(merged, pathParts(path));
    return typeof v === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A path's parts as written: `policies[3].per_year` → `policies`, `[3]`, `per_year`. */
export const pathParts = (path: string): string[] => path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];

/** The value a path's parts lead to (a policy in brackets by index, id or type), or undefined. */
export function resolveParent(merged: Record<string, unknown>, parts: readonly string[]): unknown {
  let node: unknown = merged;
  for (const raw of parts) {
    const part = raw.startsWith('[') ? raw.slice(1, -1) : raw;
    if (Array.isArray(node)) node = node[/^\d+$/.test(part) ? Number(part) : byIdOrType(node, part)];
    else node = (node as Record<string, unknown>)[part];
  }
  return node;
}
