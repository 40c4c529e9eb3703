import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { runText, STILL, value } from '../engine/run-helpers.js';

// The 5-firm fixture (tests/fixtures/registry-small.csv), 2020–2023, no growth unless a test adds it.
//   规上 firms: E1 C26 output 40,000 VA 10,000 tax 3,000 land 100 jobs 200
//               E2 C34 output 12,000 VA  3,600 tax   900 land  30 jobs 120
//               E3 C34 output  6,000 VA  1,500 tax   200 land  20 jobs  80
//   规下: E4 VA 160, E5 VA 100. 规上 VA 15,100, output 58,000 → VA rate 0.26034…; tax/mu 4,100 / 150.
const still = (growth: string, rest = '') =>
  `${STILL.replace(/^growth: .*$/m, `growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0${growth} }`)}${rest}`;
// rectification lists exactly E3 (tax/mu 10 < 11 on 20 mu ≥ 10; see tests/policies/policies.test.ts)
const upgradeE3 = (upgrade: string) =>
  `policies:\n  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, also: { tax_per_mu_below: 11, land_mu_at_least: 10 }, dispositions: { upgrade: { share: 1, energy_saving: 0, ${upgrade} } } }\n`;

async function diagnostics(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-va-'));
  await writeFile(join(dir, 's.yaml'), text);
  return loadScenario(join(dir, 's.yaml'));
}

describe('value added that can change its rate (issue #11 §2)', () => {
  it('an upgrade VA-rate gain raises the 规上 VA rate and tax per mu by the hand-computed amount; output stays', async () => {
    // E3 upgraded in 2021 with value_added_rate_gain 0.2: VA 1,500 → 1,800, tax 200 → 240, output 6,000 unchanged
    //   VA rate 2021 = (10,000 + 3,600 + 1,800) / 58,000 = 15,400 / 58,000 = 0.265517…
    //   tax/mu 2021 = (3,000 + 900 + 240) / 150 = 27.6
    const run = await runText(still('', upgradeE3('value_added_rate_gain: 0.2')), 1);
    expect(value(run, 'value_added_rate', 2020)).toBeCloseTo(15_100 / 58_000, 12);
    expect(value(run, 'value_added_rate', 2021)).toBeCloseTo(15_400 / 58_000, 12);
    expect(value(run, 'tax_per_mu', 2021)).toBeCloseTo(27.6, 12);
    expect(value(run, 'output', 2021)).toBe(40_000 + 12_000 + 6_000 + 800 + 500);
    // value_added_gain grows VA and output together: 15,400 / (58,000 + 1,200) = 0.26014 — the rate barely moves
    const together = await runText(still('', upgradeE3('value_added_gain: 0.2')), 1);
    expect(value(together, 'value_added_rate', 2021)).toBeCloseTo(15_400 / 59_200, 12);
  });

  it('a green-manufacturing retrofit may raise the VA rate at constant output', async () => {
    // one retrofit a year, largest energy first among 规上 firms: E1 in 2021 (VA 10,000 → 11,000, tax 3,000 → 3,300)
    //   VA rate 2021 = (11,000 + 3,600 + 1,500) / 58,000 = 16,100 / 58,000
    const run = await runText(
      still(
        '',
        'policies:\n  - { type: green_manufacturing, retrofits_per_year: 1, retrofit_saving: 0.1, retrofit_value_added_rate_gain: 0.1 }\n',
      ),
      1,
    );
    expect(run.events.filter((e) => e.year === 2021).map((e) => `${run.ids[e.enterprise]} ${e.action}`)).toEqual(['E1 retrofit']);
    expect(value(run, 'value_added_rate', 2021)).toBeCloseTo(16_100 / 58_000, 12);
    expect(value(run, 'tax_per_mu', 2021)).toBeCloseTo((3_300 + 900 + 200) / 150, 12);
  });

  it('a sector VA-rate path lowers output at the same VA; a tax-rate path moves tax with VA', async () => {
    // C34 (E2, E3) VA rate × 1.1 a year: output 18,000 / 1.1 in 2021, / 1.21 in 2022; C26 tax ÷ VA × 1.05 a year
    const run = await runText(still(', value_added_rate: { default: 0, C34: 0.1 }, tax_rate: { C26: 0.05 }'), 1);
    expect(value(run, 'value_added_rate', 2021)).toBeCloseTo(15_100 / (40_000 + 18_000 / 1.1), 12);
    expect(value(run, 'value_added_rate', 2022)).toBeCloseTo(15_100 / (40_000 + 18_000 / 1.21), 12);
    expect(value(run, 'value_added', 2022)).toBeCloseTo(15_360, 9);
    expect(value(run, 'tax_per_mu', 2022)).toBeCloseTo((3_000 * 1.05 ** 2 + 1_100) / 150, 12);
  });

  it('a VA rate above 100 % stops the run with the firm and year', async () => {
    // E2's VA rate 0.3 doubles each year: 0.6 in 2021, 1.2 in 2022
    const run = runText(still(', value_added_rate: { C34: 1 }'), 1);
    await expect(run).rejects.toThrow(msg.valueAddedRateAboveOne('E2', 2022, 3_600 / (12_000 / 4)));
  });
});

