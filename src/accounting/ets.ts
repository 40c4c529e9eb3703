import type { EnergyColumns } from './account.js';
import { createOneAccount, createYearCoefficients, firmAccounter, setYear } from './account-one.js';
import type { AccountingConfig } from './config.js';
import type { EtsCoverage, Factors } from './factors.js';

/** A firm's registry `ets` cell: covered, not covered, or blank (by sector and threshold). */
export const ETS_NO = 0;
export const ETS_YES = 1;
export const ETS_BY_SECTOR = -1;

/** First covered year of a firm never covered. */
export const NEVER_COVERED = Number.POSITIVE_INFINITY;
/** First covered year of a firm the registry marks covered (`ets: true`): every year. */
export const ALWAYS_COVERED = Number.NEGATIVE_INFINITY;

/**
 * The first year the national carbon market covers a firm (`co2_ets_t`): `ets: true` → every
 * year, `ets: false` → never; blank → the earliest first year of the factors file's covered
 * sectors whose code is a prefix of the firm's sector code (D44 covers D4411, C3011 covers only
 * C3011), provided the firm's direct CO2 reaches the threshold. The threshold is tested once, on
 * the direct CO2 given (the base year's for a registry firm, the first year's for a project): a
 * firm does not enter or leave the market as it grows or saves within the period.
 */
export function etsFirstYear(flag: number, sectorCode: string, directCo2T: number, coverage: EtsCoverage | undefined): number {
  if (flag === ETS_YES) return ALWAYS_COVERED;
  if (flag === ETS_NO || !coverage || !(directCo2T >= coverage.thresholdTCo2)) return NEVER_COVERED;
  let first = NEVER_COVERED;
  for (const [code, from] of coverage.sectors) if (sectorCode.startsWith(code) && from < first) first = from;
  return first;
}

/** The first covered year of every firm of a table (registry firms: base-year direct CO2, the `ets` column where given). */
export function etsFirstYears(
  sectorCodes: readonly string[],
  ets: Int8Array | undefined,
  directCo2T: Float64Array,
  coverage: EtsCoverage | undefined,
): Float64Array {
  const out = new Float64Array(sectorCodes.length);
  for (let e = 0; e < sectorCodes.length; e++) out[e] = etsFirstYear(ets?.[e] ?? ETS_BY_SECTOR, sectorCodes[e], directCo2T[e], coverage);
  return out;
}

/**
 * The first covered year of every registry firm: the threshold on its direct CO2 in the base
 * year (no capture), its sector code as the registry writes it (a class code matches a class entry).
 */
export function registryEtsFirstYears(
  table: EnergyColumns & { readonly sectorRaw: readonly string[]; readonly ets?: Int8Array },
  factors: Factors,
  config: AccountingConfig,
  baseYear: number,
): Float64Array {
  const k = createYearCoefficients(factors, config);
  setYear(k, factors, config, baseYear);
  const one = createOneAccount();
  const direct = new Float64Array(table.n);
  const accountFirm = firmAccounter(table); // the columns looked up once, not per firm
  for (let e = 0; e < table.n; e++) {
    accountFirm(e, k, one);
    direct[e] = one.directCo2T;
  }
  return etsFirstYears(table.sectorRaw, table.ets, direct, factors.etsCoverage);
}
