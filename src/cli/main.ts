import yargs, { type Argv } from 'yargs';
import { closest, msg } from '../messages/messages.js';
import { EXAMPLES, helpLanguage, helpTexts, YARGS_ZH, type HelpTexts } from './help-texts.js';
import { EXIT, processStreams, type Streams } from './io-streams.js';
import { withInterrupts } from './interrupt.js';
import { VERSION } from './version.js';
import type { Lang } from './labels.js';
import type { SearchRunOptions } from './run-numbers.js';

/** --charts / --no-charts of run, compare and merge. */
const chartsOption = (h: HelpTexts) => ({ type: 'boolean', default: true, describe: h.charts }) as const;

/** The options of a command that simulates a scenario into a run folder (run, track). */
const runFolderOptions = (h: HelpTexts) =>
  ({
    draws: { type: 'number', describe: h.runDraws },
    seed: { type: 'number', describe: h.runSeed },
    out: { type: 'string', describe: h.runOut },
    force: { type: 'boolean', default: false, describe: h.replaceRunFolder },
    workers: { type: 'number', describe: h.workers },
    quiet: { type: 'boolean', default: false, describe: h.quiet },
  }) as const;

/** --actuals and --as-of of run, compare and seek (and track): what actually happened, and up to when. */
const actualsOptions = (h: HelpTexts) =>
  ({
    actuals: { type: 'string', describe: h.actuals },
    'as-of': { type: 'string', describe: h.asOf },
  }) as const;

/** The options of a command that runs a scenario several times on common random numbers (seek, admit). */
const searchOptions = (h: HelpTexts, draws: string, out: string) =>
  ({
    draws: { type: 'number', default: 200, describe: draws },
    seed: { type: 'number', describe: h.scenarioSeed },
    workers: { type: 'number', describe: h.searchWorkers },
    out: { type: 'string', describe: out },
    force: { type: 'boolean', default: false, describe: h.replaceFolder },
  }) as const;

/**
 * " (did you mean --draws?)" after yargs' unknown-argument message (English "Unknown argument: draw",
 * Chinese "无法识别的选项：draw"), when one of the command's options is a likely typo of it.
 */
export function didYouMeanFlag(usageError: string, known: readonly string[], lang: Lang = 'en'): string {
  const m = /(?:Unknown arguments?|无法识别的选项|无法识别这些选项)[:：]\s*(.+)$/m.exec(usageError);
  if (!m) return '';
  const guesses = m[1]
    .split(/[,，]\s*/)
    .map((name) => closest(name.trim(), known))
    .filter((g): g is string => g !== undefined);
  if (!guesses.length) return '';
  const flags = [...new Set(guesses)].map((g) => `--${g}`).join(', ');
  return lang === 'zh' ? `（是否想输入 ${flags}？）` : ` (did you mean ${flags}?)`;
}

/** What parsing the command line picked: the command to run, or the usage error. */
export interface Selection {
  run?: () => Promise<number>;
  usageError?: string;
  /** The options the chosen command takes (for "did you mean" on an unknown one). */
  known?: readonly string[];
}

/**
 * Runs the dcsim command line and returns the exit code. A user mistake prints its message
 * (never a stack trace) and gives 2; an unexpected exception gives 1.
 */
export async function main(argv: readonly string[], io: Streams = processStreams): Promise<number> {
  const lang = helpLanguage(argv, process.env);
  const selection: Selection = {};
  const cli = commandLine(argv, io, lang, selection);
  try {
    await cli.parseAsync();
    if (selection.usageError !== undefined) {
      io.err(`${selection.usageError}${didYouMeanFlag(selection.usageError, selection.known ?? [], lang)}\n${helpTexts(lang).seeHelp}`);
      return EXIT.badInput;
    }
    const run = selection.run;
    return run ? await withInterrupts(run) : EXIT.ok; // --help and --version select nothing
  } catch (e) {
    io.err(msg.internalError((e as Error).message));
    if (process.env.DCSIM_DEBUG) io.err((e as Error).stack ?? '');
    return EXIT.internal;
  }
}

/**
 * The dcsim command line, not yet parsed, its help in `helpLang`. Parsing fills `selection`: the
 * handlers only pick the command, which runs after parsing succeeded, so a misspelt flag or a bad
 * choice is refused before any work (yargs validates strict mode after calling handlers); the
 * command's module, with the large libraries it needs, loads only then.
 */
