import type { Rng } from '../random/rng.js';
import { paramValue, sample, type Param } from '../scenario/param.js';
import type { SectorParam } from '../scenario/resolve.js';

/** The simulated years a `per: year` number is drawn for: `first` … `first + count − 1`. */
export interface SampledYears {
  readonly first: number;
  readonly count: number;
}

/**
 * Fills a by-sector scenario number for every firm and year: constants as they are, series at
 * the year, `per: draw` distributions once per draw, `per: enterprise` once per firm per draw,
 * `per: year` once per simulated year per draw (all years drawn at the start of the draw, so the
 * stream's order does not depend on the years run). Allocated once per run; nothing is
 * allocated per year.
 */
export class SectorParamSampler {
  private readonly params: Param[];
  private readonly paramOfSector: Int32Array;
  private readonly drawValue: Float64Array;
  private readonly firmValue: (Float64Array | undefined)[];
  private readonly yearDraws: (Float64Array | undefined)[];
  private readonly yearValue: Float64Array;
  /** True when some parameter differs by firm (per: enterprise). */
  readonly perFirm: boolean;

  constructor(
    sp: SectorParam,
    sectors: readonly string[],
    private readonly sector: Uint32Array,
    capacity: number,
    private readonly years: SampledYears = { first: 0, count: 0 },
  ) {
    this.params = [sp.default, ...sp.bySector.values()];
    const keys = [...sp.bySector.keys()];
    this.paramOfSector = Int32Array.from(sectors, (s) => 1 + keys.indexOf(s)); // 0 = default when not listed
    this.drawValue = new Float64Array(this.params.length);
    const per = (p: Param) => (p.kind === 'distribution' ? p.per : undefined);
    this.firmValue = this.params.map((p) => (per(p) === 'enterprise' ? new Float64Array(capacity) : undefined));
    this.yearDraws = this.params.map((p) => (per(p) === 'year' ? new Float64Array(years.count) : undefined));
    this.yearValue = new Float64Array(this.params.length);
    this.perFirm = this.firmValue.some((f) => f !== undefined);
  }

  /** Fixes every district-wide value for `year` (call once a year before {@link value}). */
  prepareYear(year: number): void {
    for (let i = 0; i < this.params.length; i++) {
      const drawn = this.yearDraws[i];
      this.yearValue[i] = drawn ? drawn[year - this.years.first] : paramValue(this.params[i], year, this.drawValue[i]);
    }
  }

  /** Samples this draw's values from the stream (in parameter order: one per draw, per firm or per year). */
  startDraw(rng: Rng): void {
    this.params.forEach((p, i) => {
      if (p.kind !== 'distribution') return;
      const many = this.firmValue[i] ?? this.yearDraws[i];
      if (many) for (let k = 0; k < many.length; k++) many[k] = sample(p.dist, rng);
      else this.drawValue[i] = sample(p.dist, rng);
    });
  }

  /** Returns the prepared year's value of a sector (when no parameter differs by firm). */
  sectorValue(sector: number): number {
    return this.yearValue[this.paramOfSector[sector]];
  }

  /** Returns firm e's value in the prepared year. */
  value(e: number): number {
    const i = this.paramOfSector[this.sector[e]];
    const firm = this.firmValue[i];
    return firm === undefined ? this.yearValue[i] : firm[e];
  }

  /**
   * The numbers of this draw the sensitivity analysis relates to the outcomes: each `per: draw`
   * distribution by its value, each `per: year` one by the mean of its yearly values (the level
   * of the shocks over the period; their order within the period is not seen). Names are
   * `prefix` or `prefix.default`, `prefix.C26` … when the number differs by sector.
   */
  drawParams(prefix: string, sectorKeys: readonly string[]): { name: string; read: () => number }[] {
    const names = ['default', ...sectorKeys];
    return this.params.flatMap((p, i) => {
      if (p.kind !== 'distribution' || p.per === 'enterprise') return [];
      const name = sectorKeys.length ? `${prefix}.${names[i]}` : prefix;
      const drawn = this.yearDraws[i];
      if (!drawn) return [{ name, read: () => this.drawValue[i] }];
      return [{ name, read: () => drawn.reduce((a, b) => a + b, 0) / drawn.length }];
    });
  }
}
