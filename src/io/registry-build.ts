import { ETS_BY_SECTOR, ETS_NO, ETS_YES } from '../accounting/ets.js';
import { CARRIERS, type CarrierId } from '../domain/carriers.js';
import { cellCeiling, parseShareCell, readNumberCell } from '../domain/cells.js';
import { hasErrors, type Diagnostic } from '../domain/diagnostic.js';
import { GRADES, type EnterpriseTable } from '../domain/enterprise-table.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import {
  FALSE_WORDS,
  GREEN_FACTORY_WORDS,
  parseSupplies,
  PIPELINE_COLUMNS,
  REGISTRY_COLUMNS,
  SUPPLY_WORDS,
  TRUE_WORDS,
  type ColumnDef,
} from './registry-columns.js';
import { matchHeaders } from './registry-headers.js';
import { parseDataYear, type MetaYear } from './registry-meta.js';

/** A workbook cell that holds no usable value: a formula never calculated, or an error such as #DIV/0!. */
export type CellProblem = { readonly kind: 'formula-without-value' } | { readonly kind: 'error'; readonly error: string };

/** One data row as read from the file, with the row number a spreadsheet shows. */
export interface RawRow {
  readonly row: number;
  /** Cell texts; a cell in {@link problems} is '' here. */
  readonly cells: readonly string[];
  /** Workbook cells without a usable value, by 0-based column index (XLSX only). */
  readonly problems?: ReadonlyMap<number, CellProblem>;
}

/** A loaded registry: the table, the spreadsheet row of each firm, and warnings. */
export interface LoadedRegistry {
  readonly file: string;
  readonly table: EnterpriseTable;
  /** Spreadsheet row of each enterprise (for messages from later checks). */
  readonly rows: Int32Array;
  /** The header each column has in the file (a Chinese alias, say), by snake_case key. */
  readonly headers: ReadonlyMap<string, string>;
  readonly warnings: Diagnostic[];
  /** The worksheet read (XLSX only). */
  readonly sheet?: string;
  /** The spreadsheet row the headers were read from. */
  readonly headerRow: number;
  /**
   * Each firm's total energy (`energy_tce`, 综合能耗), tce on the basis the scenario declares;
   * NaN where not given; undefined without the column. Kept off the EnterpriseTable (which goes
   * to the workers): it only serves to complete the carriers at load time.
   */
  readonly energyTotalTce?: Float64Array;
  /** The data year the file declares (a `year` column or the `_meta` sheet), and where. */
  readonly dataYear?: DataYear;
  /** A project table's own columns (`kind: 'projects'` only). */
  readonly projects?: ProjectColumns;
}

/** The columns only a project table has, one entry per project. */
export interface ProjectColumns {
  /** The year each project starts (`start_year`). */
  readonly startYear: Int16Array;
  /** Each project's ramp-up (share of full capacity in its first, second … year); undefined where the cell is empty. */
  readonly ramp: readonly (readonly number[] | undefined)[];
  /** Each project's product (`product`, a key of the benchmarks file); '' where not given. */
  readonly product: readonly string[];
  /** Annual output of the product at full capacity, t (`capacity_t`); NaN where not given. */
  readonly capacityT: Float64Array;
  /** The plant's energy factor (`energy_factor`, refining); NaN where not given. */
  readonly energyFactor: Float64Array;
}

/** A registry's declared data year and where it was read. */
export interface DataYear {
  readonly year: number;
  /** `column`: the `year` column (row: its first row); `meta`: the `_meta` sheet. */
  readonly source: 'column' | 'meta';
  readonly row: number;
  readonly sheet?: string;
}

/** Where the rows of {@link buildRegistry} come from: the sheet and header row, a `_meta` year. */
export interface RegistryContext {
  /** `projects`: a new-project pipeline (PIPELINE_COLUMNS; unknown columns are errors; no default warnings). */
  readonly kind?: 'registry' | 'projects';
  readonly sheet?: string;
  readonly headerRow?: number;
  readonly metaYear?: MetaYear;
}

