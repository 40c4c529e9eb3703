import type { Factors } from '../accounting/factors.js';
import type { FuelMixes } from '../accounting/fuel-mix.js';
import { CARRIERS } from '../domain/carriers.js';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { ProjectTable } from '../domain/project-table.js';
import { msg } from '../messages/messages.js';
import { completeRegistryEnergy, type EnergyTotalBasis } from './registry-complete.js';
import { loadRegistry } from './registry-load.js';

/** How a project table's `energy_tce` is completed into carriers: the scenario's registry defaults. */
export interface ProjectCompletion {
  readonly factors: Factors;
  readonly mixes: FuelMixes;
  readonly basis: EnergyTotalBasis;
  readonly baseYear: number;
}

/**
 * Loads a project pipeline (CSV or XLSX) with the registry's loader ({@link loadRegistry},
 * `kind: 'projects'`): the registry's columns, aliases, cell readers and errors, plus start_year,
 * ramp, national_major, product, capacity_t and energy_factor; an unknown column is an error. A project gives its energy as
 * carriers or as `energy_tce` (then completed into carriers with the scenario's
 * `registry_defaults`, exactly as the registry's firms are); one of them is required.
 */
export async function loadProjectTable(
  path: string,
  shownAs: string,
  completion: ProjectCompletion | undefined,
): Promise<{ value?: ProjectTable; diagnostics: Diagnostic[] }> {
  const loaded = await loadRegistry(path, shownAs, { kind: 'projects' });
  const p = loaded.value;
  if (!p?.projects) return { diagnostics: loaded.diagnostics };
  const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
  if (!p.headers.has('energy_tce') && !CARRIERS.some((c) => p.headers.has(c))) {
    const column = 'energy_tce (or carrier columns such as electricity_10k_kwh)';
    return {
      diagnostics: [
        { code: 'registry/missing-column', message: msg.missingColumn(column, []), file: shownAs, row: p.headerRow, field: 'energy_tce' },
      ],
    };
  }
  if (completion) {
    const { factors, mixes, basis, baseYear } = completion;
    const completed = completeRegistryEnergy(p, factors, mixes, basis, baseYear);
    if (completed.diagnostics.some((d) => d.severity !== 'warning')) return { diagnostics: completed.diagnostics };
    warnings.push(...completed.diagnostics);
  }
  return {
    value: {
      file: shownAs,
      ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
      table: p.table,
      rows: p.rows,
      headers: p.headers,
      startYear: p.projects.startYear,
      ramp: p.projects.ramp,
      product: p.projects.product,
      capacityT: p.projects.capacityT,
      energyFactor: p.projects.energyFactor,
    },
    diagnostics: warnings,
  };
}
