/**
 * The values a scenario number may take (issue #9 item 4): every parameter declares its domain
 * where its module resolves it ({@link resolveParam} requires one), and one check in param.ts
 * applies it to constants, series points, evaluated expressions and — by their support — to
 * distributions: a bounded distribution (uniform, triangular, pert) must lie inside the domain,
 * an unbounded one (normal, lognormal) needs a `clip` inside it unless the domain is open on that
 * side. A value beyond `warnAbove` is allowed with a warning (a likely percent-for-fraction slip).
 */
export interface Domain {
  /** What the number is, for messages: "a yearly growth rate". */
  readonly what: string;
  readonly min: number;
  /** True when `min` itself is excluded. */
  readonly minOpen?: boolean;
  readonly max: number;
  /** True when `max` itself is excluded. */
  readonly maxOpen?: boolean;
  /** Constants and series points must be whole numbers (counts). */
  readonly integer?: boolean;
  /** Values above this are plausible only by mistake: a warning, not an error. */
  readonly warnAbove?: number;
  /** How the number is written, for messages: "a fraction: 0.05 means 5 % a year". */
  readonly hint?: string;
}

const FRACTION = 'a fraction: 0.3 means 30 %';

/** The domains of the scenario's numbers (README "Parameters"). */
export const DOMAINS = {
  /** VA growth a year: above −100 % (a firm cannot lose more than all its VA), at most +100 %; above 30 % warns. */
  growth: {
    what: 'a yearly growth rate',
    min: -1,
    minOpen: true,
    max: 1,
    warnAbove: 0.3,
    hint: 'a fraction: 0.05 means 5 % a year',
  },
  /** Price change a year (a sector's deflator): above −100 %, at most +100 %; above 30 % warns (2021–22 crude oil rose ≈ 40–70 % a year, so C25 may warn with reason). */
  priceChange: {
    what: 'a yearly price change',
    min: -1,
    minOpen: true,
    max: 1,
    warnAbove: 0.3,
    hint: 'a fraction: 0.02 means prices rise 2 % a year',
  },
  /** Relative change a year of a ratio (VA ÷ output, tax ÷ VA): above −100 % (the ratio stays above 0), at most +100 %; above 20 % warns. */
  rateChange: {
    what: 'a yearly relative change of a rate',
    min: -1,
    minOpen: true,
    max: 1,
    warnAbove: 0.2,
    hint: 'a fraction of the rate itself: 0.01 means 23.3 % → 23.53 %',
  },
  /** Autonomous efficiency gain a year: energy × (1 − η); 1 would zero every firm's energy; above 20 % warns. */
  efficiencyGain: {
    what: 'a yearly efficiency gain',
    min: 0,
    max: 1,
    maxOpen: true,
    warnAbove: 0.2,
    hint: 'a fraction: 0.01 means 1 % a year',
  },
  /** Energy elasticity of VA growth, energy × (1 + g)^ε: China's national coefficient ran −0.1 … 1.7 over 1990–2023. */
  energyElasticity: { what: 'an energy elasticity', min: -1, max: 3, hint: 'energy growth per unit of VA growth, e.g. 0.6' },
  /** Employment elasticity, jobs × (1 + ε g): within [−1, 1] jobs never turn negative for any growth in (−1, 1]. */
  employmentElasticity: { what: 'an employment elasticity', min: -1, max: 1, hint: 'jobs growth per unit of VA growth, e.g. 0.2' },
  /** A share of a whole. */
  share: { what: 'a share', min: 0, max: 1, hint: FRACTION },
  /** A share of a whole that cannot be zero (a ratio used as a divisor, e.g. VA ÷ output). */
  positiveShare: { what: 'a share above 0', min: 0, minOpen: true, max: 1, hint: FRACTION },
  /** A share of a firm's energy saved: saving all of it is closing the firm, not saving. */
  saving: { what: 'an energy saving', min: 0, max: 1, maxOpen: true, hint: 'a fraction: 0.1 means 10 % of the energy' },
  /** A one-off VA gain (an upgrade): at most tripling the VA. */
  valueAddedGain: { what: 'a value-added gain', min: -1, minOpen: true, max: 2, hint: 'a fraction: 0.05 means +5 %' },
  /** A one-off rise of a firm's VA rate at constant output (an upgrade): VA × (1 + gain), at most doubling it. */
  valueAddedRateGain: {
    what: 'a value-added-rate gain',
    min: -1,
    minOpen: true,
    max: 1,
    hint: 'a fraction of the VA rate: 0.1 means 20 % → 22 %',
  },
  /** A count of firms or projects a year. */
  count: { what: 'a count a year', min: 0, max: 100_000, integer: true, hint: 'a whole number such as 20' },
  /** A quantity such as tce or 万元 that cannot be negative. */
  nonNegative: { what: 'a quantity ≥ 0', min: 0, max: Number.POSITIVE_INFINITY },
  /** A quantity that must be above 0 (land, productivity). */
  positive: { what: 'a quantity above 0', min: 0, minOpen: true, max: Number.POSITIVE_INFINITY },
  /** Grid emission factor, tCO2/MWh: the dirtiest coal grids are about 1.2. */
  gridEmissionFactor: { what: 'a grid emission factor', min: 0, max: 2, hint: 'tCO2 per MWh, e.g. 0.5568 for China 2021' },
} as const satisfies Record<string, Domain>;

/** Writes a domain as an interval: `(−1, 1]`, `[0, ∞)`. */
export function formatDomain(d: Domain): string {
  const hi = Number.isFinite(d.max) ? String(d.max) : '∞';
  return `${d.minOpen ? '(' : '['}${d.min}, ${hi}${d.maxOpen || !Number.isFinite(d.max) ? ')' : ']'}`;
}

/** Tells whether x lies in the domain (integers not checked). */
export function inDomain(x: number, d: Domain): boolean {
  if (!Number.isFinite(x)) return false;
  if (d.minOpen ? !(x > d.min) : !(x >= d.min)) return false;
  return d.maxOpen ? x < d.max : x <= d.max;
}
