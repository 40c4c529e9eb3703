import type { z } from 'zod';
import type { EnergyColumns } from '../accounting/account.js';
import type { CarrierId } from '../domain/carriers.js';
import type { ProjectTable } from '../domain/project-table.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import type { EvaluationColumns } from '../evaluation/evaluate.js';
import type { Rng } from '../random/rng.js';
import type { RecordedAction } from '../actuals/types.js';
import type { Benchmarks } from '../ledger/benchmarks.js';
import type { LedgerDecision, ProjectNeed } from '../ledger/ledger.js';

/** What a policy's resolve step may consult besides its own entry. */
export interface PolicyResolveContext {
  readonly base: number;
  readonly end: number;
  /** The scenario's named constants, for expressions. */
  readonly constants: ReadonlyMap<string, number>;
  /** Index of an enterprise id in the registry (named lists), or undefined when unknown. */
  readonly enterpriseIndex: (id: string) => number | undefined;
  /** The project table loaded from a file the entry names under `field` (see {@link PolicyModule.files}). */
  readonly table: (field: string) => ProjectTable | undefined;
  /**
   * The actions the district actually took under this policy up to `as_of` (src/actuals/), in
   * file order: replayed in every draw as recorded, like named entries.
   */
  readonly recorded: readonly RecordedAction[];
  /** The last year the actuals complete (as_of's last full year); undefined without actuals. */
  readonly lastCompleteYear?: number;
  /** The scenario's benchmark levels per product (`benchmarks:`), for new projects' benchmark test; undefined without the key. */
  readonly benchmarks?: Benchmarks;
}

/**
 * The state a policy reads and changes in the year loop (struct of arrays owned by the engine,
 * one slot per registry firm and per possible new project). Values are this year's, after the
 * background dynamics; `grossTce`, `energyTce` and `co2T` are this year's accounts before any
 * policy acted. The methods change a firm and record the disposition in the audit trail, so a
 * policy never has to do its own bookkeeping of what was vacated.
 */
