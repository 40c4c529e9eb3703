import { CARRIERS } from '../domain/carriers.js';
import { CORE_METRIC_IDS, FLOW_METRICS, type MetricId } from '../domain/metrics.js';
import { ImpossibleValue } from '../domain/impossible-value.js';
import { growValueAdded } from '../economy/economics.js';
import { msg } from '../messages/messages.js';
import type { YearTotals } from '../accounting/account.js';
import { FLOW, FLOWS, type SimState } from '../engine/state.js';
import type { Observation } from './types.js';

/**
 * Conditioning a draw on the observed values (README "Actuals and tracking"):
 *
 * - **Calibration of levels**, every year the actuals complete: the background of the firms not
 *   acted on that year (registry firms no policy took, by the record or by its rule) is scaled by
 *   one common factor so that the draw's total equals the observed one — the VA family (VA,
 *   output, tax with it; at current or constant prices) and the energy family (every carrier,
 *   feedstock, renewables, process CO2 with it). A 规上 series is matched first on the 规上 firms,
 *   then a district series on the firms left. One series per family and firm set and year is
 *   matched, in the order of {@link VA_SERIES} and {@link ENERGY_SERIES}; the others are compared
 *   only (the fit table).
 * - **Observed flows** (vacated energy, CO2 cut, land, new-project energy, district): in a year
 *   the actuals complete, the observed annual amount is the year's flow. In the year in progress
 *   the year's flow is the amount observed to date plus the rest of the year as modelled: the
 *   dispositions of each policy's own rule (a policy with recorded actions selects only what its
 *   quota leaves: its rule's flow is all rest of year; a policy without any takes a full year, of
 *   which the share the seasonal profile leaves after `as_of` counts). The observed amount is so
 *   a floor. The per-policy columns keep the modelled dispositions.
 */

type Family = 'va' | 'energy';

/** The engine's flow kind of each flow metric. */
const FLOW_KIND: Partial<Record<MetricId, number>> = {
  vacated_energy_tce: FLOW.energy,
  co2_reduction_t: FLOW.co2,
  vacated_land_mu: FLOW.land,
  new_project_energy_tce: FLOW.newEnergy,
  new_project_co2_t: FLOW.newCo2,
};
/** The firm set a series is matched on: 0 规上, 1 all (the district). */
type FirmSet = 0 | 1;

interface Series {
  readonly year: number;
  readonly metric: MetricId;
  readonly family: Family;
  readonly set: FirmSet;
  readonly value: number;
  readonly observation: Observation;
}

/** The widest factor a year's calibration may put on the firms not acted on: beyond it the observed value is taken for a slip. */
export const MIN_FACTOR = 0.5;
export const MAX_FACTOR = 2;

/** VA series, by preference: the first of a year and firm set is matched. */
export const VA_SERIES: readonly MetricId[] = ['above_scale_value_added', 'value_added', 'value_added_constant'];
/** Energy series, by preference. */
export const ENERGY_SERIES: readonly MetricId[] = ['dual_control_energy_tce', 'energy_tce'];

/** The firm set an observation's metric and scope name, or undefined when it is not matched (a town, a park). */
function firmSet(o: Observation): FirmSet | undefined {
  if (o.metric === 'above_scale_value_added') return o.scope === 'district' || o.scope === 'above_scale' ? 0 : undefined;
  if (o.scope === 'above_scale') return 0;
  if (o.scope === 'district') return 1;
  return undefined;
}

/** The series a run matches, per year: 规上 first, then the district; one per family, firm set and year. */
export function calibrationSeries(values: readonly Observation[], base: number, lastCompleteYear: number): Series[] {
  const out: Series[] = [];
  for (const [family, order] of [
    ['va', VA_SERIES],
    ['energy', ENERGY_SERIES],
  ] as const) {
    for (const metric of order) {
      for (const o of values) {
        if (o.tracked || o.metric !== metric || o.period.kind !== 'year' || o.period.year <= base || o.period.year > lastCompleteYear)
          continue;
        const set = firmSet(o);
        if (set === undefined || out.some((s) => s.family === family && s.set === set && s.year === o.period.year)) continue;
        out.push({ year: o.period.year, metric, family, set, value: o.value, observation: o });
      }
    }
  }
  // 规上 before the district within a year, so the district's factor applies to the firms left
  return out.sort((a, b) => a.year - b.year || a.set - b.set);
}

