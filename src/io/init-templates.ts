import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ACTION_COLUMNS, VALUE_COLUMNS } from '../actuals/check.js';
import { PIPELINE_COLUMNS, REGISTRY_COLUMNS, type ColumnDef } from './registry-columns.js';
import { META_SHEET } from './registry-load.js';

/**
 * The files `dcsim init` writes into a new district folder (README "Start a new district"): a
 * commented scenario, the shipped factors and evaluation models (so the folder is self-contained),
 * an empty registry, pipeline and actuals template with the Chinese headers the loaders accept
 * (the first alias of each column) and a 填报说明 sheet, and a short README in Chinese.
 */

export interface InitOptions {
  /** The district's name (title of the scenario). */
  readonly district: string;
  readonly base: number;
  readonly end: number;
}

/** The names of the files written, in the order they are listed. */
export const INIT_FILES = {
  scenario: 'scenario.yaml',
  registry: 'registry.xlsx',
  pipeline: 'pipeline.xlsx',
  actuals: 'actuals.xlsx',
  factors: 'factors.yaml',
  evaluation: 'evaluation.yaml',
  readme: 'README.md',
} as const;

/** The notes sheet of each template (the registry loader skips it: its rows name one column each). */
export const NOTES_SHEET = '填报说明';

/** The meaning of every registry column: the words of README's registry table. */
const MEANING: Record<string, string> = {
  id: 'unique id (e.g. unified social credit code)',
  name: 'enterprise name',
  sector: 'GB/T 4754-2017 code, at least the division (C26, C2614; 2614 gets its letter)',
  town: '镇(街道)',
  park: '园区',
  above_scale: '规上 (true/false, 是/否, 1/0; default true)',
  land_mu: 'land, mu',
  output: 'gross industrial output, 万元',
  value_added: 'industrial value added, 万元',
  tax: 'tax paid, 万元',
  employees: 'headcount',
  revenue: 'main business revenue, 万元 (R&D ratio; default: output)',
  rd_expense: 'R&D expense, 万元',
  rd_share: 'R&D expense ÷ revenue, a share (`3.5%` or `0.035`); used when `rd_expense` is empty: rd_expense = rd_share × revenue',
  pollutant_t: 'main pollutant emissions, t',
  coal_t: 'raw coal, t',
  coke_t: 'coke, t',
  crude_oil_t: 'crude oil, t',
  fuel_oil_t: 'fuel oil, t',
  gasoline_t: 'gasoline, t',
  kerosene_t: 'kerosene, t',
  diesel_t: 'diesel, t',
  lpg_t: 'LPG, t',
  refinery_gas_t: 'refinery dry gas, t',
  natural_gas_10k_m3: 'natural gas, 10⁴ m³',
  electricity_10k_kwh: 'electricity, 10⁴ kWh (renewable part included)',
  heat_gj: 'purchased heat, GJ',
  other_tce: 'other energy, tce',
  energy_tce:
    'total energy (综合能耗), tce, electricity on the basis of `registry_defaults.energy_total_basis` (default calorific 当量值); completes the carriers of a firm that gives no non-electric carrier (below)',
  feedstock_tce: 'feedstock (原料用能) part of the fossil use, tce',
  renewable_electricity_10k_kwh: 'renewable part of electricity_10k_kwh',
  process_co2_t: 'industrial process CO2, t',
  year_built: 'commissioning year (two-high thresholds)',
  village_cluster: '村级工业集聚点 flag',
  lsmp: '低散乱污 flag',
  green_factory: 'none / district / municipal / provincial / national (无/区级/市级/省级/国家级)',
  grade: 'official base-year 亩均 grade A–D (overrides the computed one)',
  ets: 'covered by the national carbon market: true/是 or false/否; blank = by sector and threshold (factors `ets_coverage`)',
  year: 'the data year of the registry (every row the same); must equal `period.base`',
  supplies:
    'what a local supplier sells to other firms of the district: `power`, `heat`, both (`power;heat`; 供电/供热) or none; default: sector D44 supplies both, other firms none (the territorial CO2 boundary, Modelling conventions)',
  power_supplied_10k_kwh:
    'electricity a supplier generates for the district, 10⁴ kWh (default: estimated from its fuel; Modelling conventions)',
  heat_supplied_gj: 'heat a supplier delivers to other firms, GJ (default: estimated from its fuel; Modelling conventions)',
  // the pipeline's own columns (README, Policies → new_projects and Project admission)
  start_year: 'year the project starts production (required)',
  ramp: "shares of full capacity in the project's first years, e.g. 0.5;1 (empty: the policy's ramp, else full at once)",
  national_major: 'national major project (能耗单列): yes/no; its energy is reported apart from the dual-control total',
  product: 'a product key of the benchmarks file (benchmark test); empty: not tested',
  capacity_t: 'annual output at full capacity, t (refining: t of crude)',
  energy_factor: "the plant's energy factor, for levels per t·energy factor (refining)",
};

