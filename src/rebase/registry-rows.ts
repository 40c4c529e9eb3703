import { ETS_BY_SECTOR } from '../accounting/ets.js';
import { CARRIERS } from '../domain/carriers.js';
import { GRADES, GREEN_FACTORY_LEVELS, type EnterpriseTable } from '../domain/enterprise-table.js';
import type { SimState } from '../engine/state.js';
import type { ResolvedPolicy } from '../policies/types.js';

/** Where a landed project's registry labels come from: its row of the pipeline (sector as written, town, park). */
export interface ProjectLabels {
  readonly sectorRaw: string;
  readonly town: string;
  readonly park: string;
}

/**
 * The labels of every project in the scenario's `new_projects` pipelines, by project id (the
 * id the pipeline gives it, NP-<row> by default). Generated projects have none (their sector
 * is their division, their town and park are blank).
 */
export function pipelineLabels(policies: readonly ResolvedPolicy[]): Map<string, ProjectLabels> {
  const out = new Map<string, ProjectLabels>();
  for (const p of policies) {
    if (p.module.type !== 'new_projects') continue;
    const pipeline = (p.params as { pipeline?: { table: EnterpriseTable; ids: readonly string[] } }).pipeline;
    if (!pipeline) continue;
    const t = pipeline.table;
    pipeline.ids.forEach((id, i) =>
      out.set(id, { sectorRaw: t.sectorRaw[i], town: t.towns[t.town[i]] ?? '', park: t.parks[t.park[i]] ?? '' }),
    );
  }
  return out;
}

/** What the rebased registry is written from, besides the state. */
export interface RebaseSource {
  /** The original registry (labels of its firms, which optional columns it has). */
  readonly table: EnterpriseTable;
  /** True when the original registry has a `grade` column: the rebased one then holds the year's simulated grade. */
  readonly hasGrade: boolean;
  readonly projects: ReadonlyMap<string, ProjectLabels>;
  /** Every registry column key in the registry's order (src/io/registry-columns.ts REGISTRY_COLUMNS). */
  readonly columns: readonly string[];
}

/** Columns the rebased registry leaves out: the total energy (the carriers are written) and the R&D share (R&D is written in 万元). */
const LEFT_OUT = new Set(['energy_tce', 'rd_share']);
const SUPPLY_COLUMNS = new Set(['supplies', 'power_supplied_10k_kwh', 'heat_supplied_gj']);

/** The header of the rebased registry: the registry's columns in their order (DESIGN §2), as {@link rebasedRows} fills them. */
export function rebasedHeader(src: Pick<RebaseSource, 'table' | 'hasGrade' | 'columns'>): string[] {
  return src.columns.filter(
    (k) =>
      !LEFT_OUT.has(k) &&
      (k !== 'grade' || src.hasGrade) &&
      (!SUPPLY_COLUMNS.has(k) || src.table.supplies !== undefined) &&
      (k !== 'ets' || src.table.ets !== undefined),
  );
}

/** Every digit a double needs to be read back exactly (the shortest round-trip form); blank for NaN. */
export function exactNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

const bool = (v: number) => (v === 1 ? 'true' : 'false');
const supplyWords = (bits: number) => (bits === 0 ? 'none' : [bits & 1 ? 'power' : '', bits & 2 ? 'heat' : ''].filter(Boolean).join(';'));

/**
 * The rebased registry (dcsim rebase): one row per firm operating in the state (registry firms
 * still open, projects that landed), in slot order, with the state's values at the end of `year`
 * — carriers, feedstock, renewables, process CO2 as grown and saved; money at the year's
 * (current) prices, which become the new base year's; land, headcount, flags, green-factory level
 * and, when the registry has the column, the year's simulated 亩均 grade. Registry firms keep
 * their sector code, town and park as written; a landed project takes its pipeline row's (a
 * generated one: its division, no town or park) and its start year as year_built. Every row's
 * `year` is `year`. Text cells are returned raw: the CSV writer neutralises formula-like text.
 */
export function rebasedRows(state: SimState, src: RebaseSource, year: number): string[][] {
  const header = rebasedHeader(src);
  const t = src.table;
  const rows: string[][] = [];
  for (let e = 0; e < state.n; e++) {
    if (state.active[e] !== 1) continue;
    const own = e < t.n;
    const project = own ? undefined : src.projects.get(state.ids[e]);
    const cell = (key: string): string => {
      switch (key) {
        case 'id':
          return state.ids[e];
        case 'name':
          return state.names[e];
        case 'sector':
          return own ? t.sectorRaw[e] : (project?.sectorRaw ?? state.sectors[state.sector[e]]);
        case 'town':
          return own ? (t.towns[t.town[e]] ?? '') : (project?.town ?? '');
        case 'park':
          return own ? (t.parks[t.park[e]] ?? '') : (project?.park ?? '');
        case 'above_scale':
          return bool(state.aboveScale[e]);
        case 'land_mu':
          return exactNumber(state.landMu[e]);
        case 'output':
          return exactNumber(state.output[e]);
        case 'value_added':
          return exactNumber(state.valueAdded[e]);
        case 'tax':
          return exactNumber(state.tax[e]);
        case 'employees':
          return exactNumber(state.employees[e]);
        case 'revenue':
          return exactNumber(state.revenue[e]);
        case 'rd_expense':
          return exactNumber(state.rdExpense[e]);
        case 'pollutant_t':
          return exactNumber(state.pollutantT[e]);
        case 'feedstock_tce':
          return exactNumber(state.feedstockTce[e]);
        case 'renewable_electricity_10k_kwh':
          return exactNumber(state.renewableElectricity10kKwh[e]);
        case 'process_co2_t':
          return exactNumber(state.processCo2T[e]);
        case 'year_built':
          return state.yearBuilt[e] > 0 ? String(state.yearBuilt[e]) : '';
        case 'village_cluster':
          return bool(state.villageCluster[e]);
        case 'lsmp':
          return bool(state.lsmp[e]);
        case 'green_factory':
          return GREEN_FACTORY_LEVELS[state.greenFactory[e]];
        case 'grade':
          return state.grade[e] > 0 ? GRADES[state.grade[e] - 1] : '';
        case 'year':
          return String(year);
        case 'supplies':
          return own && t.supplies ? supplyWords(t.supplies[e]) : 'none';
        case 'power_supplied_10k_kwh':
          return own && t.powerSupplied10kKwh ? exactNumber(t.powerSupplied10kKwh[e]) : '';
        case 'heat_supplied_gj':
          return own && t.heatSuppliedGj ? exactNumber(t.heatSuppliedGj[e]) : '';
        case 'ets':
          return own && t.ets && t.ets[e] !== ETS_BY_SECTOR ? bool(t.ets[e]) : '';
        default:
          if ((CARRIERS as readonly string[]).includes(key)) return exactNumber(state.carriers[key as (typeof CARRIERS)[number]][e]);
          throw new Error(`rebase: no value for registry column ${key}`);
      }
    };
    rows.push(header.map(cell));
  }
  return rows;
}
