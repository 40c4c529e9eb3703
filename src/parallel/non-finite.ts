import { RATIO_METRICS } from '../domain/metrics.js';
import { msg } from '../messages/messages.js';
import type { DrawRunResult } from './runner.js';

/**
 * Ratio metrics whose NaN means an empty denominator (no 规上 firm, no land, no VA left in a
 * draw): the run stops as for any other non-finite number — a draw is never left out of the
 * quantiles in silence — but the message says what emptied the ratio.
 */
const UNDEFINED_WHEN_EMPTY: ReadonlySet<string> = new Set(RATIO_METRICS);

/** The event fields written to events.csv as numbers. */
const EVENT_NUMBERS = [
  'vacatedEnergyTce',
  'co2ReductionT',
  'vacatedLandMu',
  'newProjectEnergyTce',
  'shortfallFirms',
  'pendingSavingTce',
] as const;

/**
 * A draw produced a number that is not finite: the run stops (exit 2) and names the draw, year,
 * metric and that draw's sampled `per: draw` parameters, instead of dropping the draw from the
 * quantiles (issue #9 item 4).
 */
export class NonFiniteResult extends Error {
  constructor(
    readonly draw: number,
    readonly year: number,
    readonly metric: string,
    readonly value: number,
    readonly params: readonly (readonly [string, number])[],
    emptyDenominator = false,
  ) {
    super(emptyDenominator ? msg.undefinedRatio(draw, year, metric, params) : msg.nonFiniteResult(draw, year, metric, value, params));
  }
}

/** What a run of draws returns, as far as the check needs it. */
export type DrawRows = Omit<DrawRunResult, 'names'>;

/**
 * Checks every metric of every draw and every recorded event; throws {@link NonFiniteResult}
 * for the first number that is not finite (draws in the order run, then metrics, then years).
 */
export function assertFiniteRows(rows: DrawRows, draws: readonly number[]): void {
  const { layout, drawSize, values, paramNames, params } = rows;
  const Y = layout.years.length;
  const P = paramNames.length;
  const paramsOf = (i: number) => paramNames.map((name, j) => [name, params[i * P + j]] as const);
  for (let i = 0; i < draws.length; i++) {
    const offset = i * drawSize;
    for (let k = 0; k < drawSize; k++) {
      const v = values[offset + k];
      if (Number.isFinite(v)) continue;
      const metric = layout.ids[Math.floor(k / Y)];
      throw new NonFiniteResult(draws[i], layout.years[k % Y], metric, v, paramsOf(i), Number.isNaN(v) && UNDEFINED_WHEN_EMPTY.has(metric));
    }
  }
  for (const e of rows.events) {
    for (const f of EVENT_NUMBERS) {
      const v = e[f];
      if (Number.isFinite(v)) continue;
      const i = draws.indexOf(e.draw);
      throw new NonFiniteResult(
        e.draw,
        e.year,
        `events.csv ${f} of ${rows.ids[e.enterprise] ?? e.enterprise}`,
        v,
        i < 0 ? [] : paramsOf(i),
      );
    }
  }
}
