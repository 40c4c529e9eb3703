import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/domain/diagnostic.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { parseYaml } from '../../src/io/yaml-source.js';
import { msg } from '../../src/messages/messages.js';
import { POLICY_MODULES } from '../../src/policies/index.js';
import { FIXTURES, ROOT } from '../helpers.js';

/** A scenario head that names the test registry and the shipped factors and evaluation (lines 1–5). */
const HEAD = `name: t
registry: ${join(FIXTURES, 'registry-small.csv')}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2025 }
`;

async function load(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-yaml-'));
  await writeFile(join(dir, 'a.yaml'), text);
  return loadScenario(join(dir, 'a.yaml'), POLICY_MODULES);
}

/** `[file, line, column, message]` of each error. */
const where = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.severity !== 'warning').map((d) => [d.file?.split('/').pop(), d.line, d.column, d.message]);

describe('YAML slips Chinese users make (issue #14 §13)', () => {
  it('a full-width colon after a key: one sentence at the colon', async () => {
    const r = await load(`${HEAD}draws：100\n`);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 6, 6, msg.yamlFullWidthColon('draws')]]);
  });

  it('a full-width colon inside a flow map and after a list dash', () => {
    expect(parseYaml('a: { b: 1, at_least：2 }\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 20, msg.yamlFullWidthColon('at_least')],
    ]);
    expect(parseYaml('a:\n  - id：x\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column])).toEqual([[2, 7]]);
  });

  it('a full-width colon in text, a quoted string or a comment is left alone', () => {
    const r = parseYaml('title: 镇海：2025\nnote: "a：b"\n# 说明：x\nc: 1 # d：e\n', 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.source?.value).toEqual({ title: '镇海：2025', note: 'a：b', c: 1 });
  });

  it('full-width spaces as indentation or after a colon', async () => {
    // without the check `　　draws: 1` silently became a key named "　　draws"
    const r = await load(`${HEAD}targets:\n\u3000\u3000- id: x\n`);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 7, 1, msg.yamlFullWidthSpace()]]);
    expect(parseYaml('draws:\u3000100\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 7, msg.yamlFullWidthSpace()],
    ]);
    expect(parseYaml('draws\u3000: 100\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 6]]);
    // inside text it is text
    expect(parseYaml('title: 镇海\u30002025\n', 'f.yaml').diagnostics).toEqual([]);
  });

  it('30,000 in block style is the text "30,000": refused with the number to write', () => {
    const r = parseYaml('t:\n  at_least: 30,000\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[2, 13, msg.yamlThousands('30,000')]]);
  });

  it('30,000 in a flow map splits into at_least: 30 and a key 000: refused, not run with 30', () => {
    // what the yaml library makes of it without the check: { at_least: 30, '0': null }
    const r = parseYaml('t: { at_least: 30,000 }\nu: { at_most: 1,234,567.5 }\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 16, msg.yamlThousands('30,000')],
      [2, 15, msg.yamlThousands('1,234,567')],
    ]);
    // a list of small numbers is not a slip
    expect(parseYaml('clip: [0,100]\n', 'f.yaml').diagnostics).toEqual([]);
  });

  it('a key indented one space too few', async () => {
    const r = await load(`${HEAD}growth:\n  value_added: 0.05\n output: 0.05\n`);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 8, 1, msg.yamlIndentSlip(1, [2, 0])]]);
  });

  it('a key indented one space too many', () => {
    const r = parseYaml('period:\n  base: 2020\n   end: 2025\ndraws: 5\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[3, 1, msg.yamlIndentSlip(3, [2])]]);
  });

  it('a slip inside a list item', () => {
    const r = parseYaml('targets:\n  - id: a\n    year: 2025\n   metric: x\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[4, 1, msg.yamlIndentSlip(3, [4, 2])]]);
  });

  it('a correct file with lists, block text and comments has no slips', () => {
    const text = 'a:\n  - id: x\n    b: 1\n  - id: y\nnote: |\n   free text：here\n    more\nc:\n    deep: 1\n# end\n';
    expect(parseYaml(text, 'f.yaml').diagnostics).toEqual([]);
  });
});

