import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountEnterprises, createEnterpriseAccounts, type EnergyColumns } from '../../src/accounting/account.js';
import { createYearCoefficients, setYear, yearAccounter, type YearCoefficients } from '../../src/accounting/account-one.js';
import type { AccountingConfig } from '../../src/accounting/config.js';
import type { Factors } from '../../src/accounting/factors.js';
import { CARRIERS } from '../../src/domain/carriers.js';
import { yearSeries } from '../../src/domain/year-series.js';
import { chinaFactors, energyColumns, type FirmEnergy } from '../helpers.js';

// The engine's year pass (yearAccounter) writes the per-firm accounting (firmAccounter) out again
// for speed; it must give the same numbers to the bit: the energy columns × each firm's factor,
// then accounted, for every switch of the accounting and every kind of firm.

let factors: Factors;
beforeAll(async () => {
  factors = await chinaFactors();
});

const KEYS = [...CARRIERS, 'feedstock_tce', 'renewable_electricity_10k_kwh', 'process_co2_t'] as const;
/** A quantity: often 0, else spread over orders of magnitude. */
const quantity = fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e6, noNaN: true }));
const firm = fc.record(Object.fromEntries(KEYS.map((k) => [k, quantity])) as Record<(typeof KEYS)[number], typeof quantity>);
const row = fc.record({
  firm,
  active: fc.boolean(),
  // 1 leaves the firm's columns as they are
  grow: fc.oneof(fc.constant(1), fc.double({ min: 0.5, max: 1.5, noNaN: true })),
  capture: fc.double({ min: 0, max: 0.9, noNaN: true }),
});

function clone(cols: EnergyColumns): EnergyColumns {
  const carriers = Object.fromEntries(Object.entries(cols.carriers).map(([c, a]) => [c, a.slice()]));
  return {
    ...cols,
    carriers: carriers as EnergyColumns['carriers'],
    feedstockTce: cols.feedstockTce.slice(),
    renewableElectricity10kKwh: cols.renewableElectricity10kKwh.slice(),
    processCo2T: cols.processCo2T.slice(),
    ...(cols.captureRate ? { captureRate: cols.captureRate.slice() } : {}),
  };
}

/** Every column of `cols` × each operating firm's factor, one column at a time (what the pass fuses). */
function grown(cols: EnergyColumns, active: Uint8Array, grow: Float64Array): EnergyColumns {
  const c = clone(cols);
  for (const a of [...Object.values(c.carriers), c.feedstockTce, c.renewableElectricity10kKwh, c.processCo2T])
    for (let e = 0; e < c.n; e++) if (active[e] === 1) a[e] *= grow[e];
  return c;
}

describe('the year pass accounts every firm as the per-firm accounting does, to the bit', () => {
  const CONFIGS: [string, AccountingConfig, number][] = [
    [
      'calorific, feedstock excluded',
      { electricityBasis: 'calorific', excludeFeedstock: true, excludeRenewables: 'none', carbonBoundary: 'firm' },
      2022,
    ],
    [
      'primary, non-fossil excluded',
      { electricityBasis: 'primary', excludeFeedstock: false, excludeRenewables: 'non_fossil', carbonBoundary: 'firm' },
      2028,
    ],
  ];
  for (const [name, config, year] of CONFIGS) {
    for (const residual of [false, true]) {
      it(`${name}${residual ? ', residual-mix grid factor' : ''}`, () => {
        const f: Factors = residual ? { ...factors, residualGridRatio: yearSeries({ 2020: 1.08, 2030: 1.12 }) } : factors;
        const k: YearCoefficients = createYearCoefficients(f, config);
        setYear(k, f, config, year);
        fc.assert(
          fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.boolean(), (rows, withCapture) => {
            const base = energyColumns(rows.map((r) => r.firm as FirmEnergy));
            const cols: EnergyColumns = withCapture ? { ...base, captureRate: Float64Array.from(rows, (r) => r.capture) } : base;
            const active = Uint8Array.from(rows, (r) => (r.active ? 1 : 0));
            const grow = Float64Array.from(rows, (r) => r.grow);
            // expected: grown column by column, then accounted by the registry's accounting (per firm, firmAccounter)
            const expectedCols = grown(cols, active, grow);
            const expected = createEnterpriseAccounts(cols.n);
            const totals = accountEnterprises(expectedCols, f, config, year, 0, expected, { active });
            let heat = 0;
            for (let e = 0; e < cols.n; e++) if (active[e] === 1) heat += expectedCols.carriers.heat_gj[e];
            // actual: the fused pass, over results holding last year's numbers
            const actualCols = clone(cols);
            const actual = createEnterpriseAccounts(cols.n);
            for (const a of Object.values(actual)) a.fill(7);
            const sums = { firmCo2T: Number.NaN, heatDemandGj: Number.NaN };
            yearAccounter(actualCols, actual)(k, active, grow, cols.n, sums);
            expect(actualCols).toEqual(expectedCols);
            expect(actual).toEqual(expected);
            expect(Object.is(sums.firmCo2T, totals.firmCo2T) && Object.is(sums.heatDemandGj, heat)).toBe(true);
          }),
          { numRuns: 200 },
        );
      });
    }
  }
});
