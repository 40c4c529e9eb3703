import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factorsSchema, missingFactorFields } from '../../src/accounting/factors.js';
import { evaluationSchema } from '../../src/evaluation/model.js';
import { loadYamlWith } from '../../src/io/yaml-file.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

async function variant(file: string, edit: (text: string) => string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-model-'));
  const path = join(dir, 'x.yaml');
  await writeFile(path, edit(await readFile(join(ROOT, file), 'utf8')));
  return path;
}

describe('evaluation file', () => {
  it('grade shares that do not sum to 1 are reported at their line', async () => {
    const path = await variant('models/evaluation/zhejiang-mujun.yaml', (t) =>
      t.replace('grade_shares: { A: 0.20, B: 0.45, C: 0.27, D: 0.08 }', 'grade_shares: { A: 0.20, B: 0.45, C: 0.27, D: 0.18 }'),
    );
    const r = await loadYamlWith(evaluationSchema, path, 'x.yaml', 'evaluation');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        file: 'x.yaml',
        line: 20,
        field: 'above_scale.grade_shares',
        message: msg.sharesNotOne(
          'grade',
          [
            ['A', 0.2],
            ['B', 0.45],
            ['C', 0.27],
            ['D', 0.18],
          ],
          1.1,
        ),
      }),
    ]);
  });

  it('an unknown indicator names the valid ones', async () => {
    const path = await variant('models/evaluation/zhejiang-mujun.yaml', (t) => t.replace('tax_per_kwh:', 'tax_per_kw:'));
    const r = await loadYamlWith(evaluationSchema, path, 'x.yaml', 'evaluation');
    expect(r.diagnostics[0]).toMatchObject({ file: 'x.yaml', line: 24, field: 'below_scale.indicators.tax_per_kw' });
    expect(r.diagnostics[0].message).toContain("did you mean 'tax_per_kwh'?");
  });
});

describe('factors file', () => {
  it('the shipped file gives every carrier a coefficient and a CO2 factor', async () => {
    const r = await loadYamlWith(factorsSchema, join(ROOT, 'models/factors/china.yaml'), 'china.yaml', 'factors');
    expect(r.diagnostics).toEqual([]);
    expect(missingFactorFields(r.value!)).toEqual([]);
  });

  it('a missing coefficient is found, a negative one reported at its line', async () => {
    const missing = await variant('models/factors/china.yaml', (t) => t.replace('    co2_t_per_unit: 2.8604\n', ''));
    const r = await loadYamlWith(factorsSchema, missing, 'x.yaml', 'factors');
    expect(missingFactorFields(r.value!)).toEqual([{ path: ['carriers', 'coke_t'], field: 'co2_t_per_unit' }]);
    const negative = await variant('models/factors/china.yaml', (t) => t.replace('kgce_per_unit: 971.4', 'kgce_per_unit: -971.4'));
    const r2 = await loadYamlWith(factorsSchema, negative, 'x.yaml', 'factors');
    expect(r2.diagnostics[0]).toMatchObject({
      file: 'x.yaml',
      field: 'carriers.coke_t.kgce_per_unit',
      message: msg.tooSmall(-971.4, 0, false, 'number'),
    });
  });
});
