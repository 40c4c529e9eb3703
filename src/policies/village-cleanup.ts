import { z } from 'zod';
import type { PathIssue } from '../domain/path-issue.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, type Param, percentOr } from '../scenario/param.js';
import {
  cumulativeShares,
  pickShare,
  PolicyParam,
  resolveOptional,
  resolveYears,
  shareSchema,
  sharesRefinement,
  yearsSchema,
} from './common.js';
import { namedEntrySchema, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import { reportShortfall, resolveSelection, selectionKeys, Selector, type Selection } from './selection.js';
import type { PolicyModule, PolicyState } from './types.js';

const ACTIONS = ['close', 'move_to_park'] as const;
type Action = (typeof ACTIONS)[number];

const schema = z.strictObject({
  type: z.literal('village_cleanup'),
  years: yearsSchema,
  /** Firms cleared per year (plan: ≥ 100 "low, scattered, messy, polluting" firms a year); over two groups split in proportion to their candidates. */
  per_year: paramSchema({ perEnterprise: false }).optional(),
  ...selectionKeys(['above_scale', 'below_scale'], 'score'),
  /** Which flags make a firm a target (any of them). */
  flags: z
    .array(z.enum(['village_cluster', 'lsmp']))
    .min(1)
    .default(['village_cluster', 'lsmp']),
  dispositions: z
    .strictObject({
      close: z.strictObject({ share: shareSchema }).optional(),
      /** Moves into a small/micro enterprise park: land shrinks to `land_factor` of it; energy and VA stay. */
      move_to_park: z.strictObject({ share: shareSchema, land_factor: percentOr(z.number().min(0).max(1)).default(0.5) }).optional(),
    })
    .superRefine(sharesRefinement('disposition')),
  named: z.array(namedEntrySchema(ACTIONS)).default([]),
});
type Spec = z.infer<typeof schema>;

interface Params {
  readonly years: [number, number];
  readonly perYear: Param;
  readonly selection: Selection;
  readonly village: boolean;
  readonly lsmp: boolean;
  readonly shares: readonly number[];
  readonly landFactor: number;
  readonly named: readonly NamedEntry<Action>[];
}

/**
 * 清退村级工业集聚点 (plan 三(二)6): each year `per_year` firms flagged village_cluster or lsmp,
 * ranked by `rank_by` (lowest 亩均 score first) within each of the named `groups` (selection.ts:
 * a total over two groups is split in proportion to their candidates); a share closes (energy, CO2 and land vacated), a share moves into a
 * small/micro enterprise park (its land shrinks to `land_factor`, the rest is vacated; energy
 * and VA stay, the flags are cleared).
 */
export const villageCleanup: PolicyModule<Spec, Params> = {
  type: 'village_cleanup',
  label: { zh: '村级工业集聚点清退', en: 'village-cluster clean-up' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    return {
      params: {
        years: resolveYears(spec.years, ctx, path, issues),
        perYear: resolveOptional(spec.per_year, 100, ctx, [...path, 'per_year'], issues, DOMAINS.count),
        selection: resolveSelection(spec),
        village: spec.flags.includes('village_cluster'),
        lsmp: spec.flags.includes('lsmp'),
        shares: ACTIONS.map((a) => spec.dispositions[a]?.share ?? 0),
        landFactor: spec.dispositions.move_to_park?.land_factor ?? 0.5,
        named: [...named.named, ...recordedEntries(ctx, ACTIONS)],
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const selector = new Selector(p.selection, layout.capacity, layout.index);
    const cumulative = cumulativeShares(p.shares);
    const perYear = new PolicyParam(p.perYear, layout, 'per_year');
    const policy = layout.index;
    /** 1 once a firm moved into a park: its old plot is vacated once, a second move would vacate park land. */
    const moved = new Uint8Array(layout.capacity);
    /**
     * The firms the yearly scan visits, in firm order: `targets[0 … targetCount)`. A registry firm's
     * flags are the registry's at a draw's start and are only ever cleared in a draw (a move to a
     * park), so the registry firms of the named groups flagged then, kept while still flagged, hold
     * every flagged one; project slots (flags set when they open) stay on the list.
     */
    const targets = new Int32Array(layout.capacity);
    let targetCount = 0;
    const flagged = (s: PolicyState, e: number) => (p.village && s.villageCluster[e] === 1) || (p.lsmp && s.lsmp[e] === 1);
    const dispose = (s: PolicyState, e: number, action: Action) => {
      if (action === 'close') s.exit(e, policy, 'close');
      else if (moved[e] === 0) {
        moved[e] = 1;
        s.shrinkLand(e, p.landFactor, policy, 'move_to_park');
        s.villageCluster[e] = 0;
        s.lsmp[e] = 0;
      }
    };
    return {
      startDraw(s, rng) {
        moved.fill(0);
        perYear.startDraw(rng);
        // the state holds the registry's values again (reset before startDraw)
        targetCount = 0;
        const { members } = selector;
        for (let i = 0, count = selector.firms(s); i < count; i++) {
          const e = members[i];
          if (e >= s.registryN || flagged(s, e)) targets[targetCount++] = e;
        }
      },
      apply(s, year, rng) {
        const inYears = year >= p.years[0] && year <= p.years[1];
        for (const entry of p.named)
          if (entry.year === year && s.active[entry.enterprise] === 1 && (inYears || entry.recorded))
            dispose(s, entry.enterprise, entry.action);
        if (!inYears) return;
        selector.begin();
        let kept = 0; // the registry firms no longer flagged leave the list, the rest keep their order
        for (let i = 0; i < targetCount; i++) {
          const e = targets[i];
          if (!flagged(s, e)) {
            if (e >= s.registryN) targets[kept++] = e;
            continue;
          }
          targets[kept++] = e;
          if (selector.eligible(s, e)) selector.add(s, e, selector.rankKey(s, e));
        }
        targetCount = kept;
        const k = selector.select(s, { total: Math.round(perYear.value(year, rng)) });
        reportShortfall(s, policy, selector.shortfall);
        for (let i = 0; i < k; i++) dispose(s, selector.chosen[i], ACTIONS[pickShare(rng, cumulative)]);
      },
    };
  },
};
