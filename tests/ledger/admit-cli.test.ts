import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'dist/cli/bin.js');
const dcsim = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// The 5-firm fixture without growth (tests/ledger/engine-ledger.test.ts): closures vacate E4 51.156 tce
// in 2021, E5 24.58 in 2022, E3 159.035 in 2023; P1 needs 50 × 1.229 = 61.45 tce at full capacity.
const SCENARIO = `${STILL}ledger: { binding: [energy] }
policies:
  - { type: rectification, grades: [A], require: { tax_per_mu_below: 0 }, dispositions: { close: { share: 1 } }, named: [{ id: E4, year: 2021, action: close }, { id: E5, year: 2022, action: close }, { id: E3, year: 2023, action: close }] }
  - { type: new_projects, pipeline: p.csv }
targets:
  - { id: pool, label: 用能指标余额, metric: energy_headroom_tce, year: 2023, at_least: 200 }
`;
const PIPELINE =
  'id,name,sector,start_year,value_added,output,tax,land_mu,employees,electricity_10k_kwh\nP1,项目一,C3985,2021,1000,3000,500,10,20,50\n';

describe('dcsim admit', { timeout: 120_000 }, () => {
  it('answers for one project: the targets with and without it, the share of draws it fits each year, the earliest year', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-admit-'));
    await writeFile(join(dir, 's.yaml'), SCENARIO);
    await writeFile(join(dir, 'p.csv'), PIPELINE);
    const r = dcsim(['admit', 's.yaml', '--project', 'P1', '--year', '2021', '--draws', '4', '--workers', '0', '--out', 'a'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const a = JSON.parse(await readFile(join(dir, 'a', 'admit.json'), 'utf8'));
    expect(a.project.full_capacity.energy_tce).toBeCloseTo(61.45, 9);
    // without P1 the pool ends 2021 at 51.156 (short), 2022 at 75.736 and 2023 at 234.771: it fits from 2022
    expect(a.fits).toEqual([
      { year: 2021, share: 0, short: { energy_headroom_tce: expect.closeTo(61.45 - 51.156, 6) } },
      { year: 2022, share: 1, short: { energy_headroom_tce: 0 } },
      { year: 2023, share: 1, short: { energy_headroom_tce: 0 } },
    ]);
    expect(a.earliest_year).toBe(2022);
    // forced in 2021 it takes 61.45 tce from the pool: 234.771 → 173.321 < 200, the target is lost in every draw
    const pool = a.targets.find((t: { id: string }) => t.id === 'pool');
    expect(pool.without.probability).toBe(1);
    expect(pool.with.probability).toBe(0);
    expect(pool.change.p50).toBeCloseTo(-61.45, 6);
    expect(a.targets_at_earliest[0].with.p50).toBeCloseTo(234.771 - 61.45, 6);
    expect(r.out).toContain(msg.admitEarliest(2022, 0.9, false));
    expect(r.out).toContain('2021 0 % · 2022 100 % · 2023 100 %');
    // what must still be vacated in the year asked, and the pool at that year's end without and with it
    expect(r.out).toContain('2021 年还缺 (P50): 用能替代指标余额 0.00 万tce');
    expect(r.out).toContain('2021 年末 (P50): 用能替代指标余额 0.01 万tce → -0.00 万tce');
  });

  it('names the projects when --project is unknown, and refuses a year outside the period', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcsim-admit-'));
    await writeFile(join(dir, 's.yaml'), SCENARIO);
    await writeFile(join(dir, 'p.csv'), PIPELINE);
    const r = dcsim(['admit', 's.yaml', '--project', 'P2', '--draws', '2', '--workers', '0', '--out', 'a'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg.admitUnknownProject('P2', ['P1']));
    const y = dcsim(['admit', 's.yaml', '--project', 'P1', '--year', '2030', '--draws', '2', '--workers', '0', '--out', 'b'], dir);
    expect(y.code).toBe(2);
    expect(y.err).toContain(msg.yearOutsidePeriod(2030, 2021, 2023, 'the year'));
  });
});
