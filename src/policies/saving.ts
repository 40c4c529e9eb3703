import { z } from 'zod';
import type { Rng } from '../random/rng.js';
import type { Param } from '../scenario/param.js';
import { PolicyParam } from './common.js';
import type { PolicyLayout, PolicyState } from './types.js';

/**
 * Energy savings, one rule for every saving disposition (rectification upgrade and regulate,
 * two-high benchmark, green-manufacturing retrofit and green-factory gain; README "Modelling
 * conventions"):
 *
 * - a saving is a share of the firm's **process energy** — gross energy less feedstock, the
 *   energy a firm burns or draws (fuel, power, heat). Feedstock that ends up in products and the
 *   firm's own renewable electricity are not cut ({@link PolicyState.saveEnergy});
 * - a disposition may cap what one firm saves at `max_saving_tce`: the share becomes
 *   min(share × process energy, cap) ÷ process energy. A retrofit or upgrade project affects a
 *   unit, not a whole site (DOMAIN §6: 5–30 % of the *affected* load).
 */

/** `max_saving_tce`: most energy one firm saves by one disposition, tce (no cap when absent). */
export const maxSavingTceSchema = z.number().positive().optional();

/** A firm's process energy: gross energy less feedstock, tce (what a saving share applies to). */
export function processEnergyTce(s: Pick<PolicyState, 'grossTce' | 'feedstockTce'>, e: number): number {
  return Math.max(0, s.grossTce[e] - s.feedstockTce[e]);
}

/** The share a firm saves once the cap applies: min(share × process energy, cap) ÷ process energy. */
export function cappedShare(s: Pick<PolicyState, 'grossTce' | 'feedstockTce'>, e: number, share: number, maxTce: number): number {
  const process = processEnergyTce(s, e);
  return process > 0 && share * process > maxTce ? maxTce / process : share;
}

/** The energy (tce) a share saves on a firm now, after the cap. */
export function savingTce(s: Pick<PolicyState, 'grossTce' | 'feedstockTce'>, e: number, share: number, maxTce: number): number {
  return Math.min(share * processEnergyTce(s, e), maxTce);
}

/** A saving disposition in use: its share (a scenario number) and its cap. */
export class Saving {
  private readonly share: PolicyParam;
  /** `name` is the share's key under `policies.<key>.` for the sensitivity analysis. */
  constructor(
    param: Param,
    readonly maxTce: number,
    layout: Pick<PolicyLayout, 'key' | 'drawParam'>,
    name: string,
  ) {
    this.share = new PolicyParam(param, layout, name);
  }

  /** Samples the per-draw share (call from startDraw). */
  startDraw(rng: Rng): void {
    this.share.startDraw(rng);
  }

  /** Draws the share for one firm in `year` (before the cap). */
  sample(year: number, rng: Rng): number {
    return this.share.value(year, rng);
  }

  /**
   * Saves `share` of firm e's process energy now, at most the cap, recording it under `action`;
   * an `observed` share (a recorded or named saving) is applied as given, without the cap; a
   * `recorded` one completes a recorded action (PolicyState.saveEnergy).
   */
  apply(s: PolicyState, e: number, share: number, policy: number, action: string, observed = false, recorded = false): void {
    s.saveEnergy(e, observed ? share : cappedShare(s, e, share, this.maxTce), policy, action, recorded);
  }

  /** The energy `share` would save on firm e now, after the cap, tce. */
  tce(s: PolicyState, e: number, share: number): number {
    return savingTce(s, e, share, this.maxTce);
  }
}
