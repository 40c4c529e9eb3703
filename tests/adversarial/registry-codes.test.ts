import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/io/registry-load.js';
import { registryPlaces } from '../../src/io/run-tables.js';
import { toTransfer } from '../../src/parallel/transfer.js';
import { dcsim, tempDir, writeScenario } from './inputs-support.js';

/**
 * Issue 9 item 2: town, park and sector codes are 32-bit, sized for one code per row — past
 * 65,535 distinct towns a firm keeps its own town (a 16-bit code wrapped and booked it elsewhere).
 */

const FIRMS = 66_000;

/** A registry of FIRMS firms, each in its own town and park. */
function manyTowns(): string {
  const lines = ['id,name,sector,town,park,land_mu,output,value_added,tax,employees,electricity_10k_kwh'];
  for (let i = 0; i < FIRMS; i++) {
    const id = `E${String(i).padStart(6, '0')}`;
    lines.push(`${id},企业${i},C3451,镇${i},园${i},10,1000,200,30,20,${i === FIRMS - 10 ? 5000 : 10}`);
  }
  return lines.join('\n') + '\n';
}

describe('codes past 65,535 distinct values', { timeout: 60_000 }, () => {
  it('every firm keeps its own town and park in the table, through the worker transfer and in registryPlaces', async () => {
    const dir = await tempDir();
    const file = join(dir, 'r.csv');
    await writeFile(file, manyTowns());
    const r = await loadRegistry(file);
    expect(r.value).toBeDefined();
    const t = r.value!.table;
    expect(t.towns.length).toBe(FIRMS + 1); // '' is code 0
    const shared = toTransfer({ scenario: { policies: [] } as never, table: t, factors: {} as never, evaluation: {} as never }).table;
    for (const table of [t, shared]) {
      const places = registryPlaces(table);
      for (const e of [0, 65_534, 65_535, 65_536, FIRMS - 10, FIRMS - 1]) {
        expect(places(e).slice(0, 2), `firm ${e}`).toEqual([`镇${e}`, `园${e}`]);
      }
      for (let e = 0; e < FIRMS; e++) if (table.town[e] !== e + 1) throw new Error(`firm ${e} has town code ${table.town[e]}`);
    }
  });

  it('a run books a firm past the 65,536th town in its own town in events.csv', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'r.csv'), manyTowns());
    const target = `E0${String(FIRMS - 10).padStart(5, '0')}`;
    await writeScenario(
      dir,
      'r.csv',
      `policies:\n  - { type: rectification, years: [2021, 2025], grades: [A], require: { land_mu_at_least: 1000000 }, dispositions: { close: { share: 1 } }, named: [{ id: ${target}, year: 2022, action: close }] }`,
    );
    const r = dcsim(dir, 'run', 'scenario.yaml', '--draws', '1', '--workers', '0', '--no-charts', '--out', 'out');
    if (r.code !== 0) throw new Error(r.err);
    const events = await readFile(join(dir, 'out', 'events.csv'), 'utf8');
    const line = events.split('\n').find((l) => l.includes(target));
    expect(line).toBeDefined();
    expect(line).toContain(`镇${FIRMS - 10}`);
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(true);
  });
});
