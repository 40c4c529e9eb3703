import { aggregate, type RunMeta, type RunSummary } from '../engine/aggregate.js';
import { attribute } from '../engine/attribution.js';
import type { MetricLayout } from '../engine/metrics.js';
import { attributionRows } from './events-read.js';

/** The run's summary.json: the aggregate of the draws, their sensitivity, and draw 0's attribution from events.csv. */
export function summarize(
  meta: RunMeta,
  layout: MetricLayout,
  values: Float64Array,
  draws: number,
  seed: number,
  sampled: { readonly paramNames: readonly string[]; readonly params: Float64Array },
  eventsCsvText: string,
): RunSummary {
  return { ...aggregate(meta, layout, values, draws, seed, sampled), attribution: attribute(attributionRows(eventsCsvText)) };
}