/**
 * The amount of a flow observed in a year up to `month`: months where given, else their quarter,
 * else the year; undefined when nothing was observed. Sub-annual flows are amounts in their period.
 */
export function observedFlow(values: readonly Observation[], metric: string, year: number, month = 12): number | undefined {
  const here = values.filter((o) => o.metric === metric && o.scope === 'district' && o.period.year === year && o.period.month <= month);
  const annual = here.find((o) => o.period.kind === 'year');
  if (annual) return annual.value;
  let total = 0;
  let any = false;
  for (let q = 1; q <= 4; q++) {
    const months = here.filter((o) => o.period.kind === 'month' && o.period.month > 3 * q - 3 && o.period.month <= 3 * q);
    const quarter = here.find((o) => o.period.kind === 'quarter' && o.period.month === 3 * q);
    // a quarter's own value, unless its months are all there (they are finer); else the months observed
    const value = quarter && months.length < 3 ? quarter.value : months.reduce((a, o) => a + o.value, 0);
    if (quarter || months.length) any = true;
    total += value;
  }
  return any ? total : undefined;
}

/** Per draw: matches the observed levels and sets the observed flows (allocated once per run). */
export class Calibration {
  private readonly byYear = new Map<number, Series[]>();
  /** Flow metric ids and, per year index, the observed amount and whether it is a floor (year in progress). */
  private readonly flows: { metric: MetricId; m: number; year: number; value: number; floor: boolean }[] = [];
  /** Firms a 规上 series scaled this year, per family (va, energy): a district series of the family leaves them. */
  private readonly calibrated: { readonly va: Uint8Array; readonly energy: Uint8Array };
  private readonly asOfMonth: number;

  constructor(
    values: readonly Observation[],
    base: number,
    /** The last year the actuals complete, and the as_of period's year and month. */
    lastCompleteYear: number,
    asOf: { year: number; month: number },
    /** Registry firms (project slots are never scaled). */
    private readonly registryFirms: number,
    capacity: number,
    /** Share of a year's flow expected by the end of each month (Scenario.tracking.seasonalProfile). */
    private readonly profile: readonly number[],
  ) {
    this.asOfMonth = asOf.month;
    for (const s of calibrationSeries(values, base, lastCompleteYear)) {
      const list = this.byYear.get(s.year) ?? [];
      list.push(s);
      this.byYear.set(s.year, list);
    }
    // the flows the policies make (not projects counted, nor CO2 captured): observed values replace them
    for (const metric of FLOW_METRICS) {
      if (FLOW_KIND[metric] === undefined) continue;
      for (let year = base + 1; year <= asOf.year; year++) {
        const floor = year > lastCompleteYear;
        const value = observedFlow(values, metric, year, floor ? asOf.month : 12);
        // the metric's row in a draw's block: the layout starts with CORE_METRIC_IDS (src/engine/metrics.ts)
        if (value !== undefined) this.flows.push({ metric, m: CORE_METRIC_IDS.indexOf(metric), year, value, floor });
      }
    }
    this.calibrated = { va: new Uint8Array(capacity), energy: new Uint8Array(capacity) };
  }

  /** True when the run matches anything (levels or flows). */
  get active(): boolean {
    return this.byYear.size > 0 || this.flows.length > 0;
  }

  /**
   * Scales the firms not acted on this year so that each matched series equals its observed value
   * (after the policies, before the year's totals); re-accounts the scaled firms. Stops the run
   * when no positive factor can match (the firms acted on alone exceed the observed value).
   */
  calibrateYear(state: SimState, year: number, totals: () => YearTotals): void {
    const series = this.byYear.get(year);
    if (!series) return;
    this.calibrated.va.fill(0);
    this.calibrated.energy.fill(0);
    for (const s of series) {
      // the secant on the common factor: exact in one step for a plain sum; the renewable deduction makes dual-control energy nearly linear
      for (let iteration = 0; iteration < 4; iteration++) {
        const current = this.value(state, s, totals);
        const { acted, free } = this.split(state, s);
        if (Math.abs(current - s.value) <= 1e-10 * s.value) break;
        const factor = (s.value - (current - free)) / free;
        const o = s.observation;
        if (!(free > 0) || !Number.isFinite(factor) || factor <= 0)
          throw new ImpossibleValue(msg.calibrationImpossible(o.metric, o.period.text, s.value, acted, free, o.at.file, o.at.row));
        // a year's background is never off by half or double: such a value is a unit or scope slip (亿元 vs 万元, 规上 vs 全区)
        if (iteration === 0 && (factor < MIN_FACTOR || factor > MAX_FACTOR))
          throw new ImpossibleValue(msg.calibrationImplausible(o.metric, o.period.text, s.value, current, factor, o.at.file, o.at.row));
        this.scale(state, s, factor);
      }
      this.mark(state, s);
    }
  }