/** Optional columns whose default changes results: a warning says the default and whom it touches. */
const DEFAULT_WARNINGS: Record<string, (n: number) => string> = {
  above_scale: (n) => msg.missingAboveScale(n),
  year_built: (n) => msg.missingYearBuilt(n),
  village_cluster: (n) => msg.missingCleanupFlag('village_cluster', '村级工业集聚点', n),
  lsmp: (n) => msg.missingCleanupFlag('lsmp', '低散乱污', n),
};

/**
 * Reads a ramp-up cell: shares of full capacity in a project's first, second … year, separated
 * by ';' (or '；', '|'), each a fraction or a percentage in (0, 1], never falling
 * ("0.5;1", "50%;100%"). Returns the shares or the message of what is wrong.
 */
export function readRampCell(raw: string): number[] | string {
  const parts = raw
    .split(/[;；|]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: number[] = [];
  for (const p of parts) {
    const v = parseShareCell(p);
    if (!v.ok || Number.isNaN(v.value) || !(v.value > 0) || v.value > 1) return msg.badRamp(raw, p);
    if (out.length && v.value < out[out.length - 1]) return msg.badRamp(raw, p);
    out.push(v.value);
  }
  return out.length ? out : msg.badRamp(raw, raw);
}

/** A typed array of `length` on a SharedArrayBuffer. */
function shared<A>(Ctor: { new (b: SharedArrayBuffer): A; readonly BYTES_PER_ELEMENT: number }, length: number): A {
  return new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT));
}

class Dictionary {
  readonly labels: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  code(label: string): number {
    let c = this.index.get(label);
    if (c === undefined) {
      c = this.labels.length;
      this.labels.push(label);
      this.index.set(label, c);
    }
    return c;
  }
}

/**
 * Builds the struct-of-arrays table from header and rows, collecting every problem with file,
 * sheet, row and column: missing required columns, headers in another unit, non-numeric or
 * negative numbers, percentages outside share columns, shares above 1, bad flags, unknown
 * sectors, duplicate ids, land ≤ 0 for a firm with output, VA above output, renewables above
 * electricity, rd_share without revenue, data years that disagree. Unknown columns are warnings
 * (spreadsheets carry extra columns), so are headers read as a close column and missing optional
 * columns whose default changes results. The total energy and the data year are kept beside the
 * table, for the scenario's checks.
 */
export function buildRegistry(
  file: string,
  headers: readonly string[],
  rows: readonly RawRow[],
  context: RegistryContext = {},
): { value?: LoadedRegistry; diagnostics: Diagnostic[] } {
  const builder = registryBuilder(file, headers, rows.length, context);
  if (!('add' in builder)) return builder;
  for (const r of rows) builder.add(r);
  return builder.finish();
}

/** {@link buildRegistry} a row at a time: rows are typed into the columns as they are read, never all held as text. */
export interface RegistryBuilder {
  /** Types one data row into the columns (at most the capacity given). */
  add(row: RawRow): void;
  /** The table of the rows added, or every problem found. */
  finish(): { value?: LoadedRegistry; diagnostics: Diagnostic[] };
}

/**
 * Starts {@link buildRegistry} on a header row, with columns for at most `capacity` rows (cut to
 * the rows added at the end), or returns the header's errors. A CSV reader streams its rows into
 * it, so the registry is never held as rows of strings beside its typed columns.
 */
