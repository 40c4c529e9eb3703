import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attribute, firmCounts } from '../../src/engine/attribution.js';
import { attributionRows } from '../../src/io/events-read.js';
import { eventsCsv } from '../../src/io/run-tables.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { split } from '../../src/policies/selection.js';
import { shortfallWarnings } from '../../src/report/shortfall.js';
import { runText, value } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { SIX_FIRMS, TAX_PER_MU_EVALUATION } from '../support/six-firms.js';

// The six-firm district of tests/support/six-firms.ts (its grades and energy are described there).
const REGISTRY = SIX_FIRMS;
const EVALUATION = TAX_PER_MU_EVALUATION;
const scenario = (policies: string, end = 2021) => `name: t
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: e.yaml
period: { base: 2020, end: ${end} }
accounting: { electricity_basis: calorific, exclude_feedstock: true, exclude_renewables: none }
growth: { value_added: 0, energy_elasticity: 0, efficiency_gain: 0, employment_elasticity: 0 }
policies:
${policies}`;
const run = (policies: string, end = 2021) => runText(scenario(policies, end), 1, 1, { 'r.csv': REGISTRY, 'e.yaml': EVALUATION });
const taken = (r: Awaited<ReturnType<typeof run>>, policy?: string) =>
  r.events
    .filter((e) => e.enterprise >= 0 && (policy === undefined || r.layout.policyKeys[e.policy] === policy))
    .map((e) => `${e.year} ${r.ids[e.enterprise]} ${e.action}`)
    .sort();
const CLOSE = 'dispositions: { close: { share: 1 } }';

describe('selection within groups (issue #11 §1)', () => {
  it('rank_by energy_tce within 规上 lists the D firm using most energy, not the 规下 firm with the lowest score', async () => {
    // D firms: 规上 A2 (1,229 tce), A3 (61.45 tce); 规下 B1 (score 0). One a year, 规上 only, 高耗 first → A2;
    // today's code ranks all D firms on one score scale and lists B1 (score 0) first.
    const r = await run(`  - { type: rectification, groups: [above_scale], rank_by: energy_tce, max_per_year: 1, ${CLOSE} }`);
    expect(taken(r)).toEqual(['2021 A2 close']);
    expect(value(r, 'vacated_energy_tce', 2021)).toBeCloseTo(1000 * 1.229, 9);
  });

  it('rank_by score within 规上 takes the worst 规上 score; min_energy_tce removes firms below the 高耗 threshold', async () => {
    const worst = await run(`  - { type: rectification, groups: [above_scale], max_per_year: 1, ${CLOSE} }`);
    expect(taken(worst)).toEqual(['2021 A3 close']); // score 0.125 < A2's 1.125
    // A3 uses 61.45 tce < 100: not a candidate; A2 (1,229 tce) is
    const high = await run(`  - { type: rectification, groups: [above_scale], min_energy_tce: 100, max_per_year: 1, ${CLOSE} }`);
    expect(taken(high)).toEqual(['2021 A2 close']);
  });

  it('per-group quotas: each group is ranked on its own scale and filled to its own number', async () => {
    // 规上 1 (worst score A3), 规下 1 (B1): 2 firms, 61.45 + 6.145 tce
    const r = await run(
      `  - { type: rectification, groups: [above_scale, below_scale], max_per_year: { above_scale: 1, below_scale: 1 }, ${CLOSE} }`,
    );
    expect(taken(r)).toEqual(['2021 A3 close', '2021 B1 close']);
    expect(value(r, 'vacated_energy_tce', 2021)).toBeCloseTo(50 * 1.229 + 5 * 1.229, 9);
    // 规上 2, 规下 1 quota but only 1 规下 D firm → listed A2, A3, B1 and none short
    const two = await run(
      `  - { type: rectification, groups: [above_scale, below_scale], max_per_year: { above_scale: 2, below_scale: 1 }, ${CLOSE} }`,
    );
    expect(taken(two)).toEqual(['2021 A2 close', '2021 A3 close', '2021 B1 close']);
  });

  it('a plain total over two groups is split in proportion to their candidates (largest remainder), never one ranking', async () => {
    // D candidates: 规上 2, 规下 1; total 2 → exact 4/3 and 2/3 → floors 1 + 0, the larger remainder (2/3) to 规下 → 1 + 1
    expect(split(2, 2, 1)).toEqual([1, 1]);
    expect(split(30, 120, 30)).toEqual([24, 6]);
    expect(split(5, 1, 1)).toEqual([1, 1]);
    const r = await run(`  - { type: rectification, max_per_year: 2, ${CLOSE} }`);
    expect(taken(r)).toEqual(['2021 A3 close', '2021 B1 close']);
  });

  it('the also rule applies within the named groups only', async () => {
    // grades [A] lists A1 and A4; also (tax/mu < 2 on ≥ 3 mu) adds A3 (1/mu) but not B1 (0/mu, 规下)
    const r = await run(
      `  - { type: rectification, groups: [above_scale], grades: [A], also: { tax_per_mu_below: 2, land_mu_at_least: 3 }, ${CLOSE} }`,
    );
    expect(taken(r)).toEqual(['2021 A1 close', '2021 A3 close', '2021 A4 close']);
  });

  it('above_scale_only is an error that names groups; a quota for a group not named is an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-sel-'));
    await writeFile(join(dir, 'r.csv'), REGISTRY);
    await writeFile(join(dir, 'e.yaml'), EVALUATION);
    const check = async (policies: string) => {
      await writeFile(join(dir, 's.yaml'), scenario(policies));
      return (await loadScenario(join(dir, 's.yaml'))).diagnostics.map((d) => d.message);
    };
    expect(await check(`  - { type: rectification, above_scale_only: true, ${CLOSE} }`)).toContain(msg.aboveScaleOnlyRenamed());
    expect(
      await check(`  - { type: rectification, groups: [above_scale], max_per_year: { above_scale: 1, below_scale: 1 }, ${CLOSE} }`),
    ).toContain(msg.quotaGroupNotNamed('below_scale', ['above_scale']));
    expect(
      await check(`  - { type: rectification, groups: [above_scale, below_scale], max_per_year: { above_scale: 1 }, ${CLOSE} }`),
    ).toContain(msg.quotaGroupMissing('below_scale', ['above_scale', 'below_scale']));
  });
});

