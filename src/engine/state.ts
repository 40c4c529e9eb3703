import { createOneAccount, firmAccounter, type FirmAccounter, type YearCoefficients } from '../accounting/account-one.js';
import type { CarbonLedger } from '../accounting/boundary.js';
import { ETS_BY_SECTOR, NEVER_COVERED, etsFirstYear } from '../accounting/ets.js';
import type { EtsCoverage } from '../accounting/factors.js';
import { CARRIERS, FOSSIL_CARRIERS, type CarrierId } from '../domain/carriers.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import { growValueAdded, raiseValueAddedRate, startFirm } from '../economy/economics.js';
import type { PolicyState } from '../policies/types.js';
import type { ReplayBook } from '../actuals/replay.js';
import type { HeadroomLedger, LedgerDecision, ProjectNeed } from '../ledger/ledger.js';
import { ImpossibleValue } from '../domain/impossible-value.js';
import { msg } from '../messages/messages.js';

/** One line of the audit trail (events.csv). */
export interface EngineEvent {
  readonly draw: number;
  readonly year: number;
  readonly enterprise: number;
  readonly policy: number;
  readonly action: string;
  readonly vacatedEnergyTce: number;
  readonly co2ReductionT: number;
  readonly vacatedLandMu: number;
  readonly newProjectEnergyTce: number;
  /** A `shortfall` event (enterprise −1): firms a quota lacked; 0 on every other event. */
  readonly shortfallFirms: number;
  /** A saving started and not yet credited at the end of the period (action `pending`), tce. */
  readonly pendingSavingTce: number;
  /** A recorded action replayed (events.csv `source: actual`), not a modelled one. */
  readonly actual: boolean;
  /** CO2 of a new project as it comes (start, ramp-up step), t; 0 on every other event. */
  readonly newProjectCo2T: number;
  /** Why, in words, when a disposition needs a reason (a project deferred or rejected: the test or the headroom short); '' otherwise. */
  readonly detail: string;
}

/** Flow kinds tallied per policy and year. */
export const FLOW = { energy: 0, co2: 1, land: 2, newEnergy: 3, shortfall: 4, newCo2: 5 } as const;
export const FLOWS = 6;

const f64 = (n: number, from?: ArrayLike<number>) => {
  const a = new Float64Array(n);
  if (from) a.set(from as ArrayLike<number>);
  return a;
};

/**
 * The simulation state of one draw: the registry's firms and the new-project slots as struct of
 * arrays (DESIGN §7). Created once per run; `reset` copies the base values back at the start of
 * every draw, so nothing is allocated per draw or per year.
 */
export class SimState implements PolicyState {
  readonly n: number;
  readonly ids: string[];
  readonly names: string[];
  readonly sectors: string[];
  readonly active: Uint8Array;
  readonly aboveScale: Uint8Array;
  readonly sector: Uint32Array;
  readonly yearBuilt: Int16Array;
  readonly villageCluster: Uint8Array;
  readonly lsmp: Uint8Array;
  readonly nationalMajor: Uint8Array;
  readonly greenFactory: Uint8Array;
  readonly grade: Uint8Array;
  readonly score: Float64Array;
  readonly landMu: Float64Array;
  readonly output: Float64Array;
  /** VA at current prices, 万元. */
  readonly valueAdded: Float64Array;
  /** VA at constant base-year prices, 万元 (src/economy/economics.ts). */
  readonly valueAddedConstant: Float64Array;
  readonly tax: Float64Array;
  readonly employees: Float64Array;
  readonly revenue: Float64Array;
  readonly rdExpense: Float64Array;
  readonly pollutantT: Float64Array;
  readonly electricity10kKwh: Float64Array;
  readonly carriers: Record<CarrierId, Float64Array>;
  /** The fossil carriers' columns in FOSSIL_CARRIERS order: a loop over them indexes an array instead of looking each column up by name (a megamorphic keyed load). */
  private readonly fossilColumns: Float64Array[];
  readonly feedstockTce: Float64Array;
  readonly renewableElectricity10kKwh: Float64Array;
  readonly processCo2T: Float64Array;
  /** Share of each firm's direct CO2 captured by CCUS (src/policies/ccus.ts), 0 until a capture starts; reset every draw. */
  readonly captureRate: Float64Array;
  readonly grossTce: Float64Array;
  readonly energyTce: Float64Array;
  readonly co2T: Float64Array;
  /** Direct CO2 (combustion after feedstock + process − captured), t: filled with co2T. */
  readonly directCo2T: Float64Array;
  /** Direct CO2 captured by CCUS, t: filled with co2T. */
  readonly capturedCo2T: Float64Array;
  /**
   * First year the national carbon market covers the firm (src/accounting/ets.ts; −∞ always, +∞
   * never): the registry's firms set once per run ({@link setEtsCoverage}), a project's at its
   * start (the threshold on its first year's direct CO2).
   */
  readonly etsFromYear: Float64Array;
  /** A project slot's `ets` cell (src/accounting/ets.ts: 1 yes, 0 no, −1 by sector) for its start; −1 at every draw's start (the project policy may set it). */
  readonly etsFlag: Int8Array;

