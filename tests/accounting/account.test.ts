import { beforeAll, describe, expect, it } from 'vitest';
import { accountEnterprises, createEnterpriseAccounts } from '../../src/accounting/account.js';
import type { AccountingConfig } from '../../src/accounting/config.js';
import type { Factors } from '../../src/accounting/factors.js';
import { chinaFactors, energyColumns, type FirmEnergy } from '../helpers.js';

const CALORIFIC: AccountingConfig = {
  electricityBasis: 'calorific',
  excludeFeedstock: true,
  excludeRenewables: 'none',
  carbonBoundary: 'firm',
};
const PRIMARY: AccountingConfig = { ...CALORIFIC, electricityBasis: 'primary' };

let factors: Factors;
beforeAll(async () => {
  factors = await chinaFactors();
});

function account(firms: FirmEnergy[], config: AccountingConfig, year = 2022, baseRenewable = 0) {
  const cols = energyColumns(firms);
  const out = createEnterpriseAccounts(cols.n);
  const totals = accountEnterprises(cols, factors, config, year, baseRenewable, out);
  return { out, totals };
}

// Reference values computed by hand from DOMAIN.md §3–§4: 100 units × the GB/T 2589-2020
// coefficient (kgce/unit ÷ 1000) and × the NDRC guideline CO2 factor (t/unit).
const PER_CARRIER: [string, FirmEnergy, number, number][] = [
  ['raw coal 100 t', { coal_t: 100 }, 71.43, 190.03],
  ['coke 100 t', { coke_t: 100 }, 97.14, 286.04],
  ['crude oil 100 t', { crude_oil_t: 100 }, 142.86, 302.02],
  ['fuel oil 100 t', { fuel_oil_t: 100 }, 142.86, 317.05],
  ['gasoline 100 t', { gasoline_t: 100 }, 147.14, 292.51],
  ['kerosene 100 t', { kerosene_t: 100 }, 147.14, 301.79],
  ['diesel 100 t', { diesel_t: 100 }, 145.71, 309.59],
  ['LPG 100 t', { lpg_t: 100 }, 171.43, 310.13],
  ['refinery dry gas 100 t', { refinery_gas_t: 100 }, 157.14, 301.19],
  ['natural gas 100 × 10⁴ m³', { natural_gas_10k_m3: 100 }, 1214.3, 2162.2],
  ['purchased heat 1,000 GJ', { heat_gj: 1000 }, 34.12, 110],
  ['other energy 100 tce (coal-like CO2 2.6604 t/tce)', { other_tce: 100 }, 100, 266.04],
];

describe('accountEnterprises: one firm per carrier (hand-computed, DOMAIN §3–§4)', () => {
  for (const [name, firm, tce, co2] of PER_CARRIER) {
    it(`${name}: ${tce} tce, ${co2} tCO2 on both electricity bases`, () => {
      for (const config of [CALORIFIC, PRIMARY]) {
        const { out, totals } = account([firm], config);
        expect(out.grossTce[0]).toBeCloseTo(tce, 6);
        expect(out.co2T[0]).toBeCloseTo(co2, 6);
        expect(totals.grossTce).toBeCloseTo(tce, 6);
      }
    });
  }

  it('electricity 100 × 10⁴ kWh: 122.9 tce calorific (0.1229 kgce/kWh), 300.7 tce primary in 2022 (300.7 gce/kWh); CO2 at the 2022 grid factor 0.5366', () => {
    const cal = account([{ electricity_10k_kwh: 100 }], CALORIFIC, 2022);
    const pri = account([{ electricity_10k_kwh: 100 }], PRIMARY, 2022);
    expect(cal.out.grossTce[0]).toBeCloseTo(122.9, 6);
    expect(pri.out.grossTce[0]).toBeCloseTo(300.7, 6);
    // 100 × 10⁴ kWh = 1,000 MWh × 0.5366 t/MWh
    expect(cal.out.co2T[0]).toBeCloseTo(536.6, 6);
    expect(pri.out.co2T[0]).toBeCloseTo(536.6, 6);
  });

  it('grid and primary factors follow their year series (2020 primary 305.5 gce/kWh; years before 2021 take the 2021 grid factor 0.5568)', () => {
    const r = account([{ electricity_10k_kwh: 100 }], PRIMARY, 2020);
    expect(r.out.grossTce[0]).toBeCloseTo(305.5, 6);
    expect(r.out.co2T[0]).toBeCloseTo(556.8, 6);
  });
});

