import { CARRIERS } from '../domain/carriers.js';
import type { SectorParamSampler } from './sector-param.js';
import type { SimState } from './state.js';

/** The background-dynamics parameters of a draw (DESIGN §1: "how the world works"). */
export interface Background {
  readonly valueAdded: SectorParamSampler;
  readonly energyElasticity: SectorParamSampler;
  readonly efficiencyGain: SectorParamSampler;
  readonly employmentElasticity: SectorParamSampler;
}

/**
 * Advances every operating firm by one year: VA grows by g (output, tax, revenue and R&D
 * follow VA); energy (every carrier, feedstock, renewables, process CO2 and pollutants) grows by
 * (1 + g)^ε × (1 − η), ε the energy elasticity and η the autonomous efficiency gain; employment grows by elasticity × g. Land is unchanged.
 */
export function advanceYear(state: SimState, bg: Background, year: number, scratch: DynamicsScratch): void {
  const samplers = [bg.valueAdded, bg.energyElasticity, bg.efficiencyGain, bg.employmentElasticity];
  for (const x of samplers) x.prepareYear(year);
  const perFirm = samplers.some((x) => x.perFirm);
  if (!perFirm) {
    // every firm of a sector grows alike: compute the factors once per sector
    for (let sec = 0; sec < scratch.growth.length; sec++) {
      const g = bg.valueAdded.sectorValue(sec);
      scratch.growth[sec] = g;
      scratch.energyFactor[sec] = Math.pow(1 + g, bg.energyElasticity.sectorValue(sec)) * (1 - bg.efficiencyGain.sectorValue(sec));
      scratch.jobsFactor[sec] = 1 + bg.employmentElasticity.sectorValue(sec) * g;
    }
  }
  const arrays = scratch.carrierArrays;
  for (let e = 0; e < state.n; e++) {
    if (state.active[e] === 0) continue;
    let g: number;
    let ef: number;
    let jobs: number;
    if (perFirm) {
      g = bg.valueAdded.value(e);
      ef = Math.pow(1 + g, bg.energyElasticity.value(e)) * (1 - bg.efficiencyGain.value(e));
      jobs = 1 + bg.employmentElasticity.value(e) * g;
    } else {
      const sec = state.sector[e];
      g = scratch.growth[sec];
      ef = scratch.energyFactor[sec];
      jobs = scratch.jobsFactor[sec];
    }
    state.growValueAdded(e, g);
    for (let k = 0; k < arrays.length; k++) arrays[k][e] *= ef;
    state.feedstockTce[e] *= ef;
    state.renewableElectricity10kKwh[e] *= ef;
    state.processCo2T[e] *= ef;
    state.pollutantT[e] *= ef;
    state.employees[e] *= jobs;
  }
}

/** Reusable per-run buffers of the background dynamics. */
export interface DynamicsScratch {
  readonly carrierArrays: readonly Float64Array[];
  readonly growth: Float64Array;
  readonly energyFactor: Float64Array;
  readonly jobsFactor: Float64Array;
}

/** Allocates the dynamics buffers for a state (after every sector code is known). */
export function createDynamicsScratch(state: SimState): DynamicsScratch {
  const k = state.sectors.length;
  return {
    carrierArrays: CARRIERS.map((c) => state.carriers[c]),
    growth: new Float64Array(k),
    energyFactor: new Float64Array(k),
    jobsFactor: new Float64Array(k),
  };
}
