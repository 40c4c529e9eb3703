import { Calibration } from '../actuals/calibration.js';
import { lastCompleteYear } from '../actuals/period.js';
import { ReplayBook } from '../actuals/replay.js';
import {
  accountEnterprises,
  sumAccounts,
  totalRenewable10kKwh,
  type AccountTotals,
  type EnterpriseAccounts,
} from '../accounting/account.js';
import { createOneAccount, createYearCoefficients, setYear, yearAccounter, type YearCoefficients } from '../accounting/account-one.js';
import { CarbonLedger, supplyBase } from '../accounting/boundary.js';
import { registryEtsFirstYears } from '../accounting/ets.js';
import { withGridNonFossilShare, type Factors } from '../accounting/factors.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import { evaluate, type EvaluationColumns, type EvaluationOutput } from '../evaluation/evaluate.js';
import type { EvaluationModel } from '../evaluation/model.js';
import type { PolicyRuntime } from '../policies/types.js';
import { HeadroomLedger } from '../ledger/ledger.js';
import { createRng, type Rng } from '../random/rng.js';
import { GridFactorPath } from '../scenario/grid-factor.js';
import type { Scenario, SectorParam } from '../scenario/resolve.js';
import { advanceYear, createDynamicsScratch, type Background } from './dynamics.js';
import { metricLayout, writeMetrics, type MetricLayout } from './metrics.js';
import { SectorParamSampler } from './sector-param.js';
import { SimState, type EngineEvent } from './state.js';

/** What a simulation runs on. */
export interface SimulationInput {
  readonly scenario: Scenario;
  readonly table: EnterpriseTable;
  readonly factors: Factors;
  readonly evaluation: EvaluationModel;
}

/** A simulation ready to run draws; the same object runs in-process or inside a worker. */
export interface Simulation {
  readonly layout: MetricLayout;
  /** Number of metric values one draw writes (metrics × years). */
  readonly drawSize: number;
  /** Id and name of every slot, for the audit trail (projects are named by their policy). */
  readonly state: Pick<SimState, 'ids' | 'names'>;
  /**
   * Runs draw `draw` with `seed` and writes its metrics at `out[offset …]`; returns its events
   * when `record` is set. The draw's streams derive from (seed, draw) alone.
   */
  runDraw(
    seed: number,
    draw: number,
    out: Float64Array,
    offset: number,
    record: boolean,
    params?: Float64Array,
    paramsOffset?: number,
  ): EngineEvent[] | undefined;
  /** The numbers sampled once per draw (`per: draw`), whose values `runDraw` writes to `params`. */
  readonly paramNames: readonly string[];
}

/** Observers of a draw, in this thread only (dcsim rebase reads the state at a year's end). */
export interface SimulationHooks {
  /** Called at the end of every year of every draw (the base year too), after the year's metrics are written; must not change the state. */
  readonly yearEnd?: (state: SimState, year: number) => void;
}

/**
 * The background's numbers with their scenario names, in stream order: the numbers added later
 * draw after the earlier ones, so they leave those unchanged.
 */
const BACKGROUND = [
  ['growth.value_added', 'valueAdded'],
  ['growth.energy_elasticity', 'energyElasticity'],
  ['growth.efficiency_gain', 'efficiencyGain'],
  ['growth.employment_elasticity', 'employmentElasticity'],
  ['growth.price', 'price'],
  ['growth.value_added_rate', 'valueAddedRate'],
  ['growth.tax_rate', 'taxRate'],
] as const satisfies readonly (readonly [string, keyof Background])[];

/** Stream keys within a draw: 0 for the background, 1 + i for policy i. */
const BACKGROUND_STREAM = 0;

/**
 * Builds the engine for a scenario (DESIGN §1): the state (registry firms plus project slots),
 * the background samplers and the policy runtimes, all allocated once. Each draw then runs
 * base year … end: background dynamics → accounting → 亩均 evaluation → policies in scenario
 * order → accounting → metrics.
 */
