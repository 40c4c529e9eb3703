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

  constructor(
    sp: SectorParam,
    sectors: readonly string[],
    private readonly sector: Uint16Array,
    capacity: number,
  ) {
    this.params = [sp.default, ...sp.bySector.values()];
    const keys = [...sp.bySector.keys()];
    this.paramOfSector = Int32Array.from(sectors, (s) => 1 + keys.indexOf(s)); // 0 = default when not listed
    this.drawValue = new Float64Array(this.params.length);
    this.firmValue = this.params.map((p) => (p.kind === 'distribution' && p.per === 'enterprise' ? new Float64Array(capacity) : undefined));
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

  /** Returns firm e's value in `year`. */
  value(e: number, year: number): number {
    const i = this.paramOfSector[this.sector[e]];
    return paramValue(this.params[i], year, this.firmValue[i]?.[e] ?? this.drawValue[i]);
  }

  /** The per-draw samples of this draw (for sensitivity analysis), one per distinct parameter. */
  drawSamples(): Float64Array {
    return this.drawValue;
  }
}
