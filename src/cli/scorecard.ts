import type { TargetResult } from '../engine/aggregate.js';
import { displayUnit } from '../report/units.js';
import { fmt, pct } from './format.js';
import type { Lang } from './labels.js';

/** Scale, decimals and unit of a target's value. */
function unitOf(t: Pick<TargetResult, 'metric' | 'kind'>): [scale: number, decimals: number, unit: string] {
  const u = displayUnit(t.metric, t.kind);
  return [u.scale, u.decimals, u.unit];
}

/** Formats a target's value with its unit, e.g. "13.00 万tce", "24.5 %". */
export function formatTargetValue(t: Pick<TargetResult, 'metric' | 'kind'>, v: number | null | undefined): string {
  const [scale, decimals, unit] = unitOf(t);
  const n = v === null || v === undefined || !Number.isFinite(v) ? '–' : fmt(v * scale, decimals);
  return unit === '%' ? `${n} %` : unit ? `${n} ${unit}` : n;
}

/** Formats P50 [P10–P90] with the unit once: "9.8 [7.1–12.4] 万tce". */
export function formatRange(t: Pick<TargetResult, 'metric' | 'kind' | 'p10' | 'p50' | 'p90'>): string {
  const [scale, decimals, unit] = unitOf(t);
  const f = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : fmt(v * scale, decimals));
  return `${f(t.p50)} [${f(t.p10)} – ${f(t.p90)}]${unit ? ` ${unit}` : ''}`;
}

const STATUS: Record<TargetResult['status'], Record<Lang, string>> = {
  met: { zh: '达成', en: 'met' },
  at_risk: { zh: '有风险', en: 'at risk' },
  missed: { zh: '未达成', en: 'missed' },
};
const MARK: Record<TargetResult['status'], string> = { met: '●', at_risk: '◐', missed: '○' };

/** Display width of a string in a terminal (CJK characters take two columns). */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
export const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** Renders the target scorecard: target, year, P50 [P10–P90], goal, probability, status. */
export function scorecard(targets: readonly TargetResult[], lang: Lang): string[] {
  const head =
    lang === 'zh'
      ? ['目标', '年份', '中位数 [P10–P90]', '目标值', '达成概率', '状态']
      : ['target', 'year', 'P50 [P10–P90]', 'goal', 'probability', 'status'];
  const rows = targets.map((t) => [
    t.label,
    t.kind === 'level' ? String(t.year) : `${t.from}–${t.year}`,
    formatRange(t),
    `${t.at_least !== undefined ? '≥' : '≤'} ${formatTargetValue(t, t.at_least ?? t.at_most)}`,
    pct(t.probability, 0),
    `${MARK[t.status]} ${STATUS[t.status][lang]}`,
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The line under the scorecard saying what its marks mean at the run's confidence (issue #14 item 9). */
export function scorecardLegend(confidence: number, lang: Lang): string {
  const c = pct(confidence, 0);
  return lang === 'zh'
    ? `${MARK.met} ${STATUS.met.zh}：达成概率 ≥ ${c}（置信水平）· ${MARK.at_risk} ${STATUS.at_risk.zh}：≥ 50 % · ${MARK.missed} ${STATUS.missed.zh}：< 50 %`
    : `${MARK.met} met: probability ≥ ${c} (the confidence level) · ${MARK.at_risk} at risk: ≥ 50 % · ${MARK.missed} missed: < 50 %`;
}
