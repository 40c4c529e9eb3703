import type { Rng } from '../random/rng.js';
import { paramValue, sample, type Param } from '../scenario/param.js';
import type { SectorParam } from '../scenario/resolve.js';

/**
 * Fills a by-sector scenario number for every firm and year: constants as they are, series at
 * the year, `per: draw` distributions once per draw, `per: enterprise` once per firm per draw.
 * Allocated once per run; nothing is allocated per year.
 */
export class SectorParamSampler {
  private readonly params: Param[];
  private readonly paramOfSector: Int32Array;
  private readonly drawValue: Float64Array;
  private readonly firmValue: (Float64Array | undefined)[];
  private readonly yearValue: Float64Array;
  /** True when some parameter differs by firm (per: enterprise). */
  readonly perFirm: boolean;

  constructor(
    sp: SectorParam,
    sectors: readonly string[],
    private readonly sector: Uint32Array,
    capacity: number,
  ) {
    this.params = [sp.default, ...sp.bySector.values()];
    const keys = [...sp.bySector.keys()];
    this.paramOfSector = Int32Array.from(sectors, (s) => 1 + keys.indexOf(s)); // 0 = default when not listed
    this.drawValue = new Float64Array(this.params.length);
    this.firmValue = this.params.map((p) => (p.kind === 'distribution' && p.per === 'enterprise' ? new Float64Array(capacity) : undefined));
    this.yearValue = new Float64Array(this.params.length);
    this.perFirm = this.firmValue.some((f) => f !== undefined);
  }

  /** Fixes every district-wide value for `year` (call once a year before {@link value}). */
  prepareYear(year: number): void {
    for (let i = 0; i < this.params.length; i++) this.yearValue[i] = paramValue(this.params[i], year, this.drawValue[i]);
  }

  /** Samples this draw's values from the stream (per-draw first, then per-firm, in a fixed order). */
  startDraw(rng: Rng): void {
    this.params.forEach((p, i) => {
      if (p.kind !== 'distribution') return;
      const firm = this.firmValue[i];
      if (firm) for (let e = 0; e < firm.length; e++) firm[e] = sample(p.dist, rng);
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

  /** The `per: draw` distributions of this number: their names (`prefix`, `prefix.C26` …) and readers of this draw's value. */
  drawParams(prefix: string, sectorKeys: readonly string[]): { name: string; read: () => number }[] {
    const names = ['default', ...sectorKeys];
    return this.params.flatMap((p, i) =>
      p.kind === 'distribution' && p.per === 'draw'
        ? [{ name: sectorKeys.length ? `${prefix}.${names[i]}` : prefix, read: () => this.drawValue[i] }]
        : [],
    );
  }
}
