import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARRIERS, FOSSIL_CARRIERS, type CarrierId } from '../../src/domain/carriers.js';
import { ImpossibleValue } from '../../src/domain/impossible-value.js';
import { createSimulation } from '../../src/engine/simulate.js';
import type { EngineEvent, SimState } from '../../src/engine/state.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { SWITCH_TARGETS } from '../../src/policies/fuel-switch.js';
import { DOMAINS, formatDomain } from '../../src/scenario/domain.js';
import { STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';
import { SIX_FIRMS, TAX_PER_MU_EVALUATION } from '../support/six-firms.js';

// The 5-firm fixture (tests/fixtures/registry-small.csv) without growth, calorific basis, 2020–2023
// (STILL). Coefficients of models/factors/china.yaml (GB/T 2589-2020; NDRC guideline CO2 factors):
//   coal 0.7143 tce/t, 1.9003 tCO2/t · natural gas 12.143 tce/10⁴ m³, 21.622 tCO2/10⁴ m³
//   electricity 1.229 tce/10⁴ kWh calorific, 3.025 primary (2021) · heat 0.03412 tce/GJ, 0.11 tCO2/GJ
//   grid 0.5568 (2021), 0.5366 (2022) tCO2/MWh = × 10 per 10⁴ kWh; residual mix 0.5856 (2022), 0.6096 (2023), held
//   before 2022 as 0.5568 × 0.5856 ÷ 0.5366 (the factors file's residual ÷ average ratio)
//   E1: coal 1,000 t, gas 50, power 200 (renewable 50), heat 2,000 GJ, feedstock 300 tce, process CO2 500 t
//   E2: power 150 (C3451) · E4: coal 20 t, power 30 (C3389, 规下)
const COAL = { tce: 0.7143, co2: 1.9003 };
const GAS = { tce: 12.143, co2: 21.622 };
const POWER = 1.229;
const GRID_2021 = 5.568;
const RESIDUAL = (y: number) => ({ 2021: (0.5568 * 0.5856) / 0.5366, 2022: 0.5856, 2023: 0.6096 })[y]! * 10;
const HEAT = { tce: 0.03412, co2: 0.11 };

interface Firm {
  carriers: Record<CarrierId, number>;
  feedstockTce: number;
  renewable: number;
  captureRate: number;
  grossTce: number;
  energyTce: number;
  co2T: number;
}

/** Runs draw 0 of a scenario (STILL with `head` edits) and keeps every firm's state at each year's end. */
async function lever(policies: string, edit: (head: string) => string = (h) => h, registry?: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-levers-'));
  let text = edit(STILL);
  if (registry) {
    text = text.replace(/registry: .*/, 'registry: r.csv').replace(/evaluation: .*/, 'evaluation: e.yaml');
    await writeFile(join(dir, 'r.csv'), registry);
    await writeFile(join(dir, 'e.yaml'), TAX_PER_MU_EVALUATION);
  }
  await writeFile(join(dir, 's.yaml'), `${text}${policies ? `policies:\n${policies}` : ''}`);
  const { value: v, diagnostics } = await loadScenario(join(dir, 's.yaml'));
  if (!v) throw new Error(diagnostics.map((d) => `${d.field}: ${d.message}`).join('\n'));
  const states = new Map<number, Firm[]>();
  let last: SimState | undefined;
  const snap = (s: SimState, e: number): Firm => ({
    carriers: Object.fromEntries(CARRIERS.map((c) => [c, s.carriers[c][e]])) as Record<CarrierId, number>,
    feedstockTce: s.feedstockTce[e],
    renewable: s.renewableElectricity10kKwh[e],
    captureRate: s.captureRate[e],
    grossTce: s.grossTce[e],
    energyTce: s.energyTce[e],
    co2T: s.co2T[e],
  });
  const sim = createSimulation(
    { scenario: v.scenario, table: v.registry.table, factors: v.factors, evaluation: v.evaluation },
    {
      yearEnd: (s, y) => {
        last = s;
        states.set(
          y,
          Array.from({ length: s.n }, (_, e) => snap(s, e)),
        );
      },
    },
  );
  const out = new Float64Array(sim.drawSize);
  const events: EngineEvent[] = sim.runDraw(1, 0, out, 0, true)!;
  const ids = sim.state.ids;
  const Y = sim.layout.years.length;
  return {
    events,
    ids,
    /** The state after the last year (for a direct call of its methods). */
    state: last!,
    firm: (id: string, year: number) => states.get(year)![ids.indexOf(id)],
    value: (metric: string, year: number) => out[sim.layout.ids.indexOf(metric) * Y + (year - sim.layout.years[0])],
    taken: () => events.filter((e) => e.enterprise >= 0).map((e) => `${e.year} ${ids[e.enterprise]} ${e.action}`),
  };
}
const failure = (policies: string) =>
  lever(policies).then(
    () => '',
    (e: Error) => e.message,
  );

describe('fuel_switch', () => {
  it('switches a coal user to gas at useful-energy parity (E4, all of its coal)', async () => {
    const r = await lever('  - { type: fuel_switch, named: [{ id: E4, year: 2021, action: switch }] }');
    // coal 20 t = 14.286 tce, all fuel (no feedstock) → gas 14.286 × 0.87 ÷ 12.143 = 1.02354 × 10⁴ m³
    const coalTce = 20 * COAL.tce;
    const gas = (coalTce * 0.87) / GAS.tce;
    const after = r.firm('E4', 2021);
    expect(after.carriers.coal_t).toBeCloseTo(0, 12);
    expect(after.carriers.natural_gas_10k_m3).toBeCloseTo(gas, 12);
    expect(after.carriers.electricity_10k_kwh).toBe(30);
    expect(r.taken()).toEqual(['2021 E4 switch']); // a named entry acts once
    // energy 14.286 + 36.87 = 51.156 → 12.429 + 36.87: 0.13 × 14.286 = 1.857 tce vacated
    expect(r.events[0].vacatedEnergyTce).toBeCloseTo(0.13 * coalTce, 9);
    expect(r.value('vacated_energy_tce', 2021)).toBeCloseTo(1.85718, 9);
    // CO2: coal 20 × 1.9003 = 38.006 t → gas 1.023538 × 21.622 = 22.130 t: 15.875 t cut (no local supplier: territorial = firm)
    expect(r.events[0].co2ReductionT).toBeCloseTo(20 * COAL.co2 - gas * GAS.co2, 9);
    expect(r.events[0].co2ReductionT).toBeCloseTo(15.87506, 4);
    expect(r.value('co2_reduction_t', 2021)).toBeCloseTo(r.events[0].co2ReductionT, 9);
  });

  it('switches only the fuel part: feedstock stays (E1, half its coal)', async () => {
    const r = await lever('  - { type: fuel_switch, from: [coal_t], share: 0.5, named: [{ id: E1, year: 2021, action: switch }] }');
    // fossil 1,000 × 0.7143 + 50 × 12.143 = 714.3 + 607.15 = 1,321.45 tce, feedstock 300: fuel part 1,021.45 ÷ 1,321.45
    const fossil = 1000 * COAL.tce + 50 * GAS.tce;
    const fuelPart = (fossil - 300) / fossil;
    // half of the coal's fuel part, 0.5 × 714.3 × 0.77298 = 276.07 tce, moves to gas at 0.87
    const moved = 0.5 * 1000 * COAL.tce * fuelPart;
    const coal = 1000 * (1 - 0.5 * fuelPart);
    const gas = 50 + (moved * 0.87) / GAS.tce;
    const before = r.firm('E1', 2020);
    const after = r.firm('E1', 2021);
    expect(after.carriers.coal_t).toBeCloseTo(coal, 9);
    expect(after.carriers.natural_gas_10k_m3).toBeCloseTo(gas, 9);
    expect(after.feedstockTce).toBe(300);
    expect(r.value('feedstock_tce', 2021)).toBe(300);
    expect(before.grossTce - after.grossTce).toBeCloseTo(0.13 * moved, 9);
    expect(r.events[0].vacatedEnergyTce).toBeCloseTo(0.13 * moved, 9);
    // combustion CO2 = Σ carrier × factor × (1 − feedstock ÷ fossil) (accountOne): 2,304.5526 t before
    const combustion = (c: number, g: number) => (c * COAL.co2 + g * GAS.co2) * (1 - 300 / (c * COAL.tce + g * GAS.tce));
    expect(combustion(1000, 50)).toBeCloseTo(2304.5526, 3);
    expect(r.events[0].co2ReductionT).toBeCloseTo(combustion(1000, 50) - combustion(coal, gas), 9);
    expect(before.co2T - after.co2T).toBeCloseTo(combustion(1000, 50) - combustion(coal, gas), 9);
  });

  it('by the rule: the largest coal users first, each once, with a shortfall when none is left', async () => {
    const r = await lever('  - { type: fuel_switch, per_year: 1 }');
    // switchable coal: E1 552.1 tce (fuel part), E4 14.286 tce; no other firm burns coal or coke
    expect(r.taken()).toEqual(['2021 E1 switch', '2022 E4 switch']);
    expect(r.events.filter((e) => e.action === 'shortfall').map((e) => [e.year, e.shortfallFirms])).toEqual([[2023, 1]]);
    // sectors and the threshold narrow the rule: C33 is E4's division; min_from_tce 100 leaves only E1
    expect((await lever('  - { type: fuel_switch, per_year: 2, sectors: [C33] }')).taken()).toEqual(['2021 E4 switch']);
    expect((await lever('  - { type: fuel_switch, per_year: 2, min_from_tce: 100 }')).taken()).toEqual(['2021 E1 switch']);
  });

  it('rejects bad inputs with the field and the fix', async () => {
    const named = 'named: [{ id: E4, year: 2021, action: switch }]';
    expect(await failure(`  - { type: fuel_switch, share: 1.5, ${named} }`)).toContain(
      msg.outOfDomain(1.5, DOMAINS.share.what, formatDomain(DOMAINS.share), DOMAINS.share.hint),
    );
    expect(await failure('  - { type: fuel_switch, named: [{ id: E4, year: 2021, action: switch, share: 1.5 }] }')).toContain(
      'policies[0].named[0].share: 1.5 is too large; must be ≤ 1',
    );
    expect(await failure(`  - { type: fuel_switch, from: [coal], ${named} }`)).toContain(msg.unknownCarrier('coal', CARRIERS));
    expect(msg.unknownCarrier('coal', CARRIERS)).toContain("did you mean 'coal_t'");
    expect(await failure(`  - { type: fuel_switch, from: [electricity_10k_kwh], ${named} }`)).toContain(
      msg.switchFromNotFossil('electricity_10k_kwh', FOSSIL_CARRIERS),
    );
    expect(await failure(`  - { type: fuel_switch, to: diesel_t, ${named} }`)).toContain(msg.switchTarget('diesel_t', SWITCH_TARGETS));
    expect(await failure(`  - { type: fuel_switch, from: [natural_gas_10k_m3], ${named} }`)).toContain(
      msg.switchToItself('natural_gas_10k_m3'),
    );
    expect(await failure('  - { type: fuel_switch, named: [{ id: X9, year: 2021, action: switch }] }')).toContain(
      msg.unknownEnterpriseId('X9'),
    );
    expect(await failure('  - { type: fuel_switch }')).toContain(msg.leverNoFirms('fuel_switch'));
    expect(await failure(`  - { type: electrification, to: heat_gj, ${named} }`)).toContain(
      'policies[0].to: "heat_gj" is not allowed; use one of: electricity_10k_kwh',
    );
  });
});

describe('the state methods stop on a number that cannot be right', () => {
  it('a share above 1, a non-positive ratio, a capture rate above 1 (ImpossibleValue, never clamped)', async () => {
    const { state, ids } = await lever('');
    const e = ids.indexOf('E4');
    expect(() => state.switchFuel(e, ['coal_t'], 'natural_gas_10k_m3', 1.2, 0.87, 0, 'switch')).toThrow(
      new ImpossibleValue(msg.leverImpossible('E4', 'switch', 'share', 1.2, 'a share from 0 to 1')),
    );
    expect(() => state.switchFuel(e, ['coal_t'], 'natural_gas_10k_m3', 0.5, Number.NaN, 0, 'switch')).toThrow(
      msg.leverImpossible('E4', 'switch', 'tce_per_tce', Number.NaN, 'a positive number'),
    );
    expect(() => state.setCapture(e, 1.1, 3, 0.01, 0, 'capture')).toThrow(
      msg.leverImpossible('E4', 'capture', 'capture_rate', 1.1, 'a share from 0 to 1'),
    );
    expect(state.carriers.coal_t[e]).toBe(20); // nothing changed
    expect(state.captureRate[e]).toBe(0);
  });
});

describe('electrification', () => {
  it('is fuel_switch to electricity at 0.8 on the calorific basis: a coal-heavy grid can raise CO2', async () => {
    const r = await lever('  - { type: electrification, named: [{ id: E4, year: 2021, action: electrify }] }');
    // 14.286 tce of coal → 14.286 × 0.8 ÷ 1.229 = 9.2993 × 10⁴ kWh; energy 0.2 × 14.286 = 2.857 tce vacated
    const coalTce = 20 * COAL.tce;
    const power = (coalTce * 0.8) / POWER;
    expect(r.firm('E4', 2021).carriers.electricity_10k_kwh).toBeCloseTo(30 + power, 12);
    expect(r.events[0].action).toBe('electrify');
    expect(r.events[0].vacatedEnergyTce).toBeCloseTo(0.2 * coalTce, 9);
    // CO2: −38.006 + 9.2993 × 5.568 = +51.779: the event's cut is −13.773 t at the 2021 grid
    expect(r.events[0].co2ReductionT).toBeCloseTo(20 * COAL.co2 - power * GRID_2021, 9);
    expect(r.events[0].co2ReductionT).toBeCloseTo(-13.7726, 3);
  });

  it('on the primary basis the same switch uses more standard coal (等价值 3.025 tce per 10⁴ kWh in 2021)', async () => {
    const r = await lever('  - { type: electrification, named: [{ id: E4, year: 2021, action: electrify }] }', (h) =>
      h.replace('electricity_basis: calorific', 'electricity_basis: primary'),
    );
    // the same 9.2993 × 10⁴ kWh (parity is calorific) count 28.131 tce: −13.845 tce "vacated"
    const power = (20 * COAL.tce * 0.8) / POWER;
    expect(r.events[0].vacatedEnergyTce).toBeCloseTo(20 * COAL.tce - power * 3.025, 9);
  });

  it('a heat pump is a named tce_per_tce (COP 3: 0.26)', async () => {
    const r = await lever('  - { type: electrification, named: [{ id: E4, year: 2021, action: electrify, tce_per_tce: 0.26 }] }');
    const power = (20 * COAL.tce * 0.26) / POWER; // 3.0222 × 10⁴ kWh
    expect(r.events[0].vacatedEnergyTce).toBeCloseTo(0.74 * 20 * COAL.tce, 9);
    expect(r.events[0].co2ReductionT).toBeCloseTo(20 * COAL.co2 - power * GRID_2021, 9); // 21.178 t
  });
});

describe('green_power', () => {
  const buy = (
    exclusion: string,
    policy = '  - { type: green_power, target_share: 0.4, named: [{ id: E2, year: 2021, action: purchase }] }',
  ) => lever(policy, (h) => h.replace('exclude_renewables: none', `exclude_renewables: ${exclusion}`));
  // E2 buys 40 % of its 150 × 10⁴ kWh green: 60 × 10⁴ kWh = 73.74 tce (calorific)
  const green = 60;
  // CO2 before 150 × 5.568 = 835.2 t; after 90 at the residual mix 5.8856... = 545.45 t. The cut is the
  // green power at the average factor, 60 × 5.568 = 334.08 t, less the rest's move to the residual mix,
  // 90 × (6.0771 − 5.568) = 45.82 t: 288.26 t. The residual mix holds the market's green power out of
  // the average, so the buyer is not credited it twice.
  const cut = green * GRID_2021 - 90 * (RESIDUAL(2021) - GRID_2021);

  it('none: CO2 only; the energy stays in the dual-control total', async () => {
    const r = await buy('none');
    expect(r.firm('E2', 2021).renewable).toBeCloseTo(green, 12);
    expect(r.events.map((e) => r.ids[e.enterprise] + ' ' + e.action)).toEqual(['E2 purchase']);
    expect(r.events[0].co2ReductionT).toBeCloseTo(cut, 9);
    expect(r.events[0].co2ReductionT).toBeCloseTo(150 * GRID_2021 - 90 * RESIDUAL(2021), 9);
    expect(r.events[0].vacatedEnergyTce).toBe(0);
    expect(r.value('dual_control_energy_tce', 2021)).toBeCloseTo(r.value('dual_control_energy_tce', 2020), 9);
  });

  it('non_fossil (发改环资〔2024〕113号): the green power leaves the total and the intensity, vacated by the purchase', async () => {
    const r = await buy('non_fossil');
    expect(r.events[0].vacatedEnergyTce).toBeCloseTo(green * POWER, 9);
    expect(r.value('dual_control_energy_tce', 2020) - r.value('dual_control_energy_tce', 2021)).toBeCloseTo(73.74, 9);
    expect(r.value('energy_tce', 2021)).toBeCloseTo(r.value('energy_tce', 2020), 9); // gross energy unchanged
    expect(r.events[0].co2ReductionT).toBeCloseTo(cut, 9);
  });

  it('new: only the growth over the base year leaves the total (a district adjustment), not the intensity', async () => {
    const r = await buy('new');
    // district renewables 50 (E1) → 110: growth 60 × 1.229 = 73.74 tce off the total; the firm's own energy is unchanged
    expect(r.events[0].vacatedEnergyTce).toBe(0);
    expect(r.value('dual_control_energy_tce', 2020) - r.value('dual_control_energy_tce', 2021)).toBeCloseTo(73.74, 9);
    expect(r.value('energy_intensity', 2021)).toBeCloseTo(r.value('energy_intensity', 2020), 12);
  });

  it('a rising target buys more each year; the rule takes firms above the threshold that fall short', async () => {
    const r = await lever(
      '  - { type: green_power, target_share: { 2021: 0.2, 2022: 0.4, 2023: 0.4 }, named: [{ id: E2, year: 2021, action: purchase }] }',
    );
    expect(r.taken()).toEqual(['2021 E2 purchase', '2022 E2 purchase']); // 2023: held
    expect(r.firm('E2', 2022).renewable).toBeCloseTo(60, 12);
    // E1 (200, 25 % renewable already) and E2 (150) reach 100 × 10⁴ kWh; a 20 % target leaves E1 as it is
    const rule = await lever('  - { type: green_power, target_share: 0.2, min_electricity_10k_kwh: 100 }');
    expect(rule.taken()).toEqual(['2021 E2 purchase']);
    expect(rule.firm('E2', 2021).renewable).toBeCloseTo(30, 12);
  });

  it('rejects a share above 1, an unknown firm and an entry with no buyers', async () => {
    expect(await failure('  - { type: green_power, target_share: 1.2, min_electricity_10k_kwh: 100 }')).toContain(
      msg.outOfDomain(1.2, DOMAINS.share.what, formatDomain(DOMAINS.share), DOMAINS.share.hint),
    );
    expect(await failure('  - { type: green_power, target_share: 0.2, named: [{ id: X9, year: 2021, action: purchase }] }')).toContain(
      msg.unknownEnterpriseId('X9'),
    );
    expect(await failure('  - { type: green_power, target_share: 0.2 }')).toContain(msg.greenPowerNoFirms());
  });
});

describe('ccus', () => {
  it('captures 90 % of E1 direct CO2 from 2022, net of the penalty heat and power; the penalty is negative vacated energy', async () => {
    const r = await lever('  - { type: ccus, firms: [E1], start_year: 2022, capture_rate: 0.9 }');
    const base = await lever('');
    // direct CO2 = combustion 2,304.5526 + process 500 = 2,804.5526 t; captured 0.9 × = 2,524.097 t
    const fossil = 1000 * COAL.tce + 50 * GAS.tce;
    const direct = (1000 * COAL.co2 + 50 * GAS.co2) * (1 - 300 / fossil) + 500;
    const captured = 0.9 * direct;
    // penalty: 3 GJ/t of steam = 7,572.3 GJ (258.37 tce, 832.95 t at 0.11); 100 kWh/t = 25.24 × 10⁴ kWh
    // (31.02 tce; 147.81 t at E1's 2022 residual mix 5.856, as E1 holds green power)
    const heat = 3 * captured;
    const power = 0.01 * captured;
    expect(r.taken()).toEqual(['2022 E1 capture']);
    const after = r.firm('E1', 2022);
    expect(after.captureRate).toBe(0.9);
    expect(after.carriers.heat_gj).toBeCloseTo(2000 + heat, 9);
    expect(after.carriers.electricity_10k_kwh).toBeCloseTo(200 + power, 9);
    const e = r.events[0];
    expect(e.vacatedEnergyTce).toBeCloseTo(-(heat * HEAT.tce + power * POWER), 9);
    expect(e.vacatedEnergyTce).toBeCloseTo(-289.39, 1);
    const net = captured - heat * HEAT.co2 - power * RESIDUAL(2022);
    expect(e.co2ReductionT).toBeCloseTo(net, 9);
    expect(net).toBeCloseTo(captured * (1 - 0.33 - 0.05856), 9); // 61.1 % of the captured tonnes
    // the district: CO2 lower by the net cut from 2022 on (in 2023 the penalty power at that year's
    // residual mix 6.096), energy higher by the penalty
    expect(base.value('co2_t', 2022) - r.value('co2_t', 2022)).toBeCloseTo(net, 6);
    expect(base.value('co2_t', 2023) - r.value('co2_t', 2023)).toBeCloseTo(captured - heat * HEAT.co2 - power * RESIDUAL(2023), 6);
    expect(r.value('co2_t', 2021)).toBeCloseTo(base.value('co2_t', 2021), 9);
    expect(r.value('dual_control_energy_tce', 2022) - base.value('dual_control_energy_tce', 2022)).toBeCloseTo(-e.vacatedEnergyTce, 9);
  });

  it('rejects a rate above 1, an unknown firm, a missing start year and no firms', async () => {
    expect(await failure('  - { type: ccus, firms: [E1], start_year: 2022, capture_rate: 1.2 }')).toContain(
      'policies[0].capture_rate: 1.2 is too large; must be ≤ 1',
    );
    expect(await failure('  - { type: ccus, firms: [X9], start_year: 2022, capture_rate: 0.9 }')).toContain(msg.unknownEnterpriseId('X9'));
    expect(await failure('  - { type: ccus, firms: [E1], capture_rate: 0.9 }')).toContain(msg.ccusNoStartYear());
    expect(await failure('  - { type: ccus, firms: [E1], start_year: 2030, capture_rate: 0.9 }')).toContain(
      msg.yearOutsidePeriod(2030, 2021, 2023, 'start_year'),
    );
    expect(await failure('  - { type: ccus, capture_rate: 0.9 }')).toContain(msg.ccusNoFirms());
  });
});

describe('the four levers together on the six-firm district', () => {
  // six-firms.ts with coal: A1 200 t, A2 2,000 t, B1 50 t (no feedstock, no renewables)
  const coal: Record<string, number> = { A1: 200, A2: 2000, B1: 50 };
  const registry = SIX_FIRMS.split('\n')
    .map((l, i) => (i === 0 ? `${l},coal_t` : `${l},${coal[l.split(',')[0]] ?? 0}`))
    .join('\n');
  const all = [
    '  - { type: fuel_switch, per_year: 1, share: 0.5 }',
    '  - { type: electrification, named: [{ id: B1, year: 2021, action: electrify }] }',
    '  - { type: green_power, target_share: 0.3, min_electricity_10k_kwh: 100 }',
    '  - { type: ccus, firms: [A2], start_year: 2021, capture_rate: 0.8 }',
  ].join('\n');
  const head = (h: string) => h.replace('exclude_renewables: none', 'exclude_renewables: non_fossil').replace('end: 2023', 'end: 2022');

  it('vacated energy adds up to the fall of the dual-control total; CO2 cuts to the fall of CO2', async () => {
    const r = await lever(all, head, registry);
    const base = await lever('', head, registry);
    expect(r.taken().filter((t) => t.startsWith('2021'))).toEqual([
      '2021 A2 switch',
      '2021 B1 electrify',
      '2021 A1 purchase',
      '2021 A2 purchase',
      '2021 A2 capture',
    ]);
    // no growth, calorific, non_fossil: the district's energy moves only by the policies' flows, every year
    let vacated = 0;
    for (const y of [2021, 2022]) {
      vacated += r.value('vacated_energy_tce', y);
      expect(base.value('dual_control_energy_tce', y) - r.value('dual_control_energy_tce', y)).toBeCloseTo(vacated, 6);
      const events = r.events.filter((e) => e.year === y && e.enterprise >= 0);
      expect(events.reduce((s, e) => s + e.vacatedEnergyTce, 0)).toBeCloseTo(r.value('vacated_energy_tce', y), 9);
      expect(events.reduce((s, e) => s + e.co2ReductionT, 0)).toBeCloseTo(r.value('co2_reduction_t', y), 9);
    }
    // in 2021 (one grid factor) the CO2 flows are the fall of the district's CO2
    expect(base.value('co2_t', 2021) - r.value('co2_t', 2021)).toBeCloseTo(r.value('co2_reduction_t', 2021), 6);
    for (const m of ['dual_control_energy_tce', 'co2_t', 'energy_intensity', 'carbon_intensity'])
      for (const y of [2021, 2022]) expect(Number.isFinite(r.value(m, y)), m).toBe(true);
  });
});
