/** One disposition of the audit trail, as attribution reads it. */
export interface AttributionRow {
  /** Year and firm id of the disposition (rows built without them give no firm counts). */
  readonly year?: number;
  readonly enterprise?: string;
  readonly policy: string;
  readonly action: string;
  readonly town: string;
  readonly park: string;
  readonly sector: string;
  readonly vacatedEnergyTce: number;
  readonly co2ReductionT: number;
  readonly vacatedLandMu: number;
}

/** Energy, CO2 and land from one source. */
export interface AttributionEntry {
  readonly key: string;
  readonly vacated_energy_tce: number;
  readonly co2_reduction_t: number;
  readonly vacated_land_mu: number;
}

/** Where the vacated energy, CO2 and land of the audited draw come from (summary.json `attribution`). */
export interface Attribution {
  /** The draw whose audit trail this is (draw 0). */
  readonly draw: number;
  readonly total: Omit<AttributionEntry, 'key'>;
  /** By policy and disposition, key `policy/action`. */
  readonly byDisposition: readonly AttributionEntry[];
  readonly byTown: readonly AttributionEntry[];
  readonly byPark: readonly AttributionEntry[];
  readonly bySector: readonly AttributionEntry[];
  /** Distinct firms the programmes took (any disposition but a shortfall row). */
  readonly firms?: FirmCounts;
}

/** Distinct firms of the audited draw, per programme and in total. */
export interface FirmCounts {
  /** Distinct firms taken by any programme over the period. */
  readonly total: number;
  /** Distinct firms per policy key, over the period. */
  readonly byPolicy: readonly { readonly key: string; readonly firms: number }[];
  /** Firms taken by two or more programmes in the same year (0 when every policy is exclusive). */
  readonly sameYearInSeveral: number;
}

const NOT_A_TAKE: ReadonlySet<string> = new Set(['shortfall', 'ramp', 'pending']);

/**
 * Counts the distinct firms per programme and in total. Only takes count: a `shortfall` row names no
 * firm, and a project's `ramp` step or a `pending` saving at the period end is bookkeeping of an
 * earlier take, not a programme taking the firm again.
 */
export function firmCounts(rows: readonly AttributionRow[]): FirmCounts | undefined {
  const all = new Set<string>();
  const byPolicy = new Map<string, Set<string>>();
  const byYear = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.enterprise === undefined) return undefined;
    if (r.enterprise === '' || NOT_A_TAKE.has(r.action)) continue;
    all.add(r.enterprise);
    if (!byPolicy.has(r.policy)) byPolicy.set(r.policy, new Set());
    byPolicy.get(r.policy)!.add(r.enterprise);
    const yk = `${r.year} ${r.enterprise}`;
    if (!byYear.has(yk)) byYear.set(yk, new Set());
    byYear.get(yk)!.add(r.policy);
  }
  let several = 0;
  for (const p of byYear.values()) if (p.size > 1) several++;
  return {
    total: all.size,
    byPolicy: [...byPolicy].map(([key, f]) => ({ key, firms: f.size })),
    sameYearInSeveral: several,
  };
}

function group(rows: readonly AttributionRow[], key: (r: AttributionRow) => string): AttributionEntry[] {
  const sums = new Map<string, [number, number, number]>();
  for (const r of rows) {
    const s = sums.get(key(r)) ?? [0, 0, 0];
    s[0] += r.vacatedEnergyTce;
    s[1] += r.co2ReductionT;
    s[2] += r.vacatedLandMu;
    sums.set(key(r), s);
  }
  return [...sums]
    .map(([k, [e, c, l]]) => ({ key: k, vacated_energy_tce: e, co2_reduction_t: c, vacated_land_mu: l }))
    .filter((x) => x.vacated_energy_tce !== 0 || x.co2_reduction_t !== 0 || x.vacated_land_mu !== 0)
    .sort((a, b) => b.vacated_energy_tce - a.vacated_energy_tce || b.vacated_land_mu - a.vacated_land_mu || a.key.localeCompare(b.key));
}

/**
 * Attributes the vacated energy, CO2 and land of one draw's audit trail to policies and
 * dispositions, towns, parks and sectors — from the run itself, not by re-running without each
 * policy. Every grouping sums to the same totals.
 */
export function attribute(rows: readonly AttributionRow[], draw = 0): Attribution {
  const total = { vacated_energy_tce: 0, co2_reduction_t: 0, vacated_land_mu: 0 };
  for (const r of rows) {
    total.vacated_energy_tce += r.vacatedEnergyTce;
    total.co2_reduction_t += r.co2ReductionT;
    total.vacated_land_mu += r.vacatedLandMu;
  }
  const firms = firmCounts(rows);
  return {
    draw,
    total,
    byDisposition: group(rows, (r) => `${r.policy}/${r.action}`),
    byTown: group(rows, (r) => r.town),
    byPark: group(rows, (r) => r.park),
    bySector: group(rows, (r) => r.sector),
    ...(firms ? { firms } : {}),
  };
}
