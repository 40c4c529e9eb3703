import type { CarbonBoundary } from './boundary.js';

/** How electricity is converted to standard coal. */
export type ElectricityBasis = 'calorific' | 'primary';
/** Which renewables leave the dual-control total: none; the growth over the base year (total only); all non-fossil (total and intensity). */
export type RenewableExclusion = 'none' | 'new' | 'non_fossil';

/** The accounting switches of a scenario (`accounting:` block, DOMAIN §3). */
export interface AccountingConfig {
  readonly electricityBasis: ElectricityBasis;
  /** Deduct feedstock (原料用能) from the dual-control total and intensity (发改环资〔2022〕803号). */
  readonly excludeFeedstock: boolean;
  readonly excludeRenewables: RenewableExclusion;
  /** Which boundary the district's CO2 total (`co2_t`, `carbon_intensity`) follows (DOMAIN §8); per-firm CO2 is always the firm boundary. */
  readonly carbonBoundary: CarbonBoundary;
}
