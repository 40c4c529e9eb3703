import { CARRIERS, type CarrierId } from '../domain/carriers.js';

/** How a registry cell is read. */
export type ColumnKind =
  | 'text'
  | 'sector'
  | 'number'
  | 'optional-number'
  | 'share'
  | 'bool'
  | 'year'
  | 'data-year'
  | 'green-factory'
  | 'grade'
  | 'start-year'
  | 'ramp'
  | 'supplies'
  | 'ets';

export interface ColumnDef {
  /** The snake_case header of DESIGN §2. */
  readonly key: string;
  /** Chinese headers accepted instead (as analysts' spreadsheets write them). */
  readonly aliases: readonly string[];
  readonly kind: ColumnKind;
  readonly required: boolean;
}

const CARRIER_ALIASES: Record<CarrierId, string[]> = {
  coal_t: ['原煤(吨)', '煤炭(吨)', '原煤'],
  coke_t: ['焦炭(吨)', '焦炭'],
  crude_oil_t: ['原油(吨)', '原油'],
  fuel_oil_t: ['燃料油(吨)', '燃料油'],
  gasoline_t: ['汽油(吨)', '汽油'],
  kerosene_t: ['煤油(吨)', '煤油'],
  diesel_t: ['柴油(吨)', '柴油'],
  lpg_t: ['液化石油气(吨)', '液化石油气'],
  refinery_gas_t: ['炼厂干气(吨)', '炼厂干气'],
  natural_gas_10k_m3: ['天然气(万立方米)', '天然气(万m3)', '天然气'],
  electricity_10k_kwh: ['电力(万千瓦时)', '用电量(万千瓦时)', '电力'],
  heat_gj: ['热力(百万千焦)', '热力(GJ)', '热力'],
  other_tce: ['其他能源(吨标准煤)', '其他能源'],
};

/** Every registry column with its Chinese aliases (README lists the same table). */
export const REGISTRY_COLUMNS: readonly ColumnDef[] = [
  { key: 'id', aliases: ['统一社会信用代码', '企业编号', '企业代码', '编号'], kind: 'text', required: true },
  { key: 'name', aliases: ['企业名称', '名称'], kind: 'text', required: true },
  { key: 'sector', aliases: ['行业代码', '国民经济行业代码', '所属行业代码'], kind: 'sector', required: true },
  { key: 'town', aliases: ['镇街', '镇(街道)', '所属镇街'], kind: 'text', required: false },
  { key: 'park', aliases: ['园区', '所属园区'], kind: 'text', required: false },
  { key: 'above_scale', aliases: ['规上', '是否规上', '规模以上'], kind: 'bool', required: false },
  { key: 'land_mu', aliases: ['用地面积(亩)', '用地(亩)', '占地面积(亩)'], kind: 'number', required: true },
  { key: 'output', aliases: ['工业总产值(万元)', '总产值(万元)'], kind: 'number', required: true },
  { key: 'value_added', aliases: ['工业增加值(万元)', '增加值(万元)'], kind: 'number', required: true },
  { key: 'tax', aliases: ['税收(万元)', '实缴税金(万元)', '税收实际贡献(万元)'], kind: 'number', required: true },
  { key: 'employees', aliases: ['从业人员(人)', '年平均职工人数(人)', '从业人员'], kind: 'number', required: true },
  { key: 'revenue', aliases: ['营业收入(万元)', '主营业务收入(万元)'], kind: 'optional-number', required: false },
  { key: 'rd_expense', aliases: ['研发费用(万元)', 'R&D经费支出(万元)'], kind: 'optional-number', required: false },
  { key: 'rd_share', aliases: ['研发投入强度', '研发经费占营业收入比重', 'R&D占比'], kind: 'share', required: false },
  { key: 'pollutant_t', aliases: ['主要污染物排放量(吨)', '排污量(吨)'], kind: 'optional-number', required: false },
  ...CARRIERS.map((c): ColumnDef => ({ key: c, aliases: CARRIER_ALIASES[c], kind: 'number', required: false })),
  {
    key: 'energy_tce',
    aliases: ['综合能耗(吨标准煤)', '综合能源消费量(吨标准煤)', '能耗(吨标准煤)', '综合能耗', '综合能源消费量'],
    kind: 'optional-number',
    required: false,
  },
  { key: 'feedstock_tce', aliases: ['原料用能(吨标准煤)', '原料用能'], kind: 'number', required: false },
  { key: 'renewable_electricity_10k_kwh', aliases: ['可再生能源电力(万千瓦时)', '绿电(万千瓦时)'], kind: 'number', required: false },
  { key: 'process_co2_t', aliases: ['工业过程排放(吨CO2)', '过程排放(吨二氧化碳)'], kind: 'number', required: false },
  { key: 'year_built', aliases: ['投产年份', '建成年份'], kind: 'year', required: false },
  { key: 'village_cluster', aliases: ['村级工业集聚点'], kind: 'bool', required: false },
  { key: 'lsmp', aliases: ['低散乱污'], kind: 'bool', required: false },
  { key: 'green_factory', aliases: ['绿色工厂'], kind: 'green-factory', required: false },
  { key: 'grade', aliases: ['亩均等级', '评价等级'], kind: 'grade', required: false },
  { key: 'year', aliases: ['年份', '数据年份', '统计年度'], kind: 'data-year', required: false },
  // the district's own power and heat suppliers (src/accounting/boundary.ts); without the column, D44 supplies both
  { key: 'supplies', aliases: ['对外供能', '供能类型', '供电供热'], kind: 'supplies', required: false },
  {
    key: 'power_supplied_10k_kwh',
    aliases: ['供电量(万千瓦时)', '对外供电量(万千瓦时)', '上网电量(万千瓦时)'],
    kind: 'optional-number',
    required: false,
  },
  { key: 'heat_supplied_gj', aliases: ['供热量(GJ)', '对外供热量(GJ)', '供热量(百万千焦)'], kind: 'optional-number', required: false },
  // the national carbon market (co2_ets_t): true/false; blank = by sector and threshold (factors file ets_coverage)
  { key: 'ets', aliases: ['纳入碳市场', '纳入全国碳市场', '碳市场重点排放单位'], kind: 'ets', required: false },
];

