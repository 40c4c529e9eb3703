import { completeEnergy } from '../accounting/complete-energy.js';
import type { Factors } from '../accounting/factors.js';
import type { FuelMixes } from '../accounting/fuel-mix.js';
import type { Diagnostic } from '../domain/diagnostic.js';
import { valueAt } from '../domain/year-series.js';
import { msg } from '../messages/messages.js';
import type { LoadedRegistry } from './registry-build.js';

/** The electricity basis of a registry's total energy (scenario `registry_defaults.energy_total_basis`). */
export type EnergyTotalBasis = 'calorific' | 'primary';

/** What completing a registry's carriers from its totals did, for `dcsim validate`. */
export interface CompletionSummary {
  readonly firms: number;
  readonly basis: EnergyTotalBasis;
  /** Mix keys used (`default`, C26 …), in first-use order. */
  readonly mixes: readonly string[];
}

/**
 * Completes the carriers of a registry's firms that give a total (energy_tce) and electricity
 * only (see {@link completeEnergy}), filling the table's carrier arrays in place, and turns what
 * it finds into diagnostics with file, sheet, row and column: a total below the firm's own
 * electricity (error), a total more than 5 % from the firm's carriers (warning).
 */
export function completeRegistryEnergy(
  registry: LoadedRegistry,
  factors: Factors,
  mixes: FuelMixes,
  basis: EnergyTotalBasis,
  baseYear: number,
): { summary?: CompletionSummary; diagnostics: Diagnostic[] } {
  const totals = registry.energyTotalTce;
  if (!totals) return { diagnostics: [] };
  const { table } = registry;
  const electricityTcePer10kKwh =
    basis === 'calorific' ? factors.electricityCalorificTcePer10kKwh : valueAt(factors.electricityPrimaryTcePer10kKwh, baseYear);
  const r = completeEnergy({
    carriers: table.carriers,
    energyTotalTce: totals,
    divisions: Array.from(table.sector, (s) => table.sectors[s]),
    tcePerUnit: factors.tcePerUnit,
    electricityTcePer10kKwh,
    mixes,
  });
  const at = (firm: number) => ({
    file: registry.file,
    ...(registry.sheet !== undefined ? { sheet: registry.sheet } : {}),
    headerRow: registry.headerRow,
    row: registry.rows[firm],
    field: registry.headers.get('energy_tce') ?? 'energy_tce',
  });
  const diagnostics: Diagnostic[] = [
    ...r.belowElectricity.map((b): Diagnostic => ({
      code: 'registry/energy-below-electricity',
      message: msg.energyBelowElectricity(b.totalTce, b.electricityTce, basis),
      ...at(b.firm),
    })),
    ...r.noMix.map((b): Diagnostic => ({ code: 'registry/no-fuel-mix', message: msg.noFuelMix(b.division), ...at(b.firm) })),
    ...r.disagreements.map((d): Diagnostic => ({
      code: 'registry/energy-total-disagrees',
      message: msg.energyTotalDisagrees(d.totalTce, d.carriersTce, basis),
      ...at(d.firm),
      severity: 'warning',
    })),
  ];
  return { summary: { firms: r.completed.length, basis, mixes: [...new Set(r.completed.map((c) => c.mix))] }, diagnostics };
}