  /** This year's flows: [policy × FLOWS + kind]. */
  readonly flows: Float64Array;
  /** The part of this year's flows that recorded actions made (src/actuals/): [policy × FLOWS + kind]. */
  readonly actualFlows: Float64Array;
  /** Which policy first took each firm this year (−1: none); reset with the flows every year. */
  readonly claims: Int32Array;
  /** 1 when a disposition changed the firm this year (not a note: an evaluation, a compliant review, a start of a lagged upgrade). */
  readonly changed: Uint8Array;
  /** This year's energy and CO2 flows from green-power purchases (raiseRenewableShare): in the flows, not in the ledger's credit. */
  private uncreditedEnergyTce = 0;
  private uncreditedCo2T = 0;
  /** Savings started and not yet credited at the end of this year, tce (reset with the flows). */
  pendingSavingTce = 0;
  /** Key units that missed their obligation this year ({@link nonCompliant}; reset with the flows). */
  nonCompliantFirms = 0;
  /** Last simulated year: `pending` events are recorded at its end only. */
  end = 0;
  /** The audit trail, when recording (draw 0). */
  events: EngineEvent[] | undefined;
  draw = 0;
  year = 0;
  /** This year's price index of each sector code (base year 1), advanced by the background dynamics. */
  priceIndex = new Float64Array(0);
  /** The year's coefficients, set by the engine before policies run. */
  k: YearCoefficients | undefined;
  /** Values each change as the change of the district's CO2 on the scenario's boundary (set by the engine). */
  carbon: CarbonLedger | undefined;
  /** What the record leaves to the policies (src/actuals/replay.ts; set by the engine when the scenario has actuals). */
  replay: ReplayBook | undefined;
  /** The headroom ledger and carbon budget (src/ledger/; set by the engine). */
  ledger!: HeadroomLedger;
  /** The district's CO2 on the scenario's boundary now, mid-year (set by the engine; the budget test reads it). */
  districtCo2T: () => number = () => Number.NaN;

  /**
   * What {@link reset} restores: each column and the registry's column it starts from (the table's,
   * read-only, on shared memory in a worker: no private copy per simulation), the project slots
   * after it filled with `slots` (0, or NaN where a slot's value is not given).
   */
  private readonly base: {
    readonly target: Float64Array | Uint8Array;
    readonly from?: Float64Array | Uint8Array;
    readonly slots: number;
  }[];
  private readonly one = createOneAccount();
  /** Accounts one of this state's firms (src/accounting/account-one.ts; bound to its columns once). */
  readonly accountFirm: FirmAccounter;
  readonly registryN: number;
  private etsCoverage: EtsCoverage | undefined;