export function registryBuilder(
  file: string,
  headers: readonly string[],
  capacity: number,
  context: RegistryContext = {},
): RegistryBuilder | { diagnostics: Diagnostic[] } {
  const at = { file, ...(context.sheet !== undefined ? { sheet: context.sheet } : {}), headerRow: context.headerRow ?? 1 };
  const headerRow = at.headerRow;
  const projects = context.kind === 'projects';
  const columns = projects ? PIPELINE_COLUMNS : REGISTRY_COLUMNS;
  const diagnostics: Diagnostic[] = [];
  const colIndex = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const matches = matchHeaders(headers, columns);
  headers.forEach((h, i) => {
    const m = matches[i];
    const header = h.trim();
    if (m.kind === 'empty') return;
    if (m.kind === 'unknown') {
      const valid = columns.map((c) => c.key);
      diagnostics.push({
        code: 'registry/unknown-column',
        message: projects ? msg.unknownProjectColumn(header, valid) : msg.unknownColumn(header, valid),
        ...at,
        row: headerRow,
        field: header,
        ...(projects ? {} : { severity: 'warning' as const }),
      });
      return;
    }
    if (m.kind === 'unit') {
      diagnostics.push({
        code: 'registry/column-unit',
        message: msg.columnUnitMismatch(header, m.found, m.expected, m.def.key),
        ...at,
        row: headerRow,
        field: header,
      });
      return;
    }
    if (m.kind === 'near') {
      diagnostics.push({
        code: 'registry/column-read-as',
        message: msg.columnReadAs(header, m.def.key, m.alias),
        ...at,
        row: headerRow,
        field: header,
        severity: 'warning',
      });
    }
    const def = m.def;
    const prev = headerOf.get(def.key);
    if (prev !== undefined) {
      diagnostics.push({
        code: 'registry/duplicate-column',
        message: msg.duplicateColumn(def.key, prev, header),
        ...at,
        row: headerRow,
        field: header,
      });
      return;
    }
    colIndex.set(def.key, i);
    headerOf.set(def.key, header);
  });
  for (const def of columns) {
    if (def.required && !colIndex.has(def.key)) {
      diagnostics.push({
        code: 'registry/missing-column',
        message: msg.missingColumn(def.key, def.aliases),
        ...at,
        row: headerRow,
        field: def.key,
      });
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };

  const n = capacity; // the columns' length until finish() cuts them to the rows added
  // the table's columns live on shared memory: worker threads read them in place (toTransfer copies none of them)
  const f64 = () => shared(Float64Array, n);
  const carriers = Object.fromEntries(CARRIERS.map((c) => [c, f64()])) as Record<CarrierId, Float64Array>;
  const ids: string[] = [];
  const names: string[] = [];
  const sectorRaw: string[] = [];
  const sectors = new Dictionary();
  const towns = new Dictionary();
  const parks = new Dictionary();
  const t = {
    // codes index dictionaries that grow with the data: 32 bits hold a code for every row (never wrap)
    sector: shared(Uint32Array, n),
    town: shared(Uint32Array, n),
    park: shared(Uint32Array, n),
    aboveScale: shared(Uint8Array, n),
    landMu: f64(),
    output: f64(),
    valueAdded: f64(),
    tax: f64(),
    employees: f64(),
    revenue: f64(),
    rdExpense: f64(),
    pollutantT: f64(),
    feedstockTce: f64(),
    renewableElectricity10kKwh: f64(),
    processCo2T: f64(),
    yearBuilt: shared(Int16Array, n), // 1900–2100 or 0, checked below; flags, levels and grades are 0–4 in 8 bits
    villageCluster: shared(Uint8Array, n),
    lsmp: shared(Uint8Array, n),
    nationalMajor: shared(Uint8Array, n),
    greenFactory: shared(Uint8Array, n),
    grade: shared(Uint8Array, n),
  };
  const numberTargets: Record<string, Float64Array> = {
    land_mu: t.landMu,
    output: t.output,
    value_added: t.valueAdded,
    tax: t.tax,
    employees: t.employees,
    revenue: t.revenue,
    rd_expense: t.rdExpense,
    pollutant_t: t.pollutantT,
    feedstock_tce: t.feedstockTce,
    renewable_electricity_10k_kwh: t.renewableElectricity10kKwh,
    process_co2_t: t.processCo2T,
    ...carriers,
  };
  const energyTotalTce = colIndex.has('energy_tce') ? new Float64Array(n).fill(Number.NaN) : undefined;
  const supplies = colIndex.has('supplies') ? shared(Uint8Array, n) : undefined;
  const powerSupplied10kKwh = colIndex.has('power_supplied_10k_kwh') ? shared(Float64Array, n).fill(Number.NaN) : undefined;
  const heatSuppliedGj = colIndex.has('heat_supplied_gj') ? shared(Float64Array, n).fill(Number.NaN) : undefined;
  const ets = colIndex.has('ets') ? new Int8Array(n).fill(ETS_BY_SECTOR) : undefined;
  if (powerSupplied10kKwh) numberTargets.power_supplied_10k_kwh = powerSupplied10kKwh;
  if (heatSuppliedGj) numberTargets.heat_supplied_gj = heatSuppliedGj;
  const rdShare = new Float64Array(n).fill(Number.NaN);
  const startYear = new Int16Array(n);
  const ramp: (readonly number[] | undefined)[] = new Array<undefined>(n).fill(undefined);
  const product: string[] = new Array<string>(n).fill('');
  const capacityT = new Float64Array(n).fill(Number.NaN);
  const energyFactor = new Float64Array(n).fill(Number.NaN);
  if (projects) {
    numberTargets.capacity_t = capacityT;
    numberTargets.energy_factor = energyFactor;
  }
  if (energyTotalTce) numberTargets.energy_tce = energyTotalTce;
  let dataYear: DataYear | undefined;
  const firstRowOfId = new Map<string, number>();
  const rowNumbers = new Int32Array(n);

  let added = 0;

  const add = (r: RawRow): void => {
    if (added === n) throw new Error(`registry rows beyond the capacity of ${n}`); // a bug in the caller's bound
    const e = added++;
    rowNumbers[e] = r.row;
    const bad = new Set<string>();
    const err = (def: ColumnDef | string, code: string, message: string) => {
      const key = typeof def === 'string' ? def : def.key;
      bad.add(key);
      diagnostics.push({ code, message, ...at, row: r.row, field: headerOf.get(key) ?? key });
    };
    const cell = (key: string): string => {
      const i = colIndex.get(key);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    for (const def of columns) {
      const problem = r.problems?.get(colIndex.get(def.key) ?? -1);
      if (problem) {
        err(def, `registry/xlsx-${problem.kind}`, problem.kind === 'error' ? msg.xlsxErrorCell(problem.error) : msg.xlsxFormulaNoValue());
        if (def.key === 'id') ids.push('');
        else if (def.key === 'name') names.push('');
        else if (def.kind === 'sector') sectorRaw.push('');
        continue;
      }
      const raw = cell(def.key);
      if (def.required && raw === '') {
        err(def, 'registry/empty-required', msg.emptyRequired());
        continue;
      }
      switch (def.kind) {
        case 'text':
          if (def.key === 'id') ids.push(raw);
          else if (def.key === 'name') names.push(raw);
          else if (def.key === 'town') t.town[e] = towns.code(raw);
          else if (def.key === 'park') t.park[e] = parks.code(raw);
          else if (def.key === 'product') product[e] = raw;
          break;
        case 'sector': {
          sectorRaw.push(raw);
          const div = raw === '' ? undefined : toDivision(raw);
          if (div === undefined) err(def, 'registry/unknown-sector', msg.unknownSector(raw));
          else t.sector[e] = sectors.code(div);
          break;
        }
        case 'number':
        case 'optional-number': {
          if (/[%％]/.test(raw)) {
            err(def, 'registry/percent-not-share', msg.percentNotShare(raw));
            break;
          }
          const target = numberTargets[def.key] as Float64Array | undefined;
          if (!target) break; // an optional column kept off the table and absent from the file
          const c = readNumberCell(raw, cellCeiling(def.key));
          if (!c.ok) err(def, `registry/${c.problem}`, msg.numberCell(raw, c.problem, c.ceiling));
          else if (c.value < 0) err(def, 'registry/negative-number', msg.negativeNumber(c.value));
          else target[e] = Number.isNaN(c.value) && def.kind === 'number' ? 0 : c.value;
          break;
        }
        case 'share': {
          const v = parseShareCell(raw);
          if (v.ok && v.value < 0) err(def, 'registry/negative-number', msg.negativeNumber(v.value));
          else if (v.ok) rdShare[e] = v.value;
          else if (v.reason === 'above-one') err(def, 'registry/share-above-one', msg.shareAboveOne(raw));
          else err(def, `registry/${v.reason}`, msg.numberCell(raw, v.reason, v.ceiling));
          break;
        }
        case 'data-year': {
          if (raw === '') break;
          const y = parseDataYear(raw);
          if (y === undefined) err(def, 'registry/not-a-year', msg.notADataYear(raw));
          else if (!dataYear)
            dataYear = { year: y, source: 'column', row: r.row, ...(context.sheet !== undefined ? { sheet: context.sheet } : {}) };
          else if (y !== dataYear.year) err(def, 'registry/years-disagree', msg.registryYearsDisagree(y, dataYear.year, dataYear.row));
          break;
        }
        case 'bool': {
          const w = raw.toLowerCase();
          const dflt = def.key === 'above_scale' ? 1 : 0;
          const v = raw === '' ? dflt : TRUE_WORDS.includes(w) ? 1 : FALSE_WORDS.includes(w) ? 0 : -1;
          if (v < 0) err(def, 'registry/not-a-boolean', msg.notABoolean(raw));
          else if (def.key === 'above_scale') t.aboveScale[e] = v;
          else if (def.key === 'village_cluster') t.villageCluster[e] = v;
          else if (def.key === 'national_major') t.nationalMajor[e] = v;
          else t.lsmp[e] = v;
          break;
        }
        case 'year':
          if (raw === '') break;
          if (!/^\d{4}$/.test(raw) || Number(raw) < 1900 || Number(raw) > 2100) err(def, 'registry/not-a-year', msg.notAYear(raw));
          else t.yearBuilt[e] = Number(raw);
          break;
        case 'start-year':
          // a project's start year is its commissioning year; the scenario's period is checked at resolve
          if (!/^\d{4}$/.test(raw) || Number(raw) < 1900 || Number(raw) > 2100) err(def, 'registry/not-a-year', msg.notAYear(raw));
          else startYear[e] = t.yearBuilt[e] = Number(raw);
          break;
        case 'ramp': {
          if (raw === '') break;
          const r = readRampCell(raw);
          if (typeof r === 'string') err(def, 'registry/bad-ramp', r);
          else ramp[e] = r;
          break;
        }
        case 'green-factory': {
          const level = GREEN_FACTORY_WORDS.findIndex((ws) => ws.includes(raw.toLowerCase()));
          if (level < 0)
            err(
              def,
              'registry/bad-choice',
              msg.badChoice(
                raw,
                GREEN_FACTORY_WORDS.map((ws) => `${ws[0]}/${ws[ws.length - 1]}`),
              ),
            );
          else t.greenFactory[e] = level;
          break;
        }
        case 'supplies': {
          const bits = parseSupplies(raw);
          if (bits === undefined)
            err(
              def,
              'registry/bad-choice',
              msg.badChoice(
                raw,
                SUPPLY_WORDS.map(([, ws]) => `${ws[0]}/${ws[ws.length - 1]}`),
              ),
            );
          else if (supplies) supplies[e] = bits;
          break;
        }
        case 'ets': {
          if (raw === '' || !ets) break; // blank: by sector and threshold
          const w = raw.toLowerCase();
          if (TRUE_WORDS.includes(w)) ets[e] = ETS_YES;
          else if (FALSE_WORDS.includes(w)) ets[e] = ETS_NO;
          else err(def, 'registry/bad-ets', msg.etsCell(raw));
          break;
        }
        case 'grade': {
          if (raw === '') break;
          const g = GRADES.indexOf(raw.toUpperCase() as (typeof GRADES)[number]);
          if (g < 0) err(def, 'registry/bad-choice', msg.badChoice(raw, GRADES));
          else t.grade[e] = g + 1;
          break;
        }
      }
    }
    const id = ids[e];
    if (id !== undefined && id !== '') {
      const first = firstRowOfId.get(id);
      if (first !== undefined) err('id', 'registry/duplicate-id', msg.duplicateId(id, first));
      else firstRowOfId.set(id, r.row);
    }
    if (t.output[e] > 0 && t.landMu[e] <= 0 && !bad.has('land_mu')) {
      err('land_mu', 'registry/land-for-output', msg.landForOutput(t.landMu[e]));
    }
    if (!Number.isNaN(rdShare[e]) && Number.isNaN(t.rdExpense[e])) {
      if (Number.isNaN(t.revenue[e])) err('rd_share', 'registry/share-without-revenue', msg.rdShareWithoutRevenue());
      else t.rdExpense[e] = rdShare[e] * t.revenue[e];
    }
    if (supplies && !bad.has('supplies')) {
      if ((supplies[e] & 1) === 0 && (powerSupplied10kKwh?.[e] ?? 0) > 0)
        err('power_supplied_10k_kwh', 'registry/supply-without-flag', msg.supplyWithoutFlag('power_supplied_10k_kwh', 'power'));
      if ((supplies[e] & 2) === 0 && (heatSuppliedGj?.[e] ?? 0) > 0)
        err('heat_supplied_gj', 'registry/supply-without-flag', msg.supplyWithoutFlag('heat_supplied_gj', 'heat'));
    }
    if (t.valueAdded[e] > t.output[e])
      err('value_added', 'registry/value-added-above-output', msg.valueAddedAboveOutput(t.valueAdded[e], t.output[e]));
    if (t.renewableElectricity10kKwh[e] > carriers.electricity_10k_kwh[e]) {
      err(
        'renewable_electricity_10k_kwh',
        'registry/renewable-above-electricity',
        msg.renewableAboveElectricity(t.renewableElectricity10kKwh[e], carriers.electricity_10k_kwh[e]),
      );
    }
  };

  const finish = (): { value?: LoadedRegistry; diagnostics: Diagnostic[] } => {
    if (added === 0 && !projects) {
      return { diagnostics: [...diagnostics, { code: 'registry/empty', message: msg.registryEmpty(), ...at, row: headerRow + 1 }] };
    }
    if (context.metaYear && dataYear && context.metaYear.year !== dataYear.year) {
      diagnostics.push({
        code: 'registry/years-disagree',
        message: msg.metaYearDisagrees(dataYear.year, context.metaYear.year, context.metaYear.sheet),
        ...at,
        row: dataYear.row,
        field: headerOf.get('year') ?? 'year',
      });
    }
    if (hasErrors(diagnostics)) return { diagnostics };
    if (!dataYear && context.metaYear)
      dataYear = { year: context.metaYear.year, source: 'meta', row: context.metaYear.row, sheet: context.metaYear.sheet };
    for (const [key, warning] of Object.entries(DEFAULT_WARNINGS)) {
      if (colIndex.has(key) || projects) continue;
      diagnostics.push({ code: 'registry/default-taken', message: warning(added), ...at, row: headerRow, field: key, severity: 'warning' });
    }
    // the columns cut to the rows added: on shared memory a view of the first rows when the capacity
    // was about right (a CSV's line count: blank lines, title rows above the header), not a copy —
    // at 100,000 firms the copies were 22 MB of garbage the main thread kept through the draws
    const view = added > 0 && capacity - added <= 64 + added / 8;
    const cut = <A extends Float64Array | Uint32Array | Int32Array | Int16Array | Int8Array | Uint8Array>(a: A): A => {
      if (a.length === added) return a;
      if (!(a.buffer instanceof SharedArrayBuffer)) return a.slice(0, added) as A;
      if (view) return a.subarray(0, added) as A;
      const out = shared(a.constructor as { new (b: SharedArrayBuffer): A; readonly BYTES_PER_ELEMENT: number }, added);
      out.set(a.subarray(0, added) as never);
      return out;
    };
    const cutAll = <R extends Record<string, Float64Array | Uint32Array | Int16Array | Uint8Array>>(o: R): R =>
      Object.fromEntries(Object.entries(o).map(([k, a]) => [k, cut(a)])) as R;

    const table: EnterpriseTable = {
      n: added,
      ids,
      names,
      sectorRaw,
      sectors: sectors.labels,
      towns: towns.labels,
      parks: parks.labels,
      carriers: cutAll(carriers),
      ...cutAll(t),
      ...(supplies ? { supplies: cut(supplies) } : {}),
      ...(powerSupplied10kKwh ? { powerSupplied10kKwh: cut(powerSupplied10kKwh) } : {}),
      ...(heatSuppliedGj ? { heatSuppliedGj: cut(heatSuppliedGj) } : {}),
      ...(ets ? { ets: cut(ets) } : {}),
    };
    const value: LoadedRegistry = {
      file,
      table,
      rows: cut(rowNumbers),
      headers: headerOf,
      warnings: diagnostics,
      headerRow,
      ...(context.sheet !== undefined ? { sheet: context.sheet } : {}),
      ...(energyTotalTce ? { energyTotalTce: cut(energyTotalTce) } : {}),
      ...(dataYear ? { dataYear } : {}),
      ...(projects
        ? {
            projects: {
              startYear: cut(startYear),
              ramp: ramp.slice(0, added),
              product: product.slice(0, added),
              capacityT: cut(capacityT),
              energyFactor: cut(energyFactor),
            },
          }
        : {}),
    };
    return { value, diagnostics };
  };
  return { add, finish };
}
