import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GJ_PER_10K_KWH, GJ_PER_TCE, SUPPLY_EFFICIENCY } from '../../src/accounting/boundary.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { runText, value } from '../engine/run-helpers.js';

/**
 * The district's carbon boundary (issue #11 §4, DOMAIN §8). Fixture: a local CHP plant P (coal
 * 1000 t, supplies power and heat) and two consumers buying grid power and heat; grid factor
 * 0.5 t/MWh = 5 t per 10⁴ kWh, heat 0.11 t/GJ, no growth.
 */
const HEAD = 'id,name,sector,land_mu,output,value_added,tax,employees,coal_t,natural_gas_10k_m3,electricity_10k_kwh,heat_gj';
const P = 'P,热电,D4430,50,20000,5000,500,100,1000,,,';
const C1 = 'C1,化工,C2614,30,12000,3000,300,80,,10,200,3000';
const C2 = 'C2,机械,C3451,20,8000,2000,200,60,,,50,4000';

const scenario = (registry: string, extra = '') => `name: b
registry: ${registry}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2021 }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none${extra} }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
grid_emission_factor: 0.5
`;

/** CSV with the supply columns: P delivers `power` × 10⁴ kWh and `heat` GJ. */
const withSupply = (power: number, heat: number) =>
  `${HEAD},supplies,power_supplied_10k_kwh,heat_supplied_gj\n${P},power;heat,${power},${heat}\n${C1},,,\n${C2},,,\n`;

// firm boundaries: P 1000 × 1.9003 = 1900.3; C1 10 × 21.622 + 200 × 5 + 3000 × 0.11 = 1546.22;
// C2 50 × 5 + 4000 × 0.11 = 690; Σ = 4136.52
const FIRM_SUM = 1900.3 + (216.22 + 1000 + 330) + (250 + 440);

describe('territorial boundary: local power and heat counted once', () => {
  it('a local CHP: combustion + net imported power × grid + heat beyond local supply × 0.11', async () => {
    const run = await runText(scenario('r.csv'), 1, 1, { 'r.csv': withSupply(100, 5000) });
    // local combustion 1900.3 + 216.22 = 2116.52; net import (200 + 50 − 100) × 5 = 750;
    // heat bought 7000 GJ, 5000 made locally: (7000 − 5000) × 0.11 = 220 → 3086.52
    // (= Σ firm 4136.52 − 100 × 5 − 5000 × 0.11)
    expect(value(run, 'co2_t', 2020)).toBeCloseTo(2116.52 + 750 + 220, 6);
    expect(value(run, 'co2_firm_t', 2020)).toBeCloseTo(FIRM_SUM, 6);
  });

  it('heat made locally for every buyer adds nothing at the buyers', async () => {
    const run = await runText(scenario('r.csv'), 1, 1, { 'r.csv': withSupply(100, 8000) });
    // 2116.52 + 750 + max(0, 7000 − 8000) × 0.11 = 2866.52
    expect(value(run, 'co2_t', 2020)).toBeCloseTo(2866.52, 6);
  });

  it('a net exporter of power is credited the export at the grid factor', async () => {
    const run = await runText(scenario('r.csv'), 1, 1, { 'r.csv': withSupply(400, 0) });
    // net import 250 − 400 = −150 → −750: 2116.52 − 750 + 7000 × 0.11 = 2136.52
    expect(value(run, 'co2_t', 2020)).toBeCloseTo(2116.52 - 750 + 770, 6);
  });

  it('the firm boundary keeps the sum of scope 1 + 2, as before', async () => {
    const run = await runText(scenario('r.csv', ', boundary: firm'), 1, 1, { 'r.csv': withSupply(100, 5000) });
    expect(value(run, 'co2_t', 2020)).toBeCloseTo(FIRM_SUM, 6);
    expect(value(run, 'co2_firm_t', 2020)).toBeCloseTo(FIRM_SUM, 6);
  });

  it('without supply columns D44 supplies power and heat, estimated from its fuel', async () => {
    const csv = `${HEAD}\n${P}\n${C1}\n${C2}\n`;
    const run = await runText(scenario('r.csv'), 1, 1, { 'r.csv': csv });
    // fuel 1000 × 0.7143 = 714.3 tce; power 714.3 × 0.25 × 29.3076 ÷ 36 = 145.38 × 10⁴ kWh;
    // heat 714.3 × 0.45 × 29.3076 = 9420.5 GJ ≥ the 7000 bought: no heat import
    const fuel = 714.3;
    const power = (fuel * SUPPLY_EFFICIENCY.chpPower * GJ_PER_TCE) / GJ_PER_10K_KWH;
    expect(power).toBeCloseTo(145.3775, 3);
    expect(fuel * SUPPLY_EFFICIENCY.chpHeat * GJ_PER_TCE).toBeGreaterThan(7000);
    expect(value(run, 'co2_t', 2020)).toBeCloseTo(2116.52 + (250 - power) * 5, 6);
  });

  it('supplies words and a supplied amount without its flag', async () => {
    const ok = `${HEAD},对外供能,供热量(GJ)\n${P},供热,5000\n${C1},,\n${C2},,\n`;
    const run = await runText(scenario('r.csv'), 1, 1, { 'r.csv': ok });
    // heat only: no power credit; 2116.52 + 250 × 5 + 2000 × 0.11 = 3586.52
    expect(value(run, 'co2_t', 2020)).toBeCloseTo(3586.52, 6);
    const bad = `${HEAD},supplies,power_supplied_10k_kwh\n${P},heat,100\n${C1},,\n${C2},,\n`;
    await expect(runText(scenario('r.csv'), 1, 1, { 'r.csv': bad })).rejects.toThrow(
      msg.supplyWithoutFlag('power_supplied_10k_kwh', 'power'),
    );
  });
});

