/**
 * The texts of `dcsim --help` in Chinese and English, in one place (issue #14 item 12): the description
 * of every command, positional and option, one example per command, and the strings of yargs itself.
 *
 * The help language is not the report language: `--lang zh|en` on the command line decides both; without
 * it the help follows the environment (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them; a value
 * starting with `zh` is Chinese), else the system locale, else English — while the reports keep their
 * default, Chinese.
 */
import type { Lang } from './labels.js';

interface Text {
  readonly zh: string;
  readonly en: string;
}

const TEXTS = {
  // ── the program ────────────────────────────────────────────────────────────────────────────────
  usage: {
    zh: '$0 <命令> [选项]\n\n区域能耗与碳排放双控情景模拟（能耗双控 / 碳排放双控）。',
    en: '$0 <command> [options]\n\nDistrict energy and carbon dual-control scenario simulation (能耗双控 / 碳排放双控).',
  },
  lang: {
    zh: '输出语言：标签、图表、报告和本帮助（默认中文；帮助的默认语言见环境变量 LANG）',
    en: 'language of the labels, charts, reports and this help (default zh; the help defaults to the language of LANG)',
  },
  help: { zh: '显示帮助', en: 'show help' },
  version: { zh: '显示版本号', en: 'show the version number' },
  nameACommand: {
    zh: '请给出命令：init、run、validate、compare、seek、admit、track、calibrate、rebase、chart、merge、synth 或 serve（见 --help）',
    en: 'name a command: init, run, validate, compare, seek, admit, track, calibrate, rebase, chart, merge, synth or serve (see --help)',
  },
  seeHelp: { zh: "用法见 'dcsim --help'。", en: "Run 'dcsim --help' for usage." },

  // ── options several commands share ─────────────────────────────────────────────────────────────
  scenarioFile: { zh: '情景 YAML 文件', en: 'scenario YAML file' },
  charts: {
    zh: '绘制图表（SVG 和 PNG）及嵌入图表的报告；--no-charts 跳过（仍写 results.xlsx）',
    en: 'render the charts (SVG and PNG) and the reports that embed them; --no-charts skips them (results.xlsx is still written)',
  },
  runDraws: {
    zh: '蒙特卡洛模拟次数（默认：情景的 monte_carlo.draws）',
    en: "Monte Carlo draws (default: the scenario's monte_carlo.draws)",
  },
  runSeed: { zh: '随机种子（默认：情景的 monte_carlo.seed）', en: "random seed (default: the scenario's monte_carlo.seed)" },
  runOut: { zh: '结果目录（默认：outputs/<情景>/<时间戳>）', en: 'run folder (default: outputs/<scenario>/<timestamp>)' },
  replaceRunFolder: { zh: '覆盖已有的结果目录', en: 'replace an existing run folder' },
  replaceFolder: { zh: '覆盖已有的目录', en: 'replace an existing folder' },
  replaceFile: { zh: '覆盖已有的文件', en: 'replace an existing file' },
  replaceFiles: { zh: '覆盖已有的文件', en: 'replace existing files' },
  workers: {
    zh: '工作线程数（默认：CPU 核数；0 表示在主线程中运行）',
    en: 'worker threads (default: the number of cores; 0 runs in this thread)',
  },
  quiet: { zh: '不显示进度条', en: 'no progress bar' },
  actuals: {
    zh: '用此实际数据代替情景中的：含“实际值/实际处置”工作表的 XLSX，或数值和/或处置 CSV（逗号分隔）',
    en: "actuals instead of the scenario's: an XLSX with sheets 实际值/实际处置, or the values and/or actions CSV (comma-separated)",
  },
  asOf: {
    zh: '使用截至此时期的实际数据：2023、2023-Q3 或 2023-09（默认：情景的 as_of，否则最新）',
    en: "use the actuals up to this period: 2023, 2023-Q3 or 2023-09 (default: the scenario's as_of, else the latest)",
  },
  scenarioSeed: { zh: '随机种子（默认：情景的）', en: "random seed (default: the scenario's)" },
  searchWorkers: { zh: '工作线程数（默认：CPU 核数）', en: 'worker threads (default: the number of cores)' },

  // ── validate ───────────────────────────────────────────────────────────────────────────────────
  validate: {
    zh: '检查情景文件及其引用的所有文件；打印基准年概况',
    en: 'check scenario files and every file they name; print a base-year summary',
  },
  validateScenarios: { zh: '情景 YAML 文件（可多个）', en: 'scenario YAML file(s)' },
  validateExample: { zh: '检查情景、企业名录、系数和评价文件', en: 'check the scenario, its registry, factors and evaluation files' },

  // ── init ───────────────────────────────────────────────────────────────────────────────────────
  init: {
    zh: '新建一个区：在新的或空的目录中写入带注释的情景、空白企业名录模板（XLSX，含填报说明表）、项目储备和实际数据模板及 README',
    en: 'start a new district: write a commented scenario, an empty registry template (XLSX with a 填报说明 sheet), pipeline and actuals templates and a README into a new or empty folder',
  },
  initFolder: { zh: '要创建的目录（新的或空的）', en: 'the folder to create (new or empty)' },
  initDistrict: { zh: '区名，用于情景标题（默认：本区）', en: "the district's name, used in the scenario's title (default: 本区)" },
  initBase: { zh: '基准年：企业名录数据的年份', en: 'base year: the year of the registry data' },
  initEnd: { zh: '期末年（目标年）', en: 'end year of the period (the target year)' },
  initForce: {
    zh: '写入非空目录，覆盖模板文件（其他文件保留）',
    en: 'write into a folder that is not empty, overwriting the template files (other files are kept)',
  },
  initExample: {
    zh: '然后填写 北仑区/registry.xlsx，再运行 dcsim validate 北仑区/scenario.yaml',
    en: 'then fill 北仑区/registry.xlsx and run dcsim validate 北仑区/scenario.yaml',
  },

  // ── run ────────────────────────────────────────────────────────────────────────────────────────
  run: {
    zh: '模拟一个情景：每次抽样、每年、每家企业；打印目标记分卡并写出结果目录',
    en: 'simulate a scenario: every draw, year and firm; print the target scorecard and write the run folder',
  },
  failOnMiss: { zh: '有目标未达成时以退出码 3 结束', en: 'exit 3 when a target is not met' },
  shard: {
    zh: '只运行第 K/N 份抽样，写出部分结果供 dcsim merge 合并',
    en: 'run only shard K/N of the draws and write a partial result for dcsim merge',
  },
  keepDraws: { zh: '另外写出每次抽样的指标行（draws.csv）', en: "also write every draw's metric rows (draws.csv)" },
  runExample: {
    zh: '1000 次模拟，种子 7；记分卡打印在终端，结果写入 outputs/zhenhai-2025/<时间戳>',
    en: '1000 draws, seed 7; the scorecard on the terminal, the results in outputs/zhenhai-2025/<timestamp>',
  },

  // ── compare ────────────────────────────────────────────────────────────────────────────────────
  compare: {
    zh: '在共同随机数上并排运行多个情景；给出与第一个情景的配对差异，收益旁列出代价',
    en: 'run scenarios side by side on common random numbers; paired differences to the first, costs next to gains',
  },
  compareScenarios: { zh: '情景 YAML 文件；第一个为参照', en: 'scenario YAML files; the first is the reference' },
  compareDraws: { zh: '蒙特卡洛模拟次数（默认：第一个情景的）', en: "Monte Carlo draws (default: the first scenario's)" },
  compareSeed: {
    zh: '随机种子，所有情景共用（默认：第一个情景的）',
    en: "random seed, shared by every scenario (default: the first scenario's)",
  },
  compareOut: { zh: '输出目录（默认：outputs/compare/<时间戳>）', en: 'output folder (default: outputs/compare/<timestamp>)' },
  allowDifferentInputs: {
    zh: '允许比较企业名录、系数或评价模型不同的情景（报告开头会说明）',
    en: 'compare scenarios over different registries, factors or evaluation models (the reports say so first)',
  },
  compareExample: {
    zh: '关停为主与改造为主两种方案对照基准情景，各 500 次模拟',
    en: 'closure-led and retrofit-led against the plan, 500 draws each',
  },

  // ── seek ───────────────────────────────────────────────────────────────────────────────────────
  seek: {
    zh: '寻找参数的最小值（--maximize 时为最大值），使目标以给定置信水平达成',
    en: 'find the smallest (or --maximize largest) value of a parameter at which a target is met with the given confidence',
  },
  seekTarget: { zh: '目标 id', en: 'target id' },
  seekVary: { zh: '参数路径，如 policies[village_cleanup].per_year', en: 'parameter path, e.g. policies[village_cleanup].per_year' },
  seekMin: { zh: '搜索范围下限', en: 'lower end of the search range' },
  seekMax: {
    zh: '搜索范围上限（默认：从当前值起按 ×2 向外扩展）',
    en: 'upper end of the search range (default: expand ×2 from the current value)',
  },
  seekBound: {
    zh: '不给 --max 时尝试的最大值（默认：份额为 1，其他为 100000）',
    en: 'without --max: the highest value to try (default: 1 for shares, 100000 otherwise)',
  },
  seekConfidence: {
    zh: '须达成目标的抽样份额（默认：目标自身的置信水平）',
    en: "share of draws that must meet the target (default: the target's)",
  },
  seekMaximize: { zh: '寻找仍能达成目标的最大值', en: 'find the largest value that still meets the target' },
  seekTolerance: {
    zh: '区间窄于此值时停止（默认：范围 / 64；整数：1）',
    en: 'stop when the bracket is this narrow (default: range / 64; whole numbers: 1)',
  },
  seekDraws: { zh: '每个评估点的蒙特卡洛模拟次数', en: 'Monte Carlo draws per evaluation' },
  seekOut: { zh: '输出目录（默认：outputs/seek/<时间戳>）', en: 'output folder (default: outputs/seek/<timestamp>)' },
  seekQuiet: { zh: '不显示进度条', en: 'no progress bar' },
  seekExample: {
    zh: '村级工业园整治每年至少要清退多少家企业，才能以 90 % 的置信达成腾出用地目标',
    en: 'how many firms the village clean-up must remove each year to meet the land target with 90 % confidence',
  },

  // ── admit ──────────────────────────────────────────────────────────────────────────────────────
  admit: {
    zh: '储备项目能否在某年准入？有无该项目时的目标、占用的腾挪空间、最早可准入的年份',
    en: 'can a pipeline project be admitted in a year? the targets with and without it, the headroom it draws, the earliest year it fits',
  },
  admitProject: { zh: '项目在情景储备表中的 id', en: "the project's id in the scenario's pipeline table" },
  admitYear: { zh: '准入年份（默认：项目的 start_year）', en: 'the year to admit it (default: its start_year)' },
  admitDraws: { zh: '每次运行的蒙特卡洛模拟次数（最多三次运行）', en: 'Monte Carlo draws per run (three runs at most)' },
  admitOut: { zh: '输出目录（默认：outputs/admit/<时间戳>）', en: 'output folder (default: outputs/admit/<timestamp>)' },
  admitExample: { zh: '乙烯项目能否在 2027 年准入', en: 'can the ethylene project be admitted in 2027' },

  // ── track ──────────────────────────────────────────────────────────────────────────────────────
  track: {
    zh: '监测报告：每个目标的计划路径、实际值、预测、预警灯和季度通报（结果目录加 track.json）',
    en: 'the monitoring report: plan path, actuals, forecast, warning lights and the 季度通报 of every target (a run folder plus track.json)',
  },
  trackExample: { zh: '截至 2023 年 9 月的季度通报', en: 'the quarterly 通报 as of September 2023' },

  // ── chart ──────────────────────────────────────────────────────────────────────────────────────
  chart: {
    zh: '不重新模拟，重新绘制结果目录（run、track、compare 或 seek）的图表和报告（如用 --lang en）',
    en: 'render the charts and reports of a run, track, compare or seek folder again (e.g. with --lang en), without simulating',
  },
  chartRunDir: {
    zh: 'dcsim run、merge、track、compare 或 seek 写出的结果目录',
    en: 'a result folder written by dcsim run, merge, track, compare or seek',
  },
  chartOut: {
    zh: '把图表和报告写入这个新目录（附结果文件的副本）',
    en: 'write the charts and reports into this new folder (with copies of the result files)',
  },
  chartForce: {
    zh: '就地重写结果目录（不给 --out 时），或覆盖 --out',
    en: 'rewrite the result folder in place (without --out), or replace --out',
  },
  chartExample: {
    zh: '在 dcsim run scenarios/zhenhai-2025.yaml --out outputs/zhenhai-2025/plan 之后：英文报告，放在运行旁边',
    en: 'after dcsim run scenarios/zhenhai-2025.yaml --out outputs/zhenhai-2025/plan: the report in English, beside the run',
  },

  // ── merge ──────────────────────────────────────────────────────────────────────────────────────
  merge: {
    zh: '把 dcsim run --shard K/N 的部分结果合并为一个结果目录',
    en: 'combine the partial results of dcsim run --shard K/N into one run folder',
  },
  mergePartials: { zh: '部分结果目录', en: 'partial result folders' },
  mergeOut: { zh: '要写出的结果目录', en: 'run folder to write' },
  mergeExample: {
    zh: '在 dcsim run scenarios/zhenhai-2025.yaml --shard 1/2 --out p1（及 --shard 2/2 --out p2）之后',
    en: 'after dcsim run scenarios/zhenhai-2025.yaml --shard 1/2 --out p1 (and --shard 2/2 --out p2)',
  },

  // ── calibrate ──────────────────────────────────────────────────────────────────────────────────
  calibrate: {
    zh: '按观测年度值拟合背景参数（各行业组增加值增速、能源弹性、能效提升）；写出校准后的情景',
    en: 'fit the background (VA growth per sector group, energy elasticity, efficiency gain) to the observed annual values; write a calibrated scenario',
  },
  calibrateOut: { zh: '要写出的校准情景，如 calibrated.yaml', en: 'calibrated scenario to write, e.g. calibrated.yaml' },
  calibrateDraws: {
    zh: '每次评估的蒙特卡洛模拟次数（共同随机数）',
    en: 'Monte Carlo draws per evaluation (common random numbers)',
  },
  maxEvaluations: { zh: '评估这么多次后停止搜索（默认 200）', en: 'stop the search after this many evaluations (default 200)' },
  fix: {
    zh: '保持情景取值不变的参数，逗号分隔，如 energy_elasticity,value_added.power_heat',
    en: "parameters held at the scenario's values, comma-separated, e.g. energy_elasticity,value_added.power_heat",
  },
  calibrateExample: {
    zh: '按 2021–2025 的实际值拟合背景',
    en: 'fit the background to the actuals of 2021–2025',
  },

  // ── rebase ─────────────────────────────────────────────────────────────────────────────────────
  rebase: {
    zh: '按实际处置和背景把企业名录推演到更晚年份（新的基准年）',
    en: 'roll the registry forward through the actual actions and the background to a registry of a later year (a new base year)',
  },
  rebaseTo: { zh: '新名录的年份（晚于基准年，至多为期末年）', en: 'the year of the new registry (after the base year, at most the end)' },
  rebaseOut: {
    zh: '要写出的名录 CSV，如 registry-2025.csv（事件文件写在旁边）',
    en: 'registry CSV to write, e.g. registry-2025.csv (events beside it)',
  },
  rebaseDraw: {
    zh: '推演所用的抽样（默认 0，即 run 记入 events.csv 的那次）',
    en: 'the draw rolled forward (default 0, the draw run records in events.csv)',
  },
  rebaseExample: {
    zh: '由校准后的情景得到 2025 年的企业名录',
    en: 'the registry of 2025 from the calibrated scenario',
  },

  // ── synth ──────────────────────────────────────────────────────────────────────────────────────
  synth: { zh: '由全区汇总数据生成合成企业名录', en: 'generate a synthetic enterprise registry from district aggregates' },
  synthAggregates: { zh: '汇总数据 YAML（各行业企业数和合计）', en: 'aggregates YAML (sector counts and totals)' },
  synthEnterprises: {
    zh: '企业数（默认：汇总文件的参考规模）',
    en: "number of firms (default: the aggregates file's reference size)",
  },
  synthSeed: { zh: '随机种子', en: 'random seed' },
  synthOut: { zh: '要写出的 CSV 文件', en: 'CSV file to write' },
  synthExample: { zh: '1000 家企业的合成名录', en: 'a synthetic registry of 1000 firms' },

  // ── serve ──────────────────────────────────────────────────────────────────────────────────────
  serve: {
    zh: '在浏览器中打开分析工作台：上传名录、调整政策参数、即时查看达成概率、导出报告',
    en: 'open the analyst workbench in the browser: upload a registry, move policy levers, see the probabilities, hand over the report',
  },
  servePort: { zh: '端口（被占用时换一个）', en: 'port (choose another when it is taken)' },
  serveHost: {
    zh: '监听地址（默认仅本机 127.0.0.1；其他地址会让局域网中的机器访问）',
    en: 'address to listen on (default 127.0.0.1, this machine only; any other lets other machines in)',
  },
  serveOpen: { zh: '启动后用默认浏览器打开页面', en: 'open the page in the default browser' },
  serveWorkers: { zh: '工作线程数（默认：2）', en: 'worker threads (default: 2)' },
  serveExample: { zh: '启动工作台并打开浏览器', en: 'start the workbench and open the browser' },
} as const satisfies Record<string, Text>;

