import type { YearAccounter, YearCoefficients, YearPassSums } from '../accounting/account-one.js';
import { advanceFirm, createGrowthFactors, growthFactors, type EconomicGrowth, type GrowthFactors } from '../economy/economics.js';
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
 *
 * Then each firm is accounted with the year's coefficients `account.k`
 * (src/accounting/account-one.ts; a firm not operating gets zeros), and its CO2 and the heat it
 * buys are summed into `scratch` (firm order, operating firms: the sums the carbon ledger starts
 * the year from) — no separate accounting pass. Two passes over the firms: the money columns and
 * each firm's energy factor, then the energy columns grown and accounted in one visit per firm
 * (`yearAccounter`; pollutants, which no account reads, in a loop of their own). Every
 * value is multiplied once by its factor, so every number and every sum is the same to the bit.
 */
export function advanceYear(state: SimState, bg: Background, year: number, scratch: DynamicsScratch, account: YearAccount): void {
  const samplers = scratch.samplers;
  for (let i = 0; i < samplers.length; i++) samplers[i].prepareYear(year);
  let perFirm = false;
  for (let i = 0; i < samplers.length; i++) perFirm ||= samplers[i].perFirm;
  const x = scratch.economic;
  for (let sec = 0; sec < scratch.sectorFactors.length; sec++) {
    state.priceIndex[sec] *= 1 + bg.price.sectorValue(sec);
    if (perFirm) continue;
    // every firm of a sector grows alike: compute the factors once per sector
    const g = bg.valueAdded.sectorValue(sec);
    x.realGrowth = g;
    x.priceChange = bg.price.sectorValue(sec);
    x.valueAddedRateChange = bg.valueAddedRate.sectorValue(sec);
    x.taxRateChange = bg.taxRate.sectorValue(sec);
    growthFactors(x, scratch.sectorFactors[sec]);
    scratch.energyFactor[sec] = Math.pow(1 + g, bg.energyElasticity.sectorValue(sec)) * (1 - bg.efficiencyGain.sectorValue(sec));
    scratch.jobsFactor[sec] = 1 + bg.employmentElasticity.sectorValue(sec) * g;
  }
  // the columns in locals: the loops call out, so the engine would otherwise reload them per firm
  const { active, sector, employees, pollutantT } = state;
  const firmFactors = scratch.firmFactors;
  const energyFactor = scratch.firmEnergyFactor;
  const n = state.n;
  for (let e = 0; e < n; e++) {
    if (active[e] === 0) continue; // a firm not operating keeps its values
    const sec = sector[e];
    let f: GrowthFactors;
    let jobs: number;
    if (perFirm) {
      const g = bg.valueAdded.value(e);
      energyFactor[e] = Math.pow(1 + g, bg.energyElasticity.value(e)) * (1 - bg.efficiencyGain.value(e));
      jobs = 1 + bg.employmentElasticity.value(e) * g;
      x.realGrowth = g;
      x.priceChange = bg.price.sectorValue(sec);
      x.valueAddedRateChange = bg.valueAddedRate.value(e);
      x.taxRateChange = bg.taxRate.value(e);
      growthFactors(x, firmFactors);
      f = firmFactors;
    } else {
      f = scratch.sectorFactors[sec];
      energyFactor[e] = scratch.energyFactor[sec];
      jobs = scratch.jobsFactor[sec];
    }
    advanceFirm(state, e, f);
    employees[e] *= jobs;
  }
  // pollutants, the one grown column no account reads, in a tight loop of their own
  for (let e = 0; e < n; e++) if (active[e] !== 0) pollutantT[e] *= energyFactor[e];
  account.pass(account.k, active, energyFactor, n, scratch);
}

/** Where {@link advanceYear} accounts the firms: the year's coefficients (set for the year) and the pass bound to the state's columns and results. */
export interface YearAccount {
  readonly k: YearCoefficients;
  readonly pass: YearAccounter;
}

/** Reusable per-run buffers of the background dynamics, and the sums of the last {@link advanceYear} (Σ CO2 at the firm boundary and Σ heat bought over the operating firms). */
export interface DynamicsScratch extends YearPassSums {
  /** The background's samplers, in the order they prepare a year. */
  readonly samplers: readonly SectorParamSampler[];
  /** Each operating firm's energy factor this year. */
  readonly firmEnergyFactor: Float64Array;
  /** Each sector's money factors this year (when every firm of a sector grows alike). */
  readonly sectorFactors: readonly GrowthFactors[];
  /** One firm's money factors (when a background number differs by firm). */
  readonly firmFactors: GrowthFactors;
  readonly energyFactor: Float64Array;
  readonly jobsFactor: Float64Array;
  /** The one firm's economic change, reused for every firm. */
  readonly economic: { -readonly [K in keyof EconomicGrowth]: number };
}

/** Allocates the dynamics buffers for a state (after every sector code is known). */
export function createDynamicsScratch(state: SimState, bg: Background): DynamicsScratch {
  const k = state.sectors.length;
  return {
    samplers: [bg.valueAdded, bg.energyElasticity, bg.efficiencyGain, bg.employmentElasticity, bg.price, bg.valueAddedRate, bg.taxRate],
    firmEnergyFactor: new Float64Array(state.n),
    sectorFactors: Array.from({ length: k }, createGrowthFactors),
    firmFactors: createGrowthFactors(),
    energyFactor: new Float64Array(k),
    jobsFactor: new Float64Array(k),
    economic: { realGrowth: 0, priceChange: 0, valueAddedRateChange: 0, taxRateChange: 0 },
    firmCo2T: 0,
    heatDemandGj: 0,
  };
}