describe('prices (issue #11 §2)', () => {
  it('nominal VA, output and tax grow with prices; intensity and productivity stay at constant prices', async () => {
    // real VA growth 5 % everywhere; C26 prices +10 % a year. 2021:
    //   E1 VA current 10,000 × 1.05 × 1.1 = 11,550; constant 10,500; output 46,200; tax 3,465
    //   the rest × 1.05: VA 5,360 → 5,628 (规上 E2 + E3: 5,100 → 5,355); output 18,000 → 18,900; tax 1,100 → 1,155
    //   value_added 17,178; value_added_constant 15,360 × 1.05 = 16,128
    //   VA rate (current) = (11,550 + 5,355) / (46,200 + 18,900) = 16,905 / 65,100 (each firm's own rate unchanged; the mix moved)
    //   tax/mu (current) = (3,465 + 1,155) / 150 = 30.8
    //   labour productivity (constant) = 15,100 × 1.05 / 400 = 39.6375; at current prices 16,905 / 400
    //   energy unchanged (elasticity 0): intensity = energy / 16,128 (constant), not / 17,178
    const run = await runText(still('', '').replace('value_added: 0,', 'value_added: 0.05, price: { default: 0, C26: 0.1 },'), 1);
    expect(value(run, 'value_added', 2021)).toBeCloseTo(17_178, 9);
    expect(value(run, 'value_added_constant', 2021)).toBeCloseTo(16_128, 9);
    expect(value(run, 'value_added_rate', 2021)).toBeCloseTo(16_905 / 65_100, 12);
    expect(value(run, 'tax_per_mu', 2021)).toBeCloseTo(30.8, 9);
    expect(value(run, 'labor_productivity', 2021)).toBeCloseTo(39.6375, 9);
    expect(value(run, 'labor_productivity_current', 2021)).toBeCloseTo(16_905 / 400, 9);
    expect(value(run, 'value_added_per_mu', 2021)).toBeCloseTo(16_905 / 150, 9);
    expect(value(run, 'value_added_per_mu_constant', 2021)).toBeCloseTo(15_855 / 150, 9);
    const energy = value(run, 'dual_control_energy_tce', 2021);
    expect(value(run, 'energy_intensity', 2021)).toBeCloseTo(energy / 16_128, 12);
    expect(value(run, 'carbon_intensity', 2021)).toBeCloseTo(value(run, 'co2_t', 2021) / 16_128, 12);
  });

  it("a project's money is at base-year prices, brought to current prices when it starts", async () => {
    // prices +10 % a year everywhere, no real growth; P1 (VA 1,000, output 3,000, tax 500) starts in 2022 at index 1.1² = 1.21
    //   value_added 2022 = 15,360 × 1.21 + 1,000 × 1.21 = 19,795.6; value_added_constant = 15,360 + 1,000; output 59,300 × 1.21 + 3,630
    const pipeline =
      'name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh\nP1,C3985,2022,1000,3000,500,10,20,100\n';
    const run = await runText(still(', price: 0.1', 'policies:\n  - { type: new_projects, pipeline: p.csv }\n'), 1, 1, {
      'p.csv': pipeline,
    });
    expect(value(run, 'value_added', 2022)).toBeCloseTo(19_795.6, 9);
    expect(value(run, 'value_added_constant', 2022)).toBeCloseTo(16_360, 9);
    expect(value(run, 'output', 2022)).toBeCloseTo((59_300 + 3_000) * 1.21, 9);
  });

  it('without a price path both bases are equal', async () => {
    const run = await runText(still('').replace('value_added: 0,', 'value_added: 0.05,'), 1);
    for (const y of [2020, 2023]) {
      expect(value(run, 'value_added_constant', y)).toBe(value(run, 'value_added', y));
      expect(value(run, 'labor_productivity_current', y)).toBe(value(run, 'labor_productivity', y));
      expect(value(run, 'value_added_per_mu_constant', y)).toBe(value(run, 'value_added_per_mu', y));
    }
  });

  it('a target names its price basis; a basis that does not exist is an error at the key', async () => {
    const target = (metric: string, prices: string) =>
      `targets:\n  - { id: t, metric: ${metric}, kind: change, from: 2020, year: 2023, at_least: 0, prices: ${prices} }\n`;
    const ok = await diagnostics(still('', target('value_added', 'constant')));
    expect(ok.value?.scenario.targets[0].metric).toBe('value_added_constant');
    const productivity = await diagnostics(still('', target('labor_productivity', 'current')));
    expect(productivity.value?.scenario.targets[0].metric).toBe('labor_productivity_current');
    const bad = await diagnostics(still('', target('energy_intensity', 'current')));
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.message)).toContain(msg.priceBasisUnavailable('energy_intensity', 'current', ['constant']));
  });

  it('a sector price index cannot differ by firm', async () => {
    const r = await diagnostics(still(', price: { uniform: [0, 0.1], per: enterprise }'));
    expect(r.diagnostics.map((d) => d.message)).toContain(msg.perEnterpriseNotHere());
  });
});

