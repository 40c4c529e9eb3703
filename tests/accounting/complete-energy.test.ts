import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeEnergy } from '../../src/accounting/complete-energy.js';
import { factorsSchema, resolveFactors, type Factors } from '../../src/accounting/factors.js';
import { fuelMixSectionSchema, resolveFuelMixes, type FuelMixes } from '../../src/accounting/fuel-mix.js';
import { valueAt } from '../../src/domain/year-series.js';
import { loadYamlWith } from '../../src/io/yaml-file.js';
import { msg } from '../../src/messages/messages.js';
import { energyColumns, ROOT, type FirmEnergy } from '../helpers.js';

let factors: Factors;
let mixes: FuelMixes;
beforeAll(async () => {
  const path = join(ROOT, 'models/factors/china.yaml');
  const r = await loadYamlWith(factorsSchema, path, path, 'factors');
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  factors = resolveFactors(r.value);
  mixes = resolveFuelMixes(r.value.default_fuel_mix, undefined);
});

/** Runs the completion over firms given as objects, with totals (NaN = none) and divisions. */
function complete(firms: FirmEnergy[], totals: number[], divisions: string[], basisTcePer10kKwh = 1.229, m = mixes) {
  const cols = energyColumns(firms);
  const r = completeEnergy({
    carriers: cols.carriers,
    energyTotalTce: Float64Array.from(totals),
    divisions,
    tcePerUnit: factors.tcePerUnit,
    electricityTcePer10kKwh: basisTcePer10kKwh,
    mixes: m,
  });
  return { ...r, carriers: cols.carriers };
}

