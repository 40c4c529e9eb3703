import type { EnterpriseTable } from './enterprise-table.js';

/**
 * A project pipeline as the io layer loads it (the `new_projects` entry's `pipeline:` file):
 * the same columns, cell readers and energy completion as the registry, so a project is an
 * EnterpriseTable row, plus each project's start year and ramp-up. Policies read it at resolve
 * and never parse cells themselves.
 */
export interface ProjectTable {
  readonly file: string;
  /** The worksheet read (XLSX only). */
  readonly sheet?: string;
  /** The projects at full capacity, carriers completed from `energy_tce` as the registry's are. */
  readonly table: EnterpriseTable;
  /** Spreadsheet row of each project (for messages). */
  readonly rows: Int32Array;
  /** The header each column has in the file, by snake_case key. */
  readonly headers: ReadonlyMap<string, string>;
  /** The year each project starts. */
  readonly startYear: Int16Array;
  /** Share of full capacity in a project's first, second … year; undefined where not given. */
  readonly ramp: readonly (readonly number[] | undefined)[];
  /** Each project's product (a key of the scenario's benchmarks file, src/ledger/benchmarks.ts); '' where not given. */
  readonly product: readonly string[];
  /** Annual output of that product at full capacity, t (crude processed for refining); NaN where not given. */
  readonly capacityT: Float64Array;
  /** The plant's energy factor (能量因数), for levels per t·energy factor; NaN where not given. */
  readonly energyFactor: Float64Array;
}
