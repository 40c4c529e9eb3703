import { z } from 'zod';
import { CARRIERS } from '../domain/carriers.js';
import type { EnterpriseTable } from '../domain/enterprise-table.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import type { ProjectTable } from '../domain/project-table.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import type { Rng } from '../random/rng.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, paramValue, type Param } from '../scenario/param.js';
import { admissionTests, outcomesText, type AdmissionRules, type ProductFacts } from '../ledger/admission.js';
import { resolveProduct, type ProjectProduct } from '../ledger/benchmarks.js';
import { PolicyParam, resolveOptional, resolveYears, yearsSchema } from './common.js';
import { TWO_HIGH_DIVISIONS } from './two-high-review.js';
import type { PolicyModule, PolicyResolveContext, PolicyState } from './types.js';

const schema = z.strictObject({
  type: z.literal('new_projects'),
  /**
   * Project table (CSV/XLSX) of signed projects: the registry's columns (carriers or energy_tce,
   * feedstock_tce, process_co2_t …) plus start_year, ramp and national_major.
   */
  pipeline: z.string().min(1).optional(),
  /**
   * Ramp-up of every project of this entry whose table gives none (and of generated ones): share
   * of full capacity in its first, second … year; 1 after the list. Default: full from the start.
   */
  ramp: z.array(z.number().gt(0).max(1)).min(1).optional(),
  /** Projects generated each year from distributions (per: enterprise gives each project its own draw). */
  generated: z
    .strictObject({
      years: yearsSchema,
      /** Projects a year: a number or a year series (not a distribution: it sizes the state). */
      per_year: paramSchema({ perEnterprise: false }),
      sector: z.string().default('C39'),
      /** Gross energy per project, tce (split between electricity and natural gas). */
      energy_tce: paramSchema(),
      electricity_share: paramSchema().optional(),
      /** Value added per project, 万元. */
      value_added: paramSchema(),
      /** VA ÷ gross output. */
      value_added_rate: paramSchema().optional(),
      /** Tax ÷ VA. */
      tax_rate: paramSchema().optional(),
      land_mu: paramSchema(),
      /** VA per employee, 万元. */
      labor_productivity: paramSchema().optional(),
    })
    .optional(),
  /** Admission standards (节能审查 and 项目碳评价, src/ledger/admission.ts): a project that fails any is rejected and never starts. */
  admission: z
    .strictObject({
      min_tax_per_mu: z.number().nonnegative().optional(),
      /** Dual-control energy per 万元 VA at full capacity, tce (feedstock excluded; not applied to national major projects). */
      max_energy_intensity: z.number().nonnegative().optional(),
      /** CO2 on the firm boundary (scope 1 + 2) per 万元 VA at full capacity, t (every project, national major ones too). */
      max_carbon_intensity: z.number().nonnegative().optional(),
      /**
       * Energy per t of product at full capacity at or below this level of the scenario's
       * `benchmarks:` file (标杆 benchmark or 基准 baseline), for pipeline projects with a product.
       */
      benchmark: z.enum(['benchmark', 'baseline']).optional(),
    })
    .default({}),
  /**
   * What-if per pipeline project id (dcsim admit writes these): a start year, and `admission`:
   * `ledger` (default: tested and admitted as any project), `force` (starts in its year without
   * the tests or the ledger's consent, drawing the pools, which may go below zero) or `never`
   * (not in this scenario); `national_major` lists its energy apart (能耗单列) or not.
   */
  overrides: z
    .record(
      z.string().min(1),
      z.strictObject({
        start_year: z.int().optional(),
        admission: z.enum(['ledger', 'force', 'never']).default('ledger'),
        /** 能耗单列: the project's energy is listed apart from the district's (发改环资〔2021〕1310号), whatever its row says. */
        national_major: z.boolean().optional(),
      }),
    )
    .default({}),
});
type Spec = z.infer<typeof schema>;

/** How a pipeline project is admitted (`overrides:`): 0 tested and asked of the ledger, 1 forced, 2 never. */
const ADMISSION_MODE = { ledger: 0, force: 1, never: 2 } as const;

/** The pipeline's projects: a table at full capacity, with each one's start year, division and ramp-up. */
interface Pipeline {
  readonly table: EnterpriseTable;
  readonly ids: readonly string[];
  readonly divisions: readonly string[];
  readonly startYear: readonly number[];
  /** Ramp-up of each project (empty: full from the start). */
  readonly ramp: readonly (readonly number[])[];
  /** Each project's product for the benchmark test (undefined: none, or no benchmarks file). */
  readonly products: readonly (ProjectProduct | undefined)[];
}

