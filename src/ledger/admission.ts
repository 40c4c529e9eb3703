import { ImpossibleValue } from '../domain/impossible-value.js';
import { msg } from '../messages/messages.js';
import type { ProjectProduct } from './benchmarks.js';

/**
 * 项目碳评价 and the energy review (节能审查) of a new project (国办发〔2024〕39号; DOMAIN §8): the
 * project's own tests at full capacity, before the headroom ledger (src/ledger/ledger.ts) is asked
 * whether the district has room for it. Each test's outcome is kept, so the audit trail can say
 * which test a rejected project failed and by how much.
 */

/** The admission tests, in the order they are reported. */
export const ADMISSION_TESTS = ['tax_per_mu', 'energy_intensity', 'carbon_intensity', 'benchmark'] as const;
export type AdmissionTest = (typeof ADMISSION_TESTS)[number];

/** The admission standards of a `new_projects` entry (`admission:`); a test without its limit is not applied. */
export interface AdmissionRules {
  /** Tax per mu at full capacity, 万元/亩, at least (0: none). */
  readonly minTaxPerMu: number;
  /** Dual-control energy (feedstock excluded) per 万元 VA at full capacity, tce/万元, at most (Infinity: none); not applied to national major projects (能耗单列). */
  readonly maxEnergyIntensity: number;
  /** CO2 on the firm's boundary (scope 1 + 2) per 万元 VA at full capacity, tCO2/万元, at most (Infinity: none); applied to every project. */
  readonly maxCarbonIntensity: number;
  /**
   * The energy-efficiency level (src/ledger/benchmarks.ts) a project with a product must be at or
   * below, energy per t of product at full capacity (undefined: no test); every project with a
   * product, national major ones too; a project without one is not tested.
   */
  readonly benchmarkLevel?: 'benchmark' | 'baseline';
}

/**
 * A project's product for the benchmark test: its levels, its capacity (t a year at full
 * capacity; crude processed for refining), its energy factor (1 unless the levels are per
 * t·energy factor), and its energy as the project's accounts give it (the test recounts it the
 * way the tables do).
 */
export interface ProductFacts extends ProjectProduct {
  /** Gross energy on the scenario's electricity basis, tce. */
  readonly grossTce: number;
  readonly feedstockTce: number;
  readonly electricity10kKwh: number;
  /** The scenario's electricity coefficient this year, tce per 10⁴ kWh. */
  readonly electricityTcePer10kKwh: number;
}

/** What the tests read of a project at full capacity. */
export interface ProjectFacts {
  /** Dual-control energy, tce. */
  readonly energyTce: number;
  /** CO2 on the firm boundary, t. */
  readonly co2T: number;
  /** 万元 */
  readonly valueAdded: number;
  /** 万元 */
  readonly tax: number;
  readonly landMu: number;
  readonly nationalMajor: boolean;
  /** The project's product (pipeline columns product, capacity_t), for the benchmark test. */
  readonly product?: ProductFacts;
}

/** One test's outcome: the project's value, the limit, and whether it passed. */
export interface TestOutcome {
  readonly test: AdmissionTest;
  readonly value: number;
  readonly limit: number;
  readonly passed: boolean;
  /** Words after the test's name in the detail (the benchmark test: product and level, e.g. "乙烯, 标杆"). */
  readonly qualifier?: string;
}

const div = (a: number, b: number) => (b > 0 ? a / b : a > 0 ? Infinity : 0);

/** Relative slack of the benchmark test: a project exactly at the level passes despite rounding of its energy. */
const LEVEL_SLACK = 1e-9;

/**
 * A product's energy per t as the benchmark tables count it, kgce/t: gross energy with
 * electricity at the tables' coefficient (the calorific value), less feedstock unless the level
 * counts it; the firm's own renewable electricity counts (the level measures the plant's use).
 */
export function productEnergyKgcePerT(p: ProductFacts): number {
  const b = p.benchmark;
  const tce =
    p.grossTce - p.electricity10kKwh * (p.electricityTcePer10kKwh - b.electricityTcePer10kKwh) - (b.feedstockIncluded ? 0 : p.feedstockTce);
  return div(tce * 1000, p.capacityT);
}

/** Runs every test that has a limit on a project at full capacity, in {@link ADMISSION_TESTS} order. */
export function admissionTests(f: ProjectFacts, r: AdmissionRules): TestOutcome[] {
  const out: TestOutcome[] = [];
  if (r.minTaxPerMu > 0) {
    const v = div(f.tax, f.landMu);
    out.push({ test: 'tax_per_mu', value: v, limit: r.minTaxPerMu, passed: v >= r.minTaxPerMu });
  }
  if (Number.isFinite(r.maxEnergyIntensity) && !f.nationalMajor) {
    const v = div(f.energyTce, f.valueAdded);
    out.push({ test: 'energy_intensity', value: v, limit: r.maxEnergyIntensity, passed: v <= r.maxEnergyIntensity });
  }
  if (Number.isFinite(r.maxCarbonIntensity)) {
    const v = div(f.co2T, f.valueAdded);
    out.push({ test: 'carbon_intensity', value: v, limit: r.maxCarbonIntensity, passed: v <= r.maxCarbonIntensity });
  }
  if (r.benchmarkLevel !== undefined && f.product) {
    const p = f.product;
    const b = p.benchmark;
    // a level per t·energy factor (refining) is per t of crude times the plant's energy factor
    const limit = (r.benchmarkLevel === 'benchmark' ? b.benchmarkKgcePerT : b.baselineKgcePerT) * p.energyFactor;
    const v = productEnergyKgcePerT(p);
    if (!(v >= 0) || !Number.isFinite(v)) throw new ImpossibleValue(msg.benchmarkEnergyImpossible(b.label, v));
    const qualifier = `${b.label}, ${r.benchmarkLevel === 'benchmark' ? '标杆' : '基准'}`;
    out.push({ test: 'benchmark', value: v, limit, passed: v <= limit * (1 + LEVEL_SLACK), qualifier });
  }
  return out;
}

/** Units and words of each test in the audit trail's detail. */
const WORDS: Record<AdmissionTest, { readonly name: string; readonly unit: string; readonly decimals: number }> = {
  tax_per_mu: { name: '亩均税收', unit: '万元/亩', decimals: 1 },
  energy_intensity: { name: '单位增加值能耗', unit: 'tce/万元', decimals: 3 },
  carbon_intensity: { name: '单位增加值碳排放', unit: 'tCO2/万元', decimals: 3 },
  benchmark: { name: '单位产品能耗', unit: 'kgce/t', decimals: 1 },
};

/**
 * The outcomes in words for events.csv's `detail`, e.g. "亩均税收 80.0 ≥ 30.0 万元/亩 ✓; 单位增加值碳排放
 * 1.200 > 1.000 tCO2/万元 ✗; 单位产品能耗(乙烯, 标杆) 914.3 > 842.9 kgce/t ✗".
 */
export function outcomesText(outcomes: readonly TestOutcome[]): string {
  return outcomes
    .map((o) => {
      const w = WORDS[o.test];
      const atLeast = o.test === 'tax_per_mu';
      const sign = o.passed ? (atLeast ? '≥' : '≤') : atLeast ? '<' : '>';
      const name = o.qualifier !== undefined ? `${w.name}(${o.qualifier})` : w.name;
      return `${name} ${o.value.toFixed(w.decimals)} ${sign} ${o.limit.toFixed(w.decimals)} ${w.unit} ${o.passed ? '✓' : '✗'}`;
    })
    .join('; ');
}
