/** A path into a scenario value: map keys and list indexes. */
export type ValuePath = readonly (string | number)[];

/**
 * A problem found by a pure step (resolve, cross-checks) at a path of the merged scenario; the
 * io layer turns the path into file, line and column.
 */
export interface PathIssue {
  readonly path: ValuePath;
  readonly code: string;
  readonly message: string;
  /** Point at the key (e.g. an unknown key) or at the value (default). */
  readonly at?: 'key' | 'value';
  /** A problem inside a file the scenario names (a pipeline CSV): its file, row and column instead of the path's position. */
  readonly file?: string;
  readonly row?: number;
  readonly field?: string;
  /** A warning is reported but does not stop a run (default: an error). */
  readonly severity?: 'error' | 'warning';
}