interface Generated {
  readonly years: [number, number];
  readonly perYear: Param;
  readonly division: string;
  readonly energyTce: Param;
  readonly electricityShare: Param;
  readonly valueAdded: Param;
  readonly valueAddedRate: Param;
  readonly taxRate: Param;
  readonly landMu: Param;
  readonly laborProductivity: Param;
}

interface Params {
  readonly pipeline?: Pipeline;
  readonly generated?: Generated;
  /** Ramp-up of generated projects (the entry's `ramp`; empty: full from the start). */
  readonly generatedRamp: readonly number[];
  /** Start year of each generated slot. */
  readonly generatedYears: readonly number[];
  readonly admission: AdmissionRules;
  /** 1 for a pipeline project whose start is recorded (src/actuals/): it starts in its recorded year, admitted as it was. */
  readonly recordedStart: readonly number[];
  /** Each pipeline project's {@link ADMISSION_MODE} (`overrides:`). */
  readonly mode: readonly number[];
}

/** The domain of each number of the generated projects. */
const GENERATED_DOMAINS = {
  per_year: DOMAINS.count,
  energy_tce: DOMAINS.nonNegative,
  electricity_share: DOMAINS.share,
  value_added: DOMAINS.nonNegative,
  value_added_rate: DOMAINS.positiveShare,
  tax_rate: DOMAINS.share,
  land_mu: DOMAINS.positive,
  labor_productivity: DOMAINS.positive,
} as const;

/** Names of the generated projects' numbers, in the order of their runtime parameters. */
const GENERATED_NAMES = ['energy_tce', 'electricity_share', 'value_added', 'value_added_rate', 'tax_rate', 'land_mu', 'labor_productivity'];

/**
 * Checks a loaded project table against the scenario (start years inside the period, land for
 * tax per mu, sectors known) and gives each project its id (NP-<row> when none) and ramp-up
 * (its own, else the entry's). Every problem names the file, row and column.
 */
function resolvePipeline(t: ProjectTable, ctx: PolicyResolveContext, ramp: readonly number[], issues: PathIssue[]): Pipeline {
  const table = t.table;
  const at = (e: number, key: string) => ({
    path: [],
    file: t.file,
    ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
    row: t.rows[e],
    field: t.headers.get(key) ?? key,
  });
  const ids: string[] = [];
  const divisions: string[] = [];
  const startYear: number[] = [];
  const ramps: (readonly number[])[] = [];
  const products: (ProjectProduct | undefined)[] = [];
  for (let e = 0; e < table.n; e++) {
    const y = t.startYear[e];
    if (y <= ctx.base || y > ctx.end)
      issues.push({
        ...at(e, 'start_year'),
        code: 'pipeline/start-year',
        message: msg.yearOutsidePeriod(y, ctx.base + 1, ctx.end, 'start_year'),
      });
    if (!(table.landMu[e] > 0)) issues.push({ ...at(e, 'land_mu'), code: 'pipeline/land', message: msg.landForOutput(table.landMu[e]) });
    ids.push(table.ids[e] || `NP-${t.rows[e]}`);
    divisions.push(table.sectors[table.sector[e]]);
    startYear.push(y);
    ramps.push(t.ramp[e] ?? ramp);
    // the benchmark test's product (src/ledger/benchmarks.ts): known, with its capacity and energy factor
    const product = resolveProduct(ctx.benchmarks, t.product[e], t.capacityT[e], t.energyFactor[e], divisions[e]);
    for (const p of product.problems)
      issues.push({ ...at(e, p.column), code: 'pipeline/product', message: p.message, ...(p.warning ? { severity: 'warning' } : {}) });
    products.push(product.value);
  }
  return { table, ids, divisions, startYear, ramp: ramps, products };
}

/** Checks the entry's ramp-up: never falling (each share is in (0, 1] by the schema). */
function checkRamp(ramp: readonly number[] | undefined, path: ValuePath, issues: PathIssue[]): void {
  if (!ramp) return;
  for (let i = 1; i < ramp.length; i++) {
    if (ramp[i] < ramp[i - 1]) {
      issues.push({ path: [...path, 'ramp', i], code: 'policy/ramp', message: msg.badRamp(ramp.join(';'), String(ramp[i])) });
      return;
    }
  }
}