describe('year-to-year shocks: per: year (issue #11 §2)', () => {
  it('draws each year its own value; the sensitivity analysis sees their mean', async () => {
    const run = await runText(still('').replace('value_added: 0,', 'value_added: { uniform: [0, 0.1], per: year },'), 2, 7);
    for (const d of [0, 1]) {
      const va = [2020, 2021, 2022, 2023].map((y) => value(run, 'value_added', y, d));
      const g = [1, 2, 3].map((i) => va[i] / va[i - 1] - 1);
      for (const x of g) (expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(0.1));
      expect(new Set(g.map((x) => x.toFixed(9))).size).toBe(3); // three different years
      const j = run.paramNames.indexOf('growth.value_added');
      expect(run.params[d * run.paramNames.length + j]).toBeCloseTo((g[0] + g[1] + g[2]) / 3, 12);
    }
    // the same seed gives the same years
    const again = await runText(still('').replace('value_added: 0,', 'value_added: { uniform: [0, 0.1], per: year },'), 2, 7);
    expect(Array.from(again.values)).toEqual(Array.from(run.values));
  });

  it('per: year is refused where nothing draws by year (a policy number)', async () => {
    const r = await diagnostics(
      still(
        '',
        'policies:\n  - { type: green_manufacturing, retrofits_per_year: 1, retrofit_saving: { uniform: [0.05, 0.1], per: year } }\n',
      ),
    );
    expect(r.diagnostics.map((d) => d.message)).toContain(msg.perYearNotHere());
  });
});

describe('a VA above output at run time', { timeout: 60_000 }, () => {
  it('stops the CLI with exit 2 and the firm, year and rate — in-process and on workers, no stack trace', async () => {
    const { dcsim, scenarioFile, STACK, cli } = await import('../adversarial/scenario-kit.js');
    // E2 (C34): VA rate 0.3 doubles a year → 0.6 in 2021, 1.2 in 2022
    const { dir } = await scenarioFile('growth: { value_added_rate: { C34: 1 } }');
    const expected = msg.drawImpossible(0, msg.valueAddedRateAboveOne('E2', 2022, 3_600 / (12_000 / 4)));
    const inProcess = await cli('run', `${dir}/scenario.yaml`, '--out', `${dir}/out`, '--workers', '0', '--no-charts', '--draws', '2');
    expect(inProcess.code).toBe(2);
    expect(inProcess.err.split('\n')).toContain(expected); // after the warning that 1 (+100 % a year) is unusually high
    const spawned = dcsim(dir, 'run', 'scenario.yaml', '--out', `${dir}/out2`, '--workers', '2', '--no-charts', '--draws', '2');
    expect(spawned.code).toBe(2);
    expect(spawned.err).not.toMatch(STACK);
    expect(spawned.err).toMatch(/^draw [01]: firm E2, year 2022: its value added would be 120 % of its output/m);
  });
});