export interface PolicyState extends EnergyColumns, Omit<EvaluationColumns, 'energyTce' | 'active'> {
  /** Id and name of every slot (a project policy names its slots). */
  readonly ids: string[];
  readonly names: string[];
  /** 1 = operating in the district; 0 = exited, or a project not started. */
  readonly active: Uint8Array;
  /**
   * Slots 0 … registryN − 1 are the registry's firms, the rest project slots. A registry firm's
   * group (`aboveScale`) is the registry's for the whole run; a slot's is set when it opens.
   */
  readonly registryN: number;
  /**
   * True when this draw keeps its audit trail (events.csv: one draw, draw 0 by default; dcsim
   * rebase): an event's `detail` in words is read only then, so a policy builds it only then.
   */
  readonly recording: boolean;
  /** This year's 亩均 grade (0 none, 1 A … 4 D) and score (NaN when not evaluated). */
  readonly grade: Uint8Array;
  readonly score: Float64Array;
  /** VA at constant base-year prices, 万元 (what intensities are measured against, src/economy/economics.ts). */
  readonly valueAddedConstant: Float64Array;
  /** Gross energy on the scenario's basis, tce. */
  readonly grossTce: Float64Array;
  /** Energy after the per-firm dual-control exclusions, tce. */
  readonly energyTce: Float64Array;
  readonly co2T: Float64Array;
  readonly sector: Uint32Array;
  /** Sector labels by code (GB/T 4754 divisions). */
  readonly sectors: readonly string[];
  readonly yearBuilt: Int16Array;
  readonly villageCluster: Uint8Array;
  readonly lsmp: Uint8Array;
  /** 1 = a national major project (能耗单列): outside the district's dual-control total. */
  readonly nationalMajor: Uint8Array;
  readonly greenFactory: Uint8Array;
  /** A slot's national-carbon-market flag from its table (1 covered, 0 not, −1 by sector and threshold, src/accounting/ets.ts); read when a project starts. */
  readonly etsFlag: Int8Array;
  /** Share of each firm's direct CO2 captured by CCUS (set by {@link setCapture}). */
  readonly captureRate: Float64Array;
  /** Removes a firm from the district (close, relocate, exit): its energy, CO2 and land are vacated. */
  exit(e: number, policy: number, action: string): void;
  /**
   * Saves a share of a firm's process energy (gross less feedstock, src/policies/saving.ts): the
   * fuel part of its fossil carriers, its electricity and its heat fall by the share; feedstock,
   * process CO2 and its own renewable electricity (while it fits in the lower use) stay. Records
   * the energy and CO2 it no longer uses. `recorded`: the saving completes a recorded action (a
   * lagged upgrade the actuals list), so its event is `actual` and its flow part of the observed.
   * `detail`: the event's reason in words (events.csv), e.g. the measures and their cost.
   */
  saveEnergy(e: number, share: number, policy: number, action: string, recorded?: boolean, detail?: string): void;
  /** Raises a firm's VA (with output and tax in proportion) by a share, e.g. after an upgrade. */
  growValueAdded(e: number, share: number): void;
  /**
   * Raises a firm's VA rate by a share without raising its output: VA × (1 + gain), tax with it
   * (tax follows VA), output unchanged (src/economy/economics.ts).
   */
  raiseValueAddedRate(e: number, gain: number): void;
  /** Shrinks a firm's land to `factor` of it (a move into a small/micro park); the rest is vacated. */
  shrinkLand(e: number, factor: number, policy: number, action: string): void;
  /**
   * Switches `share` of the fuel part (use less its share of feedstock) of each `from` carrier to
   * `to`: `tcePerTce` tce of `to` on the calorific basis per tce of fuel replaced (useful-energy
   * parity, src/policies/fuel-switch.ts). Records the energy and CO2 it no longer uses (negative
   * when the new carrier uses more on the scenario's basis or emits more).
   */
  switchFuel(
    e: number,
    from: readonly CarrierId[],
    to: CarrierId,
    share: number,
    tcePerTce: number,
    policy: number,
    action: string,
    recorded?: boolean,
  ): void;
  /**
   * Captures `rate` of a firm's direct CO2 (combustion + process, CCUS) from now on, adding the
   * energy penalty for the tonnes captured beyond its previous rate as purchased heat (GJ per t)
   * and electricity (10⁴ kWh per t). Records the CO2 cut net of the penalty's own CO2 and the
   * penalty energy as negative vacated energy.
   */
  setCapture(e: number, rate: number, heatGjPerT: number, electricity10kKwhPerT: number, policy: number, action: string): void;
  /** Starts a new project in slot e this year; its energy is new-project energy (none for a national major project); `detail`: its admission in words. */
  startProject(e: number, policy: number, action: string, detail?: string): void;
  /** Raises the renewable part of a firm's electricity to at least `share`, recording the CO2 avoided (`detail`: the event's reason in words). */
  raiseRenewableShare(e: number, share: number, policy: number, action: string, detail?: string): void;
  /**
   * Scales a project's capacity (every carrier, feedstock, renewables, process CO2, VA, output,
   * tax, employees, revenue, R&D, pollutants; not land) by `factor` (a ramp-up step). In an
   * operating project the change of its energy is new-project energy, recorded as `action`.
   */
  scaleProject(e: number, factor: number, policy: number, action: string): void;
  /** Standard coal per unit of a carrier this year (electricity on the scenario's basis), tce. */
  tcePerUnit(carrier: CarrierId): number;
  /** Re-accounts firm e (also a project slot not yet started) into grossTce, energyTce and co2T. */
  measure(e: number): void;
  /**
   * Reports a saving started and not yet credited at the end of this year (`pending_saving_tce`);
   * in the last simulated year it is also recorded as a `pending` event with its value.
   */
  pending(e: number, tce: number, policy: number): void;
  /**
   * Asks the headroom ledger (src/ledger/ledger.ts) whether a project that passed its admission
   * tests may start this year, at full capacity: with a `ledger:` block or a carbon budget it
   * fits only when the binding pools and the budget hold it; without either it always fits. A
   * project that fits draws the pools and counts as admitted (call startProject next); `recorded`
   * (a start the actuals list) draws without a test.
   */
  admitProject(need: ProjectNeed, recorded?: boolean): LedgerDecision;
  /** A project may wait this many years after its due year for headroom (the ledger's `max_defer_years`). */
  readonly maxDeferYears: number;
  /** Records that a project waits for headroom this year (`deferred`, with the shortfall in words). */
  deferProject(e: number, policy: number, detail: string): void;
  /** Records that a project is rejected (`rejected`: a test failed, or it waited too long), with the reason in words. */
  rejectProject(e: number, policy: number, detail: string): void;
  /** Records a disposition without a change (an evaluation, a compliant review), with its reason in words (`detail`, events.csv). */
  note(e: number, policy: number, action: string, detail?: string): void;
  /**
   * Records that key unit e missed its obligation this year (src/policies/key-emitters.ts): a
   * `listed` event (listed for rectification) with the gap in words, counted in the year's
   * `non_compliant_firms`. A note: it changes nothing, and claims the firm like every record.
   */
  nonCompliant(e: number, policy: number, detail: string): void;
  /**
   * The policy that first took firm e this year (recorded any disposition of it), or −1: the
   * exclusivity mark of src/policies/selection.ts. Every method above that records claims.
   */
  claimedBy(e: number): number;
  /** Records that a quota lacked `firms` candidates this year (a `shortfall` event and metric). */
  shortfall(policy: number, firms: number): void;
  /**
   * False in a year the actuals complete when the policy has recorded actions (of `programme`,
   * when named): its rule selects nothing more that year (src/actuals/replay.ts).
   */
  selecting(policy: number, programme?: string): boolean;
  /** Firms of a group (0 规上, 1 规下) the policy took this year by the record, of one programme (`action`) or all: a quota is net of them. */
  recordedCount(policy: number, group: 0 | 1, action?: string): number;
  /** True while firm e is reserved by the record (a recorded action this year or later): no rule takes it. */
  reserved(e: number): boolean;
}