/** The largest number of projects a year can start (per_year is a number or a series). */
function slotsPerYear(p: Param, year: number): number {
  return p.kind === 'distribution' ? 0 : Math.max(0, Math.round(paramValue(p, year, Number.NaN)));
}

/**
 * 招大引强 / 增资扩产 (plan 三(七)): signed projects from a project table and/or projects generated
 * each year from distributions enter the district in their start year, unless they fail the
 * admission standards at full capacity (minimum tax per mu; maximum dual-control energy per VA,
 * feedstock excluded, not applied to national major projects, whose energy review is not the
 * district's). A project ramps up over its first years (`ramp`): each step scales its energy,
 * output, VA, tax, employees and CO2 (an event `ramp`). Its energy, as it comes, is
 * `new_project_energy_tce`, to set against the energy vacated (the headroom); a national major
 * project's (能耗单列) is `national_major_energy_tce` instead.
 */
export const newProjects: PolicyModule<Spec, Params> = {
  type: 'new_projects',
  label: { zh: '招大引强与增资扩产', en: 'new projects' },
  actions: ['start'],
  schema,
  files: ['pipeline'],
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    checkRamp(spec.ramp, path, issues);
    if (spec.admission.benchmark !== undefined && !ctx.benchmarks)
      issues.push({ path: [...path, 'admission', 'benchmark'], code: 'policy/benchmarks-missing', message: msg.benchmarkWithoutFile() });
    const ramp = spec.ramp ?? [];
    const table = ctx.table('pipeline');
    const planned = spec.pipeline !== undefined && table ? resolvePipeline(table, ctx, ramp, issues) : undefined;
    const replayed = planned ? replayStarts(planned, ctx, path, issues) : undefined;
    const overridden = replayed ? applyOverrides(replayed.pipeline, spec.overrides, ctx, path, issues) : undefined;
    if (!planned && Object.keys(spec.overrides).length)
      issues.push({
        path: [...path, 'overrides'],
        code: 'policy/override',
        message: msg.overrideUnknownProject(Object.keys(spec.overrides)[0], []),
      });
    const pipeline = overridden?.pipeline;
    let generated: Generated | undefined;
    const generatedYears: number[] = [];
    const g = spec.generated;
    if (g) {
      const gp: ValuePath = [...path, 'generated'];
      const division = toDivision(g.sector);
      if (!division) issues.push({ path: [...gp, 'sector'], code: 'policy/sector', message: msg.unknownSector(g.sector) });
      const opt = (v: Parameters<typeof resolveOptional>[0], d: number, key: keyof typeof GENERATED_DOMAINS) =>
        resolveOptional(v, d, ctx, [...gp, key], issues, GENERATED_DOMAINS[key]);
      generated = {
        years: resolveYears(g.years, ctx, gp, issues),
        perYear: opt(g.per_year, 0, 'per_year'),
        division: division ?? 'C39',
        energyTce: opt(g.energy_tce, 0, 'energy_tce'),
        electricityShare: opt(g.electricity_share, 0.7, 'electricity_share'),
        valueAdded: opt(g.value_added, 0, 'value_added'),
        valueAddedRate: opt(g.value_added_rate, 0.3, 'value_added_rate'),
        taxRate: opt(g.tax_rate, 0.15, 'tax_rate'),
        landMu: opt(g.land_mu, 0, 'land_mu'),
        laborProductivity: opt(g.labor_productivity, 40, 'labor_productivity'),
      };
      if (generated.perYear.kind === 'distribution')
        issues.push({ path: [...gp, 'per_year'], code: 'policy/per-year', message: msg.perYearNotDistribution() });
      // in a year the record completes, the record's landed projects are all there were (src/actuals/replay.ts)
      const fromYear = ctx.recorded.length && ctx.lastCompleteYear !== undefined ? ctx.lastCompleteYear + 1 : generated.years[0];
      for (let y = Math.max(fromYear, generated.years[0]); y <= generated.years[1]; y++)
        for (let k = slotsPerYear(generated.perYear, y); k > 0; k--) generatedYears.push(y);
    }
    return {
      params: {
        ...(pipeline ? { pipeline } : {}),
        generated,
        generatedRamp: ramp,
        generatedYears,
        admission: {
          minTaxPerMu: spec.admission.min_tax_per_mu ?? 0,
          maxEnergyIntensity: spec.admission.max_energy_intensity ?? Infinity,
          maxCarbonIntensity: spec.admission.max_carbon_intensity ?? Infinity,
          ...(spec.admission.benchmark !== undefined ? { benchmarkLevel: spec.admission.benchmark } : {}),
        },
        recordedStart: replayed?.recordedStart ?? [],
        mode: overridden?.mode ?? [],
      },
      issues,
    };
  },
  projectSlots: (p) => (p.pipeline?.table.n ?? 0) + p.generatedYears.length,
  createRuntime(p, layout) {
    const piped = p.pipeline?.table.n ?? 0;
    const slots = piped + p.generatedYears.length;
    const first = layout.firstSlot;
    const startYear = Int32Array.from({ length: slots }, (_, i) => (i < piped ? p.pipeline!.startYear[i] : p.generatedYears[i - piped]));
    // ramp-ups flattened: slot i's shares are rampShares[rampFrom[i] … rampFrom[i + 1])
    const rampFrom = new Int32Array(slots + 1);
    const shares: number[] = [];
    for (let i = 0; i < slots; i++) {
      rampFrom[i] = shares.length;
      shares.push(...(i < piped ? p.pipeline!.ramp[i] : p.generatedRamp));
    }
    rampFrom[slots] = shares.length;
    const rampShares = Float64Array.from(shares);
    /** Share of full capacity in a slot's k-th year (k = 0 the start year): 1 after its list. */
    const share = (i: number, k: number) => (rampFrom[i] + k < rampFrom[i + 1] ? rampShares[rampFrom[i] + k] : 1);
    /** Years of a slot's ramp-up list (its steps after the start year). */
    const rampYears = (i: number) => rampFrom[i + 1] - rampFrom[i];
    const admitted = new Uint8Array(slots);
    /** The year each slot is next considered (its start year, later when deferred for headroom); the year it started; its CO2 at full capacity. */
    const due = new Int32Array(slots);
    const startedIn = new Int32Array(slots);
    const fullCo2 = new Float64Array(slots);
    /** Each slot's admission tests in words, from its due year, for its start line after a deferral. */
    const tested: string[] = Array<string>(slots).fill('');
    /**
     * CO2 the admitted projects still ramping up will add at full capacity, beyond what they emit
     * now (slots before i have taken this year's step, the others not yet): the budget counts it.
     */
    const rampRemainder = (s: PolicyState, i: number, year: number) => {
      let rest = 0;
      for (let j = 0; j < slots; j++) {
        if (admitted[j] === 0 || s.active[first + j] === 0) continue;
        const step = j < i || startedIn[j] === year ? year - startedIn[j] : year - 1 - startedIn[j];
        if (step < rampYears(j)) rest += fullCo2[j] * (1 - share(j, step));
      }
      return rest;
    };
    const pipelineSector = (p.pipeline?.divisions ?? []).map((d) => layout.sectorCode(d));
    const generatedSector = p.generated ? layout.sectorCode(p.generated.division) : 0;
    const g = p.generated;
    const gen = g
      ? [g.energyTce, g.electricityShare, g.valueAdded, g.valueAddedRate, g.taxRate, g.landMu, g.laborProductivity].map(
          (x, i) => new PolicyParam(x, layout, `generated.${GENERATED_NAMES[i]}`),
        )
      : [];
    const policy = layout.index;

    /** Copies project i of the table, at full capacity, into slot e. */
    const setPipeline = (s: PolicyState, e: number, x: Pipeline, i: number, sector: number) => {
      const t = x.table;
      s.ids[e] = x.ids[i];
      s.names[e] = t.names[i];
      s.sector[e] = sector;
      s.aboveScale[e] = t.aboveScale[i];
      s.yearBuilt[e] = x.startYear[i];
      s.villageCluster[e] = t.villageCluster[i];
      s.lsmp[e] = t.lsmp[i];
      s.greenFactory[e] = t.greenFactory[i];
      s.nationalMajor[e] = t.nationalMajor[i];
      if (t.ets) s.etsFlag[e] = t.ets[i]; // the table's `ets` cell; blank (−1) = by sector and threshold
      s.valueAdded[e] = t.valueAdded[i];
      s.output[e] = t.output[i];
      s.tax[e] = t.tax[i];
      s.landMu[e] = t.landMu[i];
      s.employees[e] = t.employees[i];
      s.revenue[e] = t.revenue[i];
      s.rdExpense[e] = t.rdExpense[i];
      s.pollutantT[e] = t.pollutantT[i];
      for (const c of CARRIERS) s.carriers[c][e] = t.carriers[c][i];
      s.feedstockTce[e] = t.feedstockTce[i];
      s.renewableElectricity10kKwh[e] = t.renewableElectricity10kKwh[i];
      s.processCo2T[e] = t.processCo2T[i];
    };
    const setGenerated = (s: PolicyState, e: number, k: number, year: number, rng: Rng) => {
      const [energy, elecShare, va, vaRate, taxRate, land, productivity] = gen.map((x) => x.value(year, rng));
      s.ids[e] = `NP-${year}-${String(k + 1).padStart(3, '0')}`;
      s.names[e] = `新建项目 ${year}-${k + 1}`;
      s.sector[e] = generatedSector;
      s.aboveScale[e] = 1;
      s.yearBuilt[e] = year;
      s.valueAdded[e] = Math.max(0, va);
      s.output[e] = Math.max(0, va) / Math.max(0.01, vaRate);
      s.tax[e] = Math.max(0, va * taxRate);
      s.landMu[e] = Math.max(0.1, land);
      s.employees[e] = Math.max(1, va / Math.max(0.1, productivity));
      for (const c of CARRIERS) s.carriers[c][e] = 0;
      const elec = Math.min(1, Math.max(0, elecShare));
      // split the gross energy (tce) by the year's coefficients: electricity on the scenario's basis, the rest natural gas
      s.carriers.electricity_10k_kwh[e] = (Math.max(0, energy) * elec) / s.tcePerUnit('electricity_10k_kwh');
      s.carriers.natural_gas_10k_m3[e] = (Math.max(0, energy) * (1 - elec)) / s.tcePerUnit('natural_gas_10k_m3');
    };

    return {
      startDraw(s, rng) {
        for (const x of gen) x.startDraw(rng);
        admitted.fill(0);
        due.set(startYear);
        for (let i = 0; i < piped; i++) if (p.mode[i] === ADMISSION_MODE.never) due[i] = -1;
        startedIn.fill(0);
        fullCo2.fill(0);
        tested.fill('');
        for (let i = 0; i < piped; i++) setPipeline(s, first + i, p.pipeline!, i, pipelineSector[i]);
      },
      apply(s, year, rng) {
        let k = 0;
        for (let i = 0; i < slots; i++) {
          const e = first + i;
          if (admitted[i] === 1 && year > startedIn[i] && year <= startedIn[i] + rampYears(i) && s.active[e] === 1) {
            // the next ramp-up step: from last year's share of full capacity to this year's
            const step = year - startedIn[i];
            const factor = share(i, step) / share(i, step - 1);
            if (factor !== 1) s.scaleProject(e, factor, policy, 'ramp');
            continue;
          }
          if (due[i] !== year) continue;
          if (i >= piped && year === startYear[i]) setGenerated(s, e, k++, year, rng);
          // the tests at full capacity (src/ledger/admission.ts), then the headroom ledger
          s.measure(e);
          const recorded = i < piped && (p.recordedStart[i] === 1 || p.mode[i] === ADMISSION_MODE.force);
          if (!recorded && year === startYear[i]) {
            const outcomes = admissionTests(
              {
                energyTce: s.energyTce[e],
                co2T: s.co2T[e],
                valueAdded: s.valueAdded[e],
                tax: s.tax[e],
                landMu: s.landMu[e],
                nationalMajor: s.nationalMajor[e] === 1,
                product: productFacts(s, e, i < piped ? p.pipeline!.products[i] : undefined),
              },
              p.admission,
            );
            if (outcomes.some((o) => !o.passed)) {
              s.rejectProject(e, policy, s.recording ? msg.projectRejectedTests(outcomesText(outcomes)) : '');
              continue;
            }
            tested[i] = s.recording ? outcomesText(outcomes) : '';
          }
          const decision = s.admitProject(
            {
              energyTce: s.nationalMajor[e] === 1 ? 0 : s.energyTce[e],
              co2T: s.co2T[e],
              landMu: s.landMu[e],
              twoHigh: TWO_HIGH_DIVISIONS.includes(s.sectors[s.sector[e]].slice(0, 3)),
              rampCo2T: rampRemainder(s, i, year),
            },
            recorded,
          );
          if (!decision.fits) {
            const waited = year - startYear[i];
            if (waited < s.maxDeferYears) {
              due[i] = year + 1;
              s.deferProject(e, policy, s.recording ? msg.projectDeferred(decision.detail) : '');
            } else s.rejectProject(e, policy, s.recording ? msg.projectRejectedAfterDefer(waited, decision.detail) : '');
            continue;
          }
          fullCo2[i] = s.co2T[e];
          startedIn[i] = year;
          if (share(i, 0) !== 1) s.scaleProject(e, share(i, 0), policy, 'ramp');
          s.startProject(
            e,
            policy,
            'start',
            s.recording ? msg.projectAdmitted(tested[i], decision.detail, year - startYear[i], recorded) : '',
          );
          admitted[i] = 1;
        }
      },
    };
  },
};

