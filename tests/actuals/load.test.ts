import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/domain/diagnostic.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

// six firms in two towns (the district of engine-replay.test.ts), two rectification entries
const REGISTRY = [
  'id,name,sector,town,park,above_scale,land_mu,output,value_added,tax,employees,electricity_10k_kwh,year_built,village_cluster,lsmp,green_factory,year',
  'A1,甲一,C3451,骆驼街道,石化园,true,10,4000,1000,100,50,100,2010,false,false,none,2020',
  'A2,甲二,C2614,骆驼街道,石化园,true,10,4000,1000,90,50,1000,2010,false,false,none,2020',
  'A3,甲三,C3451,骆驼街道,,true,10,4000,1000,10,50,50,2010,false,false,none,2020',
  'A4,甲四,C3451,骆驼街道,,true,10,4000,1000,120,50,10,2010,false,false,none,2020',
  'B1,乙一,C3389,澥浦镇,,false,10,400,100,0,10,5,2010,true,false,none,2020',
  'B2,乙二,C3389,澥浦镇,,false,10,400,100,50,10,5,2010,true,false,none,2020',
].join('\n');
const RECT = 'dispositions: { close: { share: 1 } }';
const scenario = (extra = '') => `name: t
registry: r.csv
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2025 }
${extra}
tracked:
  - { id: parks-built, label: 小微企业园, base: 2, year: 2025, at_least: 6, flow: false }
policies:
  - { type: rectification, groups: [above_scale], max_per_year: 1, ${RECT} }
  - { type: rectification, groups: [below_scale], max_per_year: 1, ${RECT} }
  - { type: village_cleanup, per_year: 1, ${RECT} }
`;

async function load(files: Record<string, string | Buffer>, extra = 'actuals: { values: v.csv, actions: a.csv }', options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-actuals-load-'));
  await writeFile(join(dir, 'r.csv'), REGISTRY);
  await writeFile(join(dir, 's.yaml'), scenario(extra));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const r = await loadScenario(join(dir, 's.yaml'), undefined, options);
  return { ...r, dir, lines: r.diagnostics.map((d) => formatDiagnostic({ ...d, file: d.file?.split('/').pop() })) };
}

const VALUES_ZH = [
  '指标,范围,期间,数值,单位,来源',
  '规上工业增加值,规上,2021,0.45,亿元,统计公报 2021 [V]',
  'energy_tce,全区,2021,1.5,万tce,[R]',
  '腾出用能,,2022-Q1,120,tce,[R]',
  '腾出用能,,2022-04,30.5,,[R]',
  'vacated_land_mu,澥浦镇,2021,2,公顷,[R]',
  '规上工业增加值率,,2021,23.5%,,[R]',
  'parks-built,,2021,3,个,[R]',
].join('\n');
const ACTIONS = [
  'year,enterprise_id,policy,action,date,energy_saving,saving_tce,note',
  '2021,A4,rectification,close,2021-05-10,,,',
  '2021,B1,rectification-2,关停,2021/11/2,,,清单',
  '2022,B2,村级工业集聚点清退,move_to_park,2022年3月1日,,,',
].join('\n');

