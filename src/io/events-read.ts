import type { AttributionRow } from '../engine/attribution.js';
import type { FirmContribution } from '../report/charts.js';
import { readCsvSheet } from './registry-load.js';

/** Reads events.csv back into the firms' contributions (names un-neutralised). */
export function firmsFromEventsCsv(text: string, file: string): FirmContribution[] {
  const { sheet } = readCsvSheet(text, file);
  if (!sheet) return [];
  const col = (name: string) => sheet.headers.indexOf(name);
  const [name, policy, action, energy] = ['enterprise_name', 'policy', 'action', 'vacated_energy_tce'].map(col);
  return sheet.rows.map((r) => ({
    name: r.cells[name].replace(/^'/, ''),
    policy: r.cells[policy],
    action: r.cells[action],
    vacatedEnergyTce: Number(r.cells[energy]) || 0,
  }));
}

/** Reads events.csv into the rows attribution groups (town, park and sector as the run wrote them). */
export function attributionRows(text: string, file = 'events.csv'): AttributionRow[] {
  const { sheet } = readCsvSheet(text, file);
  if (!sheet) return [];
  const col = (name: string) => sheet.headers.indexOf(name);
  const at = ['policy', 'action', 'town', 'park', 'sector', 'vacated_energy_tce', 'co2_reduction_t', 'vacated_land_mu'].map(col);
  const cell = (cells: readonly string[], i: number) => (at[i] < 0 ? '' : (cells[at[i]] ?? '').replace(/^'/, ''));
  return sheet.rows.map((r) => ({
    policy: cell(r.cells, 0),
    action: cell(r.cells, 1),
    town: cell(r.cells, 2),
    park: cell(r.cells, 3),
    sector: cell(r.cells, 4),
    vacatedEnergyTce: Number(cell(r.cells, 5)) || 0,
    co2ReductionT: Number(cell(r.cells, 6)) || 0,
    vacatedLandMu: Number(cell(r.cells, 7)) || 0,
  }));
}