  constructor(table: EnterpriseTable, projectSlots: number, policyCount: number) {
    const n = table.n + projectSlots;
    this.n = n;
    this.ids = [...table.ids, ...Array<string>(projectSlots).fill('')];
    this.names = [...table.names, ...Array<string>(projectSlots).fill('')];
    this.sectors = [...table.sectors];
    const u8 = (from: Uint8Array) => {
      const a = new Uint8Array(n);
      a.set(from);
      return a;
    };
    this.active = new Uint8Array(n);
    this.aboveScale = u8(table.aboveScale);
    this.sector = new Uint32Array(n);
    this.sector.set(table.sector);
    this.yearBuilt = new Int16Array(n);
    this.yearBuilt.set(table.yearBuilt);
    this.villageCluster = u8(table.villageCluster);
    this.lsmp = u8(table.lsmp);
    this.nationalMajor = u8(table.nationalMajor);
    this.greenFactory = u8(table.greenFactory);
    this.grade = new Uint8Array(n);
    this.score = f64(n);
    this.landMu = f64(n, table.landMu);
    this.output = f64(n, table.output);
    this.valueAdded = f64(n, table.valueAdded);
    this.valueAddedConstant = f64(n, table.valueAdded);
    this.tax = f64(n, table.tax);
    this.employees = f64(n, table.employees);
    this.revenue = f64(n, table.revenue);
    this.rdExpense = f64(n, table.rdExpense);
    this.pollutantT = f64(n, table.pollutantT);
    this.revenue.fill(Number.NaN, table.n);
    this.rdExpense.fill(Number.NaN, table.n);
    this.pollutantT.fill(Number.NaN, table.n);
    this.carriers = Object.fromEntries(CARRIERS.map((c) => [c, f64(n, table.carriers[c])])) as Record<CarrierId, Float64Array>;
    this.electricity10kKwh = this.carriers.electricity_10k_kwh;
    this.fossilColumns = FOSSIL_CARRIERS.map((c) => this.carriers[c]);
    this.feedstockTce = f64(n, table.feedstockTce);
    this.renewableElectricity10kKwh = f64(n, table.renewableElectricity10kKwh);
    this.processCo2T = f64(n, table.processCo2T);
    this.captureRate = f64(n);
    this.grossTce = f64(n);
    this.energyTce = f64(n);
    this.co2T = f64(n);
    this.directCo2T = f64(n);
    this.capturedCo2T = f64(n);
    this.etsFromYear = f64(n).fill(NEVER_COVERED);
    this.etsFlag = new Int8Array(n).fill(ETS_BY_SECTOR);
    this.registryN = table.n;
    this.flows = new Float64Array(Math.max(1, policyCount) * FLOWS);
    this.actualFlows = new Float64Array(this.flows.length);
    this.claims = new Int32Array(n).fill(-1);
    this.changed = new Uint8Array(n);
    this.accountFirm = firmAccounter(this);

    const notGiven = new Set<Float64Array>([this.revenue, this.rdExpense, this.pollutantT]);
    this.base = [
      { target: this.aboveScale, from: table.aboveScale, slots: 0 },
      { target: this.villageCluster, from: table.villageCluster, slots: 0 },
      { target: this.lsmp, from: table.lsmp, slots: 0 },
      { target: this.nationalMajor, from: table.nationalMajor, slots: 0 },
      { target: this.greenFactory, from: table.greenFactory, slots: 0 },
      ...(
        [
          [this.landMu, table.landMu],
          [this.output, table.output],
          [this.valueAdded, table.valueAdded],
          [this.valueAddedConstant, table.valueAdded],
          [this.tax, table.tax],
          [this.employees, table.employees],
          [this.revenue, table.revenue],
          [this.rdExpense, table.rdExpense],
          [this.pollutantT, table.pollutantT],
          ...CARRIERS.map((c) => [this.carriers[c], table.carriers[c]] as const),
          [this.feedstockTce, table.feedstockTce],
          [this.renewableElectricity10kKwh, table.renewableElectricity10kKwh],
          [this.processCo2T, table.processCo2T],
          [this.captureRate, undefined],
        ] as const
      ).map(([target, from]) => ({ target, from, slots: notGiven.has(target) ? Number.NaN : 0 })),
    ];
  }

  /** Starts a simulated year's flows, claims and pending savings. */
  startYear(year: number): void {
    this.year = year;
    this.flows.fill(0);
    this.actualFlows.fill(0);
    this.claims.fill(-1);
    this.changed.fill(0);
    this.pendingSavingTce = 0;
    this.nonCompliantFirms = 0;
    this.uncreditedEnergyTce = 0;
    this.uncreditedCo2T = 0;
    this.replay?.startYear(year, this.ids);
  }

