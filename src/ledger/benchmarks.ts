import { z } from 'zod';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';

/**
 * Energy-efficiency benchmark (标杆水平) and baseline (基准水平) levels per product, 发改产业〔2021〕1464号,
 * 〔2022〕200号 and 〔2023〕723号 (DOMAIN §6): a new project must be built at the benchmark level. A
 * benchmarks file (`models/benchmarks/*.yaml`) gives each product's levels in the unit of the
 * official table; they are converted here to kgce per t of product (or per t·energy factor).
 */

/** kgce per kgoe: 1 kgoe = 41.868 MJ, 1 kgce = 29.3076 MJ (GB/T 2589-2020), 41.868 ÷ 29.3076 = 1.4286. */
export const KGCE_PER_KGOE = 1.4286;

/** Flat glass 重量箱 (weight box): 50 kg of glass (10 m² of 2 mm sheet), so 20 boxes a tonne. */
export const WEIGHT_BOXES_PER_T = 20;

/**
 * The units a level may be written in, with the factor to kgce per t of product (per t·energy
 * factor for refining, whose level is per tonne of crude and energy factor, 能量因数).
 */
export const BENCHMARK_UNITS = {
  'kgce/t': { kgcePerUnit: 1, perEnergyFactor: false },
  'kgoe/t': { kgcePerUnit: KGCE_PER_KGOE, perEnergyFactor: false },
  'kgce/(t·EF)': { kgcePerUnit: 1, perEnergyFactor: true },
  'kgoe/(t·EF)': { kgcePerUnit: KGCE_PER_KGOE, perEnergyFactor: true },
  'kgce/weight_box': { kgcePerUnit: WEIGHT_BOXES_PER_T, perEnergyFactor: false },
} as const;
export type BenchmarkUnit = keyof typeof BENCHMARK_UNITS;

const UNIT_NAMES = Object.keys(BENCHMARK_UNITS) as BenchmarkUnit[];

/** A level's unit: one of {@link BENCHMARK_UNITS}; a missing one says which units there are. */
const unitSchema = z.unknown().transform((v, ctx) => {
  if (typeof v === 'string' && Object.hasOwn(BENCHMARK_UNITS, v)) return v as BenchmarkUnit;
  ctx.addIssue({ code: 'custom', message: v === undefined ? msg.benchmarkUnitMissing(UNIT_NAMES) : msg.notOneOf(v, UNIT_NAMES) });
  return z.NEVER;
});

const productSchema = z
  .strictObject({
    label: z.string().min(1),
    /** GB/T 4754-2017 class (C2614) or division (C26) the product's plants belong to. */
    sector: z.string().min(1),
    /** The unit of the official table's levels. */
    unit: unitSchema,
    /** 标杆水平: energy per unit of product at or below which a plant is at the benchmark. */
    benchmark: z.number().nonnegative(),
    /** 基准水平: the floor every plant must reach (retrofit or exit below it). */
    baseline: z.number().nonnegative(),
    /** Whether the table's level counts feedstock (原料用能): coal-to-chemicals and ammonia do, ethylene and refining do not. */
    feedstock: z.enum(['included', 'excluded']),
    /** Electricity in the table's energy, kgce/kWh, when it is not the file's `electricity_kgce_per_kwh`. */
    electricity_kgce_per_kwh: z.number().positive().optional(),
    /** The table and row the levels come from, marked [V] (read in the official table) or [R] (assumed or recalled). */
    source: z.string().min(1),
    note: z.string().optional(),
  })
  .superRefine((p, ctx) => {
    if (toDivision(p.sector) === undefined) ctx.addIssue({ code: 'custom', path: ['sector'], message: msg.unknownSector(p.sector) });
    if (p.benchmark > p.baseline)
      ctx.addIssue({ code: 'custom', path: ['benchmark'], message: msg.benchmarkAboveBaseline(p.benchmark, p.baseline, p.unit) });
  });

/** Schema of a benchmarks file; unknown keys are errors. */
export const benchmarksSchema = z.strictObject({
  name: z.string().min(1),
  title: z.string().optional(),
  /** The documents the levels come from. */
  source: z.string().min(1),
  /** Electricity in the tables' energy, kgce/kWh: the calorific value 0.1229 (GB/T 2589-2020) unless a product says otherwise. */
  electricity_kgce_per_kwh: z.number().positive(),
  electricity_source: z.string().min(1),
  products: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'product keys are snake_case: a–z, digits and _ (e.g. ethylene)'),
    productSchema,
  ),
});
export type BenchmarksSpec = z.infer<typeof benchmarksSchema>;

