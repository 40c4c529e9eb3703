import { aggregate, runMeta } from '../../engine/aggregate.js';
import { loadScenario } from '../../io/scenario-load.js';
import { msg } from '../../messages/messages.js';
import { runDraws } from '../../parallel/runner.js';
import { trackReport, type TrackReport } from '../../tracking/track.js';
import { LIGHT_MARK, lightName, trackWord } from '../../tracking/words.js';
import { interruptSignal } from '../interrupt.js';
import type { Streams } from '../io-streams.js';
import { formatTargetValue, pad, width } from '../scorecard.js';
import { pct } from '../format.js';
import type { Lang } from '../labels.js';
import { runCommand, type RunOptions } from './run.js';

export type TrackOptions = Omit<RunOptions, 'shard' | 'failOnMiss'>;

/**
 * `dcsim track <scenario>` (issue #12 §3): a run (everything `dcsim run` writes) plus the
 * monitoring report — track.json, a 挂图作战 chart per target, the 监测预警 section of report.html
 * and report.md, the 季度通报 and 预警 sheets of results.xlsx. The probability at the start comes
 * from the same scenario without actuals on the same seed and draws (common random numbers).
 */
export async function trackCommand(o: TrackOptions, io: Streams): Promise<number> {
  return runCommand({ ...o, failOnMiss: false }, io, {
    check: (loaded) => (loaded.scenario.targets.length || loaded.scenario.tracked.length ? undefined : msg.trackNothing(o.scenario)),
    async after({ loaded, summary, seed, draws, drawList, workers }) {
      let startTargets;
      if (loaded.scenario.actuals) {
        const bare = await loadScenario(o.scenario, undefined, { actuals: null });
        // the scenario loaded a moment ago with its actuals: without them it loads too
        if (!bare.value) throw new Error(bare.diagnostics.map((d) => d.message).join('; '));
        const s = bare.value.scenario;
        const input = { scenario: s, table: bare.value.registry.table, factors: bare.value.factors, evaluation: bare.value.evaluation };
        const start = await runDraws(input, { seed, draws: [...drawList], workers, recordDraw: -1, signal: interruptSignal() });
        startTargets = aggregate(runMeta(s, start.layout), start.layout, start.values, draws, seed).targets;
      }
      const tracking = trackReport({ scenario: loaded.scenario, summary, ...(startTargets ? { startTargets } : {}) });
      return {
        files: new Map([['track.json', `${JSON.stringify(tracking, null, 2)}\n`]]),
        tracking,
        lines: trackLines(tracking, o.lang),
      };
    },
  });
}

/** The lights printed after the scorecard: per target light, probability now (start), pace; per indicator % of the task. */
export function trackLines(r: TrackReport, lang: Lang): string[] {
  const W = (k: Parameters<typeof trackWord>[0]) => trackWord(k, lang);
  const lines = [`${W('section')} · ${r.has_actuals ? `${W('asOf')} ${r.as_of}` : W('noActuals')}`];
  const labelWidth = Math.max(8, ...r.targets.map((t) => width(t.label)), ...r.tracked.map((t) => width(t.label)));
  for (const t of r.targets) {
    const v = (x: number | null) => formatTargetValue({ metric: t.metric, kind: 'level' }, x);
    const required = t.pace.reached ? W('reached') : `${W('requiredPace')} ${v(t.pace.required_per_year)}`;
    const pace = t.pace.achieved_per_year === null ? required : `${W('achievedPace')} ${v(t.pace.achieved_per_year)} / ${required}`;
    lines.push(
      `  ${LIGHT_MARK[t.warning]} ${pad(t.label, labelWidth)} ${t.year}  ${pad(lightName(t.warning, lang), 6)} ${W('probNow')} ${pct(t.probability.now, 0)}（${W('probStart')} ${pct(t.probability.start, 0)}）· ${pace}`,
    );
  }
  for (const t of r.tracked) {
    const mark = t.warning ? LIGHT_MARK[t.warning] : '·';
    const actual = t.actual ? `${t.actual.value}${t.unit ? ` ${t.unit}` : ''}（${t.actual.period}）` : '–';
    lines.push(
      `  ${mark} ${pad(t.label, labelWidth)} ${t.year}  ${pad(lightName(t.warning, lang), 6)} ${W('actual')} ${actual} · ${W('taskDone')} ${t.task_done === null ? '–' : pct(t.task_done, 0)} · ${W('planDone')} ${t.plan_done === null ? '–' : pct(t.plan_done, 0)}`,
    );
  }
  return lines;
}