  /** Restores the base values for a new draw. */
  reset(draw: number, record: boolean): void {
    const n = this.registryN;
    for (const { target, from, slots } of this.base) {
      if (from) target.set(from.subarray(0, n));
      else target.fill(0, 0, n);
      target.fill(slots, n);
    }
    // every registry firm operates at a draw's start, no project slot does
    this.active.fill(1, 0, n);
    this.active.fill(0, n);
    this.etsFromYear.fill(NEVER_COVERED, this.registryN); // a project's coverage is set at its start
    this.etsFlag.fill(ETS_BY_SECTOR);
    if (this.priceIndex.length !== this.sectors.length) this.priceIndex = new Float64Array(this.sectors.length); // once: every sector is known by the first draw
    this.priceIndex.fill(1);
    this.draw = draw;
    this.pendingSavingTce = 0;
    this.events = record ? [] : undefined;
  }

  /**
   * Sets the carbon market's coverage once per run: the first covered year of each registry firm
   * (src/accounting/ets.ts, from its base-year direct CO2) and the sector coverage projects are
   * tested against when they start.
   */
  setEtsCoverage(registryFirstYears: Float64Array, coverage: EtsCoverage | undefined): void {
    this.etsFromYear.set(registryFirstYears.subarray(0, this.registryN));
    this.etsCoverage = coverage;
  }

  /** Adds a sector label to the dictionary (a project's sector) and returns its code. */
  sectorCode(division: string): number {
    let c = this.sectors.indexOf(division);
    if (c < 0) {
      c = this.sectors.length;
      this.sectors.push(division);
    }
    return c;
  }

  /**
   * Tallies a disposition's flows and appends it to the audit trail. A national major project's
   * energy (能耗单列) is outside the district's account both ways: its start, ramp-up and savings
   * are neither new-project nor vacated energy (its CO2 and land flows count).
   */
  private record(
    e: number,
    policy: number,
    action: string,
    energyTce: number,
    co2: number,
    land: number,
    newEnergyTce: number,
    pending = 0,
    recorded = false,
    noted = false,
    newCo2 = 0,
    detail = '',
  ): void {
    const major = this.nationalMajor[e] === 1;
    const energy = major ? 0 : energyTce;
    const newEnergy = major ? 0 : newEnergyTce;
    const f = policy * FLOWS;
    this.flows[f + FLOW.energy] += energy;
    this.flows[f + FLOW.co2] += co2;
    this.flows[f + FLOW.land] += land;
    this.flows[f + FLOW.newEnergy] += newEnergy;
    this.flows[f + FLOW.newCo2] += newCo2;
    const actual = recorded || (this.replay?.isActual(e, policy) ?? false);
    if (actual) {
      this.actualFlows[f + FLOW.energy] += energy;
      this.actualFlows[f + FLOW.co2] += co2;
      this.actualFlows[f + FLOW.land] += land;
      this.actualFlows[f + FLOW.newEnergy] += newEnergy;
      this.actualFlows[f + FLOW.newCo2] += newCo2;
    }
    if (this.claims[e] < 0) this.claims[e] = policy;
    if (!noted) this.changed[e] = 1;
    this.events?.push({
      draw: this.draw,
      year: this.year,
      enterprise: e,
      policy,
      action,
      vacatedEnergyTce: energy,
      co2ReductionT: co2,
      vacatedLandMu: land,
      newProjectEnergyTce: newEnergy,
      shortfallFirms: 0,
      pendingSavingTce: pending,
      actual,
      newProjectCo2T: newCo2,
      detail,
    });
  }

  get recording(): boolean {
    return this.events !== undefined;
  }

  claimedBy(e: number): number {
    return this.claims[e];
  }