/** One product's levels, converted to kgce per t of product (per t·energy factor when `perEnergyFactor`). */
export interface ProductBenchmark {
  readonly product: string;
  readonly label: string;
  /** GB/T 4754 division of the product (C26 …). */
  readonly division: string;
  /** The official table's unit (for messages). */
  readonly unit: BenchmarkUnit;
  readonly benchmarkKgcePerT: number;
  readonly baselineKgcePerT: number;
  /** True when the level is per t·energy factor (refining): the project gives its energy factor. */
  readonly perEnergyFactor: boolean;
  /** True when the level counts feedstock energy. */
  readonly feedstockIncluded: boolean;
  /** Electricity in the level's energy, tce per 10⁴ kWh. */
  readonly electricityTcePer10kKwh: number;
}

/** A loaded benchmarks file. */
export interface Benchmarks {
  readonly name: string;
  /** The file as shown in messages. */
  readonly file: string;
  readonly products: ReadonlyMap<string, ProductBenchmark>;
}

/** Resolves a validated benchmarks file: levels in kgce per t, electricity in tce per 10⁴ kWh. */
export function resolveBenchmarks(spec: BenchmarksSpec, file: string): Benchmarks {
  const products = new Map<string, ProductBenchmark>();
  for (const [product, p] of Object.entries(spec.products)) {
    const u = BENCHMARK_UNITS[p.unit];
    products.set(product, {
      product,
      label: p.label,
      division: toDivision(p.sector)!,
      unit: p.unit,
      benchmarkKgcePerT: p.benchmark * u.kgcePerUnit,
      baselineKgcePerT: p.baseline * u.kgcePerUnit,
      perEnergyFactor: u.perEnergyFactor,
      feedstockIncluded: p.feedstock === 'included',
      // kgce/kWh × 10⁴ kWh ÷ 1000 kgce/tce = tce per 10⁴ kWh
      electricityTcePer10kKwh: (p.electricity_kgce_per_kwh ?? spec.electricity_kgce_per_kwh) * 10,
    });
  }
  return { name: spec.name, file, products };
}

/** A project's product for the benchmark test: its levels, capacity and energy factor. */
export interface ProjectProduct {
  readonly benchmark: ProductBenchmark;
  /** Annual output of the product at full capacity, t (crude processed for refining). */
  readonly capacityT: number;
  /** The plant's energy factor (能量因数) when the levels are per t·energy factor; else 1. */
  readonly energyFactor: number;
}

/** A problem with a project's product cells: the column, the message, and whether it is only a warning. */
export interface ProductProblem {
  readonly column: 'product' | 'capacity_t' | 'energy_factor';
  readonly message: string;
  readonly warning?: boolean;
}

/**
 * Reads a project's product cells (`product`, `capacity_t` in t a year, `energy_factor`; NaN when
 * empty) against the benchmarks file: a known product, a capacity above 0, and the energy factor
 * exactly when the levels are per t·energy factor; a product of another GB/T 4754 division than
 * the project's is a warning, a capacity without a product an error. Without a benchmarks file
 * the cells are not read; without a product the project is not tested.
 */
export function resolveProduct(
  b: Benchmarks | undefined,
  product: string,
  capacityT: number,
  energyFactor: number,
  division: string,
): { value?: ProjectProduct; problems: ProductProblem[] } {
  const problems: ProductProblem[] = [];
  if (!b) return { problems };
  if (product === '') {
    if (!Number.isNaN(capacityT)) problems.push({ column: 'capacity_t', message: msg.capacityWithoutProduct() });
    return { problems };
  }
  const benchmark = b.products.get(product);
  if (!benchmark) return { problems: [{ column: 'product', message: msg.unknownProduct(product, [...b.products.keys()], b.file) }] };
  if (division !== benchmark.division)
    problems.push({ column: 'product', message: msg.productSectorMismatch(product, benchmark.division, division), warning: true });
  if (!(capacityT > 0)) problems.push({ column: 'capacity_t', message: msg.productWithoutCapacity(product) });
  if (benchmark.perEnergyFactor && !(energyFactor > 0))
    problems.push({ column: 'energy_factor', message: msg.energyFactorMissing(product) });
  if (!benchmark.perEnergyFactor && !Number.isNaN(energyFactor))
    problems.push({ column: 'energy_factor', message: msg.energyFactorNotUsed(product) });
  if (problems.some((p) => !p.warning)) return { problems };
  return { value: { benchmark, capacityT, energyFactor: benchmark.perEnergyFactor ? energyFactor : 1 }, problems };
}