describe('exclusivity and shortfalls (issue #11 §5)', () => {
  const REGULATE = 'dispositions: { regulate: { share: 1, energy_saving: 0.1 } }';
  it('a firm an earlier policy took this year is not a candidate of a later exclusive policy', async () => {
    // rectification regulates every D firm (A2, A3, B1; they stay in operation); the clean-up wants 1 of
    // the flagged B1 (score 0) and B2: B1 is taken → B2. Today's code clears B1 a second time.
    const policies = (exclusive: string) =>
      `  - { type: rectification, ${REGULATE} }\n  - { type: village_cleanup, per_year: 1, ${exclusive}${CLOSE} }`;
    const r = await run(policies(''));
    expect(taken(r, 'village_cleanup')).toEqual(['2021 B2 close']);
    expect(r.summary.attribution).toBeUndefined();
    const rows = attributionRows(eventsCsv(r));
    const firms = attribute(rows).firms!;
    // rectification A2, A3, B1; clean-up B2: 4 distinct firms, none in two programmes the same year
    expect(firms.total).toBe(4);
    expect(firms.byPolicy).toEqual([
      { key: 'rectification', firms: 3 },
      { key: 'village_cleanup', firms: 1 },
    ]);
    expect(firms.sameYearInSeveral).toBe(0);
    const shared = await run(policies('exclusive: false, '));
    expect(taken(shared, 'village_cleanup')).toEqual(['2021 B1 close']);
    expect(attribute(attributionRows(eventsCsv(shared))).firms).toMatchObject({ total: 3, sameYearInSeveral: 1 });
  });

  it('a quota the candidates cannot fill is a shortfall event, a metric per policy and in total, and a warning', async () => {
    // 3 a year from 2 flagged firms: 2021 clears B1 and B2 (short 1); 2022 none left (short 3)
    const r = await run(`  - { type: village_cleanup, per_year: 3, ${CLOSE} }`, 2022);
    const short = r.events.filter((e) => e.action === 'shortfall');
    expect(short.map((e) => [e.year, e.enterprise, e.shortfallFirms])).toEqual([
      [2021, -1, 1],
      [2022, -1, 3],
    ]);
    expect(value(r, 'quota_shortfall.village_cleanup', 2021)).toBe(1);
    expect(value(r, 'quota_shortfall.village_cleanup', 2022)).toBe(3);
    expect(value(r, 'quota_shortfall', 2022)).toBe(3);
    expect(value(r, 'quota_shortfall', 2020)).toBe(0);
    expect(shortfallWarnings(r.summary, 'zh')).toEqual([
      msg.quotaShortfall('村级工业集聚点清退', 2021, 1, 'zh'),
      msg.quotaShortfall('村级工业集聚点清退', 2022, 3, 'zh'),
    ]);
    // the audit trail carries the count; no firm is named
    const csv = eventsCsv(r);
    expect(csv.split('\n')[0]).toContain('shortfall_firms');
    expect(csv).toMatch(/2022,,,village_cleanup,shortfall,0,0,0,0,,,,3/);
  });

  it('no quota (rectification without max_per_year) is never short', async () => {
    const r = await run(`  - { type: rectification, ${CLOSE} }`);
    expect(r.events.some((e) => e.action === 'shortfall')).toBe(false);
    expect(value(r, 'quota_shortfall.rectification', 2021)).toBe(0);
  });
});

describe('distinct firm counts (attribution.firms)', () => {
  const row = (year: number, enterprise: string, policy: string, action: string) => ({
    year,
    enterprise,
    policy,
    action,
    town: '',
    park: '',
    sector: 'C26',
    vacatedEnergyTce: 0,
    co2ReductionT: 0,
    vacatedLandMu: 0,
  });
  it('a project ramping up or a saving pending at the period end is not a second programme taking the firm', () => {
    const counts = firmCounts([
      row(2023, 'P', 'green_manufacturing', 'retrofit'),
      row(2023, 'P', 'new_projects', 'ramp'),
      row(2025, 'A', 'village_cleanup', 'close'),
      row(2025, 'A', 'rectification', 'pending'),
      row(2025, 'B', 'rectification', 'upgrade'),
      row(2025, 'B', 'village_cleanup', 'move_to_park'),
    ]);
    // only B is taken by two programmes in one year; P and A once each
    expect(counts).toMatchObject({ total: 3, sameYearInSeveral: 1 });
  });
});
