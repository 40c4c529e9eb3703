import { ANALYSIS_CHARTS } from '../domain/chart-names.js';
import { BUDGET_METRICS, CORE_METRIC_IDS, METRIC_IDS, storedUnit } from '../domain/metrics.js';
import { resolveBudget, resolveLedger, type BudgetRules, type LedgerRules } from '../ledger/rules.js';
import type { AccountingConfig } from '../accounting/config.js';
import type { Benchmarks } from '../ledger/benchmarks.js';
import type { Actuals, RecordedAction } from '../actuals/types.js';
import type { ProjectTable } from '../domain/project-table.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { metricAtPrices } from '../domain/price-basis.js';
import { yearSeries, type YearSeries } from '../domain/year-series.js';
import { msg } from '../messages/messages.js';
import type { PolicyModule, ResolvedPolicy } from '../policies/types.js';
import { checkTargetYears, defaultFrom, targetSchema, type Target, type TargetSpec } from '../targets/schema.js';
import { DOMAINS, type Domain } from './domain.js';
import { resolveGridFactor, type GridFactorSpec } from './grid-factor.js';
import { resolveNumber, resolveParam, type Param, type ParamInput } from './param.js';
import { GROWTH_DEFAULTS, isSectorMap, type ScenarioSpec } from './schema.js';
import { parseWith } from './zod-issues.js';
import { withoutId } from './policy-ids.js';

/** A number that may differ by sector (GB/T 4754 division → parameter). */
export interface SectorParam {
  readonly default: Param;
  readonly bySector: ReadonlyMap<string, Param>;
}

/** The resolved scenario the engine runs: camelCase, typed, expressions evaluated. */
export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Paths of the files the scenario names, as the io layer resolved them. */
  readonly files: { readonly registry: string; readonly factors: string; readonly evaluation: string; readonly benchmarks?: string };
  readonly period: { readonly base: number; readonly end: number };
  readonly monteCarlo: { readonly draws: number; readonly seed: number };
  readonly confidence: number;
  readonly accounting: AccountingConfig;
  readonly growth: {
    readonly valueAdded: SectorParam;
    readonly energyElasticity: SectorParam;
    readonly efficiencyGain: SectorParam;
    readonly employmentElasticity: SectorParam;
    /** Yearly price change per sector (src/economy/economics.ts). */
    readonly price: SectorParam;
    /** Yearly relative change of the VA rate per sector. */
    readonly valueAddedRate: SectorParam;
    /** Yearly relative change of the tax rate (tax ÷ VA) per sector. */
    readonly taxRate: SectorParam;
  };
  /** The scenario's grid factor (src/scenario/grid-factor.ts); the factors file's series alone when absent. */
  readonly gridEmissionFactor?: GridFactorSpec;
  /** The scenario's grid non-fossil share of generation by year (`grid_non_fossil_share`; a constant is one point); absent: the factors file's. */
  readonly gridNonFossilShare?: YearSeries;
  readonly constants: ReadonlyMap<string, number>;
  readonly policies: readonly ResolvedPolicy[];
  readonly targets: readonly Target[];
  /** Monitoring settings (dcsim track). */
  readonly tracking: Tracking;
  /** The plan's indicators dcsim does not simulate, tracked against their plan values only. */
  readonly tracked: readonly TrackedIndicator[];
  /** What actually happened, up to `as_of` (src/actuals/); set by the io layer after resolve. */
  readonly actuals?: Actuals;
  /** The headroom ledger's rules (src/ledger/): pools kept for the metrics only without a `ledger:` block. */
  readonly ledger: LedgerRules;
  /** The yearly carbon budget (`carbon_budget:`), if any. */
  readonly budget?: BudgetRules;
  /** The `report:` block: the charts drawn after the targets' fans, when the scenario chooses them. */
  readonly report?: { readonly charts?: readonly string[] };
}

/** The scenario's `tracking:` block, defaults filled in. */
export interface Tracking {
  /** Green at or above this probability (undefined: each target's confidence). */
  readonly green?: number;
  /** Yellow at or above this probability, red below (default 0.5). */
  readonly yellow: number;
  /** Share of a year's flow expected by the end of month m (index m − 1); uniform m ÷ 12 by default. */
  readonly seasonalProfile: readonly number[];
}

/** A `tracked:` indicator: a plan value dcsim does not simulate. */
export interface TrackedIndicator {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly base: number;
  readonly year: number;
  readonly bound: 'at_least' | 'at_most';
  readonly goal: number;
  readonly flow: boolean;
}

