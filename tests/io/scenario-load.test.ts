import { FLOW_METRICS } from '../../src/domain/metrics.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/domain/diagnostic.js';
import { sharesSumToOne } from '../../src/domain/schema-helpers.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { namedEntrySchema, resolveNamed } from '../../src/policies/named.js';
import { anyPolicy, type PolicyModule } from '../../src/policies/types.js';
import { FIXTURES, ROOT } from '../helpers.js';

/** A scenario head that names the test registry and the shipped factors and evaluation. */
const HEAD = `name: t
registry: ${join(FIXTURES, 'registry-small.csv')}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2025 }
`;

/** Writes files into a fresh folder and returns its path. */
async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-scn-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function load(files: Record<string, string>, main = 'a.yaml', modules: readonly PolicyModule[] = []) {
  const dir = await tree(files);
  return { dir, ...(await loadScenario(join(dir, main), modules)) };
}

/** Where and what: `[file basename, line, column, field, message]`. */
const where = (ds: readonly Diagnostic[]) => ds.map((d) => [d.file?.split('/').pop(), d.line, d.column, d.field, d.message]);

// A plug-in used only here: its schema checks shares and named lists like the plan's policies will.
const demo: PolicyModule<
  {
    type: 'demo';
    dispositions: Record<'close' | 'upgrade', { share: number }>;
    named: { id: string; year: number; action: 'close' | 'upgrade' }[];
  },
  unknown
> = {
  type: 'demo',
  label: { zh: '示例', en: 'demo' },
  schema: z.strictObject({
    type: z.literal('demo'),
    dispositions: z
      .strictObject({ close: z.strictObject({ share: z.number() }), upgrade: z.strictObject({ share: z.number() }) })
      .superRefine((d, ctx) => {
        const parts = Object.entries(d).map(([k, v]) => [k, v.share] as [string, number]);
        const { sum, ok } = sharesSumToOne(parts.map((p) => p[1]));
        if (!ok) ctx.addIssue({ code: 'custom', message: msg.sharesNotOne('disposition', parts, sum) });
      }),
    named: z.array(namedEntrySchema(['close', 'upgrade'])).default([]),
  }),
  resolve: (spec, ctx, path) => {
    const r = resolveNamed(spec.named, ctx, [...path, 'named']);
    return { params: r.named, issues: r.issues };
  },
  createRuntime: () => ({ startDraw: () => undefined, apply: () => undefined }),
};

