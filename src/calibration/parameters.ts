import { valueAt } from '../domain/year-series.js';
import { DOMAINS } from '../scenario/domain.js';
import { distributionMean, type Param } from '../scenario/param.js';
import type { Scenario, SectorParam } from '../scenario/resolve.js';
import { isSectorMap } from '../scenario/schema.js';
import { groupOf, SECTOR_GROUPS, type SectorGroup } from './groups.js';

/** What a fitted parameter sets in the scenario's growth block. */
export type FitParameterKind = 'value_added' | 'energy_elasticity' | 'efficiency_gain';

/** One parameter of the fit, with its prior (the scenario's value), box and scales. */
export interface FitParameter {
  /** `value_added.<group>`, `energy_elasticity` or `efficiency_gain`. */
  readonly id: string;
  readonly kind: FitParameterKind;
  /** The sector group of a VA growth parameter. */
  readonly group?: SectorGroup;
  /** The scenario's value: the mean of its number over the fitted years (a group: VA-weighted over its firms' divisions). */
  readonly prior: number;
  /** The box the search stays in (inside the parameter's domain, src/scenario/domain.ts). */
  readonly lower: number;
  readonly upper: number;
  /** The search's first step. */
  readonly step: number;
  /** The distance from the prior that costs as much as a 0.1 % miss of one observation ({@link RIDGE_WEIGHT}). */
  readonly scale: number;
}

/**
 * Weight of the pull toward the prior: a parameter `scale` away from its prior costs as much as
 * one observation missed by 0.1 % (0.001² = 1e-6) — weak enough that what the series pin down
 * follows the data (a group of 20 % of the VA moved 1.5 points by the data keeps ≈ 0.1 point of
 * bias), strong enough to settle what they cannot tell apart. The energy elasticity ε and the
 * efficiency gain η move a firm's energy together, × (1 + g)^ε (1 − η) a year, so one energy
 * series fixes only about ε g − η; the pull picks, among the near-equal fits, the one closest
 * to the scenario's priors (and so for VA groups the series do not separate).
 */
export const RIDGE_WEIGHT = 1e-6;

/** The box, first step and pull scale of each kind (inside DOMAINS; README "Calibrate"). */
const KIND = {
  // a yearly growth of −30 % … +30 % (DOMAINS.growth warns above 30 %); steps of 1 point; a pull of 2 points
  value_added: { lower: -0.3, upper: 0.3, step: 0.01, scale: 0.02, domain: DOMAINS.growth },
  // DOMAINS.energyElasticity: China's national coefficient ran −0.1 … 1.7 over 1990–2023; a pull of 0.2
  energy_elasticity: { lower: -1, upper: 3, step: 0.1, scale: 0.2, domain: DOMAINS.energyElasticity },
  // 0 … 20 % a year (DOMAINS.efficiencyGain warns above 20 %); a pull of 1 point
  efficiency_gain: { lower: 0, upper: 0.2, step: 0.005, scale: 0.01, domain: DOMAINS.efficiencyGain },
} as const;

/** The box and domain of a kind of parameter. */
export function parameterBox(kind: FitParameterKind): (typeof KIND)[FitParameterKind] {
  return KIND[kind];
}

/** Returns the mean of a scenario number over `years`: a constant, a series averaged, a distribution's mean. */
export function paramMean(p: Param, years: readonly number[]): number {
  switch (p.kind) {
    case 'constant':
      return p.value;
    case 'series':
      return years.reduce((s, y) => s + valueAt(p.series, y), 0) / Math.max(1, years.length);
    case 'distribution':
      return distributionMean(p.dist);
  }
}

/** A sector's number of a growth parameter: its own, else the default. */
const sectorParam = (sp: SectorParam, division: string): Param => sp.bySector.get(division) ?? sp.default;

/** The registry's firms as the fit needs them: each firm's division and base-year VA. */
export interface FirmSectors {
  readonly sectors: readonly string[];
  readonly sector: ArrayLike<number>;
  readonly valueAdded: ArrayLike<number>;
}

/**
 * The parameters of the fit: the VA growth of each sector group with VA in the registry, the
 * energy elasticity and the efficiency gain (their defaults: a sector's own value is replaced),
 * each with the scenario's value over `years` as its prior.
 */
export function fitParameters(growth: Scenario['growth'], firms: FirmSectors, years: readonly number[]): FitParameter[] {
  const weight = new Map<string, { va: number; sum: number }>();
  for (let e = 0; e < firms.valueAdded.length; e++) {
    const division = firms.sectors[firms.sector[e]];
    const g = groupOf(division);
    const w = weight.get(g.id) ?? { va: 0, sum: 0 };
    const va = firms.valueAdded[e];
    w.va += va;
    w.sum += va * paramMean(sectorParam(growth.valueAdded, division), years);
    weight.set(g.id, w);
  }
  const make = (kind: FitParameterKind, id: string, prior: number, group?: SectorGroup): FitParameter => {
    const k = KIND[kind];
    return { id, kind, ...(group ? { group } : {}), prior, lower: k.lower, upper: k.upper, step: k.step, scale: k.scale };
  };
  const groups = SECTOR_GROUPS.flatMap((g) => {
    const w = weight.get(g.id);
    return w && w.va > 0 ? [make('value_added', `value_added.${g.id}`, w.sum / w.va, g)] : [];
  });
  return [
    ...groups,
    make('energy_elasticity', 'energy_elasticity', paramMean(growth.energyElasticity.default, years)),
    make('efficiency_gain', 'efficiency_gain', paramMean(growth.efficiencyGain.default, years)),
  ];
}

/**
 * The growth block's keys a VA group sets: its divisions, and the scenario's own keys that fall
 * in it (`default` for the group of every other division, with any key of another division).
 */
export function groupKeys(group: SectorGroup, existingKeys: readonly string[]): string[] {
  if (group.divisions.length) return [...group.divisions];
  return ['default', ...existingKeys.filter((k) => k !== 'default' && groupOf(k).id === group.id)];
}

/**
 * Sets the fitted values into a copy of the merged scenario spec (snake_case, as written): each
 * group's keys of `growth.value_added` (a plain number there becomes the `default` of a sector
 * map first, so unfitted groups keep it), `growth.energy_elasticity` and `growth.efficiency_gain`
 * as one value each. `value(p, x)` turns a parameter's fitted number into what is written (a
 * constant for the search; a distribution in calibrated.yaml).
 */
export function applyParameters(
  merged: Record<string, unknown>,
  params: readonly FitParameter[],
  x: readonly number[],
  value: (p: FitParameter, v: number) => unknown = (_p, v) => v,
): void {
  const growth = (merged.growth ??= {}) as Record<string, unknown>;
  if (!params.some((p) => p.kind === 'value_added')) {
    params.forEach((p, i) => (growth[p.kind] = value(p, x[i])));
    return;
  }
  const va = growth.value_added;
  const block: Record<string, unknown> = isSectorMap(va) ? { ...va } : va === undefined ? {} : { default: va };
  const keys = Object.keys(block);
  params.forEach((p, i) => {
    if (p.kind === 'value_added') for (const k of groupKeys(p.group!, keys)) block[k] = value(p, x[i]);
    else growth[p.kind] = value(p, x[i]);
  });
  growth.value_added = block;
}