describe('the actuals files (issue #12 §1)', () => {
  it('read Chinese headers, names, units, scopes and periods into dcsim metrics and stored units', async () => {
    const r = await load({ 'v.csv': VALUES_ZH, 'a.csv': ACTIONS });
    expect(r.lines).toEqual([]);
    const a = r.value!.scenario.actuals!;
    const v = (metric: string) => a.values.find((o) => o.metric === metric)!;
    expect(v('above_scale_value_added')).toMatchObject({ scope: 'above_scale', value: 4500, period: { text: '2021' } }); // 0.45 亿元
    expect(v('energy_tce').value).toBe(15000);
    expect(v('vacated_land_mu')).toMatchObject({ scope: 'town:澥浦镇', value: 30 }); // 2 公顷 = 30 亩
    expect(v('value_added_rate').value).toBeCloseTo(0.235, 12);
    expect(v('parks-built')).toMatchObject({ tracked: true, value: 3 });
    expect(a.values.filter((o) => o.metric === 'vacated_energy_tce').map((o) => o.period.text)).toEqual(['2022-Q1', '2022-04']);
    expect(a.actions.map((x) => `${x.year}-${x.month} ${x.enterpriseId} ${x.policy}/${x.policyIndex} ${x.action}`)).toEqual([
      '2021-5 A4 rectification/0 close',
      '2021-11 B1 rectification-2/1 close',
      '2022-3 B2 village_cleanup/2 move_to_park',
    ]);
    expect(a.asOf.text).toBe('2022-04'); // the latest period
    expect(r.value!.inputFiles.some((f) => f.endsWith('v.csv'))).toBe(true);
  });

  it('one workbook with sheets 实际值 and 实际处置, a title row above the header, numbers as cells', async () => {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    const values = wb.addWorksheet('实际值');
    values.addRow(['镇海区实际值（示例）']);
    values.addRow(['指标', '范围', '期间', '数值', '单位', '来源']);
    values.addRow(['工业增加值', '全区', 2021, 4400, '万元', '[R]']);
    const actions = wb.addWorksheet('实际处置');
    actions.addRow(['年份', '企业编号', '政策', '处置方式', '日期']);
    actions.addRow([2021, 'A4', 'rectification', '淘汰关停', new Date(Date.UTC(2021, 8, 30))]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await load({ 'actuals.xlsx': buf }, 'actuals: actuals.xlsx');
    expect(r.lines).toEqual([]);
    const a = r.value!.scenario.actuals!;
    expect(a.values[0]).toMatchObject({ metric: 'value_added', value: 4400, at: { sheet: '实际值', row: 3 } });
    expect(a.actions[0]).toMatchObject({ enterpriseId: 'A4', action: 'close', month: 9 });
  });

  it('--actuals overrides the scenario: a CSV is the actions file when its header names an enterprise', async () => {
    const r = await load({ 'mine.csv': ACTIONS }, '', { actuals: '' });
    expect(r.lines).toEqual([]);
    expect(r.value!.scenario.actuals).toBeUndefined(); // no file named: nothing read
    const dir = r.dir;
    const again = await loadScenario(join(dir, 's.yaml'), undefined, { actuals: join(dir, 'mine.csv') });
    expect(again.value!.scenario.actuals!.actions).toHaveLength(3);
    const none = await load({ 'v.csv': VALUES_ZH, 'a.csv': ACTIONS }, undefined, { actuals: null });
    expect(none.value!.scenario.actuals).toBeUndefined();
  });

  it('every bad value is reported with its row and column and the fix', async () => {
    const bad = [
      'metric,scope,period,value,unit,source',
      '规上工业增加值x,,2021,1,,s', // unknown metric
      'value_added,骆驼街,2021,1,,s', // unknown town
      'value_added,,2021年Q5,1,,s', // bad period
      'value_added,,2019,1,,s', // before the base
      'value_added,,2021,713,5,,s', // 6 cells: "713" then unit "5"
      'energy_tce,,2021,1,万元,s', // wrong unit
      'energy_tce,,2022,-1,,s', // negative
      'energy_tce,,2023,1,,s',
      'energy_tce,,2023,2,,s', // duplicate
    ].join('\n');
    const r = await load({ 'v.csv': bad, 'a.csv': ACTIONS });
    expect(r.lines).toEqual([
      `v.csv row 2, column metric: ${msg.actualsUnknownMetric('规上工业增加值x', '规上工业增加值')}`,
      `v.csv row 3, column scope: ${msg.actualsBadScope('骆驼街', '骆驼街道')}`,
      `v.csv row 4, column period: ${msg.actualsBadPeriod('2021年Q5')}`,
      `v.csv row 5, column period: ${msg.actualsPeriodOutside('2019', 2020, 2025)}`,
      `v.csv row 6, column unit: ${msg.actualsBadUnit('5', 'value_added', ['万元', '亿元', '元', '千元'])}`,
      `v.csv row 7, column unit: ${msg.actualsBadUnit('万元', 'energy_tce', ['tce', '吨标准煤', '吨标煤', '万tce', '万吨标准煤', '万吨标煤'])}`,
      `v.csv row 8, column value: ${msg.actualsNegative('energy_tce', -1)}`,
      `v.csv row 10, column period: ${msg.actualsDuplicateValue('energy_tce', 'district', '2023', 9)}`,
    ]);
  });

  it('every bad action is reported: unknown firm, ambiguous policy, foreign disposition, dates, savings, exits, two policies', async () => {
    const bad = [
      'year,enterprise_id,policy,action,date,energy_saving,saving_tce',
      '2021,A9,rectification,close,,,', // unknown firm
      '2021,A1,高耗低效企业整治,close,,,', // two entries have this label
      '2021,A1,rectification,move_to_park,,,', // not a rectification disposition
      '2021,A1,rectification,upgrade,2022-01-05,,', // date in another year
      '2021,A2,rectification,upgrade,,0.1,50', // both savings
      '2021,A3,rectification,close,2021-03-01,,',
      '2022,A3,rectification,upgrade,,,', // after its exit
      '2021,B2,rectification-2,regulate,,,',
      '2021,B2,village_cleanup,close,,,', // a second policy in one year
      '2030,B1,village_cleanup,close,,,', // outside the period
      '2021,A4,rectifcation,close,,,', // typo
    ].join('\n');
    const r = await load({ 'v.csv': VALUES_ZH, 'a.csv': bad });
    expect(r.lines).toEqual([
      `a.csv row 2, column enterprise_id: ${msg.actualsUnknownId('A9', undefined, 'A1')}`,
      `a.csv row 3, column policy: ${msg.actualsAmbiguousPolicy('高耗低效企业整治', ['rectification', 'rectification-2'])}`,
      `a.csv row 4, column action: ${msg.actualsBadAction('move_to_park', 'rectification', ['upgrade', 'regulate', 'relocate', 'close'])}`,
      `a.csv row 5, column date: ${msg.actualsDateYear('2022-01-05', 2021)}`,
      `a.csv row 6, column saving_tce: ${msg.actualsBothSavings()}`,
      `a.csv row 11, column year: ${msg.yearOutsidePeriod(2030, 2021, 2025, 'year')}`,
      `a.csv row 12, column policy: ${msg.actualsUnknownPolicy('rectifcation', 'rectification', ['rectification', 'rectification-2', 'village_cleanup'])}`,
      `a.csv row 10: ${msg.actualsTwoPolicies('B2', 2021, 'rectification-2', 9, 'village_cleanup')}`,
      `a.csv row 8: ${msg.actualsAfterExit('A3', 2022, 'close', 2021, 7)}`,
    ]);
  });

  it('an unknown column is named with a suggestion, and nothing runs', async () => {
    const r = await load({ 'v.csv': VALUES_ZH.replace('来源', '来 源x'), 'a.csv': ACTIONS });
    expect(r.value).toBeUndefined();
    expect(r.lines[0]).toContain("unknown column '来 源x'");
    expect(r.lines[0]).toContain("did you mean '来源'");
  });
});

describe("careless actuals files (a new user's tries)", () => {
  it('an empty file, swapped files and two files of one kind are named as such', async () => {
    const empty = await load({ 'v.csv': '', 'a.csv': ACTIONS });
    expect(empty.lines).toEqual([`v.csv row 1: ${msg.actualsEmptyFile()}`]);
    const swapped = await load({ 'v.csv': ACTIONS, 'a.csv': VALUES_ZH });
    expect(swapped.lines).toEqual([`v.csv row 1: ${msg.actualsSwapped('values')}`, `a.csv row 1: ${msg.actualsSwapped('actions')}`]);
    const dir = (await load({ 'v.csv': VALUES_ZH, 'a.csv': ACTIONS })).dir;
    const twice = await loadScenario(join(dir, 's.yaml'), undefined, { actuals: `${join(dir, 'v.csv')},${join(dir, 'v.csv')}` });
    expect(twice.diagnostics[0]).toMatchObject({ field: '--actuals' });
    expect(twice.diagnostics[0].message).toContain('two values sources given');
  });

  it('accepts 双控能耗 (the label validate prints) and warns about a complete year a recorded policy left empty', async () => {
    const r = await load({ 'v.csv': VALUES_ZH.replace('energy_tce,全区', '双控能耗,全区'), 'a.csv': ACTIONS }, undefined, {
      asOf: '2023-06',
    });
    expect(r.lines).toEqual([]);
    expect(r.value!.scenario.actuals!.values.some((o) => o.metric === 'dual_control_energy_tce')).toBe(true);
    expect(r.value!.warnings.map((w) => w.message)).toContain(msg.recordedPolicyIdleYear('rectification', [2022]));
  });
});

describe('dates as spreadsheets write them', () => {
  it('a period typed 2023-09 that Excel made a date is that month; 2021-02-30 is no date', async () => {
    const { dateOf } = await import('../../src/actuals/check.js');
    expect(dateOf('2021-02-28')).toEqual({ year: 2021, month: 2 });
    expect(dateOf('2021-02-30')).toBeUndefined();
    expect(dateOf('2024-02-29')).toEqual({ year: 2024, month: 2 });
    const r = await load({ 'v.csv': 'metric,scope,period,value,unit,source\nvalue_added,,2022-09-01,4400,万元,[R]', 'a.csv': ACTIONS });
    expect(r.lines).toEqual([]);
    expect(r.value!.scenario.actuals!.values[0].period.text).toBe('2022-09');
  });
});