describe('co2_reduction_t under the territorial boundary: marginal, sequential, conserved', () => {
  const policy = (named: string) => `policies:
  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { close: { share: 1 } }, named: [${named}] }
`;

  it('closing the CHP cuts its emissions less the power and heat the district now imports', async () => {
    const run = await runText(scenario('r.csv') + policy('{ id: P, year: 2021, action: close }'), 1, 1, { 'r.csv': withSupply(100, 5000) });
    // 1900.3 − 100 × 5 (power imported instead) − (min(7000, 5000) − min(7000, 0)) × 0.11 = 850.3
    expect(value(run, 'co2_reduction_t', 2021)).toBeCloseTo(850.3, 6);
    expect(value(run, 'co2_t', 2020) - value(run, 'co2_t', 2021)).toBeCloseTo(850.3, 6);
  });

  it('a consumer whose heat is all local cuts its heat only as far as imports fall; flows add up to the fall of the total', async () => {
    const run = await runText(
      scenario('r.csv') + policy('{ id: C2, year: 2021, action: close }, { id: C1, year: 2021, action: upgrade, energy_saving: 0.5 }'),
      1,
      1,
      { 'r.csv': withSupply(100, 5000) },
    );
    // C2 exits first: 250 + heat: min(7000, 5000) − min(3000, 5000) = 2000 GJ → 220; cut 470
    // C1 saves half: firm cut 1546.22 / 2 = 773.11, heat 3000 → 1500 all local: − 1500 × 0.11 = −165 → 608.11
    expect(value(run, 'co2_reduction_t', 2021)).toBeCloseTo(470 + 608.11, 6);
    expect(value(run, 'co2_t', 2020) - value(run, 'co2_t', 2021)).toBeCloseTo(470 + 608.11, 6);
    const cuts = run.events.filter((e) => e.year === 2021).map((e) => e.co2ReductionT);
    expect(cuts[0]).toBeCloseTo(470, 6);
    expect(cuts[1]).toBeCloseTo(608.11, 6);
  });
});
