import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { runText, value } from '../engine/run-helpers.js';

const HEADER = 'id,name,sector,park,land_mu,output,value_added,tax,employees,above_scale,year_built,village_cluster,lsmp,year';

/** A scenario over `reg.csv` (next to it), 2020–2022. */
const SCENARIO = [
  'name: t',
  'registry: reg.csv',
  `factors: ${join(ROOT, 'models/factors/china.yaml')}`,
  `evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}`,
  'period: { base: 2020, end: 2022 }',
].join('\n');

const registry = (rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

async function scenarioWith(rows: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-plan-'));
  await writeFile(join(dir, 'reg.csv'), registry(rows));
  await writeFile(join(dir, 's.yaml'), SCENARIO);
  return loadScenario(join(dir, 's.yaml'));
}

describe("the plan's targets, complete (方案 表1 and 二、主要目标)", () => {
  it('baseline.yaml names the 2023 and 2025 values of both 7 % growth targets and the doubling of 规上 VA', async () => {
    const r = await loadScenario(join(ROOT, 'scenarios/baseline.yaml'));
    const targets = r.value!.scenario.targets;
    const byId = new Map(targets.map((t) => [t.id, t]));
    for (const id of [
      'va-per-mu-growth-2023',
      'va-per-mu-growth-2025',
      'labor-productivity-growth-2023',
      'labor-productivity-growth-2025',
    ]) {
      expect(byId.get(id), id).toMatchObject({ kind: 'cagr', from: 2020, bound: 'at_least', goal: 0.07 });
    }
    expect(byId.get('value-added-doubling-2025')).toMatchObject({
      metric: 'above_scale_value_added',
      kind: 'change',
      from: 2020,
      year: 2025,
      bound: 'at_least',
      goal: 1,
    });
    // the energy-intensity label says what the metric measures, not a GDP target of Ningbo
    expect(byId.get('energy-intensity-2025')!.label).not.toMatch(/宁波/);
  });

  it('above_scale_value_added sums the 规上 firms only (a 规下 firm does not count)', async () => {
    // A: 规上 VA 30; B: 规上 VA 20; C: 规下 VA 5 → 规上 VA 50 in the base year; value_added (all firms) 55
    const reg = registry([
      'A,A,C34,镇海经济开发区,10,100,30,5,3,true,2010,false,false,2020',
      'B,B,C34,镇海经济开发区,10,100,20,5,3,true,2010,false,false,2020',
      'C,C,C34,,5,20,5,1,3,false,2010,false,false,2020',
    ]);
    const run = await runText(SCENARIO, 1, 1, { 'reg.csv': reg });
    expect(value(run, 'above_scale_value_added', 2020)).toBeCloseTo(50, 9);
    expect(value(run, 'value_added', 2020)).toBeCloseTo(55, 9);
  });
});

describe('registry consistency in validate', () => {
  it('a village-cluster firm that names a park is flagged once, with the count and its rows', async () => {
    const r = await scenarioWith([
      'A,A,C34,镇海经济开发区,10,100,30,5,3,true,2010,true,false,2020',
      'B,B,C34,,10,100,20,5,3,false,2010,true,false,2020',
      'C,C,C34,骆驼机电园区,5,20,5,1,3,false,2010,true,false,2020',
    ]);
    const w = r.value!.warnings.filter((d) => d.code === 'registry/village-cluster-in-park');
    expect(w).toEqual([
      expect.objectContaining({ row: 2, field: 'village_cluster', severity: 'warning', message: msg.villageClusterInPark(2, [2, 4]) }),
    ]);
  });

  it('a consistent registry gets no such warning', async () => {
    const r = await scenarioWith([
      'A,A,C34,镇海经济开发区,10,100,30,5,3,true,2010,false,false,2020',
      'B,B,C34,,10,100,20,5,3,false,2010,true,false,2020',
    ]);
    expect(r.value!.warnings.filter((d) => d.code === 'registry/village-cluster-in-park')).toEqual([]);
  });
});
