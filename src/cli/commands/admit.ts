import { join } from 'node:path';
import { valueAt } from '../../domain/year-series.js';
import { fitYear, fullCapacity, metricEffect, replacementNeed, targetEffects, type DrawRows, type FitYear } from '../../engine/admit.js';
import { OUTPUT_KIND } from '../../io/run-folder.js';
import { loadScenario, shown } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { runDraws, WorkerPool } from '../../parallel/runner.js';
import { pipelineIds, pipelineProject } from '../../policies/new-projects.js';
import { GridFactorPath } from '../../scenario/grid-factor.js';
import { actualsOptions } from '../actuals-options.js';
import { printDiagnostics } from '../diagnostics.js';
import { fmt, pct } from '../format.js';
import { interruptSignal } from '../interrupt.js';
import { EXIT, type Streams } from '../io-streams.js';
import type { Lang } from '../labels.js';
import { emptyOutExit, prepareOutputFolder, writeOutputFolder } from '../output.js';
import { runFailureExit } from '../run-failure.js';
import { checkRunNumbers, workerCount, type SearchRunOptions } from '../run-numbers.js';
import { formatTargetValue } from '../scorecard.js';
import { VERSION } from '../version.js';
import { timestamp } from './run.js';

export interface AdmitOptions extends SearchRunOptions {
  readonly project: string;
  readonly year?: number;
}

/**
 * `dcsim admit`: the DRC's question for one pipeline project — can it be admitted in year Y, what
 * does it draw on, and what does it do to the targets? Runs the scenario without the project and
 * with it forced in at Y on common random numbers (draw i of both on the same streams, so the
 * difference is the project's), and from the run without it the share of draws in which the
 * project would fit each year on what the year's other projects leave (src/engine/admit.ts):
 * the earliest year that share reaches the scenario's confidence, with the targets if it is
 * admitted then.
 */
