import { valueAt } from '../domain/year-series.js';
import { msg } from '../messages/messages.js';
import { QUANTITIES, type BudgetRules, type LedgerRules } from './rules.js';

const Q = QUANTITIES.length;
const ENERGY = 0;
const CO2 = 1;
const LAND = 2;

/** What a project needs at full capacity, before the replacement ratio. */
export interface ProjectNeed {
  /** Dual-control energy, tce (0 for a national major project, 能耗单列: it draws nothing from the district's energy pool). */
  readonly energyTce: number;
  /** CO2 on the firm boundary, t (counted for every project). */
  readonly co2T: number;
  readonly landMu: number;
  /** A two-high project (its division among C25 C26 C30 C31 C32 D44): the `two_high` ratio applies. */
  readonly twoHigh: boolean;
  /** CO2 of projects already admitted and still ramping up that is not yet in the district's total, t (the budget counts it). */
  readonly rampCo2T: number;
}

/** The ledger's answer to a project. */
export interface LedgerDecision {
  readonly fits: boolean;
  /** In words: when it does not fit, each binding pool short and the budget overshoot ("用能替代指标缺 1.20 万tce"); when it fits, what it drew. */
  readonly detail: string;
}

/**
 * The headroom ledger of one run (DESIGN §11, 腾笼换鸟 proper): pools of vacated energy, CO2 and
 * land by vintage year, fed by the year's vacated flows (exits, savings, land freed: the
 * policies only credit it) and drawn by new projects at full capacity × the replacement ratio
 * of their class, oldest vintage first; a vintage expires after `vintageYears`. It is the only
 * place that decides whether a project may start on the district's headroom, and it checks the
 * carbon budget: the district's CO2 now, plus what admitted projects still ramping will add,
 * plus the project at full capacity, must fit in the year's budget.
 *
 * Conservation, per quantity and year: in − drawn − expired = balance − last year's balance
 * (the opening pools are the base year's `in`). Allocated once per run; `startDraw` resets it.
 */
export class HeadroomLedger {
  private readonly years: number;
  /** Balance by vintage: [q × years + v]. */
  private readonly pool: Float64Array;
  /** This year's account per quantity, by year: [q × years + y]. */
  readonly inflow: Float64Array;
  readonly drawn: Float64Array;
  readonly expired: Float64Array;
  /** Balance at each year's end: [q × years + y]. */
  readonly balance: Float64Array;
  /** Vacated this year as credited so far. */
  private readonly credited = new Float64Array(Q);
  private readonly need = new Float64Array(Q);
  private y = 0;
  private baseCo2T = 0;
  private carryT = 0;
  /** This year's budget, carry-over included (NaN: no budget). */
  budgetT = Number.NaN;
  /** Projects admitted, rejected, and deferred (waiting at the year's end) this year. */
  admitted = 0;
  rejected = 0;
  deferred = 0;

  constructor(
    readonly rules: LedgerRules,
    readonly budget: BudgetRules | undefined,
    readonly base: number,
    end: number,
  ) {
    this.years = end - base + 1;
    this.pool = new Float64Array(Q * this.years);
    this.inflow = new Float64Array(Q * this.years);
    this.drawn = new Float64Array(Q * this.years);
    this.expired = new Float64Array(Q * this.years);
    this.balance = new Float64Array(Q * this.years);
  }

  /** True when projects may be held back: a `ledger:` block or a carbon budget. */
  get gating(): boolean {
    return this.rules.gating || this.budget !== undefined;
  }

  /** Resets the pools to the opening balances for a draw; `baseCo2T` is the draw's base-year CO2 (a budget's default base). */
  startDraw(baseCo2T: number): void {
    this.pool.fill(0);
    this.inflow.fill(0);
    this.drawn.fill(0);
    this.expired.fill(0);
    this.balance.fill(0);
    for (let q = 0; q < Q; q++) {
      this.pool[q * this.years] = this.rules.opening[q];
      this.inflow[q * this.years] = this.rules.opening[q];
      this.balance[q * this.years] = this.rules.opening[q];
    }
    this.baseCo2T = baseCo2T;
    this.carryT = 0;
    this.y = 0;
    this.admitted = 0;
    this.rejected = 0;
    this.deferred = 0;
    // the base year has no budget of its own unless cap_t names it: its budget is its CO2 (headroom 0)
    this.budgetT = this.budget?.kind === 'cap' && !this.budget.capT.years.includes(this.base) ? baseCo2T : this.capT(this.base);
  }

  /** Opens `year`: expires the vintages older than the vintage rule allows, sets the year's budget. */
  startYear(year: number): void {
    this.y = year - this.base;
    this.credited.fill(0);
    this.admitted = 0;
    this.rejected = 0;
    this.deferred = 0;
    const oldest = year - this.rules.vintageYears + 1;
    for (let q = 0; q < Q; q++) {
      for (let v = 0; v < this.y && this.base + v < oldest; v++) {
        const i = q * this.years + v;
        if (this.pool[i] === 0) continue;
        this.expired[q * this.years + this.y] += this.pool[i];
        this.pool[i] = 0;
      }
    }
    this.budgetT = this.budget ? this.capT(year) + this.carryT : Number.NaN;
  }