/** Where a policy sits in a run: its index (for the audit trail) and its new-project slots. */
export interface PolicyLayout {
  /** Index of the policy in the scenario (the `policy` argument of the state's methods). */
  readonly index: number;
  /** Total slots: registry firms plus every policy's project slots. */
  readonly capacity: number;
  /** First of this policy's project slots (meaningful when it asked for some). */
  readonly firstSlot: number;
  /** Code of a GB/T 4754 division in the state's sector dictionary (adding it when new). */
  sectorCode(division: string): number;
  /** The policy's key in metrics and events (`rectification`, `village_cleanup-2` …). */
  readonly key: string;
  /** Registers a number sampled once per draw, so the sensitivity analysis can relate it to the outcomes. */
  drawParam(name: string, read: () => number): void;
}

/** A policy ready to run: its per-run scratch (flags, cool-downs) lives here, reset every draw. */
export interface PolicyRuntime {
  /** Called before the first simulated year of every draw, with this policy's own stream. */
  startDraw(state: PolicyState, rng: Rng): void;
  /** Applies the policy in `year`; never allocates per firm; all randomness comes from `rng`. */
  apply(state: PolicyState, year: number, rng: Rng): void;
  /**
   * Called after every policy applied `year`: reports what the policy holds at the year's end
   * (savings started and not yet credited, {@link PolicyState.pending}); draws nothing.
   */
  endYear?(state: PolicyState, year: number): void;
  /**
   * Called once per draw after the base year is accounted, before the first simulated year: the
   * state holds the base year's values (a policy's reference for its first year); draws nothing.
   */
  baseYear?(state: PolicyState, year: number): void;
}

/**
 * A policy plug-in (DESIGN §9, after d3-force): the engine owns the loop; a module exports the
 * schema of its scenario entry, a resolve step (expressions, named-list ids, years), and a
 * runtime whose `apply` changes the state for one year with its own random stream. Adding a
 * policy is one file and one line in `registry.ts`.
 */
export interface PolicyModule<Spec = unknown, Params = unknown> {
  /** The `type:` of the scenario entry. */
  readonly type: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Validates the whole entry, `type` included; unknown keys are errors. */
  readonly schema: z.ZodType<Spec>;
  /**
   * The dispositions an actions file may record under this policy (issue #12), e.g.
   * rectification's upgrade, regulate, relocate, close; none: the policy takes no recorded action.
   */
  readonly actions?: readonly string[];
  /** Keys of the entry that name project tables (CSV/XLSX, relative to the scenario file); the io layer loads them for resolve. */
  readonly files?: readonly string[];
  /** Turns a validated entry into parameters; problems are reported at paths under `path`. */
  resolve(spec: Spec, ctx: PolicyResolveContext, path: ValuePath): { params: Params; issues: PathIssue[] };
  /** New-project slots this policy needs (default 0). */
  projectSlots?(params: Params): number;
  /** Creates the runtime for one run. */
  createRuntime(params: Params, layout: PolicyLayout): PolicyRuntime;
}

/** A resolved policy of a scenario: its module and parameters, in scenario order. */
export interface ResolvedPolicy {
  readonly module: PolicyModule;
  readonly params: unknown;
}

/**
 * Erases a module's Spec and Params types so modules can share one registry list. Sound because
 * the engine only ever passes a module the params its own `resolve` returned.
 */
export function anyPolicy<S, P>(module: PolicyModule<S, P>): PolicyModule {
  return module as unknown as PolicyModule;
}
