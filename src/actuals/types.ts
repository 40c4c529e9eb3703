import type { MetricId } from '../domain/metrics.js';

/**
 * What actually happened (issue #12, README "Actuals and tracking"): the district's observed
 * values and the actions it actually took, as read from the actuals file(s) and checked against
 * the scenario and its registry. Plain data: it travels to workers with the scenario.
 */

/** A period of an observation: a year (`2023`), a quarter (`2023-Q3`) or a month (`2023-09`). */
export interface Period {
  readonly year: number;
  /** The last month the period covers, 1–12 (a year: 12; 2023-Q3: 9). */
  readonly month: number;
  readonly kind: 'year' | 'quarter' | 'month';
  /** As written canonically: `2023`, `2023-Q3`, `2023-09`. */
  readonly text: string;
}

/** Where a value of the actuals came from, for messages and the audit trail. */
export interface SourceRow {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
}

/**
 * An observed value. `scope` is `district`, `above_scale`, `town:<name>` or `park:<name>`
 * (names as in the registry). A flow (vacated energy, CO2 cut, land, new-project energy) for a
 * sub-annual period is the amount in that period; a level (energy, VA …) for a sub-annual period
 * is year-to-date. `value` is in the metric's stored unit (src/domain/metrics.ts storedUnit),
 * converted from the file's `unit` column when one is given. `metric` is a dcsim metric id, or
 * the id of a `tracked:` indicator of the scenario (`tracked` true).
 */
export interface Observation {
  readonly metric: MetricId | string;
  readonly tracked: boolean;
  readonly scope: string;
  readonly period: Period;
  readonly value: number;
  readonly source: string;
  readonly at: SourceRow;
}

/**
 * An action the district actually took: a firm (registry id) or a landed project (its id in the
 * policy's pipeline) disposed of by a policy of the scenario in a year. `policy` is the policy's
 * key in the scenario (`rectification`, `rectification-2` …), resolved from the file's policy
 * column (a key, a type when unambiguous, or the policy's Chinese label).
 */
export interface RecordedAction {
  readonly year: number;
  /** Month of the action's date, 1–12 (12 when the file gives no date). */
  readonly month: number;
  readonly enterpriseId: string;
  readonly policy: string;
  /** Index of the policy in the scenario. */
  readonly policyIndex: number;
  /** One of the policy module's recordable actions ({@link PolicyModule.actions}). */
  readonly action: string;
  /** Observed energy saving of a saving disposition, as a share of the firm's process energy. */
  readonly energySaving?: number;
  /** Observed energy saving, tce (turned into a share of the firm's process energy when replayed). */
  readonly savingTce?: number;
  readonly date?: string;
  readonly note?: string;
  readonly at: SourceRow;
}

/** The actuals of a scenario, checked, with the `as_of` they are used up to. */
export interface Actuals {
  readonly values: readonly Observation[];
  readonly actions: readonly RecordedAction[];
  /** Observations and actions after this period are ignored by the run (scenario `as_of`, default: the latest period in the files). */
  readonly asOf: Period;
  /** The files read (absolute paths), for the manifest. */
  readonly files: readonly string[];
}
