import { z } from 'zod';
import type { PathIssue } from '../domain/path-issue.js';
import { GREEN_FACTORY_LEVELS } from '../domain/enterprise-table.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, type Param, percentOr } from '../scenario/param.js';
import { cumulativeShares, pickShare, resolveOptional, resolveYears, shareSchema, sharesRefinement, yearsSchema } from './common.js';
import { namedEntrySchema, observedShare, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import { free } from './selection.js';
import { maxSavingTceSchema, processEnergyTce, Saving } from './saving.js';
import type { Rng } from '../random/rng.js';
import type { PolicyModule, PolicyState } from './types.js';

const ACTIONS = ['benchmark', 'exit', 'compliant'] as const;
type Action = (typeof ACTIONS)[number];

/** Two-high sectors (环环评〔2021〕45号): petroleum/coal processing, chemicals, non-metallic minerals, ferrous, non-ferrous, power/heat. */
export const TWO_HIGH_DIVISIONS = ['C25', 'C26', 'C30', 'C31', 'C32', 'D44'];

const schema = z.strictObject({
  type: z.literal('two_high_review'),
  years: yearsSchema,
  sectors: z.array(z.string()).min(1).default(TWO_HIGH_DIVISIONS),
  /** Plan 三(一)2: built since 2018 and ≥ 1,000 tce/yr, or before 2018 and ≥ 5,000 tce/yr (gross energy). */
  thresholds: z
    .strictObject({
      built_since_2018_tce: z.number().nonnegative().default(1000),
      built_before_2018_tce: z.number().nonnegative().default(5000),
      since_year: z.int().default(2018),
    })
    .default({ built_since_2018_tce: 1000, built_before_2018_tce: 5000, since_year: 2018 }),
  /** Firms with a green-factory level at or above this count as at benchmark already ('none': no exemption). */
  exempt_green_factory: z.enum(GREEN_FACTORY_LEVELS).default('provincial'),
  dispositions: z
    .strictObject({
      benchmark: z
        .strictObject({ share: shareSchema, energy_saving: paramSchema().optional(), max_saving_tce: maxSavingTceSchema })
        .optional(),
      exit: z.strictObject({ share: shareSchema }).optional(),
      compliant: z.strictObject({ share: shareSchema }).optional(),
    })
    .superRefine(sharesRefinement('disposition')),
  named: z.array(namedEntrySchema(ACTIONS, { energy_saving: percentOr(z.number().min(0).lt(1)).optional() })).default([]),
  /** False: a firm an earlier policy took this year may be reviewed the same year (selection.ts). */
  exclusive: z.boolean().default(true),
});
type Spec = z.infer<typeof schema>;

interface Params {
  readonly years: [number, number];
  readonly sectors: readonly string[];
  readonly sinceTce: number;
  readonly beforeTce: number;
  readonly sinceYear: number;
  readonly exemptLevel: number;
  readonly shares: readonly number[];
  readonly saving: Param;
  readonly maxSavingTce: number;
  /** Named entries, then the recorded actions (src/actuals/). */
  readonly named: readonly NamedEntry<Action>[];
  readonly exclusive: boolean;
}

/**
 * "两高"项目评估 (plan 三(一)2): every firm in a two-high sector above its threshold — built
 * since 2018 with ≥ 1,000 tce a year, or before with ≥ 5,000 (gross energy; an unknown build
 * year counts as before) — is reviewed once, in the first policy year it qualifies: brought to
 * benchmark (a saving drawn per firm), exited, or found compliant, by the shares. Firms that are
 * green factories at `exempt_green_factory` or above are compliant. A firm an earlier policy
 * took this year waits for the next policy year (`exclusive`, selection.ts).
 */
export const twoHighReview: PolicyModule<Spec, Params> = {
  type: 'two_high_review',
  label: { zh: '"两高"项目评估处置', en: 'two-high project review' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    spec.sectors.forEach((code, i) => {
      if (toDivision(code) !== code)
        issues.push({ path: [...path, 'sectors', i], code: 'policy/sector', message: msg.unknownSector(code) });
    });
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    const d = spec.dispositions;
    return {
      params: {
        years: resolveYears(spec.years, ctx, path, issues),
        sectors: spec.sectors,
        sinceTce: spec.thresholds.built_since_2018_tce,
        beforeTce: spec.thresholds.built_before_2018_tce,
        sinceYear: spec.thresholds.since_year,
        exemptLevel: GREEN_FACTORY_LEVELS.indexOf(spec.exempt_green_factory),
        shares: ACTIONS.map((a) => d[a]?.share ?? 0),
        saving: resolveOptional(
          d.benchmark?.energy_saving,
          0.1,
          ctx,
          [...path, 'dispositions', 'benchmark', 'energy_saving'],
          issues,
          DOMAINS.saving,
        ),
        maxSavingTce: d.benchmark?.max_saving_tce ?? Infinity,
        named: [
          ...named.named.map((n, i) => ({
            ...n,
            ...(spec.named[i].energy_saving !== undefined ? { energySaving: spec.named[i].energy_saving } : {}),
          })),
          ...recordedEntries(ctx, ACTIONS),
        ],
        exclusive: spec.exclusive,
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const reviewed = new Uint8Array(layout.capacity);
    const cumulative = cumulativeShares(p.shares);
    const saving = new Saving(p.saving, p.maxSavingTce, layout, 'dispositions.benchmark.energy_saving');
    const policy = layout.index;
    let inSector = new Uint8Array(0);
    const dispose = (s: PolicyState, e: number, action: Action, year: number, rng: Rng, share?: number) => {
      reviewed[e] = 1;
      if (action === 'benchmark') saving.apply(s, e, share ?? saving.sample(year, rng), policy, 'benchmark', share !== undefined);
      else if (action === 'exit') s.exit(e, policy, 'exit');
      else s.note(e, policy, 'compliant');
    };
    return {
      startDraw(s, rng) {
        reviewed.fill(0);
        saving.startDraw(rng);
        inSector = Uint8Array.from(s.sectors, (d) => (p.sectors.includes(d) ? 1 : 0));
      },
      apply(s, year, rng) {
        const inYears = year >= p.years[0] && year <= p.years[1];
        for (const entry of p.named) {
          const e = entry.enterprise;
          if (entry.year === year && s.active[e] === 1 && !reviewed[e] && (inYears || entry.recorded))
            dispose(s, e, entry.action, year, rng, observedShare(entry, processEnergyTce(s, e)));
        }
        // in a year the record completes, a recorded review is the whole of it (src/actuals/replay.ts)
        if (!inYears || !s.selecting(policy)) return;
        for (let e = 0; e < s.n; e++) {
          if (s.active[e] === 0 || reviewed[e] || s.reserved(e) || !inSector[s.sector[e]] || !free(s, e, policy, p.exclusive)) continue;
          const threshold = s.yearBuilt[e] >= p.sinceYear ? p.sinceTce : p.beforeTce;
          if (!(s.grossTce[e] >= threshold)) continue;
          dispose(
            s,
            e,
            p.exemptLevel > 0 && s.greenFactory[e] >= p.exemptLevel ? 'compliant' : ACTIONS[pickShare(rng, cumulative)],
            year,
            rng,
          );
        }
      },
    };
  },
};
