import { accountOne, createOneAccount, createYearCoefficients, setYear } from '../accounting/account-one.js';
import type { AccountingConfig } from '../accounting/config.js';
import type { Factors } from '../accounting/factors.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import { stats, type Stats } from './aggregate.js';
import { metricIndex, type MetricLayout } from './metrics.js';
import { TWO_HIGH_DIVISIONS } from '../policies/two-high-review.js';
import { meetsTarget, targetValue } from '../targets/evaluate.js';
import type { Target } from '../targets/schema.js';
import type { BudgetRules, LedgerRules } from '../ledger/rules.js';

/** A project at full capacity in one year, as the ledger sees it. */
export interface FullCapacity {
  readonly year: number;
  /** Dual-control energy (feedstock excluded on the scenario's switches), tce; a national major project's too (it draws none). */
  readonly energyTce: number;
  /** CO2 on the firm boundary, t. */
  readonly co2T: number;
  readonly landMu: number;
  readonly twoHigh: boolean;
  readonly nationalMajor: boolean;
}

/**
 * A pipeline project's energy, CO2 and land at full capacity in `year`, with that year's
 * coefficients (electricity basis) and grid factor `gridTPerMwh` — what the project's admission
 * draws on (src/policies/new-projects.ts measures the same in the run).
 */
export function fullCapacity(
  table: EnterpriseTable,
  row: number,
  factors: Factors,
  accounting: AccountingConfig,
  year: number,
  gridTPerMwh: number,
): FullCapacity {
  const k = createYearCoefficients(factors, accounting);
  setYear(k, factors, accounting, year, gridTPerMwh);
  const one = createOneAccount();
  accountOne(table, row, k, one);
  return {
    year,
    energyTce: one.dualControlTce,
    co2T: one.co2T,
    landMu: table.landMu[row],
    twoHigh: TWO_HIGH_DIVISIONS.includes(table.sectors[table.sector[row]].slice(0, 3)),
    nationalMajor: table.nationalMajor[row] === 1,
  };
}

/** What the ledger asks of a project: its need × the replacement ratio of its class (land 1 : 1; energy 0 for a national major project). */
export function replacementNeed(p: FullCapacity, rules: LedgerRules): { energyTce: number; co2T: number; landMu: number; ratio: number } {
  const ratio = p.twoHigh ? rules.replacement.twoHigh : rules.replacement.default;
  return { energyTce: p.nationalMajor ? 0 : p.energyTce * ratio, co2T: p.co2T * ratio, landMu: p.landMu, ratio };
}

/** Per-draw rows of a run (its layout and metric values). */
export interface DrawRows {
  readonly layout: MetricLayout;
  readonly values: Float64Array;
}

const series = (run: DrawRows, id: string, year: number, d: number): number => {
  const Y = run.layout.years.length;
  const m = metricIndex(run.layout, id);
  if (m < 0) return Number.NaN;
  return run.values[d * run.layout.ids.length * Y + m * Y + (year - run.layout.years[0])];
};

/** The share of draws a project fits in a year, and the P50 of what is short in each binding pool and the budget. */
export interface FitYear {
  readonly year: number;
  readonly share: number;
  /** P50 over the draws of need − what is there (0 where it fits), by metric: `energy_headroom_tce`, `co2_pool_t`, `land_pool_mu`, `carbon_headroom_t`. */
  readonly short: Readonly<Record<string, number>>;
}

/**
 * The share of draws in which the project would fit in `year` on what the run without it left at
 * that year's end (after every other project of the year: the project comes last): each binding
 * pool holds its need × ratio, and with a budget the year's budget headroom holds its CO2 at full
 * capacity; with the P50 of each shortfall (what must still be vacated, or the budget raised).
 * Without a `ledger:` block or a budget nothing holds a project back: it always fits.
 */
export function fitYear(without: DrawRows, draws: number, p: FullCapacity, rules: LedgerRules, budget: BudgetRules | undefined): FitYear {
  const need = replacementNeed(p, rules);
  const pools: [string, number][] = [];
  if (rules.gating)
    for (const q of rules.binding)
      pools.push(
        q === 'energy' ? ['energy_headroom_tce', need.energyTce] : q === 'co2' ? ['co2_pool_t', need.co2T] : ['land_pool_mu', need.landMu],
      );
  if (budget) pools.push(['carbon_headroom_t', p.co2T]);
  const shorts = pools.map(() => new Float64Array(draws));
  let fits = 0;
  for (let d = 0; d < draws; d++) {
    let ok = true;
    pools.forEach(([id, v], i) => {
      const s = Math.max(0, v - series(without, id, p.year, d));
      shorts[i][d] = s;
      if (s > 1e-9) ok = false;
    });
    if (ok) fits++;
  }
  return {
    year: p.year,
    share: fits / draws,
    short: Object.fromEntries(pools.map(([id], i) => [id, stats(shorts[i])?.p50 ?? Number.NaN])),
  };
}

/** A target without and with the project: probability of meeting it, P50 of the value, and the paired change. */
export interface TargetEffect {
  readonly id: string;
  readonly label: string;
  readonly without: { readonly probability: number; readonly p50: number };
  readonly with: { readonly probability: number; readonly p50: number };
  /** Per-draw difference (with − without) of the target's value, summarised. */
  readonly change: Pick<Stats, 'p10' | 'p50' | 'p90'>;
}

/** Compares each target between two runs on common random numbers (draw i of each on the same streams). */
export function targetEffects(targets: readonly Target[], without: DrawRows, withIt: DrawRows, draws: number): TargetEffect[] {
  return targets.map((t) => {
    const a = new Float64Array(draws);
    const b = new Float64Array(draws);
    const diff = new Float64Array(draws);
    let metA = 0;
    let metB = 0;
    for (let d = 0; d < draws; d++) {
      a[d] = targetValue(t, (y) => series(without, t.metric, y, d));
      b[d] = targetValue(t, (y) => series(withIt, t.metric, y, d));
      diff[d] = b[d] - a[d];
      if (meetsTarget(t, a[d])) metA++;
      if (meetsTarget(t, b[d])) metB++;
    }
    const s = stats(diff)!;
    return {
      id: t.id,
      label: t.label,
      without: { probability: metA / draws, p50: stats(a)!.p50 },
      with: { probability: metB / draws, p50: stats(b)!.p50 },
      change: { p10: s.p10, p50: s.p50, p90: s.p90 },
    };
  });
}

/** A metric of one year in both runs: P50 without and with, and the P50 of the paired difference. */
export function metricEffect(
  without: DrawRows,
  withIt: DrawRows,
  id: string,
  year: number,
  draws: number,
): { without: number; with: number; change: number } | null {
  if (metricIndex(without.layout, id) < 0 || metricIndex(withIt.layout, id) < 0) return null;
  const a = Float64Array.from({ length: draws }, (_, d) => series(without, id, year, d));
  const b = Float64Array.from({ length: draws }, (_, d) => series(withIt, id, year, d));
  const diff = b.map((v, d) => v - a[d]);
  return { without: stats(a)!.p50, with: stats(b)!.p50, change: stats(diff)!.p50 };
}