describe('percent syntax where a fraction is (issue #14 §12)', () => {
  const field = (ds: readonly Diagnostic[]) =>
    ds.filter((d) => d.severity !== 'warning').map((d) => [d.line, d.column, d.field, d.message]);

  it('confidence, a growth rate, a share and a change goal take 80%, 5 %, 40%, -18%', async () => {
    const r = await load(
      `${HEAD}confidence: 80%
growth: { value_added: { triangular: [3%, 5 %, "8%"] } }
policies:
  - type: village_cleanup
    per_year: 10
    dispositions: { close: { share: 40% }, move_to_park: { share: 60%, land_factor: 0.6 } }
targets:
  - { id: ei, metric: energy_intensity, kind: change, year: 2025, at_most: -18%, confidence: 75% }
  - { id: vr, metric: value_added_rate, year: 2025, at_least: 23.3% }
`,
    );
    expect(field(r.diagnostics)).toEqual([]);
    const s = r.value!.scenario;
    expect(s.confidence).toBe(0.8);
    const g = s.growth.valueAdded.default;
    if (g.kind !== 'distribution') throw new Error('expected a distribution');
    expect(g.dist.args).toEqual([0.03, 0.05, 0.08]);
    expect((s.policies[0].params as { shares: number[] }).shares).toEqual([0.4, 0.6]);
    expect(s.targets.map((t) => [t.goal, t.confidence])).toEqual([
      [-0.18, 0.75],
      [0.233, 0.8],
    ]);
  });

  it('a policy fraction written inline in its schema takes a percentage too', async () => {
    const r = await load(
      `${HEAD}policies:\n  - { type: village_cleanup, per_year: 10, dispositions: { close: { share: 100% }, move_to_park: { share: 0%, land_factor: 60% } } }\n`,
    );
    expect(field(r.diagnostics)).toEqual([]);
    expect(r.value!.scenario.policies[0].params).toMatchObject({ shares: [1, 0], landFactor: 0.6 });
  });

  it('a percentage where the value is not a fraction is refused with the fix', async () => {
    const r = await load(`${HEAD}monte_carlo: { draws: 50% }\n`);
    expect(field(r.diagnostics)).toEqual([[6, 23, 'monte_carlo.draws', msg.percentNotFraction('50%', 'draws')]]);
    // land_mu of generated projects: a quantity in 亩 (domain positive), not a fraction
    const land = await load(
      `${HEAD}policies:
  - type: new_projects
    generated: { per_year: 1, sector: C3489, energy_tce: 100, value_added: 1000, value_added_rate: 0.3, tax_rate: 0.25, land_mu: 3%, labor_productivity: 45 }
`,
    );
    const d = field(land.diagnostics);
    expect(d).toHaveLength(1);
    expect(d[0].slice(2)).toEqual(['policies[0].generated.land_mu', msg.percentNotFraction('3%', 'a quantity above 0')]);
    // a level goal of a quantity: a percentage is not a number of tce
    const goal = await load(`${HEAD}targets:\n  - { id: e, metric: energy_tce, year: 2025, at_most: 5% }\n`);
    expect(field(goal.diagnostics).map((x) => x[3])).toEqual([msg.percentNotFraction('5%', 'energy_tce')]);
  });

  it('an impossible goal of a change or a fraction metric: refused with "write -18 % or -0.18"', async () => {
    const r = await load(
      `${HEAD}targets:
  - { id: ei, metric: energy_intensity, kind: change, year: 2025, at_most: -18 }
  - { id: vr, metric: value_added_rate, year: 2025, at_least: 23.3 }
  - { id: ok, metric: energy_intensity, kind: change, year: 2025, at_most: -0.18 }
`,
    );
    expect(field(r.diagnostics)).toEqual([
      [7, 76, 'targets[0].at_most', msg.goalImpossibleRatio(-18, 'a change of energy_intensity')],
      [8, 63, 'targets[1].at_least', msg.goalImpossibleRatio(23.3, 'value_added_rate')],
    ]);
    expect(msg.goalImpossibleRatio(-18, 'a change of energy_intensity')).toContain('write -18 % or -0.18');
  });
});