/** The uniform seasonal profile: m ÷ 12 of a year's flow by the end of month m. */
export const UNIFORM_PROFILE: readonly number[] = Array.from({ length: 12 }, (_, m) => (m + 1) / 12);

/** What resolve needs besides the spec. */
export interface ResolveInput {
  readonly spec: ScenarioSpec;
  readonly files: Scenario['files'];
  readonly policyModules: readonly PolicyModule[];
  /** Index of an enterprise id in the registry (for named lists). */
  readonly enterpriseIndex: (id: string) => number | undefined;
  /** Tables read from the files policy entries name, by `<policy index>.<field>`. */
  readonly policyTables?: ReadonlyMap<string, ProjectTable>;
  /** The actions actually taken up to `as_of`, each with its policy's index (src/actuals/). */
  readonly recorded?: readonly RecordedAction[];
  /** The last year the actuals complete (src/actuals/period.ts lastCompleteYear). */
  readonly lastCompleteYear?: number;
  /** The benchmark levels the scenario's `benchmarks:` names, loaded by the io layer. */
  readonly benchmarks?: Benchmarks;
}

function resolveSectorParam(
  v: ParamInput | Record<string, ParamInput> | undefined,
  fallback: number,
  constants: ReadonlyMap<string, number>,
  path: ValuePath,
  issues: PathIssue[],
  domain: Domain,
): SectorParam {
  if (v === undefined) return { default: { kind: 'constant', value: fallback }, bySector: new Map() };
  if (!isSectorMap(v)) return { default: resolveParam(v, constants, path, issues, domain), bySector: new Map() };
  const bySector = new Map<string, Param>();
  for (const [k, p] of Object.entries(v)) if (k !== 'default') bySector.set(k, resolveParam(p, constants, [...path, k], issues, domain));
  const dflt =
    v.default !== undefined
      ? resolveParam(v.default, constants, [...path, 'default'], issues, domain)
      : { kind: 'constant' as const, value: fallback };
  return { default: dflt, bySector };
}

/**
 * Resolves a validated scenario spec (Parse → Spec → Resolved, DESIGN §9): evaluates constants
 * and expressions once, builds parameters in their domains, validates each policy entry with its
 * module's schema and each target with the targets schema, and checks years against the period.
 * With a scenario come its warnings (issues of severity 'warning'); errors come without one.
 */
/**
 * A target's goal (issue #14 §12): a growth (`cagr`), a change (`change`) or a fraction metric's
 * level is a fraction, so it may be written as a percentage (`at_most: -18%` → −0.18); elsewhere a
 * percentage is refused. A fraction goal that cannot happen — a change or growth of −100 % or less,
 * a fraction metric outside 0–1 — is the percent-for-fraction slip (`at_most: -18` for −18 %):
 * refused with both ways to write it.
 */
function resolveGoal(
  t: TargetSpec,
  bound: 'at_least' | 'at_most',
  constants: ReadonlyMap<string, number>,
  path: ValuePath,
  issues: PathIssue[],
): number {
  const ratio = t.kind === 'change' || t.kind === 'cagr';
  const fraction = ratio || storedUnit(t.metric) === 'fraction';
  const what = ratio ? `a ${t.kind === 'cagr' ? 'growth rate' : 'change'} of ${t.metric}` : t.metric;
  const goal = resolveNumber(t[bound] as number | string, constants, path, issues, { allowed: fraction, what });
  if (Number.isFinite(goal) && fraction && (ratio ? goal <= -1 : goal < 0 || goal > 1))
    issues.push({ path, code: 'target/impossible', message: msg.goalImpossibleRatio(goal, what) });
  return goal;
}