describe('loadScenario', () => {
  it('loads a scenario with its registry, factors and evaluation; defaults fill the rest', async () => {
    const r = await load({ 'a.yaml': HEAD });
    expect(r.diagnostics).toEqual([]);
    const s = r.value!.scenario;
    expect(s.monteCarlo).toEqual({ draws: 1000, seed: 1 });
    expect(s.confidence).toBe(0.9);
    expect(s.accounting).toEqual({
      electricityBasis: 'calorific',
      excludeFeedstock: true,
      excludeRenewables: 'new',
      carbonBoundary: 'territorial',
    });
    expect(s.growth.valueAdded.default).toEqual({ kind: 'constant', value: 0.05 });
    expect(r.value!.registry.table.n).toBe(5);
  });

  it('extends: maps merge key by key, lists replace, paths resolve from the file that names them', async () => {
    const dir = await tree({});
    await writeFile(
      join(dir, 'base.yaml'),
      `${HEAD}monte_carlo: { draws: 50, seed: 9 }
growth:
  value_added: { default: 0.04, C26: 0.06 }
targets:
  - { id: a, metric: tax_per_mu, year: 2025, at_least: 100 }
  - { id: b, metric: tax_per_mu, year: 2023, at_least: 90 }
`,
    );
    await writeFile(
      join(dir, 'child.yaml'),
      `extends: base.yaml
name: child
monte_carlo: { draws: 10 }
growth:
  value_added: { C26: 0.08 }
targets:
  - { id: c, metric: vacated_energy_tce, kind: cumulative, year: 2025, at_least: "130000" }
`,
    );
    const r = await loadScenario(join(dir, 'child.yaml'), []);
    expect(r.diagnostics).toEqual([]);
    const s = r.value!.scenario;
    expect(s.name).toBe('child');
    expect(s.monteCarlo).toEqual({ draws: 10, seed: 9 });
    expect(s.growth.valueAdded.default).toEqual({ kind: 'constant', value: 0.04 });
    expect(s.growth.valueAdded.bySector.get('C26')).toEqual({ kind: 'constant', value: 0.08 });
    expect(s.targets.map((t) => [t.id, t.from, t.goal])).toEqual([['c', 2021, 130000]]);
  });

  it('reports an extends cycle with the chain', async () => {
    const r = await load({ 'a.yaml': `extends: b.yaml\n${HEAD}`, 'b.yaml': 'extends: a.yaml\nname: b\n' });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'scenario/extends-cycle', line: 1, column: 10, field: 'extends' });
    expect(r.diagnostics[0].message).toMatch(/a\.yaml → .*b\.yaml → .*a\.yaml/);
  });

  it('reports a missing parent at the extends line', async () => {
    const r = await load({ 'a.yaml': `name: x\nextends: nope.yaml\n` });
    expect(where(r.diagnostics)).toEqual([['a.yaml', 2, 10, 'extends', expect.stringContaining('scenario file not found')]]);
  });

  it('reports missing registry, factors and evaluation files at the line that names them', async () => {
    const r = await load({
      'a.yaml': `name: t\nregistry: none.csv\nfactors: f.yaml\nevaluation: e.yaml\nperiod: { base: 2020, end: 2025 }\n`,
    });
    expect(where(r.diagnostics)).toEqual([
      ['a.yaml', 3, 10, 'factors', expect.stringContaining('factors file not found')],
      ['a.yaml', 4, 13, 'evaluation', expect.stringContaining('evaluation file not found')],
      ['a.yaml', 2, 11, 'registry', expect.stringContaining('registry file not found')],
    ]);
  });

  it('unknown keys are errors with line, column, a suggestion and the valid keys', async () => {
    const r = await load({ 'a.yaml': `${HEAD}monte_carlo: { draw: 5 }\nperiode: 1\n` });
    expect(where(r.diagnostics)).toEqual([
      ['a.yaml', 6, 16, 'monte_carlo.draw', msg.unknownKey('draw', ['draws', 'seed'])],
      ['a.yaml', 7, 1, 'periode', expect.stringContaining("unknown key 'periode' (did you mean 'period'?)")],
    ]);
    expect(formatDiagnostic(r.diagnostics[0])).toMatch(
      /a\.yaml:6:16 monte_carlo\.draw: unknown key 'draw' \(did you mean 'draws'\?\); valid keys here: draws, seed$/,
    );
  });

  it('wrong types and values say what is expected', async () => {
    const r = await load({
      'a.yaml': `${HEAD}monte_carlo: { draws: many }\nconfidence: 1.5\naccounting: { electricity_basis: primery }\n`,
    });
    expect(where(r.diagnostics)).toEqual([
      ['a.yaml', 6, 23, 'monte_carlo.draws', msg.wrongType('number', 'many')],
      ['a.yaml', 7, 13, 'confidence', msg.tooBig(1.5, 1, false, 'number')],
      ['a.yaml', 8, 34, 'accounting.electricity_basis', msg.notOneOf('primery', ['calorific', 'primary'])],
    ]);
    expect(r.diagnostics[2].message).toContain("did you mean 'primary'?");
  });

  it('a required key missing after the merge is reported', async () => {
    const r = await load({ 'a.yaml': 'name: t\nperiod: { base: 2020, end: 2025 }\n' });
    expect(r.diagnostics.map((d) => d.field)).toEqual(['registry', 'factors', 'evaluation']);
    expect(r.diagnostics[0].message).toBe(msg.missingKey('string'));
  });

  it('bad years: period order, series keys, targets outside the period', async () => {
    const r = await load({
      'a.yaml': HEAD.replace('end: 2025', 'end: 2019') + 'grid_emission_factor: { 2021: 0.55, 20x5: 0.5 }\n',
    });
    expect(where(r.diagnostics)).toEqual([['a.yaml', 6, 37, 'grid_emission_factor.20x5', msg.notAYearKey('20x5')]]);
    const r2 = await load({ 'a.yaml': HEAD.replace('end: 2025', 'end: 2019') });
    expect(where(r2.diagnostics)).toEqual([['a.yaml', 5, 28, 'period.end', msg.periodOrder(2020, 2019)]]);
    const r3 = await load({
      'a.yaml': `${HEAD}targets:\n  - { id: x, metric: tax_per_mu, year: 2030, at_least: 100 }\n  - { id: y, metric: vacated_land_mu, kind: cumulative, from: 2020, year: 2025, at_least: 5000 }\n`,
    });
    expect(where(r3.diagnostics)).toEqual([
      ['a.yaml', 7, 40, 'targets[0].year', msg.yearOutsidePeriod(2030, 2020, 2025, 'target year')],
      ['a.yaml', 8, 63, 'targets[1].from', msg.yearNotAfterBase(2020, 2020, "a cumulative sum's 'from'")],
    ]);
  });

  it('targets: one bound, cumulative needs a flow, unique ids, unknown metric', async () => {
    const r = await load({
      'a.yaml': `${HEAD}targets:
  - { id: a, metric: tax_per_mu, year: 2025, at_least: 1, at_most: 2 }
  - { id: a, metric: tax_per_mu, kind: cumulative, year: 2025, at_least: 1 }
  - { id: c, metric: tax_per_acre, year: 2025, at_least: 1 }
`,
    });
    expect(where(r.diagnostics)).toEqual([
      ['a.yaml', 7, 68, 'targets[0].at_most', msg.targetBothBounds()],
      ['a.yaml', 8, 22, 'targets[1].metric', msg.cumulativeNeedsFlow('tax_per_mu', FLOW_METRICS)],
      ['a.yaml', 9, 22, 'targets[2].metric', expect.stringContaining('"tax_per_acre" is not allowed (did you mean \'tax_per_mu\'?)')],
    ]);
  });

  it('constants and expressions are evaluated once; a failing expression names its line', async () => {
    const ok = await load({
      'a.yaml': `${HEAD}constants: { base_growth: 0.05, high: "base_growth * 1.5" }\ngrowth: { value_added: { triangular: [base_growth, high, "high + 0.01"] } }\n`,
    });
    expect(ok.diagnostics).toEqual([]);
    const p = ok.value!.scenario.growth.valueAdded.default;
    expect(p).toMatchObject({ kind: 'distribution', dist: { name: 'triangular' }, per: 'draw' });
    if (p.kind === 'distribution') expect(p.dist.args.map((x) => +x.toFixed(12))).toEqual([0.05, 0.075, 0.085]);
    const bad = await load({ 'a.yaml': `${HEAD}growth:\n  efficiency_gain: "import({x: 1})"\n` });
    expect(where(bad.diagnostics)).toEqual([
      ['a.yaml', 7, 20, 'growth.efficiency_gain', expect.stringContaining('import() changes the maths engine')],
    ]);
  });

  it('distribution errors: arity, order, per: enterprise where one district value is meant', async () => {
    const r = await load({
      'a.yaml': `${HEAD}growth:\n  value_added: { default: { pert: [0.1, 0.05] } }\ngrid_emission_factor: { uniform: [0.5, 0.6], per: enterprise }\n`,
    });
    expect(where(r.diagnostics)).toEqual([
      ['a.yaml', 7, 35, 'growth.value_added.default.pert', msg.distributionArity('pert', 3, '[min, mode, max]')],
      ['a.yaml', 8, 51, 'grid_emission_factor.per', msg.perEnterpriseNotHere()],
    ]);
  });

  it('YAML syntax errors and duplicate keys come with line and column', async () => {
    const r = await load({ 'a.yaml': `${HEAD}growth: [1, 2\n` });
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml/syntax', file: expect.stringContaining('a.yaml'), line: expect.any(Number) });
    const d = await load({ 'a.yaml': `${HEAD}name: again\n` });
    expect(d.diagnostics[0]).toMatchObject({ code: 'yaml/syntax', line: 6, column: 1 });
    expect(d.diagnostics[0].message).toContain('Map keys must be unique');
  });

  it('a file that is not a map', async () => {
    const r = await load({ 'a.yaml': '- just\n- a list\n' });
    expect(r.diagnostics[0]).toMatchObject({ message: msg.yamlNotMap(), line: 1 });
  });
});

