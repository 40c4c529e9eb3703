import { CARRIERS, CARRIER_INDEX, type CarrierId } from '../domain/carriers.js';
import { mixKeyFor, type FuelMixes } from './fuel-mix.js';

/** Share by which a firm's total may differ from its carriers before a warning (5 %). */
export const TOTAL_TOLERANCE_SHARE = 0.05;

/** What {@link completeEnergy} needs: the table's carriers (filled in place), the totals and the factors. */
export interface EnergyCompletionInput {
  /** Physical quantities by carrier, one entry per firm (the EnterpriseTable's arrays). */
  readonly carriers: Readonly<Record<CarrierId, Float64Array>>;
  /** Each firm's total energy, tce on the declared basis; NaN where not given. */
  readonly energyTotalTce: Float64Array;
  /** Each firm's GB/T 4754 division (C26 …). */
  readonly divisions: readonly string[];
  /** tce per unit of each carrier (factors; electricity's entry is not used). */
  readonly tcePerUnit: Float64Array;
  /** Electricity's coefficient on the total's basis, tce per 10⁴ kWh (1.229 calorific, GB/T 2589-2020). */
  readonly electricityTcePer10kKwh: number;
  readonly mixes: FuelMixes;
}

/** What {@link completeEnergy} did and found, by firm index. */
export interface EnergyCompletion {
  /** Firms whose non-electric carriers were booked from the total, with the mix used. */
  readonly completed: { readonly firm: number; readonly mix: string }[];
  /** Firms whose total is below their electricity alone (an error). */
  readonly belowElectricity: { readonly firm: number; readonly totalTce: number; readonly electricityTce: number }[];
  /** Firms that give carriers and a total more than 5 % apart (a warning; the carriers stand). */
  readonly disagreements: { readonly firm: number; readonly totalTce: number; readonly carriersTce: number }[];
  /** Firms to complete for which neither their division nor `default` has a mix. */
  readonly noMix: { readonly firm: number; readonly division: string }[];
}

const ELECTRICITY = CARRIER_INDEX.electricity_10k_kwh;

/**
 * Completes the carriers of firms that give only a total (综合能耗) and electricity, as 亩均
 * data do: the non-electric remainder, total − electricity × its coefficient on the total's
 * basis (GB/T 2589-2020: 当量值 1.229 tce per 10⁴ kWh), is booked on the firm's division's fuel
 * mix (or `default`) and turned into physical units by each carrier's tce per unit:
 * quantity_c = remainder × share_c ÷ tcePerUnit_c. Firms that give any non-electric carrier keep
 * their carriers; their total is only compared with them. Fills `input.carriers` in place.
 */
export function completeEnergy(input: EnergyCompletionInput): EnergyCompletion {
  const { carriers, energyTotalTce, divisions, tcePerUnit, electricityTcePer10kKwh, mixes } = input;
  const out: EnergyCompletion = { completed: [], belowElectricity: [], disagreements: [], noMix: [] };
  const columns = CARRIERS.map((c) => carriers[c]);
  for (let e = 0; e < energyTotalTce.length; e++) {
    const totalTce = energyTotalTce[e];
    if (Number.isNaN(totalTce)) continue;
    const electricityTce = columns[ELECTRICITY][e] * electricityTcePer10kKwh;
    let otherTce = 0;
    for (let i = 0; i < columns.length; i++) if (i !== ELECTRICITY) otherTce += columns[i][e] * tcePerUnit[i];
    if (otherTce > 0) {
      const carriersTce = otherTce + electricityTce;
      if (Math.abs(carriersTce - totalTce) > TOTAL_TOLERANCE_SHARE * totalTce) out.disagreements.push({ firm: e, totalTce, carriersTce });
      continue;
    }
    if (totalTce < electricityTce * (1 - 1e-9)) {
      out.belowElectricity.push({ firm: e, totalTce, electricityTce });
      continue;
    }
    const remainderTce = totalTce - electricityTce;
    if (remainderTce <= 1e-9 * totalTce) continue;
    const key = mixKeyFor(mixes, divisions[e]);
    if (key === undefined) {
      out.noMix.push({ firm: e, division: divisions[e] });
      continue;
    }
    const shares = mixes.get(key)!;
    for (let i = 0; i < columns.length; i++) if (shares[i] > 0) columns[i][e] = (remainderTce * shares[i]) / tcePerUnit[i];
    out.completed.push({ firm: e, mix: key });
  }
  return out;
}