/** The meaning of every actuals column (README, The actuals files). */
const ACTUALS_MEANING: Record<string, string> = {
  metric: 'a metric id or its published name (规上工业增加值, 综合能耗, 腾出用能, 二氧化碳排放 …)',
  scope: 'district (全区, or empty), above_scale (规上), town:<name> or park:<name>',
  period: '2023 (a year), 2023-Q3 (a quarter) or 2023-09 (a month); a flow is the amount in the period, a level year-to-date',
  value: 'a number (713.5, 1,234.5, 23.5%)',
  unit: 'optional; converted to the stored unit (亿元/万元, 万tce/tce, 万吨/吨 CO2, 亩/公顷 …)',
  source: 'where the number comes from (统计公报, 能源统计月报 …)',
  year: 'the year of the action (after the base year)',
  enterprise_id: 'a registry id; for new_projects the project id in the pipeline',
  policy: "the policy's id or type in the scenario (rectification, village_cleanup, new_projects …)",
  action: 'one of its dispositions: upgrade, regulate, relocate, close (提升改造, 规范, 搬迁, 关停 …); new_projects start (投产)',
  date: 'the date of the action, e.g. 2026-05-01 (optional)',
  energy_saving: "share of the firm's energy saved (0.08 means 8 %), optional",
  saving_tce: 'energy saved, tce (optional; instead of energy_saving)',
  note: 'free text',
};

/** The unit of a column: the bracket of its first Chinese header, else what its cells hold. */
function unitOf(c: ColumnDef): string {
  const m = /\(([^)]+)\)\s*$/.exec(c.aliases[0] ?? '');
  if (m) return m[1];
  switch (c.kind) {
    case 'bool':
    case 'ets':
      return '是/否';
    case 'share':
      return '比例 (0.035 或 3.5%)';
    case 'year':
    case 'start-year':
    case 'data-year':
      return '年';
    case 'ramp':
      return '比例序列 (0.5;1)';
    default:
      return '—';
  }
}

/** The header a template writes for a column: its first Chinese alias (the loaders accept it). */
export const headerOf = (c: { readonly key: string; readonly aliases: readonly string[] }): string => c.aliases[0] ?? c.key;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

/** A data sheet with only its header row (bold, frozen; required columns shaded). */
function addHeaderSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly { readonly key: string; readonly aliases: readonly string[]; readonly required: boolean }[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(columns.map(headerOf));
  columns.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = c.required ? REQUIRED_FILL : HEADER_FILL;
    ws.getColumn(i + 1).width = Math.max(10, Math.min(28, headerOf(c).length * 2 + 2));
  });
}

