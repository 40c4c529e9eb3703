import type { z } from 'zod';
import type { EnergyColumns } from '../accounting/account.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import type { EvaluationColumns } from '../evaluation/evaluate.js';
import type { Rng } from '../random/rng.js';

/** What a policy's resolve step may consult besides its own entry. */
export interface PolicyResolveContext {
  readonly base: number;
  readonly end: number;
  /** The scenario's named constants, for expressions. */
  readonly constants: ReadonlyMap<string, number>;
  /** Index of an enterprise id in the registry (named lists), or undefined when unknown. */
  readonly enterpriseIndex: (id: string) => number | undefined;
}

/** One disposition of one firm in one year: a line of `events.csv`. */
export interface PolicyEvent {
  readonly enterprise: number;
  readonly policy: string;
  readonly action: string;
  readonly vacatedEnergyTce: number;
  readonly co2ReductionT: number;
  readonly vacatedLandMu: number;
}

/**
 * The state a policy reads and changes in the year loop: the firms' current columns (struct of
 * arrays, owned by the engine), whether each still operates, its grade of the year, and a sink
 * for the audit trail.
 */
export interface PolicyState extends EnergyColumns, Omit<EvaluationColumns, 'energyTce' | 'active'> {
  /** 1 = operating in the district; 0 = exited (closed or relocated). */
  readonly active: Uint8Array;
  /** This year's 亩均 grade (0 none, 1 A … 4 D). */
  readonly grade: Uint8Array;
  /** This year's 亩均 score (NaN when not evaluated). */
  readonly score: Float64Array;
  /** Energy per firm this year on the dual-control basis, tce (from accounting). */
  readonly energyTce: Float64Array;
  readonly sector: Uint16Array;
  readonly yearBuilt: Int16Array;
  readonly villageCluster: Uint8Array;
  readonly lsmp: Uint8Array;
  readonly greenFactory: Uint8Array;
  /** Records a disposition (the engine keeps the trail of draw 0 and sums the flows). */
  emit(event: PolicyEvent): void;
}

/**
 * A policy plug-in (DESIGN §9, after d3-force): the engine owns the loop; a module exports the
 * schema of its scenario entry, a resolve step (expressions, named-list ids, years), and a pure
 * `apply` that changes the state for one year with its own random stream. Adding a policy is
 * one file and one line in `registry.ts`.
 */
export interface PolicyModule<Spec = unknown, Params = unknown> {
  /** The `type:` of the scenario entry. */
  readonly type: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Validates the whole entry, `type` included; unknown keys are errors. */
  readonly schema: z.ZodType<Spec>;
  /** Turns a validated entry into parameters; problems are reported at paths under `path`. */
  resolve(spec: Spec, ctx: PolicyResolveContext, path: ValuePath): { params: Params; issues: PathIssue[] };
  /** Applies the policy in `year`; never allocates per firm, never touches Math.random. */
  apply(state: PolicyState, params: Params, year: number, rng: Rng): void;
}

/** A resolved policy of a scenario: its module and parameters, in scenario order. */
export interface ResolvedPolicy {
  readonly module: PolicyModule;
  readonly params: unknown;
}
