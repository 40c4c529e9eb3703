import { extname } from 'node:path';
import { ACTION_COLUMNS, checkActions, checkValues, headerScore, VALUE_COLUMNS, type ActualsTable } from '../actuals/check.js';
import type { ActualsContext, ActualsSource } from '../actuals/context.js';
import type { Observation, RecordedAction } from '../actuals/types.js';
import { hasErrors, type Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';
import { decodeCsvText } from './csv-text.js';
import { readInput } from './read-input.js';
import { readCsvRows, readXlsxSheets } from './registry-load.js';
import type { RawRow } from './registry-build.js';

/** The sheet names of an actuals workbook, Chinese first. */
const VALUE_SHEETS = ['实际值', 'values'];
const ACTION_SHEETS = ['实际处置', 'actions'];

type Columns = typeof VALUE_COLUMNS;

/** Finds the header row among the first 10 rows (titles above it are skipped) and builds the table. */
function toTable(
  rows: readonly RawRow[],
  columns: Columns,
  file: string,
  sheet?: string,
): { table?: ActualsTable; diagnostics: Diagnostic[] } {
  let best = -1;
  let bestScore = 1; // at least two known headers
  rows.slice(0, 10).forEach((r, i) => {
    const s = headerScore(r.cells, columns);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  const where = { file, ...(sheet !== undefined ? { sheet } : {}) };
  if (best < 0) {
    // the other kind's header: the values and actions files swapped
    const other = columns === VALUE_COLUMNS ? ACTION_COLUMNS : VALUE_COLUMNS;
    const swapped = rows.slice(0, 10).some((r) => headerScore(r.cells, other) > 1);
    const message = swapped
      ? msg.actualsSwapped(columns === VALUE_COLUMNS ? 'values' : 'actions')
      : msg.actualsNoHeader(columns.map((c) => c.key));
    return { diagnostics: [{ code: 'actuals/no-header', message, ...where, row: rows[0]?.row ?? 1 }] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const r of rows.slice(best + 1))
    for (const [col, p] of r.problems ?? [])
      diagnostics.push({
        code: 'actuals/cell',
        message:
          p.kind === 'error'
            ? `the cell holds the error ${p.error}; type the value`
            : 'the cell holds a formula never calculated; open the file in Excel and save it, or type the value',
        ...where,
        row: r.row,
        field: rows[best].cells[col] ?? '',
      });
  return {
    table: {
      ...where,
      headerRow: rows[best].row,
      headers: rows[best].cells,
      rows: rows.slice(best + 1).map((r) => ({ row: r.row, cells: r.cells })),
    },
    diagnostics,
  };
}

/** Reads one CSV file's rows (UTF-8 or UTF-16, BOM optional). */
async function csvRows(abs: string, shown: string): Promise<{ rows?: RawRow[]; diagnostics: Diagnostic[] }> {
  const data = await readInput(abs, shown, 'actuals');
  if (!data.ok) return { diagnostics: data.diagnostics };
  const decoded = decodeCsvText(data.value, shown);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  if (decoded.text.trim() === '') return { diagnostics: [{ code: 'actuals/empty', message: msg.actualsEmptyFile(), file: shown, row: 1 }] };
  return readCsvRows(decoded.text, shown);
}

/**
 * Reads the actuals (README "The actuals files"): the values and actions CSV/XLSX files, or one
 * workbook with sheets 实际值 and 实际处置, each checked against the scenario (src/actuals/check.ts).
 * Returns every problem found; the value only when there is no error.
 */
export async function loadActuals(
  source: ActualsSource,
  ctx: ActualsContext,
): Promise<{ value?: { values: Observation[]; actions: RecordedAction[]; files: string[] }; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const tables: { values?: ActualsTable; actions?: ActualsTable } = {};
  const single = async (kind: 'values' | 'actions', f: { abs: string; shown: string }) => {
    files.push(f.abs);
    const columns = kind === 'values' ? VALUE_COLUMNS : ACTION_COLUMNS;
    const ext = extname(f.abs).toLowerCase();
    if (ext === '.csv') {
      const read = await csvRows(f.abs, f.shown);
      if (!read.rows) return diagnostics.push(...read.diagnostics);
      const t = toTable(read.rows, columns, f.shown);
      diagnostics.push(...t.diagnostics);
      if (t.table) tables[kind] = t.table;
    } else if (ext === '.xlsx') {
      await workbook(f, kind);
    } else diagnostics.push({ code: 'actuals/format', message: msg.actualsFormat(f.shown), file: f.shown });
  };
  const workbook = async (f: { abs: string; shown: string }, only?: 'values' | 'actions') => {
    if (!files.includes(f.abs)) files.push(f.abs);
    const data = await readInput(f.abs, f.shown, 'actuals');
    if (!data.ok) return diagnostics.push(...data.diagnostics);
    const read = await readXlsxSheets(data.value, f.shown);
    if (!read.sheets) return diagnostics.push(...read.diagnostics);
    const find = (names: readonly string[]) => read.sheets!.find((s) => names.includes(s.name.trim()));
    const sheets = { values: find(VALUE_SHEETS), actions: find(ACTION_SHEETS) };
    // a workbook named for one kind may hold it on its only sheet
    if (only && !sheets[only] && read.sheets.length === 1) sheets[only] = read.sheets[0];
    const wanted = only ? [only] : (['values', 'actions'] as const);
    if (!wanted.some((k) => sheets[k]))
      return diagnostics.push({ code: 'actuals/sheets', message: msg.actualsNoSheets(read.sheets.map((s) => s.name)), file: f.shown });
    for (const k of wanted) {
      const s = sheets[k];
      if (!s || s.rows.length === 0) continue;
      const t = toTable(s.rows, k === 'values' ? VALUE_COLUMNS : ACTION_COLUMNS, f.shown, s.name);
      diagnostics.push(...t.diagnostics);
      if (t.table) tables[k] = t.table;
    }
  };
  if (source.workbook) await workbook(source.workbook);
  if (source.values) await single('values', source.values);
  if (source.actions) await single('actions', source.actions);
  if (hasErrors(diagnostics)) return { diagnostics };
  const v = tables.values ? checkValues(tables.values, ctx) : { values: [], diagnostics: [] };
  const a = tables.actions ? checkActions(tables.actions, ctx) : { actions: [], diagnostics: [] };
  const all = [...diagnostics, ...v.diagnostics, ...a.diagnostics];
  return hasErrors(all) ? { diagnostics: all } : { value: { values: v.values, actions: a.actions, files }, diagnostics: all };
}