/** The notes sheet: one row per column — header, key, required, unit, other accepted headers, meaning. */
function addNotesSheet(
  wb: ExcelJS.Workbook,
  intro: string,
  columns: readonly {
    readonly key: string;
    readonly aliases: readonly string[];
    readonly required: boolean;
    unit: string;
    meaning: string;
  }[],
): void {
  const ws = wb.addWorksheet(NOTES_SHEET);
  ws.addRow([intro]);
  ws.addRow([]);
  const head = ws.addRow(['表头 header', '英文列名 key', '必填 required', '单位 unit', '也可写作 also accepted', '含义 meaning']);
  head.font = { bold: true };
  for (const c of columns) ws.addRow([headerOf(c), c.key, c.required ? '是' : '', c.unit, c.aliases.slice(1).join('、'), c.meaning]);
  [24, 30, 12, 18, 40, 90].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

const bufferOf = async (wb: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await wb.xlsx.writeBuffer());

/** registry.xlsx: sheet 企业名录 (the header only), 填报说明, and _meta declaring the data year. */
export async function registryTemplate(o: InitOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addHeaderSheet(wb, '企业名录', REGISTRY_COLUMNS);
  addNotesSheet(
    wb,
    `企业名录填报说明: 每家企业一行, ${o.base} 年数据; 标色列必填; 金额万元, 用地亩, 能源实物量 (空格为 0); 可只填综合能耗和用电量。One row per firm, base-year ${o.base} values.`,
    REGISTRY_COLUMNS.map((c) => ({ ...c, unit: unitOf(c), meaning: MEANING[c.key] ?? '' })),
  );
  const meta = wb.addWorksheet(META_SHEET);
  meta.addRow(['年份', o.base]);
  return bufferOf(wb);
}

/** pipeline.xlsx: sheet 项目清单 (the header only) and 填报说明. */
export async function pipelineTemplate(o: InitOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addHeaderSheet(wb, '项目清单', PIPELINE_COLUMNS);
  addNotesSheet(
    wb,
    `新上项目清单填报说明: 每个项目一行, 达产时的年度数值 (${o.base} 年价格); 投产年份必填。One row per signed project, at full capacity.`,
    PIPELINE_COLUMNS.map((c) => ({ ...c, unit: unitOf(c), meaning: MEANING[c.key] ?? '' })),
  );
  return bufferOf(wb);
}

/** actuals.xlsx: sheets 实际值 and 实际处置 (headers only) and 填报说明. */
export async function actualsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addHeaderSheet(wb, '实际值', VALUE_COLUMNS);
  addHeaderSheet(wb, '实际处置', ACTION_COLUMNS);
  const notes = [...VALUE_COLUMNS, ...ACTION_COLUMNS].map((c) => ({ ...c, unit: '—', meaning: ACTUALS_MEANING[c.key] ?? '' }));
  addNotesSheet(
    wb,
    '实际值: 已发生的统计数; 实际处置: 已实施的整治、关停、投产等。What actually happened, for run --actuals / track.',
    notes,
  );
  return bufferOf(wb);
}

/** A YAML double-quoted string (the district's name may hold any character). */
const yamlString = (s: string): string => JSON.stringify(s);

