import { CARRIERS, type CarrierId } from '../domain/carriers.js';
import { parseNumberCell } from '../domain/cells.js';
import { hasErrors, type Diagnostic } from '../domain/diagnostic.js';
import { GRADES, type EnterpriseTable } from '../domain/enterprise-table.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import { columnFor, FALSE_WORDS, GREEN_FACTORY_WORDS, REGISTRY_COLUMNS, TRUE_WORDS, type ColumnDef } from './registry-columns.js';

/** One data row as read from the file, with the row number a spreadsheet shows. */
export interface RawRow {
  readonly row: number;
  readonly cells: readonly string[];
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
 * row and column: missing required columns, non-numeric or negative numbers, bad flags, unknown
 * sectors, duplicate ids, land ≤ 0 for a firm with output, VA above output, renewables above
 * electricity. Unknown columns are warnings (spreadsheets carry extra columns).
 */
export function buildRegistry(
  file: string,
  headers: readonly string[],
  rows: readonly RawRow[],
): { value?: LoadedRegistry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const colIndex = new Map<string, number>();
  const headerOf = new Map<string, string>();
  headers.forEach((h, i) => {
    if (h.trim() === '') return;
    const def = columnFor(h);
    if (!def) {
      const valid = REGISTRY_COLUMNS.map((c) => c.key);
      diagnostics.push({
        code: 'registry/unknown-column',
        message: msg.unknownColumn(h.trim(), valid),
        file,
        row: 1,
        field: h.trim(),
        severity: 'warning',
      });
      return;
    }
    const prev = headerOf.get(def.key);
    if (prev !== undefined) {
      diagnostics.push({
        code: 'registry/duplicate-column',
        message: msg.duplicateColumn(def.key, prev, h.trim()),
        file,
        row: 1,
        field: h.trim(),
      });
      return;
    }
    colIndex.set(def.key, i);
    headerOf.set(def.key, h.trim());
  });
  for (const def of REGISTRY_COLUMNS) {
    if (def.required && !colIndex.has(def.key)) {
      diagnostics.push({ code: 'registry/missing-column', message: msg.missingColumn(def.key, def.aliases), file, row: 1, field: def.key });
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  if (rows.length === 0) return { diagnostics: [...diagnostics, { code: 'registry/empty', message: msg.registryEmpty(), file, row: 2 }] };

  const n = rows.length;
  const f64 = () => new Float64Array(n);
  const carriers = Object.fromEntries(CARRIERS.map((c) => [c, f64()])) as Record<CarrierId, Float64Array>;
  const ids: string[] = [];
  const names: string[] = [];
  const sectorRaw: string[] = [];
  const sectors = new Dictionary();
  const towns = new Dictionary();
  const parks = new Dictionary();
  const t = {
    sector: new Uint16Array(n),
    town: new Uint16Array(n),
    park: new Uint16Array(n),
    aboveScale: new Uint8Array(n),
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
    yearBuilt: new Int16Array(n),
    villageCluster: new Uint8Array(n),
    lsmp: new Uint8Array(n),
    greenFactory: new Uint8Array(n),
    grade: new Uint8Array(n),
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
  const firstRowOfId = new Map<string, number>();
  const rowNumbers = new Int32Array(n);

  rows.forEach((r, e) => {
    rowNumbers[e] = r.row;
    const bad = new Set<string>();
    const err = (def: ColumnDef | string, code: string, message: string) => {
      const key = typeof def === 'string' ? def : def.key;
      bad.add(key);
      diagnostics.push({ code, message, file, row: r.row, field: headerOf.get(key) ?? key });
    };
    const cell = (key: string): string => {
      const i = colIndex.get(key);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    for (const def of REGISTRY_COLUMNS) {
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
          const v = parseNumberCell(raw);
          const target = numberTargets[def.key];
          if (v === undefined) err(def, 'registry/not-a-number', msg.notANumber(raw));
          else if (v < 0) err(def, 'registry/negative-number', msg.negativeNumber(v));
          else target[e] = Number.isNaN(v) && def.kind === 'number' ? 0 : v;
          break;
        }
        case 'bool': {
          const w = raw.toLowerCase();
          const dflt = def.key === 'above_scale' ? 1 : 0;
          const v = raw === '' ? dflt : TRUE_WORDS.includes(w) ? 1 : FALSE_WORDS.includes(w) ? 0 : -1;
          if (v < 0) err(def, 'registry/not-a-boolean', msg.notABoolean(raw));
          else if (def.key === 'above_scale') t.aboveScale[e] = v;
          else if (def.key === 'village_cluster') t.villageCluster[e] = v;
          else t.lsmp[e] = v;
          break;
        }
        case 'year':
          if (raw === '') break;
          if (!/^\d{4}$/.test(raw) || Number(raw) < 1900 || Number(raw) > 2100) err(def, 'registry/not-a-year', msg.notAYear(raw));
          else t.yearBuilt[e] = Number(raw);
          break;
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
    if (t.valueAdded[e] > t.output[e])
      err('value_added', 'registry/value-added-above-output', msg.valueAddedAboveOutput(t.valueAdded[e], t.output[e]));
    if (t.renewableElectricity10kKwh[e] > carriers.electricity_10k_kwh[e]) {
      err(
        'renewable_electricity_10k_kwh',
        'registry/renewable-above-electricity',
        msg.renewableAboveElectricity(t.renewableElectricity10kKwh[e], carriers.electricity_10k_kwh[e]),
      );
    }
  });
  if (hasErrors(diagnostics)) return { diagnostics };

  const table: EnterpriseTable = {
    n,
    ids,
    names,
    sectorRaw,
    sectors: sectors.labels,
    towns: towns.labels,
    parks: parks.labels,
    carriers,
    ...t,
  };
  return { value: { file, table, rows: rowNumbers, headers: headerOf, warnings: diagnostics }, diagnostics };
}