export function commandLine(argv: readonly string[], io: Streams, helpLang: Lang, selection: Selection): Argv {
  const h = helpTexts(helpLang);
  // what the example does, then the command line on a line of its own (whole, to copy; not squeezed into a column)
  const example = (command: keyof typeof EXAMPLES) =>
    [`${h[EXAMPLES[command][1]]}${helpLang === 'zh' ? '：' : ':'}\n$ ${EXAMPLES[command][0]}`, ''] as const;
  const select = (run: () => Promise<number>) => {
    selection.run = run;
  };
  /** The options seek and admit take alike (searchOptions, actualsOptions), from their parsed arguments. */
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
  const cli = yargs([...argv]);
  // yargs' own words ("Options:", "[required]", "Show help", its error messages) in the help language
  cli.locale(helpLang === 'zh' ? 'zh_CN' : 'en');
  if (helpLang === 'zh') cli.updateStrings(YARGS_ZH as unknown as Record<string, string>);
  return (
    cli
      .scriptName('dcsim')
      .usage(h.usage)
      .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: h.lang })
      .command(
        'validate <scenario..>',
        h.validate,
        (y) =>
          y
            .positional('scenario', { type: 'string', array: true, demandOption: true, describe: h.validateScenarios })
            .options(actualsOptions(h))
            .example(...example('validate')),
        (args) => {
          select(async () =>
            (await import('./commands/validate.js')).validateCommand(args.scenario as string[], args.lang as Lang, io, {
              actuals: args.actuals,
              asOf: args['as-of'],
            }),
          );
        },
      )
      .command(
        'init <folder>',
        h.init,
        (y) =>
          y
            .positional('folder', { type: 'string', demandOption: true, describe: h.initFolder })
            .option('district', { type: 'string', describe: h.initDistrict })
            .option('base', { type: 'number', default: 2025, describe: h.initBase })
            .option('end', { type: 'number', default: 2030, describe: h.initEnd })
            .option('force', {
              type: 'boolean',
              default: false,
              describe: h.initForce,
            })
            .example(...example('init')),
        (args) => {
          select(async () =>
            (await import('./commands/init.js')).initCommand(
              { folder: args.folder as string, district: args.district, base: args.base, end: args.end, force: args.force },
              io,
            ),
          );
        },
      )
      .command(
        'run <scenario>',
        h.run,
        (y) =>
          y
            .positional('scenario', { type: 'string', demandOption: true, describe: h.scenarioFile })
            .options(runFolderOptions(h))
            .option('fail-on-miss', { type: 'boolean', default: false, describe: h.failOnMiss })
            .option('shard', { type: 'string', describe: h.shard })
            .option('keep-draws', { type: 'boolean', default: false, describe: h.keepDraws })
            .options(actualsOptions(h))
            .option('charts', chartsOption(h))
            .example(...example('run')),
        (args) => {
          select(async () =>
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
            ),
          );
        },
      )
      .command(
        'compare <scenarios..>',
        h.compare,
        (y) =>
          y
            .positional('scenarios', {
              type: 'string',
              array: true,
              demandOption: true,
              describe: h.compareScenarios,
            })
            .option('draws', { type: 'number', describe: h.compareDraws })
            .option('seed', { type: 'number', describe: h.compareSeed })
            .option('out', { type: 'string', describe: h.compareOut })
            .option('force', { type: 'boolean', default: false, describe: h.replaceFolder })
            .option('workers', { type: 'number', describe: h.workers })
            .option('allow-different-inputs', { type: 'boolean', default: false, describe: h.allowDifferentInputs })
            .options(actualsOptions(h))
            .option('charts', chartsOption(h))
            .option('quiet', { type: 'boolean', default: false, describe: h.quiet })
            .example(...example('compare')),
        (args) => {
          select(async () =>
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
                quiet: args.quiet,
                lang: args.lang as Lang,
                argv,
              },
              io,
            ),
          );
        },
      )
      .command(
        'seek <scenario>',
        h.seek,
        (y) =>
          y
            .positional('scenario', { type: 'string', demandOption: true, describe: h.scenarioFile })
            .option('target', { type: 'string', demandOption: true, describe: h.seekTarget })
            .option('vary', { type: 'string', demandOption: true, describe: h.seekVary })
            .option('min', { type: 'number', default: 0, describe: h.seekMin })
            .option('max', { type: 'number', describe: h.seekMax })
            .option('bound', { type: 'number', describe: h.seekBound })
            .option('confidence', { type: 'number', describe: h.seekConfidence })
            .option('maximize', { type: 'boolean', default: false, describe: h.seekMaximize })
            .option('tolerance', { type: 'number', describe: h.seekTolerance })
            .options(searchOptions(h, h.seekDraws, h.seekOut))
            .option('quiet', { type: 'boolean', default: false, describe: h.seekQuiet })
            .options(actualsOptions(h))
            .example(...example('seek')),
        (args) => {
          select(async () =>
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
                quiet: args.quiet,
              },
              io,
            ),
          );
        },
      )
      .command(
        'admit <scenario>',
        h.admit,
        (y) =>
          y
            .positional('scenario', { type: 'string', demandOption: true, describe: h.scenarioFile })
            .option('project', { type: 'string', demandOption: true, describe: h.admitProject })
            .option('year', { type: 'number', describe: h.admitYear })
            .options(searchOptions(h, h.admitDraws, h.admitOut))
            .options(actualsOptions(h))
            .example(...example('admit')),
        (args) => {
          select(async () =>
            (await import('./commands/admit.js')).admitCommand(
              {
                ...searchRunArgs(args),
                project: args.project,
                year: args.year,
              },
              io,
            ),
          );
        },
      )
      .command(
        'track <scenario>',
        h.track,
        (y) =>
          y
            .positional('scenario', { type: 'string', demandOption: true, describe: h.scenarioFile })
            .options(runFolderOptions(h))
            .options(actualsOptions(h))
            .option('charts', chartsOption(h))
            .example(...example('track')),
        (args) => {
          select(async () =>
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
            ),
          );
        },
      )
      .command(
        'chart <run-dir>',
        h.chart,
        (y) =>
          y
            .positional('run-dir', { type: 'string', demandOption: true, describe: h.chartRunDir })
            .option('out', { type: 'string', describe: h.chartOut })
            .option('force', {
              type: 'boolean',
              default: false,
              describe: h.chartForce,
            })
            .example(...example('chart')),
        (args) => {
          select(async () =>
            (await import('./commands/chart.js')).chartCommand(args['run-dir'] as string, args.lang as Lang, io, {
              ...(args.out !== undefined ? { out: args.out } : {}),
              force: args.force,
            }),
          );
        },
      )
      .command(
        'merge <partials..>',
        h.merge,
        (y) =>
          y
            .positional('partials', { type: 'string', array: true, demandOption: true, describe: h.mergePartials })
            .option('out', { type: 'string', demandOption: true, describe: h.mergeOut })
            .option('force', { type: 'boolean', default: false, describe: h.replaceRunFolder })
            .option('charts', chartsOption(h))
            .example(...example('merge')),
        (args) => {
          select(async () =>
            (await import('./commands/merge.js')).mergeCommand(
              { partials: args.partials as string[], out: args.out, force: args.force, argv, charts: args.charts, lang: args.lang as Lang },
              io,
            ),
          );
        },
      )
      .command(
        'calibrate <scenario>',
        h.calibrate,
        (y) =>
          y
            .positional('scenario', { type: 'string', demandOption: true, describe: h.scenarioFile })
            .options(actualsOptions(h))
            .option('out', { type: 'string', demandOption: true, describe: h.calibrateOut })
            .option('draws', { type: 'number', default: 100, describe: h.calibrateDraws })
            .option('seed', { type: 'number', describe: h.scenarioSeed })
            .option('workers', { type: 'number', describe: h.workers })
            .option('max-evaluations', { type: 'number', describe: h.maxEvaluations })
            .option('fix', { type: 'string', describe: h.fix })
            .option('force', { type: 'boolean', default: false, describe: h.replaceFile })
            .example(...example('calibrate')),
        (args) => {
          select(async () =>
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
            ),
          );
        },
      )
      .command(
        'rebase <scenario>',
        h.rebase,
        (y) =>
          y
            .positional('scenario', { type: 'string', demandOption: true, describe: h.scenarioFile })
            .options(actualsOptions(h))
            .option('to', { type: 'number', demandOption: true, describe: h.rebaseTo })
            .option('out', { type: 'string', demandOption: true, describe: h.rebaseOut })
            .option('draw', { type: 'number', default: 0, describe: h.rebaseDraw })
            .option('seed', { type: 'number', describe: h.scenarioSeed })
            .option('force', { type: 'boolean', default: false, describe: h.replaceFiles })
            .example(...example('rebase')),
        (args) => {
          select(async () =>
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
            ),
          );
        },
      )
      .command(
        'synth',
        h.synth,
        (y) =>
          y
            .option('aggregates', { type: 'string', demandOption: true, describe: h.synthAggregates })
            .option('enterprises', { type: 'number', describe: h.synthEnterprises })
            .option('seed', { type: 'number', default: 2020, describe: h.synthSeed })
            .option('out', { type: 'string', demandOption: true, describe: h.synthOut })
            .option('force', { type: 'boolean', default: false, describe: h.replaceFile })
            .example(...example('synth')),
        (args) => {
          select(async () =>
            (await import('./commands/synth.js')).synthCommand(
              { aggregates: args.aggregates, enterprises: args.enterprises, seed: args.seed, out: args.out, force: args.force },
              io,
            ),
          );
        },
      )
      .command(
        'serve',
        h.serve,
        (y) =>
          y
            .option('port', { type: 'number', default: 8321, describe: h.servePort })
            .option('host', { type: 'string', default: '127.0.0.1', describe: h.serveHost })
            .option('open', { type: 'boolean', default: false, describe: h.serveOpen })
            .option('workers', { type: 'number', describe: h.serveWorkers })
            .example(...example('serve')),
        (args) => {
          select(async () =>
            (await import('./commands/serve.js')).serveCommand(
              { port: args.port, host: args.host, open: args.open, workers: args.workers, lang: args.lang as Lang },
              io,
            ),
          );
        },
      )
      .demandCommand(1, h.nameACommand)
      // the chosen command's options, before yargs validates, for "did you mean --draws?"
      .middleware(
        // yargs passes its instance second; its typings name only the arguments
        ((_args: unknown, y: { getOptions: () => { key: Record<string, unknown> } }) => {
          selection.known = Object.keys(y.getOptions().key);
        }) as never,
        true,
      )
      .strict()
      .help('help', h.help)
      .version('version', h.version, VERSION)
      .wrap(Math.min(110, process.stdout.columns ?? 110))
      .exitProcess(false)
      .fail((message, err) => {
        if (err) throw err;
        selection.usageError = message;
      })
  );
}