  shortfall(policy: number, firms: number): void {
    this.flows[policy * FLOWS + FLOW.shortfall] += firms;
    this.events?.push({
      draw: this.draw,
      year: this.year,
      enterprise: -1,
      policy,
      action: 'shortfall',
      vacatedEnergyTce: 0,
      co2ReductionT: 0,
      vacatedLandMu: 0,
      newProjectEnergyTce: 0,
      shortfallFirms: firms,
      pendingSavingTce: 0,
      actual: false,
      newProjectCo2T: 0,
      detail: '',
    });
  }

  selecting(policy: number, programme?: string): boolean {
    return this.replay?.selecting(policy, programme) ?? true;
  }

  recordedCount(policy: number, group: 0 | 1, action?: string): number {
    return this.replay?.count(policy, group, action) ?? 0;
  }

  reserved(e: number): boolean {
    return this.replay?.reserved(e) ?? false;
  }

  tcePerUnit(carrier: CarrierId): number {
    const k = this.k!;
    if (carrier === 'electricity_10k_kwh') return k.electricityTcePer10kKwh;
    if (carrier === 'heat_gj') return k.heatTcePerGj;
    return k.fossilTcePerUnit[FOSSIL_CARRIERS.indexOf(carrier)];
  }

  measure(e: number): void {
    this.reaccount(e);
  }

  private reaccount(e: number): void {
    this.accountFirm(e, this.k!, this.one);
    this.grossTce[e] = this.one.grossTce;
    this.energyTce[e] = this.one.dualControlTce;
    this.co2T[e] = this.one.co2T;
    this.directCo2T[e] = this.one.directCo2T;
    this.capturedCo2T[e] = this.one.capturedCo2T;
  }

  /** Notes firm e before a change, for {@link co2Cut}. */
  private beforeChange(e: number): void {
    this.carbon?.before(this, e, this.active);
  }

  /** The fall of the district's CO2 a change at firm e made, its own boundary having fallen by `firmCut`. */
  private co2Cut(e: number, firmCut: number): number {
    return this.carbon ? this.carbon.reduction(this, e, this.active, firmCut) : firmCut;
  }

  exit(e: number, policy: number, action: string): void {
    if (this.active[e] === 0) return;
    const energy = this.energyTce[e];
    const co2 = this.co2T[e];
    this.beforeChange(e);
    this.active[e] = 0;
    this.grossTce[e] = 0;
    this.energyTce[e] = 0;
    this.co2T[e] = 0;
    this.directCo2T[e] = 0;
    this.capturedCo2T[e] = 0;
    this.record(e, policy, action, energy, this.co2Cut(e, co2), this.landMu[e], 0);
  }

  /** A firm's fossil energy (tce on the calorific basis, feedstock included), summed over the fossil carriers. */
  private fossilTce(e: number): number {
    const t = this.k!.fossilTcePerUnit;
    let fossil = 0;
    const columns = this.fossilColumns;
    for (let i = 0; i < columns.length; i++) fossil += columns[i][e] * t[i];
    return fossil;
  }

  saveEnergy(e: number, share: number, policy: number, action: string, recorded = false, detail = ''): void {
    if (this.active[e] === 0) return;
    const f = Math.min(1, Math.max(0, share));
    const energy = this.energyTce[e];
    const co2 = this.co2T[e];
    this.beforeChange(e);
    // the fuel part of the fossil carriers (fossil energy less feedstock) falls by f; feedstock stays
    const fossil = this.fossilTce(e);
    const fuel = Math.max(0, fossil - this.feedstockTce[e]);
    const fossilScale = fossil > 0 ? 1 - (f * fuel) / fossil : 1;
    const columns = this.fossilColumns;
    for (let i = 0; i < columns.length; i++) columns[i][e] *= fossilScale;
    this.electricity10kKwh[e] *= 1 - f;
    this.carriers.heat_gj[e] *= 1 - f;
    // the firm's own renewable power keeps running: the saving cuts purchased power first
    this.renewableElectricity10kKwh[e] = Math.min(this.renewableElectricity10kKwh[e], this.electricity10kKwh[e]);
    this.reaccount(e);
    this.record(e, policy, action, energy - this.energyTce[e], this.co2Cut(e, co2 - this.co2T[e]), 0, 0, 0, recorded, false, 0, detail);
  }

  growValueAdded(e: number, share: number): void {
    growValueAdded(this, e, share);
  }