export function resolveScenario(input: ResolveInput): { scenario?: Scenario; issues: PathIssue[] } {
  const { spec } = input;
  const issues: PathIssue[] = [];
  const { base, end } = spec.period;
  if (end <= base) issues.push({ path: ['period', 'end'], code: 'scenario/period', message: msg.periodOrder(base, end) });

  const constants = new Map<string, number>();
  for (const [k, v] of Object.entries(spec.constants)) constants.set(k, resolveNumber(v, constants, ['constants', k], issues));

  const g = spec.growth;
  const growth: Scenario['growth'] = {
    valueAdded: resolveSectorParam(
      g.value_added,
      GROWTH_DEFAULTS.value_added,
      constants,
      ['growth', 'value_added'],
      issues,
      DOMAINS.growth,
    ),
    energyElasticity: resolveSectorParam(
      g.energy_elasticity,
      GROWTH_DEFAULTS.energy_elasticity,
      constants,
      ['growth', 'energy_elasticity'],
      issues,
      DOMAINS.energyElasticity,
    ),
    efficiencyGain: resolveSectorParam(
      g.efficiency_gain,
      GROWTH_DEFAULTS.efficiency_gain,
      constants,
      ['growth', 'efficiency_gain'],
      issues,
      DOMAINS.efficiencyGain,
    ),
    employmentElasticity: resolveSectorParam(
      g.employment_elasticity,
      GROWTH_DEFAULTS.employment_elasticity,
      constants,
      ['growth', 'employment_elasticity'],
      issues,
      DOMAINS.employmentElasticity,
    ),
    price: resolveSectorParam(g.price, GROWTH_DEFAULTS.price, constants, ['growth', 'price'], issues, DOMAINS.priceChange),
    valueAddedRate: resolveSectorParam(
      g.value_added_rate,
      GROWTH_DEFAULTS.value_added_rate,
      constants,
      ['growth', 'value_added_rate'],
      issues,
      DOMAINS.rateChange,
    ),
    taxRate: resolveSectorParam(g.tax_rate, GROWTH_DEFAULTS.tax_rate, constants, ['growth', 'tax_rate'], issues, DOMAINS.rateChange),
  };
  const gridEmissionFactor =
    spec.grid_emission_factor === undefined
      ? undefined
      : resolveGridFactor(spec.grid_emission_factor, constants, end, ['grid_emission_factor'], issues);

  const share = spec.grid_non_fossil_share;
  const gridNonFossilShare =
    share === undefined ? undefined : typeof share === 'number' ? yearSeries({ [base]: share }) : yearSeries(share);

  const policies: ResolvedPolicy[] = [];
  const known = input.policyModules.map((m) => m.type);
  spec.policies.forEach((entry, i) => {
    const path: ValuePath = ['policies', i];
    const module = input.policyModules.find((m) => m.type === entry.type);
    if (!module) {
      issues.push({
        path: [...path, ...(entry.type === undefined ? [] : ['type'])],
        code: 'scenario/unknown-policy',
        message: msg.unknownPolicyType(entry.type, known),
      });
      return;
    }
    // `id` names the policy for `extends` (src/scenario/policy-ids.ts), not a setting of it
    const parsed = parseWith(module.schema, withoutId(entry), path);
    issues.push(...parsed.issues);
    if (parsed.value === undefined) return;
    const table = (field: string) => input.policyTables?.get(`${i}.${field}`);
    const recorded = (input.recorded ?? []).filter((a) => a.policyIndex === i);
    const r = module.resolve(
      parsed.value,
      {
        base,
        end,
        constants,
        enterpriseIndex: input.enterpriseIndex,
        table,
        recorded,
        ...(input.lastCompleteYear !== undefined ? { lastCompleteYear: input.lastCompleteYear } : {}),
        ...(input.benchmarks ? { benchmarks: input.benchmarks } : {}),
      },
      path,
    );
    issues.push(...r.issues);
    policies.push({ module, params: r.params });
  });

  const targets: Target[] = [];
  const seen = new Set<string>();
  spec.targets.forEach((entry, i) => {
    const path: ValuePath = ['targets', i];
    const parsed = parseWith(targetSchema, entry, path);
    issues.push(...parsed.issues);
    const t = parsed.value;
    if (!t) return;
    if (seen.has(t.id)) issues.push({ path: [...path, 'id'], code: 'target/duplicate-id', message: msg.duplicateTargetId(t.id) });
    seen.add(t.id);
    issues.push(...checkTargetYears(t, base, end, path));
    const bound = t.at_least !== undefined ? 'at_least' : 'at_most';
    const goal = resolveGoal(t, bound, constants, [...path, bound], issues);
    targets.push({
      id: t.id,
      label: t.label ?? t.id,
      metric: t.prices === undefined ? t.metric : (metricAtPrices(t.metric, t.prices) ?? t.metric),
      kind: t.kind,
      from: t.from ?? defaultFrom(t.kind, base),
      year: t.year,
      bound,
      goal,
      confidence: t.confidence ?? spec.confidence,
      ...(t.path
        ? {
            path: Object.entries(t.path)
              .map(([year, value]) => ({ year: Number(year), value }))
              .sort((a, b) => a.year - b.year),
          }
        : {}),
    });
  });

  const ledger = resolveLedger(spec.ledger);
  const budget = resolveBudget(spec.carbon_budget, base, end, ['carbon_budget'], issues);
  targets.forEach((t, i) => {
    if (BUDGET_METRICS.includes(t.metric) && spec.carbon_budget === undefined)
      issues.push({ path: ['targets', i, 'metric'], code: 'target/budget', message: msg.budgetMetricWithoutBudget(t.metric) });
  });

  const tracking = resolveTracking(spec, issues);
  const tracked = resolveTracked(spec, targets, base, end, issues);
  const report = spec.report === undefined ? undefined : resolveReport(spec.report, budget !== undefined, issues);

  if (issues.some((i) => i.severity !== 'warning')) return { issues };
  return {
    scenario: {
      name: spec.name,
      title: spec.title ?? spec.name,
      description: spec.description ?? '',
      files: input.files,
      period: { base, end },
      monteCarlo: spec.monte_carlo,
      confidence: spec.confidence,
      accounting: {
        electricityBasis: spec.accounting.electricity_basis,
        excludeFeedstock: spec.accounting.exclude_feedstock,
        excludeRenewables: spec.accounting.exclude_renewables,
        carbonBoundary: spec.accounting.boundary,
      },
      growth,
      gridEmissionFactor,
      ...(gridNonFossilShare ? { gridNonFossilShare } : {}),
      constants,
      policies,
      targets,
      tracking,
      tracked,
      ledger,
      ...(budget ? { budget } : {}),
      ...(report ? { report } : {}),
    },
    issues,
  };
}