/** A project's product with its energy at full capacity, for the benchmark test; undefined without a product. */
function productFacts(s: PolicyState, e: number, p: ProjectProduct | undefined): ProductFacts | undefined {
  if (!p) return undefined;
  const electricity10kKwh = s.carriers.electricity_10k_kwh[e];
  const electricityTcePer10kKwh = s.tcePerUnit('electricity_10k_kwh');
  return { ...p, grossTce: s.grossTce[e], feedstockTce: s.feedstockTce[e], electricity10kKwh, electricityTcePer10kKwh };
}

/**
 * Replays the record on a pipeline (src/actuals/): a project recorded as started (`start`) starts
 * in its recorded year and is admitted as it was; when the record holds any start of this policy,
 * a project due in a year the record completes without a recorded start has not landed by
 * `as_of` and starts the year after, at the earliest (a warning names it).
 */
function replayStarts(
  x: Pipeline,
  ctx: PolicyResolveContext,
  path: ValuePath,
  issues: PathIssue[],
): { pipeline: Pipeline; recordedStart: number[] } {
  const recordedStart = x.ids.map(() => 0);
  if (ctx.recorded.length === 0 || ctx.lastCompleteYear === undefined) return { pipeline: x, recordedStart };
  const startYear = [...x.startYear];
  for (const r of ctx.recorded) {
    const i = x.ids.indexOf(r.enterpriseId);
    if (i < 0 || r.action !== 'start') continue;
    startYear[i] = r.year;
    recordedStart[i] = 1;
  }
  const next = ctx.lastCompleteYear + 1;
  x.ids.forEach((id, i) => {
    if (recordedStart[i] || startYear[i] > ctx.lastCompleteYear!) return;
    issues.push({
      path: [...path, 'pipeline'],
      code: 'actuals/not-landed',
      message: msg.projectNotLanded(id, startYear[i], next),
      severity: 'warning',
    });
    startYear[i] = next;
  });
  return { pipeline: { ...x, startYear }, recordedStart };
}

