import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/actuals/period.js';
import type { Observation, RecordedAction } from '../../src/actuals/types.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { runDraws } from '../../src/parallel/runner.js';
import { value } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';
import { SIX_FIRMS, TAX_PER_MU_EVALUATION } from '../support/six-firms.js';

// The six-firm district of tests/support/six-firms.ts: D firms A3, A2 (规上) and B1 (规下).
const REGISTRY = SIX_FIRMS;
const EVALUATION = TAX_PER_MU_EVALUATION;
const TCE = 1.229;
const scenario = (
  policies: string,
  growth = '{ value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }',
) => `name: t
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: e.yaml
period: { base: 2020, end: 2023 }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none }
growth: ${growth}
policies:
${policies}`;

const at = { file: 'actions.csv', row: 2 };
const act = (year: number, month: number, id: string, action: string, policyIndex = 0, policy = 'rectification'): RecordedAction => ({
  year,
  month,
  enterpriseId: id,
  policy,
  policyIndex,
  action,
  at,
});
const obs = (metric: string, period: string, v: number, scope = 'district'): Observation => ({
  metric,
  tracked: false,
  scope,
  period: parsePeriod(period)!,
  value: v,
  source: 'test',
  at: { file: 'values.csv', row: 2 },
});

async function run(text: string, data: { values?: Observation[]; actions?: RecordedAction[] }, asOf: string, draws = 4) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-actuals-'));
  await writeFile(join(dir, 'r.csv'), REGISTRY);
  await writeFile(join(dir, 'e.yaml'), EVALUATION);
  await writeFile(join(dir, 's.yaml'), text);
  const { value: loaded, diagnostics } = await loadScenario(join(dir, 's.yaml'), undefined, {
    asOf,
    actualsData: { values: data.values ?? [], actions: data.actions ?? [] },
  });
  if (!loaded) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const input = { scenario: loaded.scenario, table: loaded.registry.table, factors: loaded.factors, evaluation: loaded.evaluation };
  const r = await runDraws(input, { seed: 7, draws: Array.from({ length: draws }, (_, d) => d), workers: 0, recordDraw: 0 });
  return { ...r, loaded };
}
const taken = (r: Awaited<ReturnType<typeof run>>) =>
  r.events.filter((e) => e.enterprise >= 0).map((e) => `${e.year} ${r.ids[e.enterprise]} ${e.action}${e.actual ? ' actual' : ''}`);

const RECT = (quota: string) =>
  `  - { type: rectification, groups: [above_scale, below_scale], max_per_year: ${quota}, cooldown_years: 9, dispositions: { close: { share: 1 } } }`;

describe('replaying the record (issue #12 §2)', () => {
  it('in a year the record completes, the recorded actions are all the policy did: every draw, marked actual', async () => {
    // the rule alone would close A3 and B1 (the D firms by score) in 2021; the record says A4 was closed
    const r = await run(scenario(RECT('2')), { actions: [act(2021, 5, 'A4', 'close')] }, '2022-06');
    expect(taken(r).filter((t) => t.startsWith('2021'))).toEqual(['2021 A4 close actual']);
    for (let d = 0; d < 4; d++) expect(value(r, 'vacated_energy_tce', 2021, d)).toBeCloseTo(10 * TCE, 9);
  });

  it('in the year in progress the quota is net of the recorded actions, and the rule never takes a recorded firm again', async () => {
    // 2022 in progress (as_of 2022-06): quota 2, A4 recorded in March → one more by the rule (worst score: B1 or A3)
    const r = await run(scenario(RECT('2')), { actions: [act(2022, 3, 'A4', 'close')] }, '2022-06');
    const y2022 = taken(r).filter((t) => t.startsWith('2022'));
    expect(y2022).toHaveLength(2);
    expect(y2022[0]).toBe('2022 A4 close actual');
    expect(y2022[1]).not.toContain('A4');
    expect(y2022[1]).not.toContain('actual');
  });

  it('a per-group quota is net per group', async () => {
    const r = await run(scenario(RECT('{ above_scale: 1, below_scale: 1 }')), { actions: [act(2022, 3, 'A4', 'close')] }, '2022-06');
    const y2022 = taken(r).filter((t) => t.startsWith('2022'));
    // 规上 quota used by A4; 规下 takes its worst, B1
    expect(y2022).toEqual(['2022 A4 close actual', '2022 B1 close']);
  });

  it('a firm with a later recorded action is not taken by any rule before it', async () => {
    // A3 (worst 规上 score) is recorded as upgraded in 2022: the rule may not close it in 2021
    const text = scenario(
      `  - { type: rectification, groups: [above_scale], max_per_year: 1, dispositions: { close: { share: 0.5 }, upgrade: { share: 0.5 } } }`,
    );
    const r = await run(text, { actions: [act(2022, 4, 'A3', 'upgrade')] }, '2022-06');
    expect(taken(r).filter((t) => t.startsWith('2021 A3'))).toEqual([]);
    expect(taken(r)).toContain('2022 A3 upgrade actual');
  });

  it('an observed saving is applied as recorded (share of process energy), uncapped', async () => {
    const text = scenario(
      `  - { type: rectification, groups: [above_scale], max_per_year: 1, dispositions: { upgrade: { share: 1, energy_saving: 0.1, max_saving_tce: 1 } } }`,
    );
    const r = await run(text, { actions: [{ ...act(2021, 6, 'A2', 'upgrade'), savingTce: 300 }] }, '2021');
    for (let d = 0; d < 4; d++) expect(value(r, 'vacated_energy_tce', 2021, d)).toBeCloseTo(300, 6);
  });
});