/** The commented scenario: every path relative to the folder, the period, draws, accounting, growth, policies and targets. */
export function scenarioTemplate(o: InitOptions): string {
  const { base, end } = o;
  return `# ${o.district} 能耗/碳排放双控情景 ${base}–${end} — 由 dcsim init 生成, 请按本区实际修改。
# A scenario for ${o.district}, written by \`dcsim init\`: edit every value to the district's own.
# 下一步 (next): 填写 registry.xlsx → dcsim validate scenario.yaml → dcsim run scenario.yaml
# 标注: [V] 已核实 verified, [R] 假设 assumption, [E] 估计 estimate — 请为每个数注明来源。
name: ${yamlString(`district-${base}-${end}`)}
title: ${yamlString(`${o.district} 双控情景 ${base}–${end}`)}
description: >
  ${o.district}: base-year registry, background growth and the policy mix below (edit to the district's own).

# 输入文件 (相对本文件): 企业名录、折标与排放因子、亩均评价模型
registry: registry.xlsx                 # 企业名录: 每家企业一行, ${base} 年数据 (见 填报说明 工作表)
factors: factors.yaml                   # 折标系数与排放因子 (复制自 models/factors/china.yaml)
evaluation: evaluation.yaml             # 亩均评价模型 (复制自 models/evaluation/zhejiang-mujun.yaml)
# actuals: actuals.xlsx                 # 已发生的实际值与处置: 填写 actuals.xlsx 后取消注释 (工作表 实际值/实际处置)

period: { base: ${base}, end: ${end} }  # 基准年 = 名录数据年份; 末年 = 目标年
monte_carlo: { draws: 1000, seed: ${base} }   # 抽样次数与随机种子 (同一种子结果可复现)
confidence: 0.9                         # 目标"达成"所需的概率 (0.9 = 90 % 的抽样达标)

accounting:
  electricity_basis: primary            # 电力折标: primary 等价值 | calorific 当量值
  exclude_feedstock: true               # 原料用能不纳入双控 (发改环资〔2022〕803号)
  exclude_renewables: new               # 新增可再生能源不纳入: none | new | non_fossil
  boundary: territorial                 # 区域 CO2 口径: territorial (本地燃烧+过程+净调入电力) | firm

# 背景增长 (无政策时的趋势) [R]: 请用本区历史数据校准 (dcsim calibrate)
growth:
  value_added:                          # 工业增加值年增速, 每次抽样取一个值
    default: { triangular: [0.02, 0.045, 0.07], per: draw }   # [R] 全部行业 (最小, 最可能, 最大)
    # C26: { triangular: [0.03, 0.06, 0.09], per: draw }      # 按行业代码单独设定
  energy_elasticity: { triangular: [0.5, 0.65, 0.8], per: draw }   # [R] 能耗增速 ÷ 增加值增速
  efficiency_gain: 0.005                # [R] 每年自主节能率
  employment_elasticity: 0.2            # [R] 就业增速 ÷ 增加值增速
  # price: { ${base + 1}: 0.01 }        # 价格指数 (可选): 不写则金额保持 ${base} 年价格

# 电网排放因子 (tCO2/MWh) [R]: 末年取 0.38–0.46 的三角分布, 其间线性插值 (发布值来自 factors.yaml)
grid_emission_factor: { ${end}: { triangular: [0.38, 0.42, 0.46] } }
# grid_non_fossil_share: { ${base}: 0.40, ${end}: 0.50 }    # 电网非化石电力占比 (非化石能源占比指标需要)

policies:
  # 高耗低效整治 (亩均 D 类企业): 每年列入名单, 按处置方式分配 — rectification
  - type: rectification
    groups: [above_scale, below_scale]  # 规上、规下各自评价
    grades: [D]                         # 亩均等级 D 类
    rank_by: score                      # 得分最低者优先 (或 energy_tce: 能耗最大者优先)
    max_per_year: 5                     # [R] 每年整治家数: 按本区计划填写
    cooldown_years: 3                   # 整治后 3 年内不再列入
    dispositions:                       # 处置方式及比例 (合计为 1)
      upgrade:  { share: 0.5, energy_saving: { triangular: [0.05, 0.12, 0.25], per: enterprise }, lag: 1 }   # 提升改造: 节能率
      regulate: { share: 0.3, energy_saving: 0.03 }   # 规范提升
      relocate: { share: 0.05 }         # 搬迁
      close:    { share: 0.15 }         # 关停: 腾出全部用能和用地

  # 绿色制造 (节能诊断、节能改造、绿色工厂) — green_manufacturing
  - type: green_manufacturing
    evaluations_per_year: 10            # [R] 每年节能诊断家数 (记录, 不影响能耗)
    retrofits_per_year: 4               # [R] 每年节能改造家数
    retrofit_selection: worst_intensity # 单位增加值能耗最高者优先
    retrofit_saving: { triangular: [0.05, 0.10, 0.20], per: enterprise }   # [R] 改造节能率
    green_factories_per_year: 2         # [R] 每年新增绿色工厂

  # 新上项目 (招商引资、增资扩产) — new_projects: 填写 pipeline.xlsx 后取消注释
  # - type: new_projects
  #   pipeline: pipeline.xlsx           # 项目清单: 投产年份、达产进度、能耗单列 …
  #   admission: { min_tax_per_mu: 30, max_energy_intensity: 0.3 }   # [R] 准入: 亩均税收 ≥ 30 万元, 单位增加值能耗 ≤ 0.3 tce/万元

  # 低散乱污整治 — village_cleanup (名录需填 低散乱污 / 村级工业集聚点 列)
  # - type: village_cleanup
  #   per_year: 20
  #   dispositions: { close: { share: 0.4 }, move_to_park: { share: 0.6, land_factor: 0.6 } }

# 目标: metric 指标, kind 类型 (level 当年值 | change 相对变化 | cumulative 累计 | cagr 年均增速),
# from/year 起止年, at_least 不低于 / at_most 不高于 (比例写小数: −18 % 写 -0.18)
targets:
  # 累计腾出用能 (吨标准煤): ${base + 1}–${end} 合计不少于 … — 请按本区下达的目标填写
  - { id: vacated-energy-${end}, label: 腾出用能 ${base + 1}–${end}, metric: vacated_energy_tce, kind: cumulative, from: ${base + 1}, year: ${end}, at_least: 10000 }
  # 单位工业增加值碳排放 (可比价) ${base}–${end} 下降不少于 18 % [R]: 请按上级下达的碳强度目标填写
  - { id: carbon-intensity-${end}, label: 单位工业增加值二氧化碳排放下降 ${base}–${end}, metric: carbon_intensity, kind: change, from: ${base}, year: ${end}, at_most: -0.18 }
  # 单位工业增加值能耗下降 (可选)
  # - { id: energy-intensity-${end}, label: 单位工业增加值能耗下降 ${base}–${end}, metric: energy_intensity, kind: change, from: ${base}, year: ${end}, at_most: -0.14 }
`;
}