export function createSimulation(input: SimulationInput, hooks: SimulationHooks = {}): Simulation {
  const { scenario, table, evaluation } = input;
  // a scenario's grid non-fossil share (non_fossil_share) replaces the factors file's
  const factors = withGridNonFossilShare(input.factors, scenario.gridNonFossilShare);
  const { base, end } = scenario.period;
  const policies = scenario.policies;
  const slots = policies.map((p) => p.module.projectSlots?.(p.params) ?? 0);
  const capacity = table.n + slots.reduce((a, b) => a + b, 0);
  const state = new SimState(table, capacity - table.n, policies.length);
  state.end = end;
  const layout = metricLayout(policies, base, end, scenario.budget !== undefined);
  const ledger = new HeadroomLedger(scenario.ledger, scenario.budget, base, end);
  state.ledger = ledger;
  const drawParams: { name: string; read: () => number }[] = [];
  let first = table.n;
  const runtimes: PolicyRuntime[] = policies.map((p, i) => {
    const policyLayout = {
      index: i,
      key: layout.policyKeys[i],
      capacity,
      firstSlot: first,
      sectorCode: (d: string) => state.sectorCode(d),
      drawParam: (name: string, read: () => number) => drawParams.push({ name, read }),
    };
    first += slots[i];
    return p.module.createRuntime(p.params, policyLayout);
  });
  const g = scenario.growth;
  const simulatedYears = { first: base + 1, count: end - base };
  const sampler = (sp: SectorParam) => new SectorParamSampler(sp, state.sectors, state.sector, capacity, simulatedYears);
  const bg: Background = {
    valueAdded: sampler(g.valueAdded),
    energyElasticity: sampler(g.energyElasticity),
    efficiencyGain: sampler(g.efficiencyGain),
    employmentElasticity: sampler(g.employmentElasticity),
    price: sampler(g.price),
    valueAddedRate: sampler(g.valueAddedRate),
    taxRate: sampler(g.taxRate),
  };
  const background = BACKGROUND.map(([name, key]) => [name, bg[key], g[key]] as const);
  const grid = scenario.gridEmissionFactor
    ? new GridFactorPath(scenario.gridEmissionFactor, factors.gridEmissionFactorTPerMwh, base, end)
    : undefined;
  const gridParam = grid?.drawParams('grid_emission_factor') ?? [];
  // background first, then the grid factor, then the policies' numbers in scenario order
  drawParams.unshift(...background.flatMap(([name, sampler, sp]) => sampler.drawParams(name, [...sp.bySector.keys()])), ...gridParam);
  const dynamics = createDynamicsScratch(state, bg);
  const years = layout.years.length;
  const accounts: EnterpriseAccounts = {
    grossTce: state.grossTce,
    dualControlTce: state.energyTce,
    co2T: state.co2T,
    directCo2T: state.directCo2T,
    capturedCo2T: state.capturedCo2T,
  };
  // the carbon market's coverage (co2_ets_t): registry firms once, on their base-year direct CO2
  state.setEtsCoverage(registryEtsFirstYears(table, factors, scenario.accounting, base), factors.etsCoverage);
  const k = createYearCoefficients(factors, scenario.accounting);
  const one = createOneAccount();
  state.k = k;
  const evalCols: EvaluationColumns = {
    ...stateColumns(state),
    energyTce: evaluation.energy === 'gross' ? state.grossTce : state.energyTce,
  };
  const evalOut: EvaluationOutput = {
    score: state.score,
    grade: state.grade,
    scratch: new Float64Array(capacity),
    members: new Int32Array(capacity),
    weightsUsed: new Float64Array(capacity),
  };
  const official = new Uint8Array(capacity);
  official.set(table.grade);
  const baseRenewable = totalRenewable10kKwh(table);
  // the district's own power and heat suppliers, for the carbon boundary (src/accounting/boundary.ts)
  const carbon = new CarbonLedger(scenario.accounting.carbonBoundary, supplyBase(table, table, factors, base), capacity, factors);
  state.carbon = carbon;
  const sum = () => sumAccounts(state, accounts, state.active, scenario.accounting, k, baseRenewable, carbon);
  // the budget test's district CO2 mid-year: what sum() gives for co2T, without the other totals
  state.districtCo2T = () => carbon.districtCo2(carbon.totals(state, state.co2T, state.active, k));
  const yearAccount = { k, pass: yearAccounter(state, accounts) };
  const baseYear = new BaseYearCache(Object.values(accounts), state.score, state.grade);
  const policyRngs: Rng[] = new Array(policies.length);
  // what actually happened (src/actuals/): the record the policies replay, and the observed values a draw matches
  const actuals = scenario.actuals;
  let calibration: Calibration | undefined;
  if (actuals) {
    const complete = lastCompleteYear(actuals.asOf);
    const index = new Map(table.ids.map((id, e) => [id, e]));
    state.replay = new ReplayBook(actuals.actions, (id) => index.get(id), table.aboveScale, capacity, policies.length, complete);
    const c = new Calibration(actuals.values, base, complete, actuals.asOf, table.n, capacity, scenario.tracking.seasonalProfile);
    if (c.active) calibration = c;
  }

  const runDraw: Simulation['runDraw'] = (seed, draw, out, offset, record, params, paramsOffset = 0) => {
    const rng = createRng(seed, draw, BACKGROUND_STREAM);
    state.reset(draw, record);
    bg.valueAdded.startDraw(rng);
    bg.energyElasticity.startDraw(rng);
    bg.efficiencyGain.startDraw(rng);
    bg.employmentElasticity.startDraw(rng);
    // drawn after the background, before the policies (the order of the draw's stream)
    grid?.startDraw(rng);
    // after the grid factor, so a scenario without these numbers draws exactly as before
    bg.price.startDraw(rng);
    bg.valueAddedRate.startDraw(rng);
    bg.taxRate.startDraw(rng);
    for (let i = 0; i < runtimes.length; i++) {
      policyRngs[i] = createRng(seed, draw, 1 + i);
      runtimes[i].startDraw(state, policyRngs[i]);
    }
    if (params) for (let j = 0; j < drawParams.length; j++) params[paramsOffset + j] = drawParams[j].read();
    state.startYear(base);
    // the base year is the registry as given, the same in every draw unless its grid factor is drawn:
    // accounted and evaluated in the first draw, copied back in the others
    const gridBase = grid ? grid.at(base) : Number.NaN;
    const saved = baseYear.totalsFor(gridBase);
    let baseTotals: AccountTotals;
    if (saved) {
      baseTotals = saved;
      setYear(k, factors, scenario.accounting, base, grid?.at(base));
      baseYear.restoreAccounts(state, carbon, k);
    } else {
      baseTotals = accountEnterprises(state, factors, scenario.accounting, base, baseRenewable, accounts, {
        k,
        one,
        active: state.active,
        ...(grid ? { gridTPerMwh: gridBase } : {}),
        carbon,
      });
    }
    ledger.startDraw(baseTotals.co2T);
    for (let i = 0; i < runtimes.length; i++) runtimes[i].baseYear?.(state, base);
    if (saved) baseYear.restoreEvaluation();
    else {
      evaluate(evalCols, evaluation, evalOut, official);
      baseYear.save(gridBase, baseTotals, carbon);
    }
    writeMetrics(state, baseTotals, layout, 0, out, offset);
    hooks.yearEnd?.(state, base);
    for (let y = 1; y < years; y++) {
      const year = base + y;
      state.startYear(year);
      ledger.startYear(year);
      setYear(k, factors, scenario.accounting, year, grid?.at(year));
      advanceYear(state, bg, year, dynamics, yearAccount);
      carbon.totalsFrom(state, dynamics.firmCo2T, dynamics.heatDemandGj, state.active, k);
      evaluate(evalCols, evaluation, evalOut);
      for (let i = 0; i < runtimes.length; i++) runtimes[i].apply(state, year, policyRngs[i]);
      for (let i = 0; i < runtimes.length; i++) runtimes[i].endYear?.(state, year);
      // policies re-accounted every firm they changed: sum instead of accounting all again
      calibration?.calibrateYear(state, year, sum);
      const totals = sum();
      state.creditLedger();
      ledger.endYear(totals.co2T);
      writeMetrics(state, totals, layout, y, out, offset);
      calibration?.adjustFlows(state, year, out, offset, y, years);
      hooks.yearEnd?.(state, year);
    }
    return state.events;
  };
  return { layout, drawSize: layout.ids.length * years, state, runDraw, paramNames: drawParams.map((p) => p.name) };
}