describe('conditioning on observed values (issue #12 §2)', () => {
  const GROWING = '{ value_added: { uniform: [0.0, 0.1] }, energy_elasticity: 0.8, efficiency_gain: 0, employment_elasticity: 0 }';

  it('calibrated annual totals match the observed ones in every draw (within 0.5 %, here to 1e-9)', async () => {
    // VA 2020: 4,200 万元 (规上 4,000); energy 2020: 1,473.574 tce
    const values = [
      obs('above_scale_value_added', '2021', 4300),
      obs('value_added', '2021', 4530),
      obs('energy_tce', '2021', 1500),
      obs('value_added', '2022', 4800),
    ];
    const r = await run(scenario(RECT('1'), GROWING), { values, actions: [act(2021, 5, 'A4', 'close')] }, '2022-12');
    for (let d = 0; d < 4; d++) {
      expect(value(r, 'above_scale_value_added', 2021, d) / 4300 - 1).toBeCloseTo(0, 9);
      expect(value(r, 'value_added', 2021, d) / 4530 - 1).toBeCloseTo(0, 9);
      expect(value(r, 'energy_tce', 2021, d) / 1500 - 1).toBeCloseTo(0, 9);
      expect(value(r, 'value_added', 2022, d) / 4800 - 1).toBeCloseTo(0, 9);
    }
    // the year after the record keeps the model's spread
    const v2023 = [0, 1, 2, 3].map((d) => value(r, 'value_added', 2023, d));
    expect(new Set(v2023.map((v) => v.toFixed(3))).size).toBe(4);
  });

  it('observed flows: an annual amount is the year flow; in the year in progress, observed to date plus the rest of the year modelled', async () => {
    const values = [
      obs('vacated_energy_tce', '2021', 50),
      obs('vacated_energy_tce', '2022-Q1', 400),
      obs('vacated_energy_tce', '2022-Q2', 500),
    ];
    const r = await run(scenario(RECT('1')), { values }, '2022-06');
    for (let d = 0; d < 4; d++) {
      expect(value(r, 'vacated_energy_tce', 2021, d)).toBe(50);
      // 2022 to June observed (Q1 + Q2 = 900); the rule's full-year flow counts for the half year left (uniform profile)
      const modelled = value(r, 'vacated_energy_tce.rectification', 2022, d);
      expect(modelled).toBeGreaterThan(0);
      expect(value(r, 'vacated_energy_tce', 2022, d)).toBeCloseTo(900 + 0.5 * modelled, 9);
    }
  });

  it('an observed total the acted firms alone exceed stops the run with the row named', async () => {
    // A2, upgraded by the record in 2021, alone uses ~1,100 tce: an observed 1 tce cannot be matched
    const values = [obs('energy_tce', '2021', 1)];
    await expect(run(scenario(RECT('1')), { values, actions: [act(2021, 5, 'A2', 'upgrade')] }, '2021')).rejects.toThrow(
      /values\.csv row 2: the observed energy_tce for 2021 \(1\) cannot be matched/,
    );
  });
});

describe('the seasonal profile and recorded policies in the year in progress', () => {
  it("a policy with recorded actions adds its rule's whole flow (the quota left), a profile changes the share of the others", async () => {
    const values = [obs('vacated_energy_tce', '2022-09', 100)];
    const profile = 'tracking: { seasonal_profile: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 1] }\n';
    // no recorded action: the rule's full-year flow × (1 − 0.8) after September
    const r = await run(profile + scenario(RECT('2')), { values }, '2022-09');
    const own = value(r, 'vacated_energy_tce.rectification', 2022);
    expect(value(r, 'vacated_energy_tce', 2022)).toBeCloseTo(100 + 0.2 * own, 9);
    // A4 recorded in March: the quota left (1 firm) is all rest of year; A4's own flow is in the 100 observed
    const q = await run(profile + scenario(RECT('2')), { values, actions: [act(2022, 3, 'A4', 'close')] }, '2022-09');
    const total = value(q, 'vacated_energy_tce.rectification', 2022);
    expect(value(q, 'vacated_energy_tce', 2022)).toBeCloseTo(100 + total - 10 * TCE, 9);
  });
});

describe('green manufacturing: the record closes each programme it holds', () => {
  it('a recorded retrofit closes the retrofit rule in a completed year; certifications stay modelled', async () => {
    const text = scenario(
      `  - { type: green_manufacturing, years: [2021, 2023], retrofits_per_year: 2, green_factories_per_year: 1, retrofit_saving: 0.1 }`,
    );
    const r = await run(text, { actions: [act(2021, 6, 'A4', 'retrofit', 0, 'green_manufacturing')] }, '2021');
    const y2021 = taken(r).filter((t) => t.startsWith('2021'));
    expect(y2021.filter((t) => t.includes('retrofit'))).toEqual(['2021 A4 retrofit actual']);
    expect(y2021.some((t) => t.includes('certify'))).toBe(true);
    // 2022 is a forecast year: the rule retrofits its full quota
    expect(taken(r).filter((t) => t.startsWith('2022') && t.includes('retrofit'))).toHaveLength(2);
  });
});

