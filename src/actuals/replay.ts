import type { RecordedAction } from './types.js';

/**
 * The record of what the district did, as the engine consults it year by year (README "Actuals
 * and tracking"). The policies replay their own recorded actions (as named entries,
 * src/policies/named.ts); this book tells every policy what the record leaves to it:
 *
 * - a year the record completes (up to the last full year of `as_of`): a policy with any recorded
 *   action selects nothing more by its rule — the record is the whole of what it did (for green
 *   manufacturing, per programme: evaluations, retrofits, certifications); a policy with no
 *   recorded action at all is simulated as in a forecast (the loader warns);
 * - the year in progress: a policy's yearly quota is net of what it already did that year (per
 *   programme: green manufacturing's evaluations, retrofits and certifications each);
 * - a firm with a recorded action is no candidate of any policy's rule up to the year of its last
 *   recorded action: the record says it was still there, untouched until then.
 */
export class ReplayBook {
  private readonly hasRecords: Uint8Array;
  /** `policy|action` of every recorded action: a programme (green manufacturing's retrofits …) with records. */
  private readonly programmes = new Set<string>();
  /** Recorded actions per year: `policy|action|group` → count (group 0 规上, 1 规下). */
  private readonly counts = new Map<number, Map<string, number>>();
  /** Last year with a recorded action of each registry firm (0: none). */
  private readonly reservedUntil: Int32Array;
  /** The recorded actions of each year (id and policy), to mark their events `actual`. */
  private readonly recordedIn = new Map<number, { id: string; policy: number }[]>();
  /** This year's recorded slots: policy + 1 of the slot's recorded action (0: none); set at the start of each year. */
  private readonly actualPolicy: Int32Array;
  private readonly marked: number[] = [];
  /** Slot of each id (registry firms and pipeline projects), built at the first year (the slots are named by then). */
  private slots: Map<string, number> | undefined;
  private year = 0;
  private yearCounts: Map<string, number> | undefined;

  constructor(
    actions: readonly RecordedAction[],
    index: (id: string) => number | undefined,
    aboveScale: Uint8Array,
    capacity: number,
    policies: number,
    /** The last year the record completes (as_of's last full year). */
    readonly lastCompleteYear: number,
  ) {
    this.hasRecords = new Uint8Array(policies);
    this.reservedUntil = new Int32Array(capacity);
    this.actualPolicy = new Int32Array(capacity);
    for (const a of actions) {
      this.hasRecords[a.policyIndex] = 1;
      this.programmes.add(`${a.policyIndex}|${a.action}`);
      const list = this.recordedIn.get(a.year) ?? [];
      list.push({ id: a.enterpriseId, policy: a.policyIndex });
      this.recordedIn.set(a.year, list);
      const e = index(a.enterpriseId);
      if (e === undefined) continue; // a landed project: its policy replays it, no firm to reserve or count
      this.reservedUntil[e] = Math.max(this.reservedUntil[e], a.year);
      let byYear = this.counts.get(a.year);
      if (!byYear) this.counts.set(a.year, (byYear = new Map()));
      const group = aboveScale[e] === 1 ? 0 : 1;
      for (const key of [`${a.policyIndex}||${group}`, `${a.policyIndex}|${a.action}|${group}`])
        byYear.set(key, (byYear.get(key) ?? 0) + 1);
    }
  }

  /** Starts a simulated year; `ids` names every slot (a project's slot by its pipeline id). */
  startYear(year: number, ids: readonly string[]): void {
    this.year = year;
    this.yearCounts = this.counts.get(year);
    this.slots ??= new Map(ids.map((id, e) => [id, e]));
    for (const e of this.marked) this.actualPolicy[e] = 0;
    this.marked.length = 0;
    for (const r of this.recordedIn.get(year) ?? []) {
      const e = this.slots.get(r.id);
      if (e === undefined) continue;
      this.actualPolicy[e] = r.policy + 1;
      this.marked.push(e);
    }
  }

  /** True when the record holds any action of the policy. */
  recorded(policy: number): boolean {
    return this.hasRecords[policy] === 1;
  }

  /**
   * False when the record completes this year and holds actions of the policy (of the programme,
   * when one is named: green manufacturing's evaluations, retrofits, certifications each): its
   * rule selects nothing more.
   */
  selecting(policy: number, programme?: string): boolean {
    if (this.year > this.lastCompleteYear) return true;
    return programme === undefined ? this.hasRecords[policy] === 0 : !this.programmes.has(`${policy}|${programme}`);
  }

  /** Firms of a group (0 规上, 1 规下) the policy took this year by the record, of one programme (`action`) or all. */
  count(policy: number, group: 0 | 1, action = ''): number {
    return this.yearCounts?.get(`${policy}|${action}|${group}`) ?? 0;
  }

  /** True while firm e is reserved by the record (this year or a later recorded action). */
  reserved(e: number): boolean {
    return this.year <= this.reservedUntil[e];
  }

  /** True when the policy's disposition of slot e this year is a recorded action. */
  isActual(e: number, policy: number): boolean {
    return this.actualPolicy[e] === policy + 1;
  }
}