export type HelpTexts = { readonly [K in keyof typeof TEXTS]: string };

/** The help texts in `lang`. */
export function helpTexts(lang: Lang): HelpTexts {
  return Object.fromEntries(Object.entries(TEXTS).map(([k, t]) => [k, t[lang]])) as HelpTexts;
}

/** One runnable example per command: the command line (with the shipped scenarios) and what it does. */
export const EXAMPLES = {
  validate: ['$0 validate scenarios/zhenhai-2025.yaml', 'validateExample'],
  init: ['$0 init 北仑区 --district 北仑区 --base 2025 --end 2030', 'initExample'],
  run: ['$0 run scenarios/zhenhai-2025.yaml --draws 1000 --seed 7', 'runExample'],
  compare: ['$0 compare scenarios/zhenhai-2025.yaml scenarios/closure-led.yaml scenarios/retrofit-led.yaml --draws 500', 'compareExample'],
  seek: [
    "$0 seek scenarios/zhenhai-2025.yaml --target vacated-land-2025 --vary 'policies[village_cleanup].per_year' --min 0 --max 200",
    'seekExample',
  ],
  admit: ['$0 admit scenarios/zhenhai-2030.yaml --project ZH-P2-ETH --year 2027 --draws 1000', 'admitExample'],
  track: ['$0 track scenarios/zhenhai-2025-tracking.yaml --as-of 2023-09', 'trackExample'],
  chart: ['$0 chart outputs/zhenhai-2025/plan --lang en --out outputs/zhenhai-2025/plan-en', 'chartExample'],
  merge: ['$0 merge p1 p2 --out outputs/zhenhai-2025/merged', 'mergeExample'],
  calibrate: [
    '$0 calibrate scenarios/zhenhai-2025.yaml --actuals models/actuals/zhenhai-2021-2025/values-to-2025.csv,models/actuals/zhenhai-2021-2025/actions.csv --as-of 2025 --out zhenhai-calibrated.yaml',
    'calibrateExample',
  ],
  rebase: [
    '$0 rebase scenarios/zhenhai-2025-calibrated.yaml --actuals models/actuals/zhenhai-2021-2025/values-to-2025.csv,models/actuals/zhenhai-2021-2025/actions.csv --as-of 2025 --to 2025 --out zhenhai-2025.csv',
    'rebaseExample',
  ],
  synth: [
    '$0 synth --aggregates models/aggregates/zhenhai-2020.yaml --enterprises 1000 --seed 2020 --out synthetic-1k.csv',
    'synthExample',
  ],
  serve: ['$0 serve --open', 'serveExample'],
} as const satisfies Record<string, readonly [string, keyof typeof TEXTS]>;