/** What a simulation's draws return, known without building it: the main thread of a worker run needs no more. */
export interface SimulationShape {
  readonly layout: MetricLayout;
  /** Number of metric values one draw writes (metrics × years). */
  readonly drawSize: number;
  /** Id and name of every slot as the state starts them: the registry's firms, then the project slots unnamed ('' until a draw builds them). */
  readonly ids: string[];
  readonly names: string[];
  /** The numbers sampled once per draw, in the order {@link Simulation.paramNames} lists them. */
  readonly paramNames: readonly string[];
}

/**
 * The shape of {@link createSimulation}'s results without its state, samplers or scratch (tens
 * of MB at 100k firms): what a thread that hands the draws to workers needs. The per-draw numbers
 * are named by the same objects that name them there — the background's samplers, the grid
 * factor's path, the policies' runtimes — built on no firms (capacity 0), so they allocate
 * nothing per firm; the names do not depend on the firms.
 */
export function simulationShape(input: SimulationInput): SimulationShape {
  const { scenario, table } = input;
  const { base, end } = scenario.period;
  const policies = scenario.policies;
  const layout = metricLayout(policies, base, end, scenario.budget !== undefined);
  const slots = policies.reduce((a, p) => a + (p.module.projectSlots?.(p.params) ?? 0), 0);
  const names: string[] = [];
  const sectors = [...table.sectors];
  policies.forEach((p, i) =>
    p.module.createRuntime(p.params, {
      index: i,
      key: layout.policyKeys[i],
      capacity: 0,
      firstSlot: table.n,
      sectorCode: (d) => (sectors.includes(d) ? sectors.indexOf(d) : sectors.push(d) - 1),
      drawParam: (name) => names.push(name),
    }),
  );
  const g = scenario.growth;
  const background = BACKGROUND.flatMap(([name, key]) =>
    new SectorParamSampler(g[key], [], new Uint32Array(0), 0, { first: base + 1, count: end - base }).drawParams(name, [
      ...g[key].bySector.keys(),
    ]),
  );
  const grid = scenario.gridEmissionFactor
    ? new GridFactorPath(scenario.gridEmissionFactor, input.factors.gridEmissionFactorTPerMwh, base, end).drawParams('grid_emission_factor')
    : [];
  return {
    layout,
    drawSize: layout.ids.length * layout.years.length,
    ids: [...table.ids, ...Array<string>(slots).fill('')],
    names: [...table.names, ...Array<string>(slots).fill('')],
    // background first, then the grid factor, then the policies' numbers in scenario order (as createSimulation)
    paramNames: [...background.map((p) => p.name), ...grid.map((p) => p.name), ...names],
  };
}