describe('as_of', () => {
  const load = async (text: string, data: { values?: Observation[]; actions?: RecordedAction[] }, asOf?: string) => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-asof-'));
    await writeFile(join(dir, 'r.csv'), REGISTRY);
    await writeFile(join(dir, 'e.yaml'), EVALUATION);
    await writeFile(join(dir, 's.yaml'), text);
    return loadScenario(join(dir, 's.yaml'), undefined, {
      ...(asOf !== undefined ? { asOf } : {}),
      actualsData: { values: data.values ?? [], actions: data.actions ?? [] },
    });
  };

  it('defaults to the latest period of the actuals and cuts what comes after', async () => {
    const values = [obs('value_added', '2021', 4300), obs('vacated_energy_tce', '2022-Q2', 5)];
    const r = await load(scenario(RECT('1')), { values, actions: [act(2022, 8, 'A4', 'close')] });
    expect(r.value!.scenario.actuals!.asOf.text).toBe('2022-08');
    const cut = await load(scenario(RECT('1')), { values, actions: [act(2022, 8, 'A4', 'close')] }, '2022-Q2');
    expect(cut.value!.scenario.actuals!.actions).toHaveLength(0);
    expect(cut.value!.scenario.actuals!.values).toHaveLength(2);
  });

  it('a scenario as_of that is no period, or outside the simulated years, is reported at its line', async () => {
    const bad = await load(`as_of: 2022-13\n${scenario(RECT('1'))}`, { values: [obs('value_added', '2021', 4300)] });
    expect(bad.diagnostics[0]).toMatchObject({ line: 1, message: msg.badAsOf('2022-13') });
    const outside = await load(scenario(RECT('1')), { values: [obs('value_added', '2021', 4300)] }, '2030');
    expect(outside.diagnostics[0]).toMatchObject({ field: '--as-of' });
    expect(outside.diagnostics[0].message).toContain('2030');
  });

  it('warns about a policy the record leaves to the model in the complete years', async () => {
    const text = scenario(`${RECT('1')}\n  - { type: village_cleanup, per_year: 1, dispositions: { close: { share: 1 } } }`);
    const r = await load(text, { actions: [act(2021, 5, 'A4', 'close')] }, '2022-06');
    expect(r.value!.warnings.map((w) => w.message)).toContain(msg.unrecordedPolicy('village_cleanup', 2021, 2021, '2022-06'));
  });
});

describe('a recorded upgrade completing after its lag', () => {
  it('is actual: in the year in progress its saving is part of the amount observed to date, not added again', async () => {
    const text = scenario(
      `  - { type: rectification, groups: [above_scale], max_per_year: 1, dispositions: { upgrade: { share: 1, energy_saving: 0.1, lag: 1 } } }`,
    );
    const r = await run(text, { values: [obs('vacated_energy_tce', '2022-Q1', 5)], actions: [act(2021, 6, 'A2', 'upgrade')] }, '2022-06');
    expect(taken(r)).toContain('2022 A2 upgrade actual');
    // the rule's own 2022 upgrade completes in 2023: nothing of the rule's falls in 2022
    for (let d = 0; d < 4; d++) expect(value(r, 'vacated_energy_tce', 2022, d)).toBeCloseTo(5, 9);
  });
});

describe('observed savings and implausible values', () => {
  it('a lagged upgrade recorded with saving_tce saves that many tce when it completes', async () => {
    const text = scenario(
      `  - { type: rectification, groups: [above_scale], max_per_year: 1, dispositions: { upgrade: { share: 1, energy_saving: 0.1, lag: 1 } } }`,
      '{ value_added: 0.05, energy_elasticity: 1, efficiency_gain: 0, employment_elasticity: 0 }',
    );
    const r = await run(text, { actions: [{ ...act(2021, 6, 'A2', 'upgrade'), savingTce: 500 }] }, '2022-06');
    const completion = r.events.find((e) => e.year === 2022 && r.ids[e.enterprise] === 'A2' && e.action === 'upgrade')!;
    expect(completion.vacatedEnergyTce).toBeCloseTo(500, 9);
    expect(completion.actual).toBe(true);
  });

  it('a value ten times what the model has (a unit slip) stops the run naming the row and the unit', async () => {
    // VA 2021 ≈ 4,200 万元; 42,000 (亿元 written as 万元 ÷ 10 …) would scale the other firms ~ 10×
    await expect(run(scenario(RECT('1')), { values: [obs('value_added', '2021', 42000)] }, '2021')).rejects.toThrow(
      /values\.csv row 2: the observed value_added for 2021 \(42000\) is \d+\.\d\d × what the model has .* Check the value, its unit/,
    );
  });
});