/** Checks `report.charts`: each an analysis chart id or a metric of the run's layout (the budget's only with a budget). */
function resolveReport(
  report: NonNullable<ScenarioSpec['report']>,
  hasBudget: boolean,
  issues: PathIssue[],
): NonNullable<Scenario['report']> {
  const metrics = hasBudget ? METRIC_IDS : CORE_METRIC_IDS;
  const known: readonly string[] = [...ANALYSIS_CHARTS, ...metrics];
  (report.charts ?? []).forEach((name, i) => {
    if (!known.includes(name))
      issues.push({ path: ['report', 'charts', i], code: 'report/chart', message: msg.reportChartUnknown(name, ANALYSIS_CHARTS, metrics) });
  });
  return report.charts ? { charts: [...report.charts] } : {};
}

/** Resolves `tracking:`: thresholds in order (yellow below green), a rising seasonal profile ending at 1. */
function resolveTracking(spec: ScenarioSpec, issues: PathIssue[]): Tracking {
  const t = spec.tracking;
  const yellow = t?.warning?.yellow ?? 0.5;
  const green = t?.warning?.green;
  if (green !== undefined && yellow >= green)
    issues.push({
      path: ['tracking', 'warning', 'yellow'],
      code: 'tracking/thresholds',
      message: msg.warningThresholdOrder(yellow, green),
    });
  const profile = t?.seasonal_profile ?? UNIFORM_PROFILE;
  if (t?.seasonal_profile) {
    const falls = profile.findIndex((v, i) => i > 0 && v < profile[i - 1]);
    if (falls >= 0 || Math.abs(profile[11] - 1) > 1e-9)
      issues.push({ path: ['tracking', 'seasonal_profile'], code: 'tracking/profile', message: msg.seasonalProfile() });
  }
  return { yellow, ...(green !== undefined ? { green } : {}), seasonalProfile: profile };
}

/** Resolves `tracked:` indicators: one bound, a year in the period, ids unique among targets and indicators. */
function resolveTracked(
  spec: ScenarioSpec,
  targets: readonly Target[],
  base: number,
  end: number,
  issues: PathIssue[],
): TrackedIndicator[] {
  const ids = new Set(targets.map((t) => t.id));
  return spec.tracked.flatMap((t, i) => {
    const path: ValuePath = ['tracked', i];
    if (ids.has(t.id)) issues.push({ path: [...path, 'id'], code: 'target/duplicate-id', message: msg.duplicateTargetId(t.id) });
    ids.add(t.id);
    if ((t.at_least === undefined) === (t.at_most === undefined))
      issues.push({ path, code: 'tracked/bound', message: t.at_least === undefined ? msg.targetNoBound() : msg.targetBothBounds() });
    if (t.year <= base || t.year > end)
      issues.push({ path: [...path, 'year'], code: 'target/year', message: msg.yearOutsidePeriod(t.year, base + 1, end, 'year') });
    return [
      {
        id: t.id,
        label: t.label ?? t.id,
        unit: t.unit ?? '',
        base: t.base,
        year: t.year,
        bound: t.at_least !== undefined ? ('at_least' as const) : ('at_most' as const),
        goal: (t.at_least ?? t.at_most)!,
        flow: t.flow,
      },
    ];
  });
}