/**
 * The base year's accounts, scores and grades of the first draw, kept to be copied into the
 * state in every later draw (the same to the bit: the same registry values, the same
 * coefficients), saving a year of accounting and evaluation per draw. Keyed by the base year's
 * grid factor (NaN-safe comparison): a drawn one accounts the base year again.
 */
class BaseYearCache {
  private grid = Number.NaN;
  private totals: AccountTotals | undefined;
  /** Σ CO2 and Σ heat bought of the operating firms, where the carbon ledger starts the base year from. */
  private firmCo2T = 0;
  private heatDemandGj = 0;
  private readonly saved: Float64Array[];
  private readonly savedScore: Float64Array;
  private readonly savedGrade: Uint8Array;

  constructor(
    private readonly accounts: readonly Float64Array[],
    private readonly score: Float64Array,
    private readonly grade: Uint8Array,
  ) {
    this.saved = accounts.map((a) => new Float64Array(a.length));
    this.savedScore = new Float64Array(score.length);
    this.savedGrade = new Uint8Array(grade.length);
  }

  /** The saved base-year totals when they hold for this grid factor, else undefined. */
  totalsFor(grid: number): AccountTotals | undefined {
    return this.totals !== undefined && Object.is(grid, this.grid) ? this.totals : undefined;
  }

  /** Keeps the base year just accounted and evaluated. */
  save(grid: number, totals: AccountTotals, carbon: CarbonLedger): void {
    this.grid = grid;
    this.totals = totals;
    this.firmCo2T = carbon.last.firmCo2T;
    this.heatDemandGj = carbon.last.heatDemandGj;
    this.accounts.forEach((a, i) => this.saved[i].set(a));
    this.savedScore.set(this.score);
    this.savedGrade.set(this.grade);
  }

  /** Copies the saved accounts back and starts the carbon ledger's year from them (`k` set for the base year). */
  restoreAccounts(state: SimState, carbon: CarbonLedger, k: YearCoefficients): void {
    this.accounts.forEach((a, i) => a.set(this.saved[i]));
    carbon.totalsFrom(state, this.firmCo2T, this.heatDemandGj, state.active, k);
  }

  /** Copies the saved scores and grades back (where the base year's evaluation stood). */
  restoreEvaluation(): void {
    this.score.set(this.savedScore);
    this.grade.set(this.savedGrade);
  }
}

function stateColumns(s: SimState): Omit<EvaluationColumns, 'energyTce'> {
  return {
    n: s.n,
    aboveScale: s.aboveScale,
    landMu: s.landMu,
    output: s.output,
    valueAdded: s.valueAdded,
    tax: s.tax,
    employees: s.employees,
    revenue: s.revenue,
    rdExpense: s.rdExpense,
    pollutantT: s.pollutantT,
    electricity10kKwh: s.electricity10kKwh,
    active: s.active,
  };
}
