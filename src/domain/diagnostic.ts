/**
 * Expected failures are values (DESIGN §9): a diagnostic names what is wrong and where, in the
 * words of the file the user wrote (file, YAML line/column or spreadsheet row, field).
 */
export interface Diagnostic {
  /** Stable machine-readable kind, e.g. `registry/negative-number`. */
  readonly code: string;
  /** What is wrong and what would be valid. */
  readonly message: string;
  readonly file?: string;
  /** 1-based line in a text file (YAML). */
  readonly line?: number;
  /** 1-based column in a text file (YAML). */
  readonly column?: number;
  /** Row as a spreadsheet shows it (the sheet's own numbering). */
  readonly row?: number;
  /** The worksheet of an XLSX file the row is on. */
  readonly sheet?: string;
  /** The spreadsheet row the column headers were read from (a registry may have titles above it). */
  readonly headerRow?: number;
  /** The field: a column header, or a dotted scenario path such as `policies[0].share`. */
  readonly field?: string;
  /** Warnings are reported but do not stop a run; everything else is an error. */
  readonly severity?: 'error' | 'warning';
}

/** Success with a value, or every problem found. */
export type Result<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps diagnostics as a failed {@link Result}. */
export function fail<T>(diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/**
 * Formats a diagnostic as one line: `file:line:col field: message` or `file row N, column F: message`;
 * a spreadsheet's sheet and a header row other than row 1 are shown in brackets:
 * `file [sheet 企业数据, header row 3] row 7, column 税收(万元): message`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  let where = d.file ?? '';
  const context = [
    ...(d.sheet !== undefined ? [`sheet ${d.sheet}`] : []),
    ...(d.headerRow !== undefined && (d.headerRow !== 1 || d.sheet !== undefined) ? [`header row ${d.headerRow}`] : []),
  ];
  if (context.length) where += `${where ? ' ' : ''}[${context.join(', ')}]`;
  if (d.line !== undefined) where += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  if (d.row !== undefined) {
    where += `${where ? ' ' : ''}row ${d.row}${d.field !== undefined ? `, column ${d.field}` : ''}`;
  } else if (d.field !== undefined && d.field !== '') {
    where += `${where ? ' ' : ''}${d.field}`;
  }
  return where ? `${where}: ${prefix}${d.message}` : prefix + d.message;
}

/** Tells whether any diagnostic is an error (not a warning). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity !== 'warning');
}