/** README.md of the folder: what each file is and the next steps, in Chinese. */
export function readmeTemplate(o: InitOptions): string {
  return `# ${o.district} 双控情景 (${o.base}–${o.end})

由 \`dcsim init\` 生成。文件:

| 文件 | 内容 |
|---|---|
| \`${INIT_FILES.scenario}\` | 情景: 期间、背景增长、政策组合、目标 (带注释, 请逐项修改) |
| \`${INIT_FILES.registry}\` | 企业名录模板: 工作表"企业名录"每家企业一行 (${o.base} 年数据); "填报说明"列出每列的单位和含义; "_meta" 声明数据年份 |
| \`${INIT_FILES.pipeline}\` | 新上项目清单模板 (情景中 new_projects 取消注释后使用) |
| \`${INIT_FILES.actuals}\` | 实际值 / 实际处置 模板 (情景中 actuals 取消注释后使用) |
| \`${INIT_FILES.factors}\`, \`${INIT_FILES.evaluation}\` | 折标与排放因子、亩均评价模型 (dcsim 自带, 可按本地口径修改) |

下一步:

1. 在 \`${INIT_FILES.registry}\` 的"企业名录"中填写企业 (至少一家; 标色列必填: 企业编号、名称、行业代码、用地、产值、增加值、税收、从业人员; 能源可只填综合能耗和用电量)。
2. 修改 \`${INIT_FILES.scenario}\` 中的增长假设、政策和目标。
3. 校验: \`dcsim validate ${INIT_FILES.scenario}\` — 列出每个问题 (文件、行、列和改法)。
4. 运行: \`dcsim run ${INIT_FILES.scenario}\` — 写出结果文件夹 (report.html、results.xlsx)。
`;
}

/** Every file of a new district folder, by name. */
export async function initFiles(o: InitOptions): Promise<Map<string, string | Buffer>> {
  const shipped = (path: string) => readFile(new URL(`../../models/${path}`, import.meta.url));
  return new Map<string, string | Buffer>([
    [INIT_FILES.scenario, scenarioTemplate(o)],
    [INIT_FILES.registry, await registryTemplate(o)],
    [INIT_FILES.pipeline, await pipelineTemplate(o)],
    [INIT_FILES.actuals, await actualsTemplate()],
    [INIT_FILES.factors, await shipped('factors/china.yaml')],
    [INIT_FILES.evaluation, await shipped('evaluation/zhejiang-mujun.yaml')],
    [INIT_FILES.readme, readmeTemplate(o)],
  ]);
}