  raiseValueAddedRate(e: number, gain: number): void {
    raiseValueAddedRate(this, e, gain);
  }

  shrinkLand(e: number, factor: number, policy: number, action: string): void {
    if (this.active[e] === 0) return;
    const land = this.landMu[e];
    this.landMu[e] = land * factor;
    this.record(e, policy, action, 0, 0, land - this.landMu[e], 0);
  }

  raiseRenewableShare(e: number, share: number, policy: number, action: string, detail = ''): void {
    if (this.active[e] === 0) return;
    const energy = this.energyTce[e];
    const co2 = this.co2T[e];
    this.beforeChange(e);
    this.renewableElectricity10kKwh[e] = Math.max(this.renewableElectricity10kKwh[e], share * this.electricity10kKwh[e]);
    this.reaccount(e);
    const saved = energy - this.energyTce[e];
    const cut = this.co2Cut(e, co2 - this.co2T[e]);
    this.record(e, policy, action, saved, cut, 0, 0, 0, false, false, 0, detail);
    // green power bought is not vacated load: it counts in the flows, never as headroom for a new project
    this.uncreditedEnergyTce += this.nationalMajor[e] === 1 ? 0 : saved;
    this.uncreditedCo2T += cut;
  }

  switchFuel(
    e: number,
    from: readonly CarrierId[],
    to: CarrierId,
    share: number,
    tcePerTce: number,
    policy: number,
    action: string,
    recorded = false,
  ): void {
    if (this.active[e] === 0) return;
    if (!(share >= 0 && share <= 1))
      throw new ImpossibleValue(msg.leverImpossible(this.ids[e], action, 'share', share, 'a share from 0 to 1'));
    if (!(tcePerTce > 0 && Number.isFinite(tcePerTce)))
      throw new ImpossibleValue(msg.leverImpossible(this.ids[e], action, 'tce_per_tce', tcePerTce, 'a positive number'));
    const energy = this.energyTce[e];
    const co2 = this.co2T[e];
    this.beforeChange(e);
    // the fuel part of every fossil carrier is 1 − feedstock ÷ fossil energy (the feedstock has the firm's
    // average mix, as in accountOne and saveEnergy): only that part of a `from` carrier is switched
    const fossil = this.fossilTce(e);
    const fuelPart = fossil > 0 ? Math.max(0, 1 - this.feedstockTce[e] / fossil) : 0;
    let movedTce = 0;
    for (const c of from) {
      const cut = this.carriers[c][e] * share * fuelPart;
      this.carriers[c][e] -= cut;
      movedTce += cut * this.tcePerUnit(c);
    }
    // useful-energy parity on the calorific basis: electricity at its 当量值 whatever the scenario's basis
    const k = this.k!;
    const perUnit = to === 'electricity_10k_kwh' ? (k.electricityCalorificTcePer10kKwh ?? k.electricityTcePer10kKwh) : this.tcePerUnit(to);
    this.carriers[to][e] += (movedTce * tcePerTce) / perUnit;
    this.reaccount(e);
    this.record(e, policy, action, energy - this.energyTce[e], this.co2Cut(e, co2 - this.co2T[e]), 0, 0, 0, recorded);
  }

  setCapture(e: number, rate: number, heatGjPerT: number, electricity10kKwhPerT: number, policy: number, action: string): void {
    if (this.active[e] === 0) return;
    if (!(rate >= 0 && rate <= 1))
      throw new ImpossibleValue(msg.leverImpossible(this.ids[e], action, 'capture_rate', rate, 'a share from 0 to 1'));
    if (!(heatGjPerT >= 0 && electricity10kKwhPerT >= 0 && Number.isFinite(heatGjPerT + electricity10kKwhPerT)))
      throw new ImpossibleValue(
        msg.leverImpossible(this.ids[e], action, 'penalty', Math.min(heatGjPerT, electricity10kKwhPerT), 'a number of at least 0'),
      );
    const energy = this.energyTce[e];
    const co2 = this.co2T[e];
    this.beforeChange(e);
    this.reaccount(e);
    // the penalty serves the tonnes captured beyond what the firm already captured
    const direct = this.one.directCo2T + this.one.capturedCo2T;
    const more = Math.max(0, rate - this.captureRate[e]) * direct;
    this.captureRate[e] = rate;
    this.carriers.heat_gj[e] += more * heatGjPerT;
    this.electricity10kKwh[e] += more * electricity10kKwhPerT;
    this.reaccount(e);
    this.record(e, policy, action, energy - this.energyTce[e], this.co2Cut(e, co2 - this.co2T[e]), 0, 0);
  }

