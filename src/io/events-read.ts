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