describe('policy entries are validated by their module', () => {
  it('an unknown type names the known types', async () => {
    const r = await load({ 'a.yaml': `${HEAD}policies:\n  - { type: dem }\n` }, 'a.yaml', [anyPolicy(demo)]);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 7, 13, 'policies[0].type', msg.unknownPolicyType('dem', ['demo'])]]);
    expect(r.diagnostics[0].message).toContain("did you mean 'demo'?");
  });

  it('shares that do not sum to 1, unknown keys and unknown named ids, at their lines', async () => {
    const r = await load(
      {
        'a.yaml': `${HEAD}policies:
  - type: demo
    dispositions:
      close: { share: 0.3 }
      upgrade: { share: 0.6 }
  - type: demo
    dispositions: { close: { share: 1 }, upgrade: { share: 0, lag: 1 } }
  - type: demo
    dispositions: { close: { share: 0.5 }, upgrade: { share: 0.5 } }
    named:
      - { id: E3, year: 2022, action: close }
      - { id: E9, year: 2022, action: close }
      - { id: E4, year: 2020, action: upgrade }
`,
      },
      'a.yaml',
      [anyPolicy(demo)],
    );
    expect(where(r.diagnostics)).toEqual([
      [
        'a.yaml',
        9,
        7,
        'policies[0].dispositions',
        msg.sharesNotOne(
          'disposition',
          [
            ['close', 0.3],
            ['upgrade', 0.6],
          ],
          0.9,
        ),
      ],
      ['a.yaml', 12, 63, 'policies[1].dispositions.upgrade.lag', expect.stringContaining("unknown key 'lag'; valid keys here: share")],
      ['a.yaml', 17, 15, 'policies[2].named[1].id', msg.unknownEnterpriseId('E9')],
      ['a.yaml', 18, 25, 'policies[2].named[2].year', msg.yearOutsidePeriod(2020, 2021, 2025, 'year')],
    ]);
  });

  it('a valid entry resolves through the module (named ids to registry rows)', async () => {
    const r = await load(
      {
        'a.yaml': `${HEAD}policies:\n  - { type: demo, dispositions: { close: { share: 1 }, upgrade: { share: 0 } }, named: [{ id: E3, year: 2022, action: close }] }\n`,
      },
      'a.yaml',
      [anyPolicy(demo)],
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.scenario.policies[0].params).toEqual([{ enterprise: 2, year: 2022, action: 'close' }]);
  });
});

describe('registry cross-checks', () => {
  it("feedstock above the firm's fossil energy is reported at its row", async () => {
    const dir = await tree({
      'r.csv': 'id,name,sector,land_mu,output,value_added,tax,employees,coal_t,feedstock_tce\nA,a,C26,10,100,20,5,3,100,80\n',
    });
    await writeFile(join(dir, 'a.yaml'), HEAD.replace(join(FIXTURES, 'registry-small.csv'), 'r.csv'));
    const r = await loadScenario(join(dir, 'a.yaml'), []);
    expect(where(r.diagnostics)).toEqual([['r.csv', undefined, undefined, 'feedstock_tce', msg.feedstockAboveFossil(80, 71.43)]]);
    expect(r.diagnostics[0].row).toBe(2);
  });
});