/** Registry columns a project table does not take: its start year is its commissioning year; it has no grade or data year yet. */
const NOT_IN_PIPELINE = new Set(['year_built', 'grade', 'year']);

/**
 * Every column of a project table (the `new_projects` pipeline): the registry's columns (the id
 * optional: NP-<row> by default) and the project's own start year, ramp-up, national-major flag,
 * and product, capacity and energy factor (the benchmark test).
 */
export const PIPELINE_COLUMNS: readonly ColumnDef[] = [
  ...REGISTRY_COLUMNS.filter((c) => !NOT_IN_PIPELINE.has(c.key)).map((c) => (c.key === 'id' ? { ...c, required: false } : c)),
  { key: 'start_year', aliases: ['投产年份', '计划投产年份', '开工投产年份'], kind: 'start-year', required: true },
  { key: 'ramp', aliases: ['达产进度', '达产爬坡'], kind: 'ramp', required: false },
  // 能耗单列 (发改环资〔2021〕1310号): energy reported apart from the district's dual-control total
  { key: 'national_major', aliases: ['能耗单列', '国家重大项目'], kind: 'bool', required: false },
  // the benchmark test (src/ledger/benchmarks.ts): the product (a key of the scenario's benchmarks file) and its annual output
  { key: 'product', aliases: ['产品', '主要产品'], kind: 'text', required: false },
  { key: 'capacity_t', aliases: ['产能(吨)', '设计产能(吨)', '产能(吨/年)'], kind: 'optional-number', required: false },
  // refining's levels are per t of crude × the plant's energy factor
  { key: 'energy_factor', aliases: ['能量因数'], kind: 'optional-number', required: false },
];

/** Accepted words of a `supplies` cell, by bit (1 power, 2 heat); cells list them separated by ; , 、 / + or spaces. */
export const SUPPLY_WORDS: readonly (readonly [bit: number, words: readonly string[]])[] = [
  [1, ['power', 'electricity', '供电', '电', '电力']],
  [2, ['heat', 'steam', '供热', '热', '热力', '蒸汽']],
  [0, ['none', '无', '否']],
];

/** Reads a `supplies` cell into its bits, or undefined when a word is unknown. */
export function parseSupplies(raw: string): number | undefined {
  let bits = 0;
  for (const w of raw.toLowerCase().split(/[;,，；、/+\s]+/)) {
    if (w === '') continue;
    const hit = SUPPLY_WORDS.find(([, ws]) => ws.includes(w));
    if (!hit) return undefined;
    bits |= hit[0];
  }
  return bits;
}

/**
 * Normalises a header for matching: folds full-width letters, digits, brackets and punctuation
 * to ASCII (Unicode NFKC), 【】 and [] to (), drops every space (also the full-width one) and
 * a BOM, and folds case.
 */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/** Looks up a header among the keys and aliases of `columns` (the registry's by default). */
export function columnFor(header: string, columns: readonly ColumnDef[] = REGISTRY_COLUMNS): ColumnDef | undefined {
  const h = normalizeHeader(header);
  return columns.find((c) => c.key === h || c.aliases.some((a) => normalizeHeader(a) === h));
}

/** Accepted spellings of yes/no cells. */
export const TRUE_WORDS = ['true', '1', 'yes', 'y', '是', '√'];
export const FALSE_WORDS = ['false', '0', 'no', 'n', '否', ''];

/** Accepted spellings of green-factory levels, by level code (index into GREEN_FACTORY_LEVELS). */
export const GREEN_FACTORY_WORDS: readonly (readonly string[])[] = [
  ['none', '', '无', '否'],
  ['district', '区级'],
  ['municipal', '市级'],
  ['provincial', '省级'],
  ['national', '国家级'],
];