/** Applies `overrides:` to the pipeline: start years, admission modes and 能耗单列 by project id (unknown ids and years outside the period are errors). */
function applyOverrides(
  x: Pipeline,
  overrides: Spec['overrides'],
  ctx: PolicyResolveContext,
  path: ValuePath,
  issues: PathIssue[],
): { pipeline: Pipeline; mode: number[] } {
  const mode = x.ids.map((): number => ADMISSION_MODE.ledger);
  const startYear = [...x.startYear];
  const nationalMajor = x.table.nationalMajor.slice();
  for (const [id, o] of Object.entries(overrides)) {
    const i = x.ids.indexOf(id);
    const at: ValuePath = [...path, 'overrides', id];
    if (i < 0) {
      issues.push({ path: at, code: 'policy/override', message: msg.overrideUnknownProject(id, x.ids) });
      continue;
    }
    if (o.start_year !== undefined) {
      if (o.start_year <= ctx.base || o.start_year > ctx.end)
        issues.push({
          path: [...at, 'start_year'],
          code: 'policy/override',
          message: msg.yearOutsidePeriod(o.start_year, ctx.base + 1, ctx.end, 'start_year'),
        });
      startYear[i] = o.start_year;
    }
    mode[i] = ADMISSION_MODE[o.admission];
    if (o.national_major !== undefined) nationalMajor[i] = o.national_major ? 1 : 0;
  }
  return { pipeline: { ...x, startYear, table: { ...x.table, nationalMajor } }, mode };
}

/** A pipeline project of a resolved `new_projects` entry, by id: its row at full capacity and its start year (dcsim admit). */
export function pipelineProject(
  params: unknown,
  id: string,
): { readonly table: EnterpriseTable; readonly row: number; readonly startYear: number } | undefined {
  const x = (params as Params).pipeline;
  const i = x ? x.ids.indexOf(id) : -1;
  return x && i >= 0 ? { table: x.table, row: i, startYear: x.startYear[i] } : undefined;
}

/** The ids of a resolved `new_projects` entry's pipeline. */
export function pipelineIds(params: unknown): readonly string[] {
  return (params as Params).pipeline?.ids ?? [];
}
