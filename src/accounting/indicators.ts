import type { EnterpriseTable } from '../domain/enterprise-table.js';

/** The economic columns the plan's indicators are computed from; `active` (1 = operating) is optional. */
export type EconomicColumns = Pick<EnterpriseTable, 'n' | 'aboveScale' | 'landMu' | 'output' | 'valueAdded' | 'tax' | 'employees'> & {
  readonly active?: Uint8Array;
};

/** Totals and the plan's ratio indicators of the 规上 firms (DOMAIN §2; ratios as fractions). */
export interface AboveScaleIndicators {
  enterprises: number;
  /** 万元 */
  valueAdded: number;
  /** 万元 */
  output: number;
  /** 万元 */
  tax: number;
  landMu: number;
  employees: number;
  /** VA ÷ gross output (0.233 = 23.3 %). */
  valueAddedRate: number;
  /** Tax ÷ land, 万元/亩. */
  taxPerMu: number;
  /** VA ÷ land, 万元/亩. */
  valueAddedPerMu: number;
  /** VA ÷ employees, 万元 per person. */
  laborProductivity: number;
}

/** A record of zero sums, its ratios not yet computed. */
export function emptyIndicators(): AboveScaleIndicators {
  return {
    enterprises: 0,
    valueAdded: 0,
    output: 0,
    tax: 0,
    landMu: 0,
    employees: 0,
    valueAddedRate: Number.NaN,
    taxPerMu: Number.NaN,
    valueAddedPerMu: Number.NaN,
    laborProductivity: Number.NaN,
  };
}

/** Sets the plan's ratio indicators from the sums of `r` (NaN where a denominator is not positive); returns `r`. */
export function withRatios(r: AboveScaleIndicators): AboveScaleIndicators {
  const div = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  r.valueAddedRate = div(r.valueAdded, r.output);
  r.taxPerMu = div(r.tax, r.landMu);
  r.valueAddedPerMu = div(r.valueAdded, r.landMu);
  r.laborProductivity = div(r.valueAdded, r.employees);
  return r;
}

/** Sums the 规上 firms and returns the plan's ratio indicators (the plan defines them on 规上 industry). */
export function aboveScaleIndicators(cols: EconomicColumns): AboveScaleIndicators {
  const r = emptyIndicators();
  for (let e = 0; e < cols.n; e++) {
    if (cols.aboveScale[e] !== 1 || (cols.active !== undefined && cols.active[e] !== 1)) continue;
    r.enterprises++;
    r.valueAdded += cols.valueAdded[e];
    r.output += cols.output[e];
    r.tax += cols.tax[e];
    r.landMu += cols.landMu[e];
    r.employees += cols.employees[e];
  }
  return withRatios(r);
}
