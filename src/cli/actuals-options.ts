import type { ScenarioLoadOptions } from '../io/scenario-load.js';

/** The scenario loader's options from `--actuals` and `--as-of` (run, compare, seek, validate, track). */
export function actualsOptions(o: { actuals?: string; asOf?: string }): ScenarioLoadOptions {
  return { ...(o.actuals !== undefined ? { actuals: o.actuals } : {}), ...(o.asOf !== undefined ? { asOf: o.asOf } : {}) };
}
