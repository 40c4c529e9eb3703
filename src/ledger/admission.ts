/**
 * 项目碳评价 and the energy review (节能审查) of a new project (国办发〔2024〕39号; DOMAIN §8): the
 * project's own tests at full capacity, before the headroom ledger (src/ledger/ledger.ts) is asked
 * whether the district has room for it. Each test's outcome is kept, so the audit trail can say
 * which test a rejected project failed and by how much.
 */

/** The admission tests, in the order they are reported. */
export const ADMISSION_TESTS = ['tax_per_mu', 'energy_intensity', 'carbon_intensity'] as const;
export type AdmissionTest = (typeof ADMISSION_TESTS)[number];

/** The admission standards of a `new_projects` entry (`admission:`); a test without its limit is not applied. */
export interface AdmissionRules {
  /** Tax per mu at full capacity, 万元/亩, at least (0: none). */
  readonly minTaxPerMu: number;
  /** Dual-control energy (feedstock excluded) per 万元 VA at full capacity, tce/万元, at most (Infinity: none); not applied to national major projects (能耗单列). */
  readonly maxEnergyIntensity: number;
  /** CO2 on the firm's boundary (scope 1 + 2) per 万元 VA at full capacity, tCO2/万元, at most (Infinity: none); applied to every project. */
  readonly maxCarbonIntensity: number;
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
}

/** One test's outcome: the project's value, the limit, and whether it passed. */
export interface TestOutcome {
  readonly test: AdmissionTest;
  readonly value: number;
  readonly limit: number;
  readonly passed: boolean;
}

const div = (a: number, b: number) => (b > 0 ? a / b : a > 0 ? Infinity : 0);

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
  return out;
}

/** Units and words of each test in the audit trail's detail. */
const WORDS: Record<AdmissionTest, { readonly name: string; readonly unit: string; readonly decimals: number }> = {
  tax_per_mu: { name: '亩均税收', unit: '万元/亩', decimals: 1 },
  energy_intensity: { name: '单位增加值能耗', unit: 'tce/万元', decimals: 3 },
  carbon_intensity: { name: '单位增加值碳排放', unit: 'tCO2/万元', decimals: 3 },
};

/** The outcomes in words for events.csv's `detail`, e.g. "亩均税收 80.0 ≥ 30.0 万元/亩 ✓; 单位增加值碳排放 1.200 > 1.000 tCO2/万元 ✗". */
export function outcomesText(outcomes: readonly TestOutcome[]): string {
  return outcomes
    .map((o) => {
      const w = WORDS[o.test];
      const atLeast = o.test === 'tax_per_mu';
      const sign = o.passed ? (atLeast ? '≥' : '≤') : atLeast ? '<' : '>';
      return `${w.name} ${o.value.toFixed(w.decimals)} ${sign} ${o.limit.toFixed(w.decimals)} ${w.unit} ${o.passed ? '✓' : '✗'}`;
    })
    .join('; ');
}
