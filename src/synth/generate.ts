import type { Factors } from '../accounting/factors.js';
import { CARRIERS, CARRIER_INDEX, FOSSIL_CARRIERS, type CarrierId } from '../domain/carriers.js';

import { lognormal, standardNormal, uniform } from '../random/distributions.js';
import { createRng, type Rng } from '../random/rng.js';
import type { AggregatesSpec, SegmentSpec } from './aggregates.js';

/** Columns of a generated registry, in file order (DESIGN §2). */
export const SYNTH_COLUMNS = [
  'id',
  'name',
  'sector',
  'town',
  'park',
  'above_scale',
  'land_mu',
  'output',
  'value_added',
  'tax',
  'employees',
  'revenue',
  'rd_expense',
  'pollutant_t',
  ...CARRIERS,
  'feedstock_tce',
  'renewable_electricity_10k_kwh',
  'process_co2_t',
  'year_built',
  'village_cluster',
  'lsmp',
  'green_factory',
  'year',
] as const;

/** One generated firm before formatting. */
interface Firm {
  segment: number;
  sector: string;
  town: string;
  park: string;
  above: boolean;
  land: number;
  output: number;
  va: number;
  tax: number;
  employees: number;
  revenue: number;
  rd: number;
  pollutant: number;
  carriers: Record<CarrierId, number>;
  feedstock: number;
  renewable: number;
  process: number;
  yearBuilt: number;
  village: boolean;
  lsmp: boolean;
  green: string;
}

/** Calibration outcome, reported by `dcsim synth` (规上 totals and ratios after scaling). */
export interface SynthSummary {
  enterprises: number;
  aboveScale: number;
  aboveScaleValueAdded: number;
  valueAddedRate: number;
  taxPerMu: number;
  grossEnergyTce: number;
}

