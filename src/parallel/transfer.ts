import type { Factors } from '../accounting/factors.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import type { EvaluationModel } from '../evaluation/model.js';
import { POLICY_MODULES } from '../policies/registry.js';
import type { Scenario } from '../scenario/resolve.js';
import type { SimulationInput } from '../engine/simulate.js';

/** A simulation input as plain, cloneable data: policies by type (modules are code), the registry on shared memory. */
export interface TransferInput {
  readonly scenario: Omit<Scenario, 'policies'> & { readonly policies: readonly { readonly type: string; readonly params: unknown }[] };
  readonly table: EnterpriseTable;
  readonly factors: Factors;
  readonly evaluation: EvaluationModel;
}

/** A typed array backed by a SharedArrayBuffer (workers then read it in place): itself when it is one (a loaded registry's), else a copy. */
function share<T extends Float64Array | Uint8Array | Uint16Array | Uint32Array | Int16Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(x: ArrayLike<number>): void }).set(a);
  return out;
}

/**
 * Prepares a simulation input for workers: the registry's arrays move to shared memory once per
 * run (DESIGN §7: base data shared, not copied per draw), policies travel as their type.
 */
export function toTransfer(input: SimulationInput): TransferInput {
  const t = input.table;
  const table: EnterpriseTable = {
    ...t,
    sector: share(t.sector),
    town: share(t.town),
    park: share(t.park),
    aboveScale: share(t.aboveScale),
    landMu: share(t.landMu),
    output: share(t.output),
    valueAdded: share(t.valueAdded),
    tax: share(t.tax),
    employees: share(t.employees),
    revenue: share(t.revenue),
    rdExpense: share(t.rdExpense),
    pollutantT: share(t.pollutantT),
    carriers: Object.fromEntries(Object.entries(t.carriers).map(([k, v]) => [k, share(v)])) as EnterpriseTable['carriers'],
    feedstockTce: share(t.feedstockTce),
    renewableElectricity10kKwh: share(t.renewableElectricity10kKwh),
    processCo2T: share(t.processCo2T),
    yearBuilt: share(t.yearBuilt),
    villageCluster: share(t.villageCluster),
    lsmp: share(t.lsmp),
    nationalMajor: share(t.nationalMajor),
    greenFactory: share(t.greenFactory),
    grade: share(t.grade),
    ...(t.supplies ? { supplies: share(t.supplies) } : {}),
    ...(t.powerSupplied10kKwh ? { powerSupplied10kKwh: share(t.powerSupplied10kKwh) } : {}),
    ...(t.heatSuppliedGj ? { heatSuppliedGj: share(t.heatSuppliedGj) } : {}),
  };
  return {
    scenario: { ...input.scenario, policies: input.scenario.policies.map((p) => ({ type: p.module.type, params: p.params })) },
    table,
    factors: input.factors,
    evaluation: input.evaluation,
  };
}

/** Rebuilds the simulation input inside a worker, reattaching each policy's module by type. */
export function fromTransfer(t: TransferInput): SimulationInput {
  const policies = t.scenario.policies.map((p) => {
    const module = POLICY_MODULES.find((m) => m.type === p.type);
    if (!module) throw new Error(`unknown policy type ${p.type} in a worker`);
    return { module, params: p.params };
  });
  return { scenario: { ...t.scenario, policies }, table: t.table, factors: t.factors, evaluation: t.evaluation };
}