  /** Sets the observed flows of `year` (its index `y` of `years`) in the draw's metrics at `out[offset …]`. */
  adjustFlows(state: SimState, year: number, out: Float64Array, offset: number, y: number, years: number): void {
    for (const f of this.flows) {
      if (f.year !== year) continue;
      out[offset + f.m * years + y] = f.floor ? f.value + this.restOfYear(state, FLOW_KIND[f.metric]!) : f.value;
    }
  }

  /** The flow of kind `kind` the policies' own rules add after as_of this year (see the class comment). */
  private restOfYear(state: SimState, kind: number): number {
    const left = 1 - this.profile[this.asOfMonth - 1];
    let rest = 0;
    for (let p = 0; p * FLOWS < state.flows.length; p++) {
      const own = state.flows[p * FLOWS + kind] - state.actualFlows[p * FLOWS + kind];
      rest += state.replay?.recorded(p) ? own : own * left;
    }
    return rest;
  }

  private inSet(state: SimState, s: Series, e: number): boolean {
    return state.active[e] === 1 && (s.set === 1 || state.aboveScale[e] === 1);
  }

  /** Scalable: a registry firm in the set that no disposition changed this year (a note — an evaluation, a compliant review — does not) and no earlier series of this year scaled. */
  private scalable(state: SimState, s: Series, e: number): boolean {
    return e < this.registryFirms && state.changed[e] === 0 && this.calibrated[s.family][e] === 0;
  }

  private firmValue(state: SimState, s: Series, e: number): number {
    switch (s.metric) {
      case 'value_added':
      case 'above_scale_value_added':
        return state.valueAdded[e];
      case 'value_added_constant':
        return state.valueAddedConstant[e];
      case 'energy_tce':
        return state.grossTce[e];
      default:
        return state.energyTce[e];
    }
  }

  /** The series' simulated value now. */
  private value(state: SimState, s: Series, totals: () => YearTotals): number {
    if (s.family === 'energy' && s.set === 1) {
      const t = totals();
      return s.metric === 'energy_tce' ? t.grossTce : t.dualControlTce;
    }
    let v = 0;
    for (let e = 0; e < state.n; e++) if (this.inSet(state, s, e)) v += this.firmValue(state, s, e);
    return v;
  }

  /** The series' parts now: what the firms acted on hold, and what the scalable firms hold. */
  private split(state: SimState, s: Series): { acted: number; free: number } {
    let acted = 0;
    let free = 0;
    for (let e = 0; e < state.n; e++) {
      if (!this.inSet(state, s, e)) continue;
      if (this.scalable(state, s, e)) free += this.firmValue(state, s, e);
      else acted += this.firmValue(state, s, e);
    }
    return { acted, free };
  }

  private scale(state: SimState, s: Series, factor: number): void {
    for (let e = 0; e < state.n; e++) {
      if (!this.inSet(state, s, e) || !this.scalable(state, s, e)) continue;
      if (s.family === 'va') {
        growValueAdded(state, e, factor - 1);
        continue;
      }
      for (const c of CARRIERS) state.carriers[c][e] *= factor;
      state.feedstockTce[e] *= factor;
      state.renewableElectricity10kKwh[e] *= factor;
      state.processCo2T[e] *= factor;
      state.pollutantT[e] *= factor;
      state.measure(e);
    }
  }

  /** Marks the firms a series scaled, so a wider series of the same family this year leaves them. */
  private mark(state: SimState, s: Series): void {
    const others = this.byYear.get(s.year)!.some((t) => t.family === s.family && t.set > s.set);
    if (!others) return;
    for (let e = 0; e < state.n; e++) if (this.inSet(state, s, e) && this.scalable(state, s, e)) this.calibrated[s.family][e] = 1;
  }
}