// Mixed firm, 2022: coal 1,000 t; natural gas 50 × 10⁴ m³; electricity 200 × 10⁴ kWh of which
// 50 renewable; heat 2,000 GJ; feedstock 300 tce; process CO2 500 t.
//   fossil = 714.3 + 607.15 = 1,321.45 tce
//   gross calorific = 1,321.45 + 245.8 + 68.24 = 1,635.49 tce (200 × 1.229 tce per 10⁴ kWh); primary = 1,321.45 + 601.4 + 68.24 = 1,991.09 tce
//   combustion = (1,900.3 + 1,081.1) × (1 − 300 / 1,321.45) = 2,304.5526 t
//   CO2 = 2,304.5526 + (200 − 50) × 10 × 0.5366 + 2,000 × 0.11 + 500 = 3,829.4526 t
const MIXED: FirmEnergy = {
  coal_t: 1000,
  natural_gas_10k_m3: 50,
  electricity_10k_kwh: 200,
  renewable_electricity_10k_kwh: 50,
  heat_gj: 2000,
  feedstock_tce: 300,
  process_co2_t: 500,
};

describe('accountEnterprises: a mixed firm with every exclusion switch', () => {
  it('gross energy on both bases', () => {
    expect(account([MIXED], CALORIFIC).out.grossTce[0]).toBeCloseTo(1635.49, 6);
    expect(account([MIXED], PRIMARY).out.grossTce[0]).toBeCloseTo(1991.09, 6);
  });

  it('CO2: feedstock carbon is not emitted, renewable power carries no grid factor, process and heat added', () => {
    const { out, totals } = account([MIXED], CALORIFIC);
    // the firm holds green power: its other (200 − 50) × 10⁴ kWh at the 2022 residual-mix factor
    // 0.5856 (china.yaml, MEE/NBS) = 878.4 t, not at the average 0.5366 (804.9 t)
    expect(out.co2T[0]).toBeCloseTo(2304.5526 + 878.4 + 220 + 500, 3);
    expect(totals.combustionCo2T).toBeCloseTo(2304.5526, 3);
    expect(totals.electricityCo2T).toBeCloseTo(878.4, 6);
    expect(totals.heatCo2T).toBeCloseTo(220, 6);
    expect(totals.processCo2T).toBe(500);
  });

  it('exclude_feedstock false / true', () => {
    expect(account([MIXED], { ...CALORIFIC, excludeFeedstock: false }).totals.dualControlTce).toBeCloseTo(1635.49, 6);
    expect(account([MIXED], CALORIFIC).totals.dualControlTce).toBeCloseTo(1335.49, 6);
    expect(account([MIXED], PRIMARY).totals.dualControlTce).toBeCloseTo(1691.09, 6);
  });

  it('exclude_renewables non_fossil: all renewable power leaves total and intensity (50 × 1.229 = 61.45 tce; primary 50 × 3.007 = 150.35 tce)', () => {
    const cal = account([MIXED], { ...CALORIFIC, excludeRenewables: 'non_fossil' });
    expect(cal.out.dualControlTce[0]).toBeCloseTo(1274.04, 6);
    expect(cal.totals.dualControlTce).toBeCloseTo(1274.04, 6);
    expect(cal.totals.intensityEnergyTce).toBeCloseTo(1274.04, 6);
    const pri = account([MIXED], { ...PRIMARY, excludeRenewables: 'non_fossil' });
    expect(pri.totals.dualControlTce).toBeCloseTo(1540.74, 6);
  });

  it('exclude_renewables new: only growth over the base year (50 − 20 = 30 × 1.229 = 36.87 tce), from the total and not from intensity', () => {
    const { out, totals } = account([MIXED], { ...CALORIFIC, excludeRenewables: 'new' }, 2022, 20);
    expect(out.dualControlTce[0]).toBeCloseTo(1335.49, 6);
    expect(totals.newRenewableDeductionTce).toBeCloseTo(36.87, 6);
    expect(totals.dualControlTce).toBeCloseTo(1298.62, 6);
    expect(totals.intensityEnergyTce).toBeCloseTo(1335.49, 6);
  });

  it('exclude_renewables new: no deduction when renewables did not grow', () => {
    const { totals } = account([MIXED], { ...CALORIFIC, excludeRenewables: 'new' }, 2022, 80);
    expect(totals.newRenewableDeductionTce).toBe(0);
    expect(totals.dualControlTce).toBeCloseTo(1335.49, 6);
  });

  it('totals are the sum of the firms', () => {
    const firms = PER_CARRIER.map((p) => p[1]).concat([MIXED]);
    const { out, totals } = account(firms, CALORIFIC);
    expect(totals.grossTce).toBeCloseTo(
      out.grossTce.reduce((a, b) => a + b, 0),
      6,
    );
    expect(totals.co2T).toBeCloseTo(
      out.co2T.reduce((a, b) => a + b, 0),
      6,
    );
  });
});
