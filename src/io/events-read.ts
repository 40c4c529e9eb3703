import type { AttributionRow } from '../engine/attribution.js';
import type { AdmissionEvent } from '../report/budget.js';
import type { FirmContribution } from '../report/charts.js';
import { EVENT_COLUMNS } from './run-tables.js';
import { readTableCsv, type Cell } from './table.js';

const text = (c: Cell) => (c === null ? '' : String(c));
const value = (c: Cell) => (typeof c === 'number' ? c : 0);
const at = (key: string) => EVENT_COLUMNS.findIndex((c) => c.key === key);
const [NAME, POLICY, ACTION, ENERGY, CO2, LAND, TOWN, PARK, SECTOR, YEAR, ID, DETAIL] = [
  'enterprise_name',
  'policy',
  'action',
  'vacated_energy_tce',
  'co2_reduction_t',
  'vacated_land_mu',
  'town',
  'park',
  'sector',
  'year',
  'enterprise_id',
  'detail',
].map(at);

/** Reads events.csv back into the firms' contributions (names un-neutralised). */
export function firmsFromEventsCsv(csv: string, file: string): FirmContribution[] {
  return readTableCsv(csv, EVENT_COLUMNS, file).rows.map((r) => ({
    name: text(r[NAME]),
    policy: text(r[POLICY]),
    action: text(r[ACTION]),
    vacatedEnergyTce: value(r[ENERGY]),
  }));
}

/** Reads events.csv into the rows attribution groups (town, park and sector as the run wrote them). */
export function attributionRows(csv: string, file = 'events.csv'): AttributionRow[] {
  return readTableCsv(csv, EVENT_COLUMNS, file).rows.map((r) => ({
    year: value(r[YEAR]),
    enterprise: text(r[ID]),
    policy: text(r[POLICY]),
    action: text(r[ACTION]),
    town: text(r[TOWN]),
    park: text(r[PARK]),
    sector: text(r[SECTOR]),
    vacatedEnergyTce: value(r[ENERGY]),
    co2ReductionT: value(r[CO2]),
    vacatedLandMu: value(r[LAND]),
  }));
}

/** Reads events.csv into the projects deferred or rejected in draw 0 (the 项目准入 section), in the order they happened. */
export function admissionsFromEventsCsv(csv: string, file = 'events.csv'): AdmissionEvent[] {
  return readTableCsv(csv, EVENT_COLUMNS, file)
    .rows.filter((r) => r[ACTION] === 'deferred' || r[ACTION] === 'rejected')
    .map((r) => ({
      year: value(r[YEAR]),
      id: text(r[ID]),
      name: text(r[NAME]),
      policy: text(r[POLICY]),
      action: text(r[ACTION]) as AdmissionEvent['action'],
      detail: text(r[DETAIL]),
    }));
}
