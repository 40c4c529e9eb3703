import { z } from 'zod';
import { CARRIERS } from '../domain/carriers.js';
import { cellCeiling, readNumberCell, type SheetTable } from '../domain/cells.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import type { Rng } from '../random/rng.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, paramValue, type Param } from '../scenario/param.js';
import { PolicyParam, resolveOptional, resolveYears, yearsSchema } from './common.js';
import type { PolicyModule, PolicyResolveContext, PolicyState } from './types.js';

const schema = z.strictObject({
  type: z.literal('new_projects'),
  /** CSV of signed projects: name, sector, start_year, value_added, output, tax, land_mu, employees, energy_tce or carrier columns. */
  pipeline: z.string().min(1).optional(),
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
  /** Admission standards: a project that fails any is rejected and never starts. */
  admission: z
    .strictObject({
      min_tax_per_mu: z.number().nonnegative().optional(),
      /** Dual-control energy per 万元 VA, tce. */
      max_energy_intensity: z.number().nonnegative().optional(),
    })
    .default({}),
});
type Spec = z.infer<typeof schema>;

interface PipelineProject {
  readonly id: string;
  readonly name: string;
  readonly division: string;
  readonly startYear: number;
  readonly aboveScale: number;
  readonly values: Readonly<Record<string, number>>;
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
  readonly pipeline: readonly PipelineProject[];
  readonly generated?: Generated;
  /** Start year of each generated slot. */
  readonly generatedYears: readonly number[];
  readonly minTaxPerMu: number;
  readonly maxEnergyIntensity: number;
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

const REQUIRED = ['name', 'sector', 'start_year', 'value_added', 'output', 'tax', 'land_mu', 'employees'] as const;
const NUMBERS = ['value_added', 'output', 'tax', 'land_mu', 'employees', 'energy_tce', ...CARRIERS] as const;

/** Reads and checks the pipeline CSV; every problem names file, row and column. */
function readPipeline(t: SheetTable, ctx: PolicyResolveContext, issues: PathIssue[]): PipelineProject[] {
  const col = new Map(t.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const err = (row: number, field: string, message: string) =>
    issues.push({ path: [], code: 'pipeline/bad-cell', message, file: t.file, row, field });
  for (const c of REQUIRED) if (!col.has(c)) err(1, c, msg.missingColumn(c, []));
  if (!col.has('energy_tce') && !CARRIERS.some((c) => col.has(c)))
    err(1, 'energy_tce', msg.missingColumn('energy_tce (or carrier columns such as electricity_10k_kwh)', []));
  if (issues.length) return [];
  const out: PipelineProject[] = [];
  for (const r of t.rows) {
    const cell = (c: string) => (col.has(c) ? (r.cells[col.get(c)!] ?? '').trim() : '');
    const values: Record<string, number> = {};
    for (const c of NUMBERS) {
      const v = readNumberCell(cell(c), cellCeiling(c));
      if (!v.ok) err(r.row, c, msg.numberCell(cell(c), v.problem, v.ceiling));
      else if (v.value < 0) err(r.row, c, msg.negativeNumber(v.value));
      else values[c] = Number.isNaN(v.value) ? 0 : v.value;
    }
    const division = toDivision(cell('sector'));
    if (!division) err(r.row, 'sector', msg.unknownSector(cell('sector')));
    const startYear = Number(cell('start_year'));
    if (!/^\d{4}$/.test(cell('start_year')) || startYear <= ctx.base || startYear > ctx.end) {
      err(r.row, 'start_year', msg.yearOutsidePeriod(startYear, ctx.base + 1, ctx.end, 'start_year'));
    }
    if (!(values.land_mu > 0)) err(r.row, 'land_mu', msg.landForOutput(values.land_mu ?? 0));
    const above = cell('above_scale').toLowerCase();
    out.push({
      id: cell('id') || `NP-${r.row}`,
      name: cell('name'),
      division: division ?? 'C41',
      startYear,
      aboveScale: above === 'false' || above === '0' || above === '否' ? 0 : 1,
      values,
    });
  }
  return out;
}

/** The largest number of projects a year can start (per_year is a number or a series). */
function slotsPerYear(p: Param, year: number): number {
  return p.kind === 'distribution' ? 0 : Math.max(0, Math.round(paramValue(p, year, Number.NaN)));
}

/**
 * 招大引强 / 增资扩产 (plan 三(七)): signed projects from a pipeline CSV and/or projects generated
 * each year from distributions enter the district in their start year, unless they fail the
 * admission standards (minimum tax per mu, maximum energy intensity). Their energy is
 * `new_project_energy_tce`, to set against the energy vacated (the headroom).
 */
export const newProjects: PolicyModule<Spec, Params> = {
  type: 'new_projects',
  label: { zh: '招大引强与增资扩产', en: 'new projects' },
  schema,
  files: ['pipeline'],
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const table = ctx.table('pipeline');
    const pipeline = spec.pipeline !== undefined && table ? readPipeline(table, ctx, issues) : [];
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
      for (let y = generated.years[0]; y <= generated.years[1]; y++)
        for (let k = slotsPerYear(generated.perYear, y); k > 0; k--) generatedYears.push(y);
    }
    return {
      params: {
        pipeline,
        generated,
        generatedYears,
        minTaxPerMu: spec.admission.min_tax_per_mu ?? 0,
        maxEnergyIntensity: spec.admission.max_energy_intensity ?? Infinity,
      },
      issues,
    };
  },
  projectSlots: (p) => p.pipeline.length + p.generatedYears.length,
  createRuntime(p, layout) {
    const slots = p.pipeline.length + p.generatedYears.length;
    const first = layout.firstSlot;
    const startYear = Int32Array.from({ length: slots }, (_, i) =>
      i < p.pipeline.length ? p.pipeline[i].startYear : p.generatedYears[i - p.pipeline.length],
    );
    const pipelineSector = p.pipeline.map((x) => layout.sectorCode(x.division));
    const generatedSector = p.generated ? layout.sectorCode(p.generated.division) : 0;
    const g = p.generated;
    const gen = g
      ? [g.energyTce, g.electricityShare, g.valueAdded, g.valueAddedRate, g.taxRate, g.landMu, g.laborProductivity].map(
          (x, i) => new PolicyParam(x, layout, `generated.${GENERATED_NAMES[i]}`),
        )
      : [];
    const policy = layout.index;

    const setPipeline = (s: PolicyState, e: number, x: PipelineProject, sector: number) => {
      const v = x.values;
      s.ids[e] = x.id;
      s.names[e] = x.name;
      s.sector[e] = sector;
      s.aboveScale[e] = x.aboveScale;
      s.yearBuilt[e] = x.startYear;
      s.valueAdded[e] = v.value_added;
      s.output[e] = v.output;
      s.tax[e] = v.tax;
      s.landMu[e] = v.land_mu;
      s.employees[e] = v.employees;
      for (const c of CARRIERS) s.carriers[c][e] = v[c] ?? 0;
      s.carriers.other_tce[e] += v.energy_tce ?? 0;
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
      const share = Math.min(1, Math.max(0, elecShare));
      // split the gross energy (tce) by the year's coefficients: electricity on the scenario's basis, the rest natural gas
      s.carriers.electricity_10k_kwh[e] = (Math.max(0, energy) * share) / s.tcePerUnit('electricity_10k_kwh');
      s.carriers.natural_gas_10k_m3[e] = (Math.max(0, energy) * (1 - share)) / s.tcePerUnit('natural_gas_10k_m3');
    };

    return {
      startDraw(s, rng) {
        for (const x of gen) x.startDraw(rng);
        for (let i = 0; i < p.pipeline.length; i++) setPipeline(s, first + i, p.pipeline[i], pipelineSector[i]);
      },
      apply(s, year, rng) {
        let k = 0;
        for (let i = 0; i < slots; i++) {
          if (startYear[i] !== year) continue;
          const e = first + i;
          if (i >= p.pipeline.length) setGenerated(s, e, k++, year, rng);
          s.measure(e);
          const intensity = s.energyTce[e] / s.valueAdded[e];
          const taxPerMu = s.tax[e] / s.landMu[e];
          if (taxPerMu < p.minTaxPerMu || intensity > p.maxEnergyIntensity) s.note(e, policy, 'rejected');
          else s.startProject(e, policy, 'start');
        }
      },
    };
  },
};
