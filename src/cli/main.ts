import yargs from 'yargs';
import { msg } from '../messages/messages.js';
import { EXIT, processStreams, type Streams } from './io-streams.js';
import { withInterrupts } from './interrupt.js';
import type { Lang } from './labels.js';
import type { SearchRunOptions } from './run-numbers.js';

/** --charts / --no-charts of run, compare and merge. */
const CHARTS_OPTION = {
  type: 'boolean',
  default: true,
  describe: 'render the charts (SVG and PNG) and the reports that embed them; --no-charts skips them (results.xlsx is still written)',
} as const;

/** The options of a command that simulates a scenario into a run folder (run, track). */
const RUN_FOLDER_OPTIONS = {
  draws: { type: 'number', describe: "Monte Carlo draws (default: the scenario's monte_carlo.draws)" },
  seed: { type: 'number', describe: "random seed (default: the scenario's monte_carlo.seed)" },
  out: { type: 'string', describe: 'run folder (default: outputs/<scenario>/<timestamp>)' },
  force: { type: 'boolean', default: false, describe: 'replace an existing run folder' },
  workers: { type: 'number', describe: 'worker threads (default: the number of cores; 0 runs in this thread)' },
  quiet: { type: 'boolean', default: false, describe: 'no progress bar' },
} as const;

/** --actuals and --as-of of run, compare and seek (and track): what actually happened, and up to when. */
const ACTUALS_OPTIONS = {
  actuals: {
    type: 'string',
    describe: "actuals instead of the scenario's: an XLSX with sheets 实际值/实际处置, or the values and/or actions CSV (comma-separated)",
  },
  'as-of': {
    type: 'string',
    describe: "use the actuals up to this period: 2023, 2023-Q3 or 2023-09 (default: the scenario's as_of, else the latest)",
  },
} as const;

/** The options of a command that runs a scenario several times on common random numbers (seek, admit). */
const searchOptions = (per: string, folder: string) =>
  ({
    draws: { type: 'number', default: 200, describe: `Monte Carlo draws per ${per}` },
    seed: { type: 'number', describe: "random seed (default: the scenario's)" },
    workers: { type: 'number', describe: 'worker threads (default: the number of cores)' },
    out: { type: 'string', describe: `output folder (default: outputs/${folder}/<timestamp>)` },
    force: { type: 'boolean', default: false },
  }) as const;

/**
 * Runs the dcsim command line and returns the exit code. A user mistake prints its message
 * (never a stack trace) and gives 2; an unexpected exception gives 1.
 */
