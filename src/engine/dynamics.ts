import { CARRIERS } from '../domain/carriers.js';
import { advanceFirm, type EconomicGrowth } from '../economy/economics.js';
import type { SectorParamSampler } from './sector-param.js';
import type { SimState } from './state.js';

/** The background-dynamics parameters of a draw (DESIGN §1: "how the world works"). */
export interface Background {
  readonly valueAdded: SectorParamSampler;
  readonly energyElasticity: SectorParamSampler;
  readonly efficiencyGain: SectorParamSampler;
  readonly employmentElasticity: SectorParamSampler;
  /** Yearly price change of a sector (its deflator); never per firm. */
  readonly price: SectorParamSampler;
  readonly valueAddedRate: SectorParamSampler;
  readonly taxRate: SectorParamSampler;
}

/**
 * Advances every operating firm by one year: real VA grows by g, and VA, output, tax, revenue
 * and R&D at current prices as src/economy/economics.ts says (prices, VA-rate and tax-rate
 * paths); energy (every carrier, feedstock, renewables, process CO2 and pollutants) grows by
 * (1 + g)^ε × (1 − η), ε the energy elasticity of real VA growth and η the autonomous efficiency
 * gain; employment grows by elasticity × g. Land is unchanged. Each sector's price index
 * advances by its price change.
 */
export function advanceYear(state: SimState, bg: Background, year: number, scratch: DynamicsScratch): void {
  const samplers = [
    bg.valueAdded,
    bg.energyElasticity,
    bg.efficiencyGain,
    bg.employmentElasticity,
    bg.price,
    bg.valueAddedRate,
    bg.taxRate,
  ];
  for (const x of samplers) x.prepareYear(year);
  const perFirm = samplers.some((x) => x.perFirm);
  for (let sec = 0; sec < scratch.growth.length; sec++) state.priceIndex[sec] *= 1 + bg.price.sectorValue(sec);
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
  const x = scratch.economic;
  for (let e = 0; e < state.n; e++) {
    if (state.active[e] === 0) continue;
    const sec = state.sector[e];
    let g: number;
    let ef: number;
    let jobs: number;
    if (perFirm) {
      g = bg.valueAdded.value(e);
      ef = Math.pow(1 + g, bg.energyElasticity.value(e)) * (1 - bg.efficiencyGain.value(e));
      jobs = 1 + bg.employmentElasticity.value(e) * g;
      x.valueAddedRateChange = bg.valueAddedRate.value(e);
      x.taxRateChange = bg.taxRate.value(e);
    } else {
      g = scratch.growth[sec];
      ef = scratch.energyFactor[sec];
      jobs = scratch.jobsFactor[sec];
      x.valueAddedRateChange = bg.valueAddedRate.sectorValue(sec);
      x.taxRateChange = bg.taxRate.sectorValue(sec);
    }
    x.realGrowth = g;
    x.priceChange = bg.price.sectorValue(sec);
    advanceFirm(state, e, x);
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
  /** The one firm's economic change, reused for every firm. */
  readonly economic: { -readonly [K in keyof EconomicGrowth]: number };
}

/** Allocates the dynamics buffers for a state (after every sector code is known). */
export function createDynamicsScratch(state: SimState): DynamicsScratch {
  const k = state.sectors.length;
  return {
    carrierArrays: CARRIERS.map((c) => state.carriers[c]),
    growth: new Float64Array(k),
    energyFactor: new Float64Array(k),
    jobsFactor: new Float64Array(k),
    economic: { realGrowth: 0, priceChange: 0, valueAddedRateChange: 0, taxRateChange: 0 },
  };
}
