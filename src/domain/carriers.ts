/**
 * Energy carriers as they appear in the registry (DESIGN §2): the column name is the id and
 * carries the physical unit. Coefficients live in the factors file, not here.
 */
export const CARRIERS = [
  'coal_t',
  'coke_t',
  'crude_oil_t',
  'fuel_oil_t',
  'gasoline_t',
  'kerosene_t',
  'diesel_t',
  'lpg_t',
  'refinery_gas_t',
  'natural_gas_10k_m3',
  'electricity_10k_kwh',
  'heat_gj',
  'other_tce',
] as const;

export type CarrierId = (typeof CARRIERS)[number];

/** Fossil carriers: burned fuels with a combustion CO2 factor; feedstock is a part of their use. */
export const FOSSIL_CARRIERS = [
  'coal_t',
  'coke_t',
  'crude_oil_t',
  'fuel_oil_t',
  'gasoline_t',
  'kerosene_t',
  'diesel_t',
  'lpg_t',
  'refinery_gas_t',
  'natural_gas_10k_m3',
  'other_tce',
] as const satisfies readonly CarrierId[];

export type FossilCarrierId = (typeof FOSSIL_CARRIERS)[number];

/** Index of a carrier in {@link CARRIERS}; the order of the per-carrier arrays in the table. */
export const CARRIER_INDEX: Readonly<Record<CarrierId, number>> = Object.fromEntries(CARRIERS.map((c, i) => [c, i])) as Record<
  CarrierId,
  number
>;
