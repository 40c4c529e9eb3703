import { z } from 'zod';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { yearSeries, type YearSeries } from '../domain/year-series.js';
import { msg } from '../messages/messages.js';

/** The quantities the headroom ledger keeps a pool of: energy (tce, dual-control basis), CO2 (t), land (mu). */
export const QUANTITIES = ['energy', 'co2', 'land'] as const;
export type Quantity = (typeof QUANTITIES)[number];

const yearMap = z.record(z.string().regex(/^\d{4}$/, 'years are written 2026, 2027 …'), z.number());

/**
 * The scenario's `ledger:` block (腾笼换鸟 proper, DOMAIN §8): vacated energy, CO2 and land feed
 * pools year by year, and a new project starts only when the binding pools cover its need at
 * full capacity × the replacement ratio of its class (等量替代 1.0, 减量替代 above 1).
 */
export const ledgerSchema = z.strictObject({
  /** The quantities a project must find in the pools (default: energy). */
  binding: z.array(z.enum(QUANTITIES)).min(1).default(['energy']),
  /** Pool drawn per unit of a project's need, by class: `default`, and `two_high` for projects in the two-high divisions (C25 C26 C30 C31 C32 D44). */
  replacement: z
    .strictObject({ default: z.number().positive().default(1), two_high: z.number().positive().optional() })
    .default({ default: 1 }),
  /** A quantity vacated in year v can be drawn in years v … v + N − 1 (default: until the period's end). */
  vintage_years: z.int().min(1).optional(),
  /** A project that does not fit waits at most this many years after its due year, then is rejected (default 2). */
  max_defer_years: z.int().min(0).default(2),
  /** The pools at the base year's end (headroom carried over from before the period). */
  opening: z
    .strictObject({ energy_tce: z.number().default(0), co2_t: z.number().default(0), land_mu: z.number().default(0) })
    .default({ energy_tce: 0, co2_t: 0, land_mu: 0 }),
});
export type LedgerSpec = z.infer<typeof ledgerSchema>;

/**
 * The scenario's `carbon_budget:` block (碳排放预算管理, 国办发〔2024〕39号): a yearly cap on the
 * district's CO2 on its boundary, given as `cap_t` (a year series, t) or as a base level
 * (`base_t`; default each draw's base-year CO2) with a relative path (`change`, e.g.
 * `{2030: -0.05}`, linear from 0 in the base year).
 */
export const budgetSchema = z.strictObject({
  cap_t: yearMap.optional(),
  base_t: z.number().positive().optional(),
  change: yearMap.optional(),
  /** Unused budget of a year is added to the next year's (overshoot is not borrowed); default false. */
  carry_over: z.boolean().default(false),
});
export type BudgetSpec = z.infer<typeof budgetSchema>;

/** The ledger's rules, resolved. */
export interface LedgerRules {
  /** Whether the scenario has a `ledger:` block: without one the pools are kept (metrics) but never hold a project back. */
  readonly gating: boolean;
  readonly binding: readonly Quantity[];
  readonly replacement: { readonly default: number; readonly twoHigh: number };
  readonly vintageYears: number;
  readonly maxDeferYears: number;
  /** Opening pools [energy tce, CO2 t, land mu]. */
  readonly opening: readonly [number, number, number];
}

/** The carbon budget, resolved: an absolute cap series, or a base (undefined: the draw's base-year CO2) with a relative change series. */
export type BudgetRules =
  | { readonly kind: 'cap'; readonly capT: YearSeries; readonly carryOver: boolean }
  | { readonly kind: 'change'; readonly baseT?: number; readonly change: YearSeries; readonly carryOver: boolean };

/** The pools without a `ledger:` block: kept for the metrics, at 1 : 1, no expiry; nothing binds. */
export const TRACKING_LEDGER: LedgerRules = {
  gating: false,
  binding: [],
  replacement: { default: 1, twoHigh: 1 },
  vintageYears: Infinity,
  maxDeferYears: 2, // a carbon budget without a ledger block defers as the schema's default does
  opening: [0, 0, 0],
};

/** Resolves `ledger:` (absent: {@link TRACKING_LEDGER}). */
export function resolveLedger(spec: LedgerSpec | undefined): LedgerRules {
  if (!spec) return TRACKING_LEDGER;
  return {
    gating: true,
    binding: [...new Set(spec.binding)],
    replacement: { default: spec.replacement.default, twoHigh: spec.replacement.two_high ?? spec.replacement.default },
    vintageYears: spec.vintage_years ?? Infinity,
    maxDeferYears: spec.max_defer_years,
    opening: [spec.opening.energy_tce, spec.opening.co2_t, spec.opening.land_mu],
  };
}

/** Resolves `carbon_budget:`; exactly one of `cap_t` and `change` (with optional `base_t`), years inside the period. */
export function resolveBudget(
  spec: BudgetSpec | undefined,
  base: number,
  end: number,
  path: ValuePath,
  issues: PathIssue[],
): BudgetRules | undefined {
  if (!spec) return undefined;
  const check = (points: Record<string, number>, key: string) => {
    for (const y of Object.keys(points).map(Number))
      if (y < base || y > end)
        issues.push({
          path: [...path, key, String(y)],
          code: 'budget/year',
          message: msg.yearOutsidePeriod(y, base, end, 'carbon_budget year'),
        });
  };
  if (spec.cap_t !== undefined && (spec.change !== undefined || spec.base_t !== undefined)) {
    issues.push({ path: [...path, 'cap_t'], code: 'budget/form', message: msg.budgetForm() });
    return undefined;
  }
  if (spec.cap_t !== undefined) {
    check(spec.cap_t, 'cap_t');
    if (Object.keys(spec.cap_t).length === 0) issues.push({ path: [...path, 'cap_t'], code: 'budget/form', message: msg.budgetForm() });
    for (const [y, v] of Object.entries(spec.cap_t))
      if (!(v > 0)) issues.push({ path: [...path, 'cap_t', y], code: 'budget/value', message: msg.budgetNotPositive(v) });
    return { kind: 'cap', capT: yearSeries(spec.cap_t), carryOver: spec.carry_over };
  }
  if (spec.change === undefined) {
    issues.push({ path, code: 'budget/form', message: msg.budgetForm() });
    return undefined;
  }
  check(spec.change, 'change');
  for (const [y, v] of Object.entries(spec.change))
    if (!(v > -1)) issues.push({ path: [...path, 'change', y], code: 'budget/value', message: msg.budgetChange(v) });
  // linear from no change in the base year, unless the base year is given
  const points = { [base]: 0, ...spec.change };
  return {
    kind: 'change',
    ...(spec.base_t !== undefined ? { baseT: spec.base_t } : {}),
    change: yearSeries(points),
    carryOver: spec.carry_over,
  };
}
