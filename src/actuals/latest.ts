import { period, periodEnd } from './period.js';
import type { Observation, Period, RecordedAction } from './types.js';

/** The latest period the actuals reach (the default `as_of`): an observation's period, or an action's month. */
export function latestPeriod(values: readonly Observation[], actions: readonly RecordedAction[]): Period | undefined {
  let latest: Period | undefined;
  for (const o of values) if (!latest || periodEnd(o.period) > periodEnd(latest)) latest = o.period;
  for (const a of actions) {
    if (latest && periodEnd(a) <= periodEnd(latest)) continue;
    latest = a.month === 12 ? period(a.year, 12, 'year') : period(a.year, a.month, 'month');
  }
  return latest;
}