  /** Credits the year's vacated flows so far ([energy tce, CO2 t, land mu], cumulative within the year). */
  credit(energyTce: number, co2T: number, landMu: number): void {
    this.creditOne(ENERGY, energyTce);
    this.creditOne(CO2, co2T);
    this.creditOne(LAND, landMu);
  }

  private creditOne(q: number, soFar: number): void {
    const d = soFar - this.credited[q];
    if (d === 0) return;
    if (!Number.isFinite(d)) throw new Error(`the headroom ledger was credited a non-finite ${QUANTITIES[q]} (${soFar})`);
    this.credited[q] = soFar;
    this.pool[q * this.years + this.y] += d;
    this.inflow[q * this.years + this.y] += d;
  }

  /** The pool of quantity q now (every live vintage). */
  available(q: number): number {
    let s = 0;
    for (let v = 0; v <= this.y; v++) s += this.pool[q * this.years + v];
    return s;
  }

  /**
   * Asks whether a project fits this year: every binding pool must hold its need × ratio, and
   * with a budget, `districtCo2T` (the district's CO2 now) + the ramp-up still to come + the
   * project's CO2 must not exceed the year's budget. A project that fits draws every pool (the
   * non-binding ones too, so the balances say what is left); one that does not draws nothing.
   * Call {@link credit} first with the year's vacated flows so far.
   */
  request(need: ProjectNeed, districtCo2T: number): LedgerDecision {
    this.setNeed(need);
    const shorts: string[] = [];
    if (this.rules.gating) {
      for (const q of this.rules.binding) {
        const i = QUANTITIES.indexOf(q);
        const short = this.need[i] - this.available(i);
        if (short > 1e-9) shorts.push(msg.ledgerShort(q, short));
      }
    }
    if (this.budget) {
      const over = districtCo2T + need.rampCo2T + need.co2T - this.budgetT;
      if (over > 1e-9) shorts.push(msg.budgetOver(over));
    }
    if (shorts.length) return { fits: false, detail: shorts.join('; ') };
    this.drawNeed();
    return { fits: true, detail: this.drawnText() };
  }

  /** The need just drawn, in words (the binding pools), for the start's audit line. */
  private drawnText(): string {
    return this.rules.binding.map((q) => msg.ledgerDrawn(q, this.need[QUANTITIES.indexOf(q)])).join('; ');
  }

  /** Draws a project the record says started (src/actuals/): as it was, without a test; a pool may go below zero. */
  force(need: ProjectNeed): void {
    this.setNeed(need);
    this.drawNeed();
  }

  private setNeed(need: ProjectNeed): void {
    for (const [q, v] of [need.energyTce, need.co2T, need.landMu].entries())
      if (!(v >= 0) || !Number.isFinite(v)) throw new Error(msg.ledgerBadNeed(QUANTITIES[q], v));
    const ratio = need.twoHigh ? this.rules.replacement.twoHigh : this.rules.replacement.default;
    this.need[ENERGY] = need.energyTce * ratio;
    this.need[CO2] = need.co2T * ratio;
    this.need[LAND] = need.landMu; // land is land: a project occupies what it occupies
  }

  /** Draws `need` from the oldest positive vintages first; what they cannot cover comes from this year's (which may go below zero). */
  private drawNeed(): void {
    for (let q = 0; q < Q; q++) {
      let left = this.need[q];
      this.drawn[q * this.years + this.y] += left;
      for (let v = 0; v < this.y && left > 0; v++) {
        const i = q * this.years + v;
        const take = Math.min(left, Math.max(0, this.pool[i]));
        this.pool[i] -= take;
        left -= take;
      }
      this.pool[q * this.years + this.y] -= left;
    }
  }

  /** Closes the year (after the final {@link credit}): the balances, and the budget carried to the next year. */
  endYear(districtCo2T: number): void {
    for (let q = 0; q < Q; q++) this.balance[q * this.years + this.y] = this.available(q);
    if (this.budget?.carryOver) this.carryT = Math.max(0, this.budgetT - districtCo2T);
  }

  /** The pool of a quantity at the end of year index y. */
  balanceAt(q: number, y: number): number {
    return this.balance[q * this.years + y];
  }

  /** The budget's own cap of `year` (before carry-over), t. */
  private capT(year: number): number {
    const b = this.budget;
    if (!b) return Number.NaN;
    return b.kind === 'cap' ? valueAt(b.capT, year) : (b.baseT ?? this.baseCo2T) * (1 + valueAt(b.change, year));
  }
}
