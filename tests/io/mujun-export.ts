import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers.js';
import { writeWorkbook } from './workbook.js';

/**
 * One firm of the 亩均 export: id, name, sector, land 亩, output, VA, tax (万元), employees,
 * 综合能耗 tce, 用电量 10⁴ kWh, 规上.
 */
export type MujunFirm = readonly [string, string, string, number, number, number, number, number, number, number, '是' | '否'];

/** Seven firms across sectors (two with their own fuel mix, C26 and C25; C30 and D44 too; the rest default). */
export const MUJUN_FIRMS: readonly MujunFirm[] = [
  ['91330211MA2A000001', '甬江石化有限公司', 'C2614', 500, 800000, 120000, 30000, 900, 200000, 30000, '是'],
  ['91330211MA2A000002', '镇海炼化配套有限公司', 'C2511', 300, 600000, 60000, 20000, 500, 150000, 10000, '是'],
  ['91330211MA2A000003', '宏立机械有限公司', 'C3451', 60, 30000, 8000, 1500, 200, 1500, 800, '是'],
  ['91330211MA2A000004', '海天建材有限公司', 'C3021', 80, 20000, 5000, 600, 150, 12000, 1500, '是'],
  ['91330211MA2A000005', '汇泰电器有限公司', 'C3856', 40, 25000, 7000, 1200, 300, 1000, 700, '是'],
  ['91330211MA2A000006', '宁电热电有限公司', 'D4412', 120, 90000, 20000, 3000, 150, 300000, 5000, '是'],
  ['91330211MA2A000007', '聚星纺织有限公司', 'C1751', 15, 3000, 700, 60, 50, 200, 120, '否'],
];

/** The Chinese header as the export writes it: full-width brackets, a full-width and a plain space, 规上企业, and a 序号 column. */
export const MUJUN_HEADER = [
  '序号',
  '企业名称',
  '统一社会信用代码',
  '行业代码',
  '用地面积（亩）',
  '工业总产值（万元）',
  '工业增加值（万元）',
  '税收　（万元）',
  '从业人员 （人）',
  '综合能耗（吨标准煤）',
  '用电量（万千瓦时）',
  '规上企业',
  '年份',
];

/**
 * Writes an XLSX shaped like a 亩均 evaluation export: a notes sheet (填报说明) first, then the data
 * sheet 企业数据 with a merged title banner (row 1), a notes row (row 2) and the header in row 3;
 * firms from row 4. Returns the workbook's path.
 */
export async function writeMujunExport(): Promise<string> {
  const rows = MUJUN_FIRMS.map(([id, name, sector, ...rest], i) => [
    i + 1,
    name,
    id,
    sector,
    ...rest.slice(0, -1),
    rest[rest.length - 1],
    2020,
  ]);
  return writeWorkbook(
    [
      {
        name: '填报说明',
        rows: [
          ['填报说明'],
          ['1. 本表数据来源于亩均效益综合评价数据库'],
          ['2. 金额单位：万元；用地单位：亩；能耗单位：吨标准煤（当量值）'],
        ],
      },
      {
        name: '企业数据',
        rows: [['镇海区2020年度工业企业亩均效益综合评价数据'], ['注：规上企业填“是/否”；综合能耗按当量值计'], MUJUN_HEADER, ...rows],
        merges: ['A1:M1'],
      },
    ],
    '亩均评价数据2020.xlsx',
  );
}

/** Writes a scenario next to the workbook that names it with the shipped factors and evaluation; returns its path. */
export async function writeMujunScenario(workbook: string): Promise<string> {
  const path = join(dirname(workbook), 'mujun.yaml');
  await writeFile(
    path,
    `name: mujun\nregistry: 亩均评价数据2020.xlsx\nfactors: ${join(ROOT, 'models/factors/china.yaml')}\nevaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}\nperiod: { base: 2020, end: 2025 }\n`,
  );
  return path;
}
