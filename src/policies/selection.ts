import { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import { selectSmallest } from './common.js';
import type { PolicyState } from './types.js';

/**
 * The selection room shared by every policy that picks firms by a rule (rectification, village
 * clean-up, green manufacturing; the two-high review takes every firm above its threshold and
 * uses only the exclusivity check). One rule for all of them:
 *
 * - Groups. 规上 and 规下 firms are graded each against its own group's averages
 *   (src/evaluation/evaluate.ts), so a score of one group says nothing about the other: a
 *   policy selects within the groups it names (`groups`), each group ranked on its own and
 *   given its own quota. Two groups with one plain number split the number between them in
 *   proportion to their candidates (largest remainder; a tie goes to 规上) — never one ranking
 *   over both scales.
 * - Rank. `rank_by: score` ascending (worst 亩均 score first; an unscored firm first),
 *   `energy_per_value_added` and `energy_tce` descending (高耗 first). Energy is the firm's
 *   dual-control energy (after exclusions) this year, before any policy of this year acted.
 * - 高耗 threshold. `min_energy_tce`: a firm below it is not a candidate.
 * - Exclusivity. A firm that an earlier policy of the scenario took this year (any disposition
 *   it recorded) is not a candidate of a later policy with `exclusive: true` (the default).
 *   Named entries are explicit and are not filtered.
 * - The record (src/actuals/replay.ts). A firm with a recorded action this year or later is no
 *   candidate; in a year the actuals complete a policy with recorded actions selects nothing;
 *   otherwise a quota is net of the firms the policy took that year by the record (per group).
 * - Shortfall. A quota the candidates cannot fill is reported (`shortfall` event and
 *   `quota_shortfall.<policy>` metric) by {@link reportShortfall}.
 *
 * Selection is about O(candidates) per year (a bounded heap, no sort) into buffers allocated once.
 */

export const GROUPS = ['above_scale', 'below_scale'] as const;
export type Group = (typeof GROUPS)[number];
export const RANK_BY = ['score', 'energy_per_value_added', 'energy_tce'] as const;
export type RankBy = (typeof RANK_BY)[number];

/** The scenario keys of a selecting policy (spread into its strictObject). */
export function selectionKeys(defaultGroups: readonly Group[], defaultRank: RankBy) {
  return {
    /** Groups the policy selects within, each ranked on its own. */
    groups: z
      .array(z.enum(GROUPS))
      .min(1)
      .refine((g) => new Set(g).size === g.length, { message: msg.duplicateGroups() })
      .default([...defaultGroups]),
    /** What puts a firm first: the worst 亩均 score, or the highest energy intensity / energy. */
    rank_by: z.enum(RANK_BY).default(defaultRank),
    /** 高耗: firms using less energy than this (tce, dual-control) are not candidates. */
    min_energy_tce: z.number().nonnegative().default(0),
    /** False: the policy may take a firm an earlier policy already took this year. */
    exclusive: z.boolean().default(true),
  };
}

/** A quota: a total (one group, or split in proportion over two) or one number per group. */
export const quotaSchema = z.union([
  z.int().positive(),
  z.strictObject({ above_scale: z.int().min(0).optional(), below_scale: z.int().min(0).optional() }),
]);
export type QuotaInput = z.infer<typeof quotaSchema>;

/** A resolved selection rule. */
export interface Selection {
  /** Which groups are named: [规上, 规下]. */
  readonly above: boolean;
  readonly below: boolean;
  readonly rankBy: RankBy;
  readonly minEnergyTce: number;
  readonly exclusive: boolean;
}

/** A yearly quota: a total over the named groups, or one per group (NaN = no limit). */
export interface Quota {
  readonly total?: number;
  readonly above?: number;
  readonly below?: number;
}

/** Resolves the selection keys of an entry. */
export function resolveSelection(spec: {
  groups: readonly Group[];
  rank_by: RankBy;
  min_energy_tce: number;
  exclusive: boolean;
}): Selection {
  return {
    above: spec.groups.includes('above_scale'),
    below: spec.groups.includes('below_scale'),
    rankBy: spec.rank_by,
    minEnergyTce: spec.min_energy_tce,
    exclusive: spec.exclusive,
  };
}

/**
 * Resolves a per-group quota map against the named groups: a group in the map must be named,
 * and every named group needs a number.
 */
export function resolveQuota(q: QuotaInput | undefined, sel: Selection, path: ValuePath, issues: PathIssue[]): Quota {
  if (q === undefined) return {};
  if (typeof q === 'number') return { total: q };
  const named: Group[] = [...(sel.above ? ['above_scale' as const] : []), ...(sel.below ? ['below_scale' as const] : [])];
  for (const g of GROUPS) {
    const v = q[g];
    if (v !== undefined && !named.includes(g))
      issues.push({ path: [...path, g], code: 'policy/quota', message: msg.quotaGroupNotNamed(g, named) });
    if (v === undefined && named.includes(g)) issues.push({ path, code: 'policy/quota', message: msg.quotaGroupMissing(g, named) });
  }
  return { above: q.above_scale ?? 0, below: q.below_scale ?? 0 };
}

/** The rank keys by code (see {@link Selector.rankKey}): one switch per firm instead of a closure. */
const RANK_CODE: Readonly<Record<RankBy, number>> = { score: 0, energy_per_value_added: 1, energy_tce: 2 };

/**
 * A selector: per-group candidate lists with their keys and the chosen firms, allocated once per
 * run. A policy offers the firms of its groups ({@link firms}) in one loop of its own (no closure
 * per firm):
 *
 *     selector.begin();
 *     const count = selector.firms(s);
 *     for (let i = 0; i < count; i++) {
 *       const e = selector.members[i];
 *       if (ownCriteria(e) && selector.eligible(s, e)) selector.add(s, e, selector.rankKey(s, e));
 *     }
 *     const k = selector.select(s, quota);
 *
 * The tests are pure reads of the state, so their order does not change who is a candidate.
 */
export class Selector {
  private readonly lists: [Int32Array, Int32Array];
  /** The selection key of each candidate, aligned with its list (smallest first; NaN first). */
  private readonly keys: [Float64Array, Float64Array];
  /** How many candidates each group's list holds. */
  private readonly counts = new Int32Array(2);
  /** The firms {@link firms} returns: `members[0 … memberCount)`, in firm order. */
  readonly members: Int32Array;
  private memberCount = 0;
  /** The state {@link members} was computed for (a run has one). */
  private membersOf: PolicyState | undefined;
  private readonly scratch: Float64Array;
  private readonly picked: Int32Array;
  // the rule, read once here rather than through `sel` for every firm
  private readonly above: boolean;
  private readonly below: boolean;
  /** False with `min_energy_tce: 0`: no test at all (a NaN energy passes, as without a threshold). */
  private readonly hasMinEnergy: boolean;
  private readonly minEnergyTce: number;
  private readonly exclusive: boolean;
  private readonly rank: number;
  /** The firms chosen by the last {@link select}: `chosen[0 … count)` (规上 first, each group in firm order). */
  readonly chosen: Int32Array;
  /** How many the last {@link select} could not find (0 without a quota). */
  shortfall = 0;

  constructor(
    readonly sel: Selection,
    capacity: number,
    private readonly policy: number,
  ) {
    this.lists = [new Int32Array(capacity), new Int32Array(capacity)];
    this.keys = [new Float64Array(capacity), new Float64Array(capacity)];
    this.scratch = new Float64Array(capacity);
    this.picked = new Int32Array(capacity);
    this.chosen = new Int32Array(capacity);
    this.members = new Int32Array(capacity);
    this.above = sel.above;
    this.below = sel.below;
    this.hasMinEnergy = sel.minEnergyTce > 0;
    this.minEnergyTce = sel.minEnergyTce;
    this.exclusive = sel.exclusive;
    this.rank = RANK_CODE[sel.rankBy];
  }

  /**
   * The firms a scan needs to visit, in firm order: `members[0 … count)`, count returned. They are
   * the registry firms of the named groups, then every project slot. A registry firm's group is
   * the registry's for the whole run, so the list is computed once per state; a slot's group is
   * set when it opens, so slots stay on the list and {@link eligible} tests their group. With one
   * group named, a scan skips the other group's firms, which could never be candidates, without
   * visiting them.
   */
  firms(s: PolicyState): number {
    if (this.membersOf !== s) {
      let m = 0;
      for (let e = 0; e < s.registryN; e++) if (s.aboveScale[e] === 1 ? this.above : this.below) this.members[m++] = e;
      for (let e = s.registryN; e < s.n; e++) this.members[m++] = e;
      this.memberCount = m;
      this.membersOf = s;
    }
    return this.memberCount;
  }

  /** True when firm e may be a candidate: operating, in a named group, above the 高耗 threshold, not reserved by the record and not taken by another policy this year (when exclusive). */
  eligible(s: PolicyState, e: number): boolean {
    return this.eligibleBesidesEnergy(s, e) && this.usesEnough(s, e);
  }

  /** {@link eligible} but for the 高耗 threshold (see {@link keepUsingEnough}). */
  eligibleBesidesEnergy(s: PolicyState, e: number): boolean {
    if (s.active[e] === 0) return false;
    if (s.aboveScale[e] === 1 ? !this.above : !this.below) return false;
    return free(s, e, this.policy, this.exclusive) && !s.reserved(e);
  }

  /** True when firm e uses at least `min_energy_tce` (always without a threshold, even with a NaN energy). */
  usesEnough(s: PolicyState, e: number): boolean {
    return !this.hasMinEnergy || s.energyTce[e] >= this.minEnergyTce;
  }

  /**
   * Keeps, in order, the candidates that pass the 高耗 threshold now: for candidates offered by
   * {@link eligibleBesidesEnergy} before a change of their energy and selected after it.
   */
  keepUsingEnough(s: PolicyState): void {
    if (!this.hasMinEnergy) return;
    for (let g = 0; g < 2; g++) {
      const list = this.lists[g];
      const keys = this.keys[g];
      let kept = 0;
      for (let i = 0; i < this.counts[g]; i++) {
        if (!(s.energyTce[list[i]] >= this.minEnergyTce)) continue;
        list[kept] = list[i];
        keys[kept++] = keys[i];
      }
      this.counts[g] = kept;
    }
  }

  /** The rank key of firm e by `rank_by`, smallest first: the score; minus the energy intensity (Infinity with energy and no VA); minus the energy. */
  rankKey(s: PolicyState, e: number): number {
    switch (this.rank) {
      case 0:
        return s.score[e];
      case 1:
        return -(s.energyTce[e] / s.valueAdded[e]);
      default:
        return -s.energyTce[e];
    }
  }

  /** Starts a year's candidate lists. */
  begin(): void {
    this.counts[0] = this.counts[1] = 0;
  }

  /**
   * Adds firm e to its group's candidates with its selection key, smallest chosen first
   * ({@link rankKey}, or a policy's own key); call only for eligible firms meeting the policy's
   * own criteria, and select before anything changes the keys.
   */
  add(s: PolicyState, e: number, key: number): void {
    const g = s.aboveScale[e] === 1 ? 0 : 1;
    const i = this.counts[g]++;
    this.lists[g][i] = e;
    this.keys[g][i] = key;
  }

  /**
   * Chooses within each group by the candidates' keys, up to its quota net of what the record
   * says the policy did this year (`programme`: the recorded action the quota counts, all by
   * default); no quota: every candidate. Nothing in a year the record completes for the policy.
   * Returns how many were chosen and sets {@link shortfall}.
   */
  select(s: PolicyState, quota: Quota, programme?: string): number {
    this.shortfall = 0;
    if (!s.selecting(this.policy, programme)) return 0;
    const na = this.counts[0];
    const nb = this.counts[1];
    const ra = s.recordedCount(this.policy, 0, programme);
    const rb = s.recordedCount(this.policy, 1, programme);
    let qa: number, qb: number;
    let wanted: number | undefined;
    if (quota.total !== undefined) {
      wanted = Math.max(0, quota.total - ra - rb);
      [qa, qb] = split(wanted, this.above ? na : 0, this.below ? nb : 0);
    } else if (quota.above !== undefined || quota.below !== undefined) {
      [qa, qb] = [Math.max(0, (quota.above ?? 0) - ra), Math.max(0, (quota.below ?? 0) - rb)];
      wanted = qa + qb;
    } else {
      [qa, qb] = [na, nb];
    }
    let count = 0;
    for (let g = 0; g < 2; g++) {
      const k = selectSmallest(this.lists[g], this.keys[g], this.counts[g], g === 0 ? qa : qb, this.scratch, this.picked);
      for (let i = 0; i < k; i++) this.chosen[count++] = this.picked[i];
    }
    this.shortfall = Math.max(0, (wanted ?? count) - count);
    return count;
  }
}

/** True when the policy may take firm e: not taken by another policy this year, or the policy is not exclusive. */
export function free(s: PolicyState, e: number, policy: number, exclusive: boolean): boolean {
  if (!exclusive) return true;
  const by = s.claimedBy(e);
  return by < 0 || by === policy;
}

/** Records the part of a quota the candidates could not fill (nothing when 0). */
export function reportShortfall(s: PolicyState, policy: number, firms: number): void {
  if (firms > 0) s.shortfall(policy, firms);
}

/**
 * Splits a total between two groups in proportion to their candidates (largest remainder; a
 * tie goes to the first), each part at most its candidates.
 */
export function split(total: number, a: number, b: number): [number, number] {
  const n = a + b;
  if (n === 0) return [0, 0];
  if (total >= n) return [a, b];
  const exactA = (total * a) / n;
  let qa = Math.floor(exactA);
  let qb = Math.floor(total - exactA);
  if (qa + qb < total) {
    if (exactA - qa >= total - exactA - qb) qa++;
    else qb++;
  }
  return [Math.min(qa, a), Math.min(qb, b)];
}
