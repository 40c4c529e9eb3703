import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shown } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { DOMAINS, formatDomain, type Domain } from '../../src/scenario/domain.js';
import { cli, dcsim, scenarioFile, snapshot, STACK } from './scenario-kit.js';

const range = (d: Domain) => [d.what, formatDomain(d)] as const;
const G = DOMAINS.growth;
const EFF = DOMAINS.efficiencyGain;

/** Validates a scenario with `body` after the small head (line 7 on) in this process. */
async function validate(body: string) {
  const { dir, file } = await scenarioFile(body);
  const r = await cli('validate', file);
  return { ...r, at: (line: number, col: number, field: string) => `${shown(file)}:${line}:${col} ${field}: `, dir };
}

describe('parameter domains (issue #9 item 4)', { timeout: 60_000 }, () => {
  it('growth {normal: [0.05, 0.8]} is refused without a clip: exit 2 at its line, nothing written (built CLI)', async () => {
    const { dir } = await scenarioFile('growth:\n  value_added: { normal: [0.05, 0.8] }');
    const before = await snapshot(dir);
    const r = dcsim(dir, 'run', 'scenario.yaml', '--out', join(dir, 'out'), '--workers', '0', '--no-charts', '--draws', '2');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(STACK);
    expect(r.firstLine).toBe(
      `scenario.yaml:8:26 growth.value_added.normal: ${msg.distributionNeedsClip('normal(0.05, 0.8)', ...range(G))}`,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('the same normal with a clip inside the domain runs; a clip reaching past 0.3 warns', async () => {
    const ok = await validate('growth:\n  value_added: { normal: [0.05, 0.8], clip: [-0.5, 0.2] }');
    expect(ok.code).toBe(0);
    expect(ok.err).toBe('');
    const warned = await validate('growth:\n  value_added: { normal: [0.05, 0.8], clip: [-0.5, 0.5] }');
    expect(warned.code).toBe(0);
    expect(warned.firstLine).toBe(
      `${warned.at(8, 16, 'growth.value_added')}warning: ${msg.unusuallyHigh(0.5, G.what, G.warnAbove, G.hint, 'normal(0.05, 0.8) clipped to [-0.5, 0.5]')}`,
    );
    const outside = await validate('growth:\n  value_added: { normal: [0.05, 0.8], clip: [-1, 0.2] }');
    expect(outside.code).toBe(2);
    expect(outside.firstLine).toBe(`${outside.at(8, 45, 'growth.value_added.clip')}${msg.clipOutsideDomain([-1, 0.2], ...range(G))}`);
  });

  for (const [body, line, col, field, value, d] of [
    ['growth:\n  efficiency_gain: 1.5', 8, 20, 'growth.efficiency_gain', 1.5, EFF],
    ['growth:\n  efficiency_gain: 1', 8, 20, 'growth.efficiency_gain', 1, EFF],
    ['growth:\n  value_added: 5', 8, 16, 'growth.value_added', 5, G],
    ['growth:\n  value_added: -1.5', 8, 16, 'growth.value_added', -1.5, G],
    ['growth:\n  value_added: { default: 0.05, C26: -1 }', 8, 38, 'growth.value_added.C26', -1, G],
    ['growth:\n  efficiency_gain: { 2021: 0.01, 2023: 1.2 }', 8, 40, 'growth.efficiency_gain.2023', 1.2, EFF],
    ['constants:\n  g: 2\ngrowth:\n  value_added: "g * 3"', 10, 16, 'growth.value_added', 6, G],
    ['growth:\n  energy_elasticity: 7', 8, 22, 'growth.energy_elasticity', 7, DOMAINS.energyElasticity],
    ['growth:\n  employment_elasticity: -3', 8, 26, 'growth.employment_elasticity', -3, DOMAINS.employmentElasticity],
    ['grid_emission_factor: 557', 7, 23, 'grid_emission_factor', 557, DOMAINS.gridEmissionFactor],
  ] as const) {
    it(`refuses ${body.split('\n').at(-1)!.trim()} at its line and column`, async () => {
      const r = await validate(body);
      expect(r.code).toBe(2);
      expect(r.firstLine).toBe(`${r.at(line, col, field)}${msg.outOfDomain(value, d.what, formatDomain(d), d.hint)}`);
    });
  }

  it('refuses .inf and .nan anywhere a number goes', async () => {
    const inf = await validate('growth:\n  value_added: { uniform: [0, .inf] }');
    expect(inf.code).toBe(2);
    expect(inf.firstLine).toBe(`${inf.at(8, 31, 'growth.value_added.uniform[1]')}${msg.wrongType('a number', Infinity)}`);
    const nan = await validate('growth:\n  efficiency_gain: .nan');
    expect(nan.code).toBe(2);
    expect(nan.firstLine).toBe(`${nan.at(8, 20, 'growth.efficiency_gain')}${msg.badParameter(Number.NaN)}`);
  });

  it('warns (does not refuse) an efficiency gain of 0.5 and growth of 0.4: 0.01 means 1 %', async () => {
    const r = await validate('growth:\n  efficiency_gain: 0.5\n  value_added: 0.4');
    expect(r.code).toBe(0);
    expect(r.err.split('\n')).toEqual([
      `${r.at(9, 16, 'growth.value_added')}warning: ${msg.unusuallyHigh(0.4, G.what, G.warnAbove, G.hint)}`,
      `${r.at(8, 20, 'growth.efficiency_gain')}warning: ${msg.unusuallyHigh(0.5, EFF.what, EFF.warnAbove, EFF.hint)}`,
    ]);
  });

  it('checks policy numbers by their domain: savings, counts, shares, distributions by their support', async () => {
    const policy = (entry: string) => `policies:\n  - ${entry}`;
    const cases: [string, number, string, string][] = [
      [
        'type: two_high_review\n    dispositions: { benchmark: { share: 1, energy_saving: 1 } }',
        9,
        'policies[0].dispositions.benchmark.energy_saving',
        msg.outOfDomain(1, ...range(DOMAINS.saving), DOMAINS.saving.hint),
      ],
      [
        'type: two_high_review\n    dispositions: { benchmark: { share: 1, energy_saving: { uniform: [0, 1.2] } } }',
        9,
        'policies[0].dispositions.benchmark.energy_saving.uniform',
        msg.distributionOutsideDomain('uniform(0, 1.2)', ...range(DOMAINS.saving)),
      ],
      [
        'type: village_cleanup\n    per_year: 12.5\n    dispositions: { close: { share: 1 } }',
        9,
        'policies[0].per_year',
        msg.notInteger(12.5),
      ],
      [
        'type: village_cleanup\n    per_year: -3\n    dispositions: { close: { share: 1 } }',
        9,
        'policies[0].per_year',
        msg.outOfDomain(-3, ...range(DOMAINS.count), DOMAINS.count.hint),
      ],
      [
        'type: village_cleanup\n    per_year: { lognormal: [10, 5] }\n    dispositions: { close: { share: 1 } }',
        9,
        'policies[0].per_year.lognormal',
        msg.distributionNeedsClip('lognormal(10, 5)', ...range(DOMAINS.count)),
      ],
      [
        'type: green_manufacturing\n    green_factory_efficiency_gain: 1',
        9,
        'policies[0].green_factory_efficiency_gain',
        // a one-off saving at certification now (issue #11): the domain of a saving, not of a yearly gain
        msg.outOfDomain(1, ...range(DOMAINS.saving), DOMAINS.saving.hint),
      ],
      [
        'type: new_projects\n    generated: { per_year: 1, energy_tce: 10, value_added: 10, land_mu: 0 }',
        9,
        'policies[0].generated.land_mu',
        msg.outOfDomain(0, ...range(DOMAINS.positive), undefined),
      ],
    ];
    for (const [entry, line, field, message] of cases) {
      const r = await validate(policy(entry));
      expect(r.code, entry).toBe(2);
      expect(r.firstLine.startsWith(`${shown(join(r.dir, 'scenario.yaml'))}:${line}:`), r.firstLine).toBe(true);
      expect(r.firstLine.endsWith(` ${field}: ${message}`), r.firstLine).toBe(true);
    }
  });
});
