import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { describeAssumptions, describeNumber } from '../../src/scenario/assumptions.js';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

describe('the list of assumptions', () => {
  it('writes a distribution on one line', () => {
    expect(describeNumber({ triangular: [0.05, 0.1, 0.2], per: 'enterprise' })).toBe('triangular(0.05, 0.1, 0.2) per enterprise');
    expect(describeNumber({ normal: [0.05, 0.02], clip: [0, 1] })).toBe('normal(0.05, 0.02) per draw, clip [0, 1]');
    expect(describeNumber({ 2021: 0.5 })).toBeUndefined();
  });

  it('lists every parameter of zhenhai-2025: defaults filled in and named, policies with their module defaults, factors used', async () => {
    const { value } = await loadScenario(join(ROOT, 'scenarios/zhenhai-2025.yaml'));
    const input = {
      spec: value!.spec,
      policyModules: value!.scenario.policies.map((p) => p.module),
      factors: value!.factors,
      draws: 1000,
      seed: 2021,
      firms: value!.registry.table.n,
      files: [{ role: 'registry', file: 'r.csv', sha256: 'ab' }],
    };
    const list = describeAssumptions(input);
    const get = (item: string) => list.find((a) => a.item === item)?.value;
    expect(get('period')).toBe('2020–2025');
    expect(get('firms')).toBe(1000);
    expect(get('accounting.exclude_renewables')).toBe('new');
    expect(get('growth.employment_elasticity')).toBe(0.2);
    expect(get('growth.value_added.C25')).toBe('triangular(0.01, 0.03, 0.05) per draw');
    expect(get('policies[0]')).toBe('rectification');
    expect(get('policies[0].exclusive')).toBe(true); // a module default the file does not write
    expect(get('policies[0].named')).toBe('0 entries');
    expect(get('policies[5].admission.max_energy_intensity')).toBe(0.3);
    expect(get('natural_gas_10k_m3 (tce/unit)')).toBe(12.143); // GB/T 2589-2020, 1.2143 kgce/m³
    expect(get('electricity calorific (tce/10⁴ kWh)')).toBe(1.229);
    expect(get('registry')).toBe('r.csv · sha256 ab');
    expect(list.every((a) => typeof a.value !== 'number' || Number.isFinite(a.value))).toBe(true);
    const bare = describeAssumptions({ ...input, spec: { ...value!.spec, growth: {} } });
    expect(bare.find((a) => a.item === 'growth.efficiency_gain')?.value).toBe('0.01 (default)');
  });
});
