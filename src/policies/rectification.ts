import { z } from 'zod';
import type { PathIssue } from '../domain/path-issue.js';
import { GRADES } from '../domain/enterprise-table.js';
import { msg } from '../messages/messages.js';
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
import { namedEntrySchema, observedShare, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import {
  quotaSchema,
  reportShortfall,
  resolveQuota,
  resolveSelection,
  selectionKeys,
  Selector,
  type Quota,
  type Selection,
} from './selection.js';
import { maxSavingTceSchema, processEnergyTce, Saving } from './saving.js';
import type { PolicyModule, PolicyState } from './types.js';

const ACTIONS = ['upgrade', 'regulate', 'relocate', 'close'] as const;
type Action = (typeof ACTIONS)[number];

const criteria = z.strictObject({
  /** Energy intensity above this, tce per 万元 VA. */
  energy_intensity_above: z.number().nonnegative().optional(),
  /** Tax per mu below this, 万元/亩 (Zhenhai 2022: < 4 万元 on ≥ 3 mu). */
  tax_per_mu_below: z.number().nonnegative().optional(),
  /** Land at least this, mu. */
  land_mu_at_least: z.number().nonnegative().optional(),
});
type Criteria = z.infer<typeof criteria>;

const schema = z.strictObject({
  type: z.literal('rectification'),
  years: yearsSchema,
  /** 亩均 grades that put a firm on the list (default D). */
  grades: z.array(z.enum(GRADES)).min(1).default(['D']),
  /** Extra conditions a listed grade must also meet (all of them). */
  require: criteria.optional(),
  /** Conditions that list a firm whatever its grade (all of them), e.g. low tax per mu on ≥ 3 mu. */
  also: criteria.optional(),
  /** Replaced by `groups` (an error that names it). */
  above_scale_only: z.boolean().optional(),
  ...selectionKeys(['above_scale', 'below_scale'], 'score'),
  /** Most firms disposed of per year (rule-based; named entries come on top): a total, or one number per group. */
  max_per_year: quotaSchema.optional(),
  /** Firms using more energy than this (tce) are upgraded instead of relocated or closed. */
  exit_max_energy_tce: z.number().positive().optional(),
  /** Years before a listed firm may be listed again. */
  cooldown_years: z.int().min(0).default(3),
  dispositions: z
    .strictObject({
      upgrade: z
        .strictObject({
          share: shareSchema,
          energy_saving: paramSchema().optional(),
          value_added_gain: paramSchema().optional(),
          /** Rise of the VA rate at constant output (VA and tax × (1 + gain), output unchanged). */
          value_added_rate_gain: paramSchema().optional(),
          lag: z.int().min(0).default(0),
          max_saving_tce: maxSavingTceSchema,
        })
        .optional(),
      regulate: z
        .strictObject({ share: shareSchema, energy_saving: paramSchema().optional(), max_saving_tce: maxSavingTceSchema })
        .optional(),
      relocate: z.strictObject({ share: shareSchema }).optional(),
      close: z.strictObject({ share: shareSchema }).optional(),
    })
    .superRefine(sharesRefinement('disposition')),
  named: z.array(namedEntrySchema(ACTIONS, { energy_saving: percentOr(z.number().min(0).lt(1)).optional() })).default([]),
});
type Spec = z.infer<typeof schema>;

/**
 * `require` / `also` resolved once into numbers: each condition a flag and its threshold. A flag,
 * not a sentinel threshold: an absent condition passes even a firm whose ratio is NaN (0 / 0).
 */
interface Thresholds {
  readonly intensity: boolean;
  readonly intensityAbove: number;
  readonly tax: boolean;
  readonly taxPerMuBelow: number;
  readonly land: boolean;
  readonly landMuAtLeast: number;
}

function thresholds(c: Criteria | undefined): Thresholds | undefined {
  if (c === undefined) return undefined;
  return {
    intensity: c.energy_intensity_above !== undefined,
    intensityAbove: c.energy_intensity_above ?? 0,
    tax: c.tax_per_mu_below !== undefined,
    taxPerMuBelow: c.tax_per_mu_below ?? 0,
    land: c.land_mu_at_least !== undefined,
    landMuAtLeast: c.land_mu_at_least ?? 0,
  };
}

interface Params {
  readonly years: [number, number];
  /** 1 for a listed grade, indexed by the grade code (0 none, 1 A … 4 D; every byte value, so any code reads in bounds). */
  readonly grades: Uint8Array;
  readonly require?: Thresholds;
  readonly also?: Thresholds;
  readonly selection: Selection;
  readonly maxPerYear: Quota;
  readonly cooldownYears: number;
  readonly exitMaxTce: number;
  readonly shares: readonly number[];
  readonly upgradeSaving: Param;
  readonly upgradeGain: Param;
  readonly upgradeRateGain: Param;
  readonly upgradeLag: number;
  readonly upgradeMaxTce: number;
  readonly regulateSaving: Param;
  readonly regulateMaxTce: number;
  /** Named entries, then the recorded actions (src/actuals/). */
  readonly named: readonly NamedEntry<Action>[];
}

/** True when firm e meets every condition given (a NaN ratio fails a condition that is given). */
function meets(s: PolicyState, e: number, t: Thresholds): boolean {
  // the land test first: no division (the tests are pure, their order changes no answer)
  if (t.land && !(s.landMu[e] >= t.landMuAtLeast)) return false;
  if (t.tax && !(s.tax[e] / s.landMu[e] < t.taxPerMuBelow)) return false;
  if (t.intensity && !(s.energyTce[e] / s.valueAdded[e] > t.intensityAbove)) return false;
  return true;
}

/** The listed grades as a mask by grade code (GRADES index + 1; 0 is no grade and never listed). */
function gradeMask(grades: readonly (typeof GRADES)[number][]): Uint8Array {
  const mask = new Uint8Array(256);
  for (const g of grades) mask[GRADES.indexOf(g) + 1] = 1;
  return mask;
}

/**
 * 高耗低效企业整治 (plan 三(一)1): each year the firms of the named `groups` (规上, 规下, each
 * graded against its own group) with a listed grade (default D), or meeting `also`, and using at
 * least `min_energy_tce`, go on the list, ranked within each group by `rank_by` (selection.ts)
 * up to `max_per_year` (a total, or one number per group); each gets a
 * disposition by the shares — upgrade (energy saving, VA gain with output, VA-rate gain at
 * constant output, after `lag` years), regulate
 * (a small saving), relocate or close (the firm leaves: its energy, CO2 and land are vacated).
 * A listed firm is not listed again within `cooldown_years`; one above `exit_max_energy_tce` is
 * upgraded rather than relocated or closed. Savings follow src/policies/saving.ts (a share of the
 * process energy, at most `max_saving_tce`); a lagged upgrade's share is drawn at its start and
 * applied to the energy of its completion year; until then it is reported as pending.
 */
export const rectification: PolicyModule<Spec, Params> = {
  type: 'rectification',
  label: { zh: '高耗低效企业整治', en: 'high-energy low-efficiency rectification' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const d = spec.dispositions;
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    if (spec.above_scale_only !== undefined)
      issues.push({ path: [...path, 'above_scale_only'], code: 'policy/renamed', message: msg.aboveScaleOnlyRenamed() });
    const selection = resolveSelection(spec);
    return {
      params: {
        years: resolveYears(spec.years, ctx, path, issues),
        grades: gradeMask(spec.grades),
        require: thresholds(spec.require),
        also: thresholds(spec.also),
        selection,
        maxPerYear: resolveQuota(spec.max_per_year, selection, [...path, 'max_per_year'], issues),
        cooldownYears: spec.cooldown_years,
        exitMaxTce: spec.exit_max_energy_tce ?? Infinity,
        shares: ACTIONS.map((a) => d[a]?.share ?? 0),
        upgradeSaving: resolveOptional(
          d.upgrade?.energy_saving,
          0.1,
          ctx,
          [...path, 'dispositions', 'upgrade', 'energy_saving'],
          issues,
          DOMAINS.saving,
        ),
        upgradeGain: resolveOptional(
          d.upgrade?.value_added_gain,
          0,
          ctx,
          [...path, 'dispositions', 'upgrade', 'value_added_gain'],
          issues,
          DOMAINS.valueAddedGain,
        ),
        upgradeRateGain: resolveOptional(
          d.upgrade?.value_added_rate_gain,
          0,
          ctx,
          [...path, 'dispositions', 'upgrade', 'value_added_rate_gain'],
          issues,
          DOMAINS.valueAddedRateGain,
        ),
        upgradeLag: d.upgrade?.lag ?? 0,
        upgradeMaxTce: d.upgrade?.max_saving_tce ?? Infinity,
        regulateSaving: resolveOptional(
          d.regulate?.energy_saving,
          0.02,
          ctx,
          [...path, 'dispositions', 'regulate', 'energy_saving'],
          issues,
          DOMAINS.saving,
        ),
        regulateMaxTce: d.regulate?.max_saving_tce ?? Infinity,
        named: [
          ...named.named.map((n, i) => ({
            ...n,
            ...(spec.named[i].energy_saving !== undefined ? { energySaving: spec.named[i].energy_saving } : {}),
          })),
          ...recordedEntries(ctx, ACTIONS),
        ],
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const n = layout.capacity;
    const lastListed = new Int32Array(n);
    /** The year a lagged upgrade completes (0: none due). */
    const dueYear = new Int32Array(n);
    /**
     * The firms with an upgrade due (dueYear ≠ 0), each once: `due[0 … dueCount)`, put in firm order
     * before use ({@link dueInOrder}), so completions and pending savings run in the order of a scan
     * over all firms (the same sums) without the scan.
     */
    const due = new Int32Array(n);
    let dueCount = 0;
    let dueSorted = true;
    const dueInOrder = () => {
      if (!dueSorted) due.subarray(0, dueCount).sort();
      dueSorted = true;
      return dueCount;
    };
    const dueSaving = new Float64Array(n);
    const dueGain = new Float64Array(n);
    const dueRateGain = new Float64Array(n);
    /** 1 when a lagged upgrade's share was observed (applied without the cap). */
    const dueObserved = new Uint8Array(n);
    /** 1 when a lagged upgrade was started by a recorded action: its completion is part of what was observed. */
    const dueRecorded = new Uint8Array(n);
    /** An observed saving in tce of a lagged upgrade (NaN: none): its share is taken on the energy of the completion year. */
    const dueTce = new Float64Array(n);
    const selector = new Selector(p.selection, n, layout.index);
    const cumulative = cumulativeShares(p.shares);
    const upgradeSaving = new Saving(p.upgradeSaving, p.upgradeMaxTce, layout, 'dispositions.upgrade.energy_saving');
    const upgradeGain = new PolicyParam(p.upgradeGain, layout, 'dispositions.upgrade.value_added_gain');
    const upgradeRateGain = new PolicyParam(p.upgradeRateGain, layout, 'dispositions.upgrade.value_added_rate_gain');
    const regulateSaving = new Saving(p.regulateSaving, p.regulateMaxTce, layout, 'dispositions.regulate.energy_saving');
    const policy = layout.index;

    const dispose = (
      s: PolicyState,
      e: number,
      action: Action,
      year: number,
      rng: Parameters<typeof upgradeGain.value>[1],
      saving?: number,
      recorded = false,
      savingTce?: number,
    ) => {
      lastListed[e] = year;
      switch (action) {
        case 'upgrade': {
          // the share is drawn when the upgrade starts; it applies to the energy at completion, capped then
          const share = saving ?? upgradeSaving.sample(year, rng);
          const gain = upgradeGain.value(year, rng);
          const rateGain = upgradeRateGain.value(year, rng);
          if (p.upgradeLag === 0) {
            upgradeSaving.apply(s, e, share, policy, 'upgrade', saving !== undefined);
            if (gain) s.growValueAdded(e, gain);
            if (rateGain) s.raiseValueAddedRate(e, rateGain);
          } else {
            if (dueYear[e] === 0) {
              due[dueCount++] = e;
              dueSorted = false;
            }
            dueYear[e] = year + p.upgradeLag;
            dueSaving[e] = share;
            dueTce[e] = savingTce ?? Number.NaN;
            dueGain[e] = gain;
            dueRateGain[e] = rateGain;
            dueObserved[e] = saving !== undefined ? 1 : 0;
            dueRecorded[e] = recorded ? 1 : 0;
            s.note(e, policy, 'upgrade_started');
          }
          break;
        }
        case 'regulate':
          regulateSaving.apply(s, e, saving ?? regulateSaving.sample(year, rng), policy, 'regulate', saving !== undefined);
          break;
        case 'relocate':
        case 'close':
          s.exit(e, policy, action);
          break;
      }
    };

    return {
      endYear(s, year) {
        // upgrades started and not yet credited: what they would save at this year's energy
        if (p.upgradeLag === 0) return;
        const count = dueInOrder();
        for (let i = 0; i < count; i++) {
          const e = due[i];
          if (dueYear[e] > year) s.pending(e, upgradeSaving.tce(s, e, dueSaving[e]), policy);
        }
      },
      startDraw(_s, rng) {
        lastListed.fill(-100000);
        dueYear.fill(0);
        dueCount = 0;
        dueSorted = true;
        upgradeSaving.startDraw(rng);
        upgradeGain.startDraw(rng);
        upgradeRateGain.startDraw(rng);
        regulateSaving.startDraw(rng);
      },
      apply(s, year, rng) {
        // upgrades whose lag ends this year take effect now
        if (p.upgradeLag > 0) {
          const count = dueInOrder();
          let kept = 0; // the list keeps the firms not due this year, in order
          for (let i = 0; i < count; i++) {
            const e = due[i];
            if (dueYear[e] !== year) {
              due[kept++] = e;
              continue;
            }
            dueYear[e] = 0;
            const share = Number.isNaN(dueTce[e]) ? dueSaving[e] : observedShare({ savingTce: dueTce[e] }, processEnergyTce(s, e))!;
            upgradeSaving.apply(s, e, share, policy, 'upgrade', dueObserved[e] === 1, dueRecorded[e] === 1);
            if (dueGain[e]) s.growValueAdded(e, dueGain[e]);
            if (dueRateGain[e]) s.raiseValueAddedRate(e, dueRateGain[e]);
          }
          dueCount = kept;
        }
        const inYears = year >= p.years[0] && year <= p.years[1];
        for (const entry of p.named) {
          if (entry.year === year && s.active[entry.enterprise] === 1 && (inYears || entry.recorded))
            dispose(
              s,
              entry.enterprise,
              entry.action,
              year,
              rng,
              observedShare(entry, processEnergyTce(s, entry.enterprise)),
              entry.recorded,
              entry.savingTce,
            );
        }
        if (!inYears) return;
        const cooldown = Math.max(1, p.cooldownYears);
        const { grades, require, also } = p;
        selector.begin();
        const { members } = selector;
        for (let i = 0, count = selector.firms(s); i < count; i++) {
          const e = members[i];
          // the tests are pure reads, so their order changes no candidate: the 高耗 threshold first,
          // which most firms fail when it is set
          if (!selector.usesEnough(s, e) || year - lastListed[e] < cooldown || !selector.eligibleBesidesEnergy(s, e)) continue;
          const byGrade = grades[s.grade[e]] === 1 && (require === undefined || meets(s, e, require));
          if (byGrade || (also !== undefined && meets(s, e, also))) selector.add(s, e, selector.rankKey(s, e));
        }
        const k = selector.select(s, p.maxPerYear);
        reportShortfall(s, policy, selector.shortfall);
        for (let i = 0; i < k; i++) {
          const e = selector.chosen[i];
          const action = ACTIONS[pickShare(rng, cumulative)];
          dispose(s, e, (action === 'relocate' || action === 'close') && s.energyTce[e] > p.exitMaxTce ? 'upgrade' : action, year, rng);
        }
      },
    };
  },
};
