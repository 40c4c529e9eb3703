import { fuelSwitchModule } from './fuel-switch.js';

/**
 * `electrification` (电能替代): a preset of `fuel_switch` (src/policies/fuel-switch.ts) with the
 * target fixed to electricity (the entry has no `to` key): coal and coke by default, 0.8 tce of
 * electricity (calorific basis) per tce of fuel replaced — a coal boiler at ≈ 78 % replaced by an
 * electric boiler at ≈ 98 % [R] (GB 24500-2020 boiler efficiency levels); a heat pump is
 * `tce_per_tce: 0.26` (COP 3) [R]. Its disposition is `electrify`.
 */
export const electrification = fuelSwitchModule({
  type: 'electrification',
  action: 'electrify',
  label: { zh: '电能替代', en: 'electrification' },
  from: ['coal_t', 'coke_t'],
  to: 'electricity_10k_kwh',
  fixed: true,
  tcePerTce: 0.8,
});
