import type { TargetResult } from '../engine/aggregate.js';
import { displayWidth, isWide } from '../domain/text-width.js';
import { targetLabel } from '../report/labels.js';
import { displayUnit, unitText } from '../report/units.js';
import { fmt, pct } from './format.js';
import type { Lang } from './labels.js';

/** Scale, decimals and unit (in `lang`: 万tce, 10k tce) of a target's value. */
function unitOf(t: Pick<TargetResult, 'metric' | 'kind'>, lang: Lang): [scale: number, decimals: number, unit: string] {
  const u = displayUnit(t.metric, t.kind);
  return [u.scale, u.decimals, unitText(u.unit, lang)];
}

/** Formats a target's value with its unit, e.g. "13.00 万tce", "24.5 %" ("13.00 10k tce" in English). */
export function formatTargetValue(t: Pick<TargetResult, 'metric' | 'kind'>, v: number | null | undefined, lang: Lang = 'zh'): string {
  const [scale, decimals, unit] = unitOf(t, lang);
  const n = v === null || v === undefined || !Number.isFinite(v) ? '–' : fmt(v * scale, decimals);
  return unit === '%' ? `${n} %` : unit ? `${n} ${unit}` : n;
}

/** Formats P50 [P10–P90] with the unit once: "9.8 [7.1–12.4] 万tce". */
export function formatRange(t: Pick<TargetResult, 'metric' | 'kind' | 'p10' | 'p50' | 'p90'>, lang: Lang = 'zh'): string {
  const [scale, decimals, unit] = unitOf(t, lang);
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
export const width = displayWidth;
export const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** The scorecard's width in terminal columns: it fits a terminal of 100 (issue #14 item 9). */
export const SCORECARD_COLUMNS = 100;

/**
 * Wraps `text` into lines of at most `w` display columns: at spaces, or between two CJK characters
 * (Chinese needs no space to break); a word longer than a line is cut.
 */
export function wrapText(text: string, w: number): string[] {
  // tokens: a CJK character alone, a run of other non-space characters, or a run of spaces
  const tokens = text.match(/\s+|[^\s]/gu) ?? [];
  const merged: string[] = [];
  for (const t of tokens) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && !/\s/.test(t) && !/\s/.test(prev) && !isWide(t) && !isWide([...prev].pop()!)) merged[merged.length - 1] += t;
    else merged.push(t);
  }
  const lines: string[] = [];
  let line = '';
  for (const t of merged) {
    if (/^\s+$/.test(t)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (width(line) + width(t) <= w) {
      line += t;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
    for (const ch of t) {
      if (width(line) + width(ch) > w && line !== '') {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * Wraps a cell made of `segments` (joined by spaces): whole segments per line where they fit, a segment
 * wider than the line wrapped by wrapText — "12.00 [10.00 – 14.00] 万tce" breaks before "[", not inside.
 */
function wrapSegments(segments: readonly string[], w: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const seg of segments) {
    if (line !== '' && width(line) + 1 + width(seg) <= w) line += ` ${seg}`;
    else {
      if (line !== '') lines.push(line);
      const parts = wrapText(seg, w);
      lines.push(...parts.slice(0, -1));
      line = parts[parts.length - 1];
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Renders the target scorecard: target, year, P50 [P10–P90], goal, probability and status, with the
 * confidence level a target needs — under the probability header ("需 ≥ 90 %") when every target has the
 * same, else in a column of its own — in at most SCORECARD_COLUMNS columns: when too wide the label
 * gives up columns first (down to 18), then the widest of label, range and goal (down to 12), and
 * their cells wrap onto further lines of the row.
 */
export function scorecard(targets: readonly TargetResult[], lang: Lang): string[] {
  const zh = lang === 'zh';
  const levels = [...new Set(targets.map((t) => t.confidence))];
  const shared = levels.length === 1 ? levels[0] : undefined;
  // each header cell is its lines
  const head = [
    [zh ? '目标' : 'target'],
    [zh ? '年份' : 'year'],
    [zh ? '中位数 [P10–P90]' : 'P50 [P10–P90]'],
    [zh ? '目标值' : 'goal'],
    [zh ? '达成概率' : 'probability', ...(shared !== undefined ? [`${zh ? '需' : 'need'} ≥ ${pct(shared, 0)}`] : [])],
    [zh ? '状态' : 'status'],
    ...(shared === undefined ? [[zh ? '置信' : 'conf.']] : []),
  ];
  const rows = targets.map((t) => {
    const range = formatRange(t, lang);
    const goal = `${t.at_least !== undefined ? '≥' : '≤'} ${formatTargetValue(t, t.at_least ?? t.at_most, lang)}`;
    // each cell is its segments: the places it may break (P50 | [P10 – P90] | unit)
    return [
      [targetLabel(t, lang)],
      [t.kind === 'level' ? String(t.year) : `${t.from}–${t.year}`],
      range
        .match(/^(\S+) (\[.*\])(?: (.*))?$/)
        ?.slice(1)
        .filter((x) => x !== undefined) ?? [range],
      goal
        .match(/^(\S+ \S+)(?: (.*))?$/)
        ?.slice(1)
        .filter((x) => x !== undefined) ?? [goal],
      [pct(t.probability, 0)],
      [`${MARK[t.status]} ${STATUS[t.status][lang]}`],
      ...(shared === undefined ? [[pct(t.confidence, 0)]] : []),
    ];
  });
  const GAP = 2;
  const widths = head.map((h, i) => Math.max(...h.map(width), ...rows.map((r) => width(r[i].join(' ')))));
  let excess = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1) - SCORECARD_COLUMNS;
  const label = Math.min(excess > 0 ? excess : 0, Math.max(0, widths[0] - 18));
  widths[0] -= label;
  excess -= label;
  while (excess > 0) {
    const i = [0, 2, 3].filter((k) => widths[k] > 12).sort((a, b) => widths[b] - widths[a])[0];
    if (i === undefined) break;
    widths[i] -= 1;
    excess -= 1;
  }
  const block = (wrapped: string[][]) => {
    const height = Math.max(...wrapped.map((l) => l.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((l, i) => pad(l[k] ?? '', widths[i]))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  };
  return [
    ...block(head.map((lines, i) => lines.flatMap((l) => wrapText(l, widths[i])))),
    widths.map((w) => '─'.repeat(w)).join(' '.repeat(GAP)),
    ...rows.flatMap((r) => block(r.map((c, i) => wrapSegments(c, widths[i])))),
  ];
}

/** The line under the scorecard saying what its marks mean at the run's confidence (issue #14 item 9). */
export function scorecardLegend(confidence: number, lang: Lang): string {
  const c = pct(confidence, 0);
  return lang === 'zh'
    ? `${MARK.met} ${STATUS.met.zh}：达成概率 ≥ ${c}（置信水平）· ${MARK.at_risk} ${STATUS.at_risk.zh}：≥ 50 % · ${MARK.missed} ${STATUS.missed.zh}：< 50 %`
    : `${MARK.met} met: probability ≥ ${c} (the confidence level) · ${MARK.at_risk} at risk: ≥ 50 % · ${MARK.missed} missed: < 50 %`;
}
