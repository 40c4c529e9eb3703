import type { Factors } from '../accounting/factors.js';
import { CARRIERS } from '../domain/carriers.js';
import type { PolicyModule } from '../policies/types.js';
import { DISTRIBUTIONS } from './param.js';
import { withoutId } from './policy-ids.js';
import { GROWTH_DEFAULTS, type ScenarioSpec } from './schema.js';

/** One assumption that produced a run's numbers: its group, a flattened path and its value. */
export interface Assumption {
  readonly group: 'run' | 'accounting' | 'growth' | 'policy' | 'factors' | 'files';
  readonly item: string;
  readonly value: string | number | boolean;
}

/** An input file with its hash (manifest.json has the same list). */
export interface HashedFile {
  /** scenario, extends (its parent), extends-2 …, registry, factors, evaluation */
  readonly role: string;
  readonly file: string;
  readonly sha256: string;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Writes a scenario number as an analyst reads it: `triangular(0.05, 0.12, 0.25) per enterprise, clip [0, 1]`. */
export function describeNumber(v: Record<string, unknown>): string | undefined {
  const name = Object.keys(DISTRIBUTIONS).find((d) => d in v);
  if (!name || !Array.isArray(v[name])) return undefined;
  const clip = Array.isArray(v.clip) ? `, clip [${v.clip.join(', ')}]` : '';
  return `${name}(${(v[name] as unknown[]).join(', ')}) per ${typeof v.per === 'string' ? v.per : 'draw'}${clip}`;
}

/** Flattens a spec value into `path → value` rows: maps by key, lists by index, distributions on one line. */
function flatten(v: unknown, path: string, out: [string, string | number | boolean][]): void {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
    out.push([path, v]);
    return;
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) out.push([path, `[${v.join(', ')}]`]);
    else v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
    return;
  }
  if (!isMap(v)) return;
  const dist = describeNumber(v);
  if (dist !== undefined) {
    out.push([path, dist]);
    return;
  }
  for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
}

/**
 * Lists every assumption behind a run (the 假设 sheet): period, draws, seed, confidence, the
 * accounting basis and switches, each growth parameter (defaults named as such), each policy
 * parameter with its module's defaults filled in (named lists as a count), the grid factor
 * path, the factors used per carrier, and the input files with their sha256.
 */
export function describeAssumptions(input: {
  readonly spec: ScenarioSpec;
  readonly policyModules: readonly PolicyModule[];
  readonly factors: Factors;
  readonly draws: number;
  readonly seed: number;
  /** Firms in the registry. */
  readonly firms: number;
  readonly files: readonly HashedFile[];
}): Assumption[] {
  const { spec, factors } = input;
  const rows: Assumption[] = [];
  const add = (group: Assumption['group'], item: string, value: string | number | boolean) =>
    rows.push({ group, item, value: typeof value === 'number' ? Number(value.toPrecision(12)) : value });
  add('run', 'period', `${spec.period.base}–${spec.period.end}`);
  add('run', 'draws', input.draws);
  add('run', 'seed', input.seed);
  add('run', 'firms', input.firms);
  add('run', 'confidence', spec.confidence);
  for (const [k, v] of Object.entries(spec.accounting)) add('accounting', `accounting.${k}`, v);
  for (const [k, dflt] of Object.entries(GROWTH_DEFAULTS)) {
    const v = (spec.growth as Record<string, unknown>)[k];
    if (v === undefined) add('growth', `growth.${k}`, `${dflt} (default)`);
    else {
      const out: [string, string | number | boolean][] = [];
      flatten(v, `growth.${k}`, out);
      for (const [item, value] of out) add('growth', item, value);
    }
  }
  for (const [k, v] of Object.entries(spec.constants)) add('growth', `constants.${k}`, v);
  spec.policies.forEach((entry, i) => {
    const module = input.policyModules.find((m) => m.type === entry.type);
    const parsed = module?.schema.safeParse(withoutId(entry));
    const full = (parsed?.success ? parsed.data : withoutId(entry)) as Record<string, unknown>;
    const out: [string, string | number | boolean][] = [];
    for (const [k, v] of Object.entries(full)) {
      if (k === 'type') continue;
      if (k === 'named' && Array.isArray(v)) out.push([`policies[${i}].named`, `${v.length} entries`]);
      else flatten(v, `policies[${i}].${k}`, out);
    }
    add('policy', `policies[${i}]`, String(entry.type));
    for (const [item, value] of out) add('policy', item, value);
  });
  if (spec.grid_emission_factor !== undefined) {
    const out: [string, string | number | boolean][] = [];
    flatten(spec.grid_emission_factor, 'grid_emission_factor', out);
    for (const [item, value] of out) add('factors', `${item} (tCO2/MWh, scenario)`, value);
  }
  // the published values stay under a scenario's points (src/scenario/grid-factor.ts)
  const g = factors.gridEmissionFactorTPerMwh;
  g.years.forEach((y, k) => add('factors', `grid_emission_factor.${y} (tCO2/MWh, ${factors.name})`, g.values[k]));
  const r = factors.residualGridRatio;
  r?.years.forEach((y, k) => add('factors', `residual grid factor ÷ average ${y} (${factors.name})`, r.values[k]));
  add('factors', 'electricity calorific (tce/10⁴ kWh)', factors.electricityCalorificTcePer10kKwh);
  const p = factors.electricityPrimaryTcePer10kKwh;
  p.years.forEach((y, k) => add('factors', `electricity primary ${y} (tce/10⁴ kWh)`, p.values[k]));
  CARRIERS.forEach((c, k) => {
    if (c === 'electricity_10k_kwh') return;
    add('factors', `${c} (tce/unit)`, factors.tcePerUnit[k]);
    if (factors.co2TPerUnit[k] > 0) add('factors', `${c} (tCO2/unit)`, factors.co2TPerUnit[k]);
  });
  for (const f of input.files) add('files', f.role, `${f.file} · sha256 ${f.sha256}`);
  return rows;
}