export async function admitCommand(o: AdmitOptions, io: Streams): Promise<number> {
  const bad = (message: string) => {
    io.err(message);
    return EXIT.badInput;
  };
  const numbers = checkRunNumbers(o, io) ?? emptyOutExit(o.out, io);
  if (numbers !== undefined) return numbers;
  const { value, diagnostics } = await loadScenario(o.scenario, undefined, actualsOptions(o));
  if (!value) {
    printDiagnostics(diagnostics, io);
    return EXIT.badInput;
  }
  const { scenario, factors } = value;
  const entry = scenario.policies.findIndex((p) => p.module.type === 'new_projects' && pipelineProject(p.params, o.project));
  if (entry < 0) {
    const ids = scenario.policies.filter((p) => p.module.type === 'new_projects').flatMap((p) => pipelineIds(p.params));
    return bad(msg.admitUnknownProject(o.project, ids));
  }
  const project = pipelineProject(scenario.policies[entry].params, o.project)!;
  const { base, end } = scenario.period;
  const year = o.year ?? project.startYear;
  if (!Number.isInteger(year) || year <= base || year > end)
    return bad(`--year: ${msg.yearOutsidePeriod(year, base + 1, end, 'the year')}`);

  // the scenario with the project never, or forced in at a year: an `overrides:` entry on its policy
  const variant = (admission: 'never' | 'force', at?: number) => {
    const { scenario: s, diagnostics: ds } = value.vary((m) => {
      const policies = m.policies as Record<string, unknown>[];
      const p = policies[entry];
      const overrides = { ...((p.overrides as Record<string, unknown> | undefined) ?? {}) };
      overrides[o.project] = { admission, ...(at !== undefined ? { start_year: at } : {}) };
      policies[entry] = { ...p, overrides };
    });
    if (!s) throw new Error(ds.map((d) => d.message).join('; '));
    return s;
  };
  const seed = o.seed ?? scenario.monteCarlo.seed;
  const output = await prepareOutputFolder(o.out, () => join('outputs', 'admit', timestamp(new Date())), o.force, io);
  if ('code' in output) return output.code;
  const workers = workerCount(o.workers, o.draws, io);
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  const draws = Array.from({ length: o.draws }, (_, d) => d);
  const run = async (admission: 'never' | 'force', at?: number): Promise<DrawRows> => {
    const s = variant(admission, at);
    const input = { scenario: s, table: value.registry.table, factors, evaluation: value.evaluation };
    const r = await runDraws(input, { seed, draws, workers, recordDraw: -1, signal: interruptSignal() }, pool);
    return { layout: r.layout, values: r.values };
  };
  // the project at full capacity each year, on the scenario's grid path at its means
  const grid = scenario.gridEmissionFactor
    ? new GridFactorPath(scenario.gridEmissionFactor, factors.gridEmissionFactorTPerMwh, base, end)
    : undefined;
  grid?.useMeans();
  const full = (y: number) =>
    fullCapacity(
      project.table,
      project.row,
      factors,
      scenario.accounting,
      y,
      grid ? grid.at(y) : valueAt(factors.gridEmissionFactorTPerMwh, y),
    );
  let without: DrawRows, atYear: DrawRows, atEarliest: DrawRows | undefined;
  const fits: FitYear[] = [];
  let earliest: number | null = null;
  try {
    without = await run('never');
    atYear = await run('force', year);
    for (let y = year; y <= end; y++) fits.push(fitYear(without, o.draws, full(y), scenario.ledger, scenario.budget));
    earliest = fits.find((f) => f.share >= scenario.confidence)?.year ?? null;
    if (earliest !== null && earliest !== year) atEarliest = await run('force', earliest);
  } catch (e) {
    return runFailureExit(e, io);
  } finally {
    await pool?.close();
  }
  const at = full(year);
  const need = replacementNeed(at, scenario.ledger);
  const effects = targetEffects(scenario.targets, without, atYear, o.draws);
  const later = atEarliest ? targetEffects(scenario.targets, without, atEarliest, o.draws) : undefined;
  const headroom = [
    'energy_headroom_tce',
    'co2_pool_t',
    'land_pool_mu',
    'carbon_headroom_t',
    'co2_t',
    'carbon_intensity',
    'energy_intensity',
  ]
    .map((id) => ({ id, year, ...metricEffect(without, atYear, id, year, o.draws) }))
    .filter((m) => m.without !== undefined);
  const result = {
    kind: OUTPUT_KIND.admit,
    dcsim: VERSION,
    command: ['dcsim', ...o.argv].join(' '),
    scenario: scenario.name,
    project: {
      id: o.project,
      name: project.table.names[project.row],
      sector: project.table.sectors[project.table.sector[project.row]],
      two_high: at.twoHigh,
      national_major: at.nationalMajor,
      full_capacity: { year, energy_tce: at.energyTce, co2_t: at.co2T, land_mu: at.landMu },
      replacement: { ratio: need.ratio, energy_tce: need.energyTce, co2_t: need.co2T, land_mu: need.landMu },
    },
    ledger: { gating: scenario.ledger.gating, binding: scenario.ledger.binding, budget: scenario.budget !== undefined },
    year,
    draws: o.draws,
    seed,
    confidence: scenario.confidence,
    targets: effects,
    headroom,
    fits,
    earliest_year: earliest,
    targets_at_earliest: later ?? null,
  };
  const manifest = { kind: OUTPUT_KIND.admit, dcsim: VERSION, command: result.command, seed, draws: o.draws, workers };
  const files = new Map<string, string>([
    ['admit.json', `${JSON.stringify(result, null, 2)}\n`],
    ['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`],
  ]);
  const failed = await writeOutputFolder(output.dir, files, o.force, io);
  if (failed !== undefined) return failed;

  const zh = o.lang === 'zh';
  const wan = (v: number, unit: string) => `${fmt(v / 1e4, 2)} ${unit}`;
  io.out(
    `${o.project} ${result.project.name} (${result.project.sector}${at.twoHigh ? (zh ? ', 两高' : ', two-high') : ''}${at.nationalMajor ? (zh ? ', 能耗单列' : ', national major') : ''})`,
  );
  io.out(
    zh
      ? `  满负荷 ${year}: 用能 ${wan(at.energyTce, '万tce')}, 二氧化碳 ${wan(at.co2T, '万t')}, 用地 ${fmt(at.landMu)} 亩; 替代比例 ${fmt(need.ratio, 2)} → 需腾出 ${wan(need.energyTce, '万tce')} / ${wan(need.co2T, '万tCO2')}`
      : `  full capacity ${year}: energy ${wan(at.energyTce, '万tce')}, CO2 ${wan(at.co2T, '万t')}, land ${fmt(at.landMu)} mu; replacement ratio ${fmt(need.ratio, 2)} → needs ${wan(need.energyTce, '万tce')} / ${wan(need.co2T, '万tCO2')} vacated`,
  );
  io.out(zh ? `  ${year} 年准入（${o.draws} 次模拟, 共同随机数）:` : `  admitted in ${year} (${o.draws} draws, common random numbers):`);
  for (const e of effects) {
    const t = scenario.targets.find((x) => x.id === e.id)!;
    const points = Math.round((e.with.probability - e.without.probability) * 100);
    io.out(
      `    ${e.label}: ${zh ? '达成概率' : 'probability'} ${pct(e.without.probability, 0)} → ${pct(e.with.probability, 0)} (${points >= 0 ? '+' : ''}${points} ${zh ? '点' : 'pt'}) · P50 ${formatTargetValue(t, e.without.p50)} → ${formatTargetValue(t, e.with.p50)}`,
    );
  }
  const pools = headroom.filter((h) => ['energy_headroom_tce', 'co2_pool_t', 'carbon_headroom_t'].includes(h.id));
  const poolText = (id: string, v: number) =>
    id === 'energy_headroom_tce' ? wan(v, '万tce') : id === 'land_pool_mu' ? `${fmt(v)} ${zh ? '亩' : 'mu'}` : wan(v, '万tCO2');
  const words: Record<string, [string, string]> = {
    energy_headroom_tce: ['用能替代指标余额', 'energy pool'],
    co2_pool_t: ['碳排放替代指标余额', 'CO2 pool'],
    carbon_headroom_t: ['碳排放预算余量', 'carbon budget headroom'],
    land_pool_mu: ['用地指标余额', 'land pool'],
  };
  if (pools.length)
    io.out(
      `  ${year} ${zh ? '年末' : 'year end'} (P50): ${pools
        .map((h) => `${words[h.id][zh ? 0 : 1]} ${poolText(h.id, h.without!)} → ${poolText(h.id, h.with!)}`)
        .join(' · ')}`,
    );
  const first = fits[0];
  const shortNow = Object.entries(first.short).filter(([, v]) => v > 0);
  if (shortNow.length)
    io.out(
      `  ${zh ? `${year} 年还缺 (P50)` : `short in ${year} (P50)`}: ${shortNow.map(([id, v]) => `${words[id]?.[zh ? 0 : 1] ?? id} ${poolText(id, v)}`).join(' · ')}`,
    );
  io.out(
    zh
      ? `  各年可容纳概率（扣除当年其他项目后）: ${fits.map((f) => `${f.year} ${pct(f.share, 0)}`).join(' · ')}`
      : `  share of draws it fits, after the year's other projects: ${fits.map((f) => `${f.year} ${pct(f.share, 0)}`).join(' · ')}`,
  );
  io.out(
    earliest === null
      ? msg.admitNoYear(year, end, scenario.confidence, o.lang)
      : msg.admitEarliest(earliest, scenario.confidence, earliest === year, o.lang),
  );
  io.out(`${zh ? '结果目录' : 'folder'}: ${shown(output.dir)}`);
  return EXIT.ok;
}
