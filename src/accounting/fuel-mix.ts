import { z } from 'zod';
import { CARRIERS, CARRIER_INDEX, type CarrierId } from '../domain/carriers.js';
import { sharesSumToOne } from '../domain/schema-helpers.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';

/** Carriers a fuel mix may name: every carrier but electricity (the registry gives electricity itself). */
export const MIX_CARRIERS = CARRIERS.filter((c) => c !== 'electricity_10k_kwh') as Exclude<CarrierId, 'electricity_10k_kwh'>[];

/** Shares of non-electric energy (in tce) by carrier; they sum to 1. */
export const fuelSharesSchema = z.partialRecord(z.enum(MIX_CARRIERS), z.number().min(0).max(1)).superRefine((m, ctx) => {
  const parts = Object.entries(m).filter((e): e is [string, number] => e[1] !== undefined);
  const { sum, ok } = sharesSumToOne(parts.map((p) => p[1]));
  if (!ok) ctx.addIssue({ code: 'custom', message: msg.sharesNotOne('fuel mix', parts, sum) });
});

const sectorKey = z.string().superRefine((k, ctx) => {
  if (k !== 'default' && toDivision(k) !== k) ctx.addIssue({ code: 'custom', message: msg.sectorKey(k) });
});

/** A factors file's `default_fuel_mix:` — by `default` and GB/T 4754 division, each with its source. */
export const fuelMixSectionSchema = z
  .record(sectorKey, z.strictObject({ shares: fuelSharesSchema, source: z.string().min(1) }))
  .superRefine((m, ctx) => {
    if (!('default' in m)) ctx.addIssue({ code: 'custom', message: msg.missingKey("'default': the mix of firms in other divisions") });
  });

/** A scenario's `registry_defaults.fuel_mix:` — shares by `default` and division, replacing the factors file's entries. */
export const fuelMixOverrideSchema = z.record(sectorKey, fuelSharesSchema);

/** Fuel mixes resolved to shares indexed like {@link CARRIERS}, by `default` and division. */
export type FuelMixes = ReadonlyMap<string, Float64Array>;

/**
 * Resolves fuel mixes: the factors file's entries, each replaced by the scenario's entry of the
 * same key (`default` or a division), as scenario maps merge (DESIGN §3).
 */
export function resolveFuelMixes(
  factorsMix: Readonly<Record<string, { shares: Partial<Record<CarrierId, number>> }>> | undefined,
  override: Readonly<Record<string, Partial<Record<CarrierId, number>>>> | undefined,
): FuelMixes {
  const out = new Map<string, Float64Array>();
  const put = (key: string, shares: Partial<Record<CarrierId, number>>) => {
    const a = new Float64Array(CARRIERS.length);
    for (const [c, v] of Object.entries(shares) as [CarrierId, number][]) a[CARRIER_INDEX[c]] = v;
    out.set(key, a);
  };
  for (const [k, v] of Object.entries(factorsMix ?? {})) put(k, v.shares);
  for (const [k, v] of Object.entries(override ?? {})) put(k, v);
  return out;
}

/** Returns the key of the mix a division takes: its own entry, else `default`; undefined when neither exists. */
export function mixKeyFor(mixes: FuelMixes, division: string): string | undefined {
  if (mixes.has(division)) return division;
  return mixes.has('default') ? 'default' : undefined;
}
