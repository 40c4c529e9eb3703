import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/io/registry-load.js';
import { loadScenario, shown } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { writeWorkbook } from './workbook.js';

const HEADER = 'id,name,sector,land_mu,output,value_added,tax,employees,above_scale,year_built,village_cluster,lsmp';
const firm = (id: string) => `${id},${id},C34,10,100,20,5,3,true,2010,false,false`;

async function csvFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-year-'));
  await writeFile(join(dir, 'reg.csv'), text);
  return join(dir, 'reg.csv');
}

/** Loads a scenario naming `registry` (copied next to it), with base year `base` and `extra` YAML lines. */
async function scenario(registry: string, extra = '', base = 2020) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-year-s-'));
  await copyFile(registry, join(dir, basename(registry)));
  const text = `name: t\nregistry: ${basename(registry)}\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: ${base}, end: 2025 }\n${extra}`;
  await writeFile(join(dir, 's.yaml'), text);
  return { ...(await loadScenario(join(dir, 's.yaml'))), registryShown: shown(join(dir, basename(registry))) };
}

describe('the registry year', () => {
  it('a year column (年份) declares it; every row must agree, else the first disagreeing row is named', async () => {
    const ok = await loadRegistry(await csvFile(`${HEADER},年份\n${firm('A')},2020\n${firm('B')},2020\n`), 'reg.csv');
    expect(ok.value!.dataYear).toEqual({ year: 2020, source: 'column', row: 2 });
    const bad = await loadRegistry(
      await csvFile(`${HEADER},数据年份\n${firm('A')},2020\n${firm('B')},2020\n${firm('C')},2021\n${firm('D')},2019\n`),
      'reg.csv',
    );
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({ row: 4, field: '数据年份', message: msg.registryYearsDisagree(2021, 2020, 2) }),
      expect.objectContaining({ row: 5, field: '数据年份', message: msg.registryYearsDisagree(2019, 2020, 2) }),
    ]);
    const notYear = await loadRegistry(await csvFile(`${HEADER},year\n${firm('A')},二〇二〇\n`), 'reg.csv');
    expect(notYear.diagnostics).toEqual([expect.objectContaining({ row: 2, field: 'year', message: msg.notADataYear('二〇二〇') })]);
  });

  it('a _meta sheet (年份 | 2020) declares it in XLSX, and must agree with a year column', async () => {
    const head = HEADER.split(',');
    const row = (id: string) => firm(id).split(',');
    const meta = await writeWorkbook([
      { name: '企业', rows: [head, row('A')] },
      {
        name: '_meta',
        state: 'hidden',
        rows: [
          ['来源', '亩均数据库'],
          ['年份', 2020],
        ],
      },
    ]);
    expect((await loadRegistry(meta, 'reg.xlsx')).value!.dataYear).toEqual({ year: 2020, source: 'meta', row: 2, sheet: '_meta' });
    const both = await writeWorkbook([
      {
        name: '企业',
        rows: [
          [...head, 'year'],
          [...row('A'), 2020],
        ],
      },
      { name: '_meta', rows: [['year', 2019]] },
    ]);
    const notYear = await writeWorkbook([
      { name: '企业', rows: [head, row('A')] },
      { name: '_meta', rows: [['年份', '2020年度']] },
    ]);
    expect((await loadRegistry(notYear, 'reg.xlsx')).diagnostics).toEqual([
      expect.objectContaining({ sheet: '_meta', row: 1, field: '年份', message: msg.notADataYear('2020年度') }),
    ]);
    const r = await loadRegistry(both, 'reg.xlsx');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ sheet: '企业', row: 2, field: 'year', message: msg.metaYearDisagrees(2020, 2019, '_meta') }),
    ]);
  });

  it('period.base must equal the registry year: the error names both years and the fix', async () => {
    const r = await scenario(await csvFile(`${HEADER},year\n${firm('A')},2021\n`));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ field: 'period.base', line: 5, message: msg.baseYearMismatch(2021, 2020) })]);
    expect(r.diagnostics[0].message).toContain('set period.base: 2021');
  });

  it('registry_year declares it when the file does not; if both declare, they must agree', async () => {
    const plain = await csvFile(`${HEADER}\n${firm('A')}\n`);
    const given = await scenario(plain, 'registry_year: 2020\n');
    expect(given.diagnostics).toEqual([]);
    expect(given.value!.warnings.filter((d) => d.code === 'registry/year-undeclared')).toEqual([]);
    const wrongBase = await scenario(plain, 'registry_year: 2019\n');
    expect(wrongBase.diagnostics).toEqual([expect.objectContaining({ field: 'period.base', message: msg.baseYearMismatch(2019, 2020) })]);
    const withYear = await csvFile(`${HEADER},year\n${firm('A')},2020\n`);
    const conflict = await scenario(withYear, 'registry_year: 2021\n');
    expect(conflict.diagnostics).toEqual([
      expect.objectContaining({ field: 'registry_year', line: 6, message: msg.registryYearConflict(2020, 2021, conflict.registryShown) }),
    ]);
    expect(conflict.diagnostics[0].message).toMatch(/registry_year is 2021 but the registry .*reg\.csv declares 2020/);
  });

  it('a registry that declares no year is taken as period.base with a warning', async () => {
    const r = await scenario(await csvFile(`${HEADER}\n${firm('A')}\n`));
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.warnings.filter((d) => d.code === 'registry/year-undeclared')).toEqual([
      expect.objectContaining({ severity: 'warning', file: expect.stringMatching(/reg\.csv$/), message: msg.registryYearUndeclared(2020) }),
    ]);
    expect(msg.registryYearUndeclared(2020)).toBe(
      'registry does not declare its data year; taken as period.base 2020 — add a year column or registry_year:',
    );
  });
});