/** yargs' own strings in Chinese where its zh_CN locale reads awkwardly (the rest come from that locale). */
export const YARGS_ZH = {
  'Positionals:': '位置参数：',
  'Not enough non-option arguments: got %s, need at least %s': {
    one: '缺少位置参数：给了 %s 个，至少需要 %s 个',
    other: '缺少位置参数：给了 %s 个，至少需要 %s 个',
  },
  'Too many non-option arguments: got %s, maximum of %s': {
    one: '位置参数过多：给了 %s 个，最多 %s 个',
    other: '位置参数过多：给了 %s 个，最多 %s 个',
  },
} as const;

/** A locale value names Chinese when it starts with `zh` (zh_CN.UTF-8, zh_TW, zh-Hans…). */
const isZh = (v: string) => /^zh/i.test(v);

/**
 * The language of the help and of yargs' messages: `--lang zh|en` (or `--lang=…`) on the command line;
 * else the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty (POSIX precedence); else the
 * system locale (`Intl`, e.g. on Windows); Chinese when that starts with `zh`, English otherwise.
 */
export function helpLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, system?: string): Lang {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  for (const [i, a] of args.entries()) {
    const v = a.startsWith('--lang=') ? a.slice('--lang='.length) : a === '--lang' ? args[i + 1] : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  const set = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  const locale = set ?? system ?? Intl.DateTimeFormat().resolvedOptions().locale;
  return isZh(locale) ? 'zh' : 'en';
}
