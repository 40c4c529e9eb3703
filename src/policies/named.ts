import { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import type { PolicyResolveContext } from './types.js';

/**
 * Named lists (DESIGN §3, §10): the real lists analysts hold — this year's D-grade list, the
 * two-high inventory, the clean-up roster — as `{ id, year, action, … }` entries that every
 * policy accepts and applies before its rule-based selection.
 */
export function namedEntrySchema<const A extends readonly [string, ...string[]], X extends z.core.$ZodLooseShape = {}>(
  actions: A,
  extra?: X,
) {
  return z.strictObject({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    year: z.int(),
    action: z.enum(actions),
    ...(extra ?? ({} as X)),
  });
}

/** A named entry resolved to the firm's index in the registry. */
export interface NamedEntry<A extends string = string> {
  readonly enterprise: number;
  readonly year: number;
  readonly action: A;
  /** An observed saving as a share of the firm's process energy (named lists, recorded actions). */
  readonly energySaving?: number;
  /** An observed saving, tce (recorded actions): the share is this over the firm's process energy then. */
  readonly savingTce?: number;
  /** A recorded action (src/actuals/): applied in any year, also outside the policy's `years`. */
  readonly recorded?: boolean;
}

/**
 * The policy's recorded actions (PolicyResolveContext.recorded, checked by the actuals loader) as
 * named entries of registry firms, in file order; `actions` are the policy's dispositions.
 */
export function recordedEntries<A extends string>(ctx: PolicyResolveContext, actions: readonly A[]): NamedEntry<A>[] {
  return ctx.recorded.flatMap((r) => {
    const enterprise = ctx.enterpriseIndex(r.enterpriseId);
    if (enterprise === undefined || !actions.includes(r.action as A)) return [];
    return [
      {
        enterprise,
        year: r.year,
        action: r.action as A,
        recorded: true,
        ...(r.energySaving !== undefined ? { energySaving: r.energySaving } : {}),
        ...(r.savingTce !== undefined ? { savingTce: r.savingTce } : {}),
      },
    ];
  });
}

/** The share of firm e's process energy an entry's observed saving is (undefined: draw it from the policy's distribution). */
export function observedShare(entry: Pick<NamedEntry, 'energySaving' | 'savingTce'>, processTce: number): number | undefined {
  if (entry.energySaving !== undefined) return entry.energySaving;
  if (entry.savingTce === undefined) return undefined;
  return processTce > 0 ? Math.min(1, entry.savingTce / processTce) : 0;
}

/**
 * Resolves named entries: every id must be in the registry and every year in the simulated
 * years (base + 1 … end); each problem is reported at its entry.
 */
export function resolveNamed<A extends string>(
  entries: readonly { id: string; year: number; action: A }[],
  ctx: PolicyResolveContext,
  path: ValuePath,
): { named: NamedEntry<A>[]; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const named: NamedEntry<A>[] = [];
  entries.forEach((entry, i) => {
    const at = [...path, i];
    const enterprise = ctx.enterpriseIndex(entry.id);
    if (enterprise === undefined)
      issues.push({ path: [...at, 'id'], code: 'policy/unknown-enterprise', message: msg.unknownEnterpriseId(entry.id) });
    if (entry.year <= ctx.base || entry.year > ctx.end) {
      issues.push({
        path: [...at, 'year'],
        code: 'policy/year',
        message: msg.yearOutsidePeriod(entry.year, ctx.base + 1, ctx.end, 'year'),
      });
    }
    if (enterprise !== undefined) named.push({ enterprise, year: entry.year, action: entry.action });
  });
  return { named, issues };
}