  startProject(e: number, policy: number, action: string, detail = ''): void {
    if (this.active[e] === 1) return;
    this.beforeChange(e);
    this.active[e] = 1;
    startFirm(this, e);
    this.reaccount(e);
    // a project's coverage is tested once, on its first year's direct CO2, by its division (or its `ets` cell when the project policy set it)
    if (e >= this.registryN)
      this.etsFromYear[e] = etsFirstYear(this.etsFlag[e], this.sectors[this.sector[e]], this.directCo2T[e], this.etsCoverage);
    this.co2Cut(e, 0); // carries the district's heat balance forward; a project's CO2 is new, not a cut
    this.record(e, policy, action, 0, 0, 0, this.energyTce[e], 0, false, false, this.co2T[e], detail);
  }

  scaleProject(e: number, factor: number, policy: number, action: string): void {
    const energy = this.energyTce[e];
    const co2 = this.co2T[e];
    this.beforeChange(e);
    for (const c of CARRIERS) this.carriers[c][e] *= factor;
    this.feedstockTce[e] *= factor;
    this.renewableElectricity10kKwh[e] *= factor;
    this.processCo2T[e] *= factor;
    growValueAdded(this, e, factor - 1); // every money column, VA at constant prices too
    this.employees[e] *= factor;
    this.pollutantT[e] *= factor;
    this.reaccount(e);
    this.co2Cut(e, 0); // as a start: the district's heat balance moves on; a ramp's CO2 is new, not a cut
    if (this.active[e] === 1) this.record(e, policy, action, 0, 0, 0, this.energyTce[e] - energy, 0, false, false, this.co2T[e] - co2);
  }

  get maxDeferYears(): number {
    return this.ledger.rules.maxDeferYears;
  }

  admitProject(need: ProjectNeed, recorded = false): LedgerDecision {
    const l = this.ledger;
    this.creditLedger();
    if (recorded) {
      l.force(need);
    } else if (l.gating) {
      const d = l.request(need, l.budget ? this.districtCo2T() : 0);
      if (d.fits) l.admitted++;
      return d;
    } else l.force(need);
    l.admitted++;
    return { fits: true, detail: '' };
  }

  /** Credits the ledger with this year's vacated flows so far (every policy's), less what green-power purchases made (not vacated load). */
  creditLedger(): void {
    let energy = -this.uncreditedEnergyTce,
      co2 = -this.uncreditedCo2T,
      land = 0;
    for (let f = 0; f < this.flows.length; f += FLOWS) {
      energy += this.flows[f + FLOW.energy];
      co2 += this.flows[f + FLOW.co2];
      land += this.flows[f + FLOW.land];
    }
    this.ledger.credit(energy, co2, land);
  }

  deferProject(e: number, policy: number, detail: string): void {
    this.ledger.deferred++;
    this.note(e, policy, 'deferred', detail);
  }

  rejectProject(e: number, policy: number, detail: string): void {
    this.ledger.rejected++;
    this.note(e, policy, 'rejected', detail);
  }

  note(e: number, policy: number, action: string, detail = ''): void {
    this.record(e, policy, action, 0, 0, 0, 0, 0, false, true, 0, detail);
  }

  nonCompliant(e: number, policy: number, detail: string): void {
    this.nonCompliantFirms++;
    this.record(e, policy, 'listed', 0, 0, 0, 0, 0, false, true, 0, detail);
  }

  pending(e: number, tce: number, policy: number): void {
    if (this.active[e] === 0) return;
    this.pendingSavingTce += tce;
    if (this.year === this.end) this.record(e, policy, 'pending', 0, 0, 0, 0, tce, false, true);
  }
}