export async function main(argv: readonly string[], io: Streams = processStreams): Promise<number> {
  // the handlers only pick the command: it runs after parsing succeeded, so a misspelt flag or a
  // bad choice is refused before any work (yargs validates strict mode after calling handlers);
  // the command's module, with the large libraries it needs, loads only then
  let selected: (() => Promise<number>) | undefined;
  /** The options seek and admit take alike (searchOptions, ACTUALS_OPTIONS), from their parsed arguments. */
  const searchRunArgs = (args: {
    scenario?: unknown;
    actuals?: string;
    'as-of'?: string;
    draws: number;
    seed?: number;
    workers?: number;
    out?: string;
    force: boolean;
    lang: unknown;
  }): SearchRunOptions => ({
    scenario: args.scenario as string,
    actuals: args.actuals,
    asOf: args['as-of'],
    draws: args.draws,
    seed: args.seed,
    workers: args.workers,
    out: args.out,
    force: args.force,
    lang: args.lang as Lang,
    argv,
  });
  let usageError: string | undefined;
  const cli = yargs([...argv])
    .scriptName('dcsim')
    .usage('$0 <command> [options]\n\nDistrict energy and carbon dual-control scenario simulation (能耗双控 / 碳排放双控).')
    .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: 'language of labels' })
    .command(
      'validate <scenario..>',
      'check scenario files and every file they name; print a base-year summary',
      (y) =>
        y
          .positional('scenario', { type: 'string', array: true, demandOption: true, describe: 'scenario YAML file(s)' })
          .options(ACTUALS_OPTIONS),
      (args) => {
        selected = async () =>
          (await import('./commands/validate.js')).validateCommand(args.scenario as string[], args.lang as Lang, io, {
            actuals: args.actuals,
            asOf: args['as-of'],
          });
      },
    )
    .command(
      'init <folder>',
      'start a new district: write a commented scenario, an empty registry template (XLSX with a 填报说明 sheet), pipeline and actuals templates and a README into a new or empty folder',
      (y) =>
        y
          .positional('folder', { type: 'string', demandOption: true, describe: 'the folder to create (new or empty)' })
          .option('district', { type: 'string', describe: "the district's name, used in the scenario's title (default: 本区)" })
          .option('base', { type: 'number', default: 2025, describe: 'base year: the year of the registry data' })
          .option('end', { type: 'number', default: 2030, describe: 'end year of the period (the target year)' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'write into a folder that is not empty, overwriting the template files (other files are kept)',
          })
          .example(
            '$0 init 北仑区 --district 北仑区 --base 2025 --end 2030',
            'then fill 北仑区/registry.xlsx and run dcsim validate 北仑区/scenario.yaml',
          ),
      (args) => {
        selected = async () =>
          (await import('./commands/init.js')).initCommand(
            { folder: args.folder as string, district: args.district, base: args.base, end: args.end, force: args.force },
            io,
          );
      },
    )
    .command(
      'run <scenario>',
      'simulate a scenario: every draw, year and firm; print the target scorecard and write the run folder',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .options(RUN_FOLDER_OPTIONS)
          .option('fail-on-miss', { type: 'boolean', default: false, describe: 'exit 3 when a target is not met' })
          .option('shard', { type: 'string', describe: 'run only shard K/N of the draws and write a partial result for dcsim merge' })
          .option('keep-draws', { type: 'boolean', default: false, describe: "also write every draw's metric rows (draws.csv)" })
          .options(ACTUALS_OPTIONS)
          .option('charts', CHARTS_OPTION),
      (args) => {
        selected = async () =>
          (await import('./commands/run.js')).runCommand(
            {
              scenario: args.scenario as string,
              actuals: args.actuals,
              asOf: args['as-of'],
              draws: args.draws,
              seed: args.seed,
              out: args.out,
              force: args.force,
              failOnMiss: args['fail-on-miss'],
              workers: args.workers,
              quiet: args.quiet,
              shard: args.shard,
              keepDraws: args['keep-draws'],
              charts: args.charts,
              lang: args.lang as Lang,
              argv,
            },
            io,
          );
      },
    )
    .command(
      'compare <scenarios..>',
      'run scenarios side by side on common random numbers; paired differences to the first, costs next to gains',
      (y) =>
        y
          .positional('scenarios', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'scenario YAML files; the first is the reference',
          })
          .option('draws', { type: 'number', describe: "Monte Carlo draws (default: the first scenario's)" })
          .option('seed', { type: 'number', describe: "random seed, shared by every scenario (default: the first scenario's)" })
          .option('out', { type: 'string', describe: 'output folder (default: outputs/compare/<timestamp>)' })
          .option('force', { type: 'boolean', default: false, describe: 'replace an existing folder' })
          .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores; 0 runs in this thread)' })
          .option('allow-different-inputs', {
            type: 'boolean',
            default: false,
            describe: 'compare scenarios over different registries, factors or evaluation models (the reports say so first)',
          })
          .options(ACTUALS_OPTIONS)
          .option('charts', CHARTS_OPTION),
      (args) => {
        selected = async () =>
          (await import('./commands/compare.js')).compareCommand(
            {
              scenarios: args.scenarios as string[],
              actuals: args.actuals,
              asOf: args['as-of'],
              draws: args.draws,
              seed: args.seed,
              out: args.out,
              force: args.force,
              workers: args.workers,
              allowDifferentInputs: args['allow-different-inputs'],
              charts: args.charts,
              lang: args.lang as Lang,
              argv,
            },
            io,
          );
      },
    )
    .command(
      'seek <scenario>',
      'find the smallest (or --maximize largest) value of a parameter at which a target is met with the given confidence',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true })
          .option('target', { type: 'string', demandOption: true, describe: 'target id' })
          .option('vary', { type: 'string', demandOption: true, describe: 'parameter path, e.g. policies[village_cleanup].per_year' })
          .option('min', { type: 'number', default: 0, describe: 'lower end of the search range' })
          .option('max', { type: 'number', describe: 'upper end of the search range (default: expand ×2 from the current value)' })
          .option('bound', {
            type: 'number',
            describe: 'without --max: the highest value to try (default: 1 for shares, 100000 otherwise)',
          })
          .option('confidence', { type: 'number', describe: "share of draws that must meet the target (default: the target's)" })
          .option('maximize', { type: 'boolean', default: false, describe: 'find the largest value that still meets the target' })
          .option('tolerance', { type: 'number', describe: 'stop when the bracket is this narrow (default: range / 64; whole numbers: 1)' })
          .options(searchOptions('evaluation', 'seek'))
          .options(ACTUALS_OPTIONS),
      (args) => {
        selected = async () =>
          (await import('./commands/seek.js')).seekCommand(
            {
              ...searchRunArgs(args),
              target: args.target,
              vary: args.vary,
              min: args.min,
              max: args.max,
              bound: args.bound,
              confidence: args.confidence,
              maximize: args.maximize,
              tolerance: args.tolerance,
            },
            io,
          );
      },
    )
    .command(
      'admit <scenario>',
      'can a pipeline project be admitted in a year? the targets with and without it, the headroom it draws, the earliest year it fits',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true })
          .option('project', { type: 'string', demandOption: true, describe: "the project's id in the scenario's pipeline table" })
          .option('year', { type: 'number', describe: 'the year to admit it (default: its start_year)' })
          .options(searchOptions('run (three runs at most)', 'admit'))
          .options(ACTUALS_OPTIONS),
      (args) => {
        selected = async () =>
          (await import('./commands/admit.js')).admitCommand(
            {
              ...searchRunArgs(args),
              project: args.project,
              year: args.year,
            },
            io,
          );
      },
    )
    .command(
      'track <scenario>',
      'the monitoring report: plan path, actuals, forecast, warning lights and the 季度通报 of every target (a run folder plus track.json)',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .options(RUN_FOLDER_OPTIONS)
          .options(ACTUALS_OPTIONS)
          .option('charts', CHARTS_OPTION),
      (args) => {
        selected = async () =>
          (await import('./commands/track.js')).trackCommand(
            {
              scenario: args.scenario as string,
              actuals: args.actuals,
              asOf: args['as-of'],
              draws: args.draws,
              seed: args.seed,
              out: args.out,
              force: args.force,
              workers: args.workers,
              quiet: args.quiet,
              charts: args.charts,
              lang: args.lang as Lang,
              argv,
            },
            io,
          );
      },
    )
    .command(
      'chart <run-dir>',
      'render the charts of a finished run again (e.g. with --lang en), without simulating',
      (y) =>
        y
          .positional('run-dir', { type: 'string', demandOption: true, describe: 'a run folder written by dcsim run or dcsim merge' })
          .option('out', { type: 'string', describe: 'write the charts and reports into this new folder (with copies of the run files)' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'rewrite the run folder in place (without --out), or replace --out',
          })
          .example(
            '$0 chart outputs/zhenhai-2025/20261128-105534 --lang en --out outputs/zhenhai-2025-en',
            'the report in English, beside the run',
          ),
      (args) => {
        selected = async () =>
          (await import('./commands/chart.js')).chartCommand(args['run-dir'] as string, args.lang as Lang, io, {
            ...(args.out !== undefined ? { out: args.out } : {}),
            force: args.force,
          });
      },
    )
    .command(
      'merge <partials..>',
      'combine the partial results of dcsim run --shard K/N into one run folder',
      (y) =>
        y
          .positional('partials', { type: 'string', array: true, demandOption: true, describe: 'partial result folders' })
          .option('out', { type: 'string', demandOption: true, describe: 'run folder to write' })
          .option('force', { type: 'boolean', default: false, describe: 'replace an existing run folder' })
          .option('charts', CHARTS_OPTION),
      (args) => {
        selected = async () =>
          (await import('./commands/merge.js')).mergeCommand(
            { partials: args.partials as string[], out: args.out, force: args.force, argv, charts: args.charts, lang: args.lang as Lang },
            io,
          );
      },
    )
    .command(
      'calibrate <scenario>',
      'fit the background (VA growth per sector group, energy elasticity, efficiency gain) to the observed annual values; write a calibrated scenario',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .options(ACTUALS_OPTIONS)
          .option('out', { type: 'string', demandOption: true, describe: 'calibrated scenario to write, e.g. calibrated.yaml' })
          .option('draws', { type: 'number', default: 100, describe: 'Monte Carlo draws per evaluation (common random numbers)' })
          .option('seed', { type: 'number', describe: "random seed (default: the scenario's)" })
          .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores; 0 runs in this thread)' })
          .option('max-evaluations', { type: 'number', describe: 'stop the search after this many evaluations (default 200)' })
          .option('fix', {
            type: 'string',
            describe: "parameters held at the scenario's values, comma-separated, e.g. energy_elasticity,value_added.power_heat",
          })
          .option('force', { type: 'boolean', default: false, describe: 'replace an existing file' }),
      (args) => {
        selected = async () =>
          (await import('./commands/calibrate.js')).calibrateCommand(
            {
              scenario: args.scenario as string,
              actuals: args.actuals,
              asOf: args['as-of'],
              out: args.out,
              draws: args.draws,
              seed: args.seed,
              workers: args.workers,
              maxEvaluations: args['max-evaluations'],
              fix:
                args.fix === undefined
                  ? undefined
                  : args.fix
                      .split(',')
                      .map((f) => f.trim())
                      .filter(Boolean),
              force: args.force,
              lang: args.lang as Lang,
              argv,
            },
            io,
          );
      },
    )
    .command(
      'rebase <scenario>',
      'roll the registry forward through the actual actions and the background to a registry of a later year (a new base year)',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario YAML file' })
          .options(ACTUALS_OPTIONS)
          .option('to', {
            type: 'number',
            demandOption: true,
            describe: 'the year of the new registry (after the base year, at most the end)',
          })
          .option('out', {
            type: 'string',
            demandOption: true,
            describe: 'registry CSV to write, e.g. registry-2025.csv (events beside it)',
          })
          .option('draw', {
            type: 'number',
            default: 0,
            describe: 'the draw rolled forward (default 0, the draw run records in events.csv)',
          })
          .option('seed', { type: 'number', describe: "random seed (default: the scenario's)" })
          .option('force', { type: 'boolean', default: false, describe: 'replace existing files' }),
      (args) => {
        selected = async () =>
          (await import('./commands/rebase.js')).rebaseCommand(
            {
              scenario: args.scenario as string,
              actuals: args.actuals,
              asOf: args['as-of'],
              to: args.to,
              out: args.out,
              draw: args.draw,
              seed: args.seed,
              force: args.force,
              lang: args.lang as Lang,
              argv,
            },
            io,
          );
      },
    )
    .command(
      'synth',
      'generate a synthetic enterprise registry from district aggregates',
      (y) =>
        y
          .option('aggregates', { type: 'string', demandOption: true, describe: 'aggregates YAML (sector counts and totals)' })
          .option('enterprises', { type: 'number', describe: "number of firms (default: the aggregates file's reference size)" })
          .option('seed', { type: 'number', default: 2020, describe: 'random seed' })
          .option('out', { type: 'string', demandOption: true, describe: 'CSV file to write' })
          .option('force', { type: 'boolean', default: false, describe: 'replace an existing file' }),
      (args) => {
        selected = async () =>
          (await import('./commands/synth.js')).synthCommand(
            { aggregates: args.aggregates, enterprises: args.enterprises, seed: args.seed, out: args.out, force: args.force },
            io,
          );
      },
    )
    .demandCommand(1, 'name a command: init, run, validate, compare, seek, track, calibrate, rebase, chart, merge or synth (see --help)')
    .strict()
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, err) => {
      if (err) throw err;
      usageError = message;
    });
  try {
    await cli.parseAsync();
    if (usageError !== undefined) {
      io.err(`${usageError}\nRun 'dcsim --help' for usage.`);
      return EXIT.badInput;
    }
    const run = selected;
    return run ? await withInterrupts(run) : EXIT.ok; // --help and --version select nothing
  } catch (e) {
    io.err(msg.internalError((e as Error).message));
    if (process.env.DCSIM_DEBUG) io.err((e as Error).stack ?? '');
    return EXIT.internal;
  }
}