function pick(rng: Rng, weights: Readonly<Record<string, number>>): string {
  const entries = Object.entries(weights);
  let u = rng.next();
  for (const [k, w] of entries) {
    if (u < w) return k;
    u -= w;
  }
  return entries[entries.length - 1][0];
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const draw = (rng: Rng, [mean, sd]: readonly [number, number], lo: number, hi: number) =>
  clip(sd > 0 ? lognormal(rng, mean, sd) : mean, lo, hi);

/** Splits `n` firms over segments in proportion to their reference counts; every segment keeps ≥ 1. */
export function segmentCounts(segments: readonly SegmentSpec[], reference: number, n: number): number[] {
  const counts = segments.map((s) => Math.max(1, Math.round((s.count * n) / reference)));
  let diff = n - counts.reduce((a, b) => a + b, 0);
  // settle rounding on the largest segments
  const order = counts.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  for (let k = 0; diff !== 0; k = (k + 1) % order.length) {
    const i = order[k];
    if (diff > 0) [counts[i], diff] = [counts[i] + 1, diff - 1];
    else if (counts[i] > 1) [counts[i], diff] = [counts[i] - 1, diff + 1];
  }
  return counts;
}

function generateSegment(
  seg: SegmentSpec,
  segIndex: number,
  count: number,
  scale: number,
  towns: AggregatesSpec['towns'],
  factors: Factors,
  rng: Rng,
): Firm[] {
  const weights = Array.from({ length: count }, () => Math.exp(seg.size_sigma * standardNormal(rng)));
  const wsum = weights.reduce((a, b) => a + b, 0);
  // the largest firms of a segment are the 规上 ones
  const byWeight = weights.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  const above = new Set(byWeight.slice(0, Math.round(seg.above_scale * count)));
  const elecTce = factors.electricityCalorificTcePer10kKwh;
  return weights
    .map((w, i): Firm => {
      const va = (seg.value_added_total * scale * w) / wsum;
      const output = va / draw(rng, seg.value_added_rate, 0.04, 0.8);
      const tce = va * draw(rng, seg.energy_per_value_added, 1e-4, 50);
      const carriers = Object.fromEntries(CARRIERS.map((c) => [c, 0])) as Record<CarrierId, number>;
      for (const [c, sh] of Object.entries(seg.carrier_mix) as [CarrierId, number][]) {
        const perUnit = c === 'electricity_10k_kwh' ? elecTce : factors.tcePerUnit[CARRIER_INDEX[c]];
        carriers[c] = (tce * sh) / perUnit;
      }
      const fossilTce = FOSSIL_CARRIERS.reduce((s, c) => s + carriers[c] * factors.tcePerUnit[CARRIER_INDEX[c]], 0);
      const revenue = output * uniform(rng, 0.95, 1.05);
      return {
        segment: segIndex,
        sector: pick(rng, seg.sectors),
        town: pick(rng, towns),
        park: pick(rng, seg.parks),
        above: above.has(i),
        land: Math.max(1, va / draw(rng, seg.value_added_per_mu, 0.5, 5000)),
        output,
        va,
        tax: va * draw(rng, seg.tax_rate, 0.005, 3),
        employees: Math.max(3, va / draw(rng, seg.value_added_per_employee, 1, 2000)),
        revenue,
        rd: revenue * uniform(rng, seg.rd_ratio[0], seg.rd_ratio[1]),
        pollutant: (va * draw(rng, seg.pollutant_kg_per_value_added, 1e-4, 1e4)) / 1000,
        carriers,
        feedstock: fossilTce * uniform(rng, seg.feedstock_share[0], seg.feedstock_share[1]),
        renewable: carriers.electricity_10k_kwh * uniform(rng, seg.renewable_share[0], seg.renewable_share[1]),
        process: tce * uniform(rng, seg.process_co2_per_tce[0], seg.process_co2_per_tce[1]),
        yearBuilt: Math.floor(uniform(rng, seg.year_built[0], seg.year_built[1] + 1)),
        village: rng.next() < seg.village_cluster,
        lsmp: rng.next() < seg.lsmp,
        green: pick(rng, seg.green_factory as Record<string, number>),
      };
    })
    .map((f) => (f.village ? { ...f, park: '' } : f)); // a 村级工业集聚点 lies outside the parks (方案 三(二)6)
}

/** Scales every size quantity of a firm (not its land) by `s`. */
function scaleSize(f: Firm, s: number): void {
  f.va *= s;
  f.output *= s;
  f.tax *= s;
  f.employees *= s;
  f.revenue *= s;
  f.rd *= s;
  f.pollutant *= s;
  f.feedstock *= s;
  f.renewable *= s;
  f.process *= s;
  for (const c of CARRIERS) f.carriers[c] *= s;
}

/**
 * Calibrates the 规上 firms to the district figures: sizes scale to the 规上 VA total, gross
 * output scales to the value-added rate, tax scales to the tax per mu. Shares between firms and
 * segments (and every 规下 firm) are left as drawn.
 */
function calibrate(firms: Firm[], spec: AggregatesSpec, n: number): void {
  const above = firms.filter((f) => f.above);
  const sum = (g: (f: Firm) => number) => above.reduce((s, f) => s + g(f), 0);
  const targetVa = (spec.calibration.above_scale_value_added * n) / spec.enterprises;
  const s = targetVa / sum((f) => f.va);
  for (const f of above) scaleSize(f, s);
  const r = sum((f) => f.va) / spec.calibration.value_added_rate / sum((f) => f.output);
  for (const f of above) {
    f.output *= r;
    f.revenue *= r;
    f.rd *= r;
    f.output = Math.max(f.output, f.va / 0.95);
  }
  const q = (spec.calibration.tax_per_mu * sum((f) => f.land)) / sum((f) => f.tax);
  for (const f of above) f.tax *= q;
}

const SYLLABLES = '甬海金宏立恒华信达泰兴鑫晟瑞诚远宁顺通新盛丰利嘉汇隆博源凯润德明安永升昌天越鼎浩亿聚星'.split('');

/**
 * Generates a synthetic registry (DOMAIN §7): each segment's firms with heavy-tailed sizes, the
 * segment's ratios drawn per firm, energy split by the segment's carrier mix; then the 规上
 * firms are calibrated to the aggregates' VA, value-added rate and tax per mu. The same spec,
 * factors, size and seed always give the same rows.
 */
export function generateRegistry(
  spec: AggregatesSpec,
  factors: Factors,
  n: number,
  seed: number,
): { rows: string[][]; summary: SynthSummary } {
  const counts = segmentCounts(spec.segments, spec.enterprises, n);
  const firms = spec.segments.flatMap((seg, i) =>
    generateSegment(seg, i, counts[i], counts[i] / seg.count, spec.towns, factors, createRng(seed, i)),
  );
  calibrate(firms, spec, n);

  const nameRng = createRng(seed, 0x6e616d65);
  const names = new Set<string>();
  const pad = String(n).length;
  const f1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
  const f2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
  const rows = firms.map((f, i) => {
    const seg = spec.segments[f.segment];
    const syllable = () => SYLLABLES[Math.floor(nameRng.next() * SYLLABLES.length)];
    const word = () => seg.name_words[Math.floor(nameRng.next() * seg.name_words.length)];
    const draw = (syllables: number) => `${spec.name_prefix}${Array.from({ length: syllables }, syllable).join('')}${word()}有限公司`;
    // two syllables as most firms have; three when those run out; a numbered works as a last resort
    let name = draw(2);
    for (let t = 0; names.has(name) && t < 8; t++) name = draw(t < 4 ? 2 : 3);
    if (names.has(name)) name = name.replace(/有限公司$/, `${i + 1}号厂有限公司`);
    names.add(name);
    const va = f1(f.va);
    const output = Math.max(Number(f1(f.output)), Number(va)).toFixed(1);
    const carrierCells = CARRIERS.map((c) => (f.carriers[c] > 0 ? f2(f.carriers[c]) : ''));
    return [
      `${spec.id_prefix}${String(i + 1).padStart(pad, '0')}`,
      name,
      f.sector,
      f.town,
      f.park,
      f.above ? 'true' : 'false',
      f1(f.land),
      output,
      va,
      f1(f.tax),
      String(Math.round(f.employees)),
      f1(f.revenue),
      f1(f.rd),
      f2(f.pollutant),
      ...carrierCells,
      f1(f.feedstock),
      f2(Math.min(f.renewable, f.carriers.electricity_10k_kwh)),
      f1(f.process),
      String(f.yearBuilt),
      f.village ? 'true' : 'false',
      f.lsmp ? 'true' : 'false',
      f.green,
      String(spec.year),
    ];
  });
  const above = rows.filter((r) => r[5] === 'true');
  const col = (name: (typeof SYNTH_COLUMNS)[number]) => SYNTH_COLUMNS.indexOf(name);
  const total = (rs: string[][], c: number) => rs.reduce((s, r) => s + Number(r[c] || 0), 0);
  let gross = 0;
  for (const r of rows) {
    for (const c of CARRIERS) {
      const q = Number(r[col(c)] || 0);
      gross += q * (c === 'electricity_10k_kwh' ? factors.electricityCalorificTcePer10kKwh : factors.tcePerUnit[CARRIER_INDEX[c]]);
    }
  }
  return {
    rows,
    summary: {
      enterprises: rows.length,
      aboveScale: above.length,
      aboveScaleValueAdded: total(above, col('value_added')),
      valueAddedRate: total(above, col('value_added')) / total(above, col('output')),
      taxPerMu: total(above, col('tax')) / total(above, col('land_mu')),
      grossEnergyTce: gross,
    },
  };
}
