import type { RunSummary } from '../engine/aggregate.js';
import { msg } from '../messages/messages.js';
import { policyLabel, type ReportLang } from './labels.js';

/**
 * The warning lines of a run whose quota went short: one per policy and year in which the median
 * over the draws of `quota_shortfall.<policy>` is above 0 (the programme found too few candidates
 * for its yearly number), in whole firms, for the CLI scorecard and the report.
 */
export function shortfallWarnings(s: Pick<RunSummary, 'metrics' | 'policies'>, lang: ReportLang): string[] {
  const lines: string[] = [];
  for (const p of s.policies) {
    const byYear = s.metrics[`quota_shortfall.${p.key}`];
    if (!byYear) continue;
    for (const [year, st] of Object.entries(byYear)) {
      // whole firms: with an even number of draws the median can fall between two counts (6.5 家)
      if (st && st.p50 > 0)
        lines.push(msg.quotaShortfall(policyLabel(p.key, lang, s.policies), Number(year), Math.max(1, Math.round(st.p50)), lang));
    }
  }
  return lines;
}
