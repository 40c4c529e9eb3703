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
export function advanceYear(state: SimState, bg: Background, year: number): void {
  const c = state.carriers;
  const arrays = CARRIERS.map((k) => c[k]);
  for (let e = 0; e < state.n; e++) {
    if (state.active[e] === 0) continue;
    const g = bg.valueAdded.value(e, year);
    state.growValueAdded(e, g);
    const ef = Math.pow(1 + g, bg.energyElasticity.value(e, year)) * (1 - bg.efficiencyGain.value(e, year));
    for (let k = 0; k < arrays.length; k++) arrays[k][e] *= ef;
    state.feedstockTce[e] *= ef;
    state.renewableElectricity10kKwh[e] *= ef;
    state.processCo2T[e] *= ef;
    state.pollutantT[e] *= ef;
    state.employees[e] *= 1 + bg.employmentElasticity.value(e, year) * g;
  }
}