describe('completeEnergy', () => {
  it('uses the factors file: electricity 1.229 tce per 10⁴ kWh calorific (GB/T 2589-2020), gas 12.143, coal 0.7143, heat 0.03412 tce/GJ', () => {
    expect(factors.electricityCalorificTcePer10kKwh).toBeCloseTo(1.229, 12);
    expect(valueAt(factors.electricityPrimaryTcePer10kKwh, 2020)).toBeCloseTo(3.055, 12);
  });

  it('books the non-electric remainder of a C26 firm on the C26 mix (coal 0.3, gas 0.3, heat 0.4), by hand', () => {
    // total 10,000 tce, electricity 2,000 × 10⁴ kWh × 1.229 = 2,458 tce → remainder 7,542 tce
    // coal 7,542 × 0.3 ÷ 0.7143 = 3,167.58 t; gas 7,542 × 0.3 ÷ 12.143 = 186.33 × 10⁴ m³;
    // heat 7,542 × 0.4 ÷ 0.03412 = 88,417.35 GJ
    const r = complete([{ electricity_10k_kwh: 2000 }], [10000], ['C26']);
    expect(r.completed).toEqual([{ firm: 0, mix: 'C26' }]);
    expect(r.carriers.coal_t[0]).toBeCloseTo((7542 * 0.3) / 0.7143, 6);
    expect(r.carriers.natural_gas_10k_m3[0]).toBeCloseTo((7542 * 0.3) / 12.143, 6);
    expect(r.carriers.heat_gj[0]).toBeCloseTo((7542 * 0.4) / 0.03412, 4);
    expect(r.carriers.electricity_10k_kwh[0]).toBe(2000);
    // the completed carriers add back up to the total
    const tce = r.carriers.coal_t[0] * 0.7143 + r.carriers.natural_gas_10k_m3[0] * 12.143 + r.carriers.heat_gj[0] * 0.03412 + 2000 * 1.229;
    expect(tce).toBeCloseTo(10000, 6);
  });

  it('a division without its own mix takes default (gas 0.5, heat 0.35, diesel 0.15)', () => {
    // total 500, electricity 100 × 1.229 = 122.9 → remainder 377.1 tce
    const r = complete([{ electricity_10k_kwh: 100 }], [500], ['C34']);
    expect(r.completed).toEqual([{ firm: 0, mix: 'default' }]);
    expect(r.carriers.natural_gas_10k_m3[0]).toBeCloseTo((377.1 * 0.5) / 12.143, 9);
    expect(r.carriers.heat_gj[0]).toBeCloseTo((377.1 * 0.35) / 0.03412, 6);
    expect(r.carriers.diesel_t[0]).toBeCloseTo((377.1 * 0.15) / 1.4571, 9);
  });

  it('on the primary basis electricity takes the base year power-supply coal rate (3.055 in 2020)', () => {
    // total 1,000, electricity 100 × 3.055 = 305.5 → remainder 694.5 tce, all coal for D44 0.9
    const r = complete([{ electricity_10k_kwh: 100 }], [1000], ['D44'], 3.055);
    expect(r.carriers.coal_t[0]).toBeCloseTo((694.5 * 0.9) / 0.7143, 9);
    expect(r.carriers.natural_gas_10k_m3[0]).toBeCloseTo((694.5 * 0.1) / 12.143, 9);
  });

  it('a total below the firm own electricity is reported with both numbers; nothing is booked', () => {
    const r = complete([{ electricity_10k_kwh: 100 }], [100], ['C34']);
    expect(r.belowElectricity).toEqual([{ firm: 0, totalTce: 100, electricityTce: 122.9 }]);
    expect(r.completed).toEqual([]);
    expect(r.carriers.natural_gas_10k_m3[0]).toBe(0);
  });

  it('a firm with carriers keeps them; a total more than 5 % away is a disagreement', () => {
    // coal 1,000 t × 0.7143 + electricity 100 × 1.229 = 714.3 + 122.9 = 837.2 tce
    const r = complete(
      [
        { coal_t: 1000, electricity_10k_kwh: 100 },
        { coal_t: 1000, electricity_10k_kwh: 100 },
      ],
      [1000, 850],
      ['C26', 'C26'],
    );
    expect(r.disagreements).toHaveLength(1);
    expect(r.disagreements[0].firm).toBe(0);
    expect(r.disagreements[0].carriersTce).toBeCloseTo(837.2, 9);
    expect(r.completed).toEqual([]);
    expect(r.carriers.heat_gj[0]).toBe(0);
  });

  it('firms without a total and a total equal to electricity are left alone', () => {
    const r = complete([{ electricity_10k_kwh: 100 }, { electricity_10k_kwh: 100 }], [Number.NaN, 122.9], ['C34', 'C34']);
    expect(r.completed).toEqual([]);
    expect(r.belowElectricity).toEqual([]);
  });

  it("a scenario's mix replaces the factors file's entry of the same key; without default a firm has no mix", () => {
    const m = resolveFuelMixes({ default: { shares: { natural_gas_10k_m3: 1 } }, C26: { shares: { coal_t: 1 } } }, { C26: { heat_gj: 1 } });
    const r = complete([{}, {}], [34.12, 12.143], ['C26', 'C17'], 1.229, m);
    expect(r.carriers.heat_gj[0]).toBeCloseTo(1000, 9);
    expect(r.carriers.coal_t[0]).toBe(0);
    expect(r.carriers.natural_gas_10k_m3[1]).toBeCloseTo(1, 12);
    const none = complete([{}], [10], ['C26'], 1.229, resolveFuelMixes(undefined, { C17: { heat_gj: 1 } }));
    expect(none.noMix).toEqual([{ firm: 0, division: 'C26' }]);
  });
});

describe('default_fuel_mix schema', () => {
  it('every shipped mix sums to 1 and has a source; shares that do not sum to 1 are refused with the sum', () => {
    const bad = fuelMixSectionSchema.safeParse({ default: { shares: { coal_t: 0.5, heat_gj: 0.4 }, source: 'x' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe(
      msg.sharesNotOne(
        'fuel mix',
        [
          ['coal_t', 0.5],
          ['heat_gj', 0.4],
        ],
        0.9,
      ),
    );
    expect(fuelMixSectionSchema.safeParse({ C26: { shares: { coal_t: 1 }, source: 'x' } }).success).toBe(false); // no default
    expect(fuelMixSectionSchema.safeParse({ default: { shares: { electricity_10k_kwh: 1 }, source: 'x' } }).success).toBe(false);
    expect(fuelMixSectionSchema.safeParse({ default: { shares: { coal_t: 1 } } }).success).toBe(false); // no source
    for (const key of ['default', 'C25', 'C26', 'C30', 'C31', 'C32', 'D44']) expect(mixes.has(key), key).toBe(true);
  });
});
