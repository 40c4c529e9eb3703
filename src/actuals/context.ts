/**
 * What the actuals are checked against (src/actuals/): the scenario's period, its registry and
 * its policies. Built by the io layer from the loaded scenario; plain data.
 */
export interface ActualsContext {
  readonly base: number;
  readonly end: number;
  /** Index of a registry id. */
  readonly enterpriseIndex: (id: string) => number | undefined;
  /** Every registry id, for did-you-mean suggestions. */
  readonly enterpriseIds: readonly string[];
  /** Town and park names in the registry (scopes `town:<name>`, `park:<name>`). */
  readonly towns: readonly string[];
  readonly parks: readonly string[];
  /** The scenario's policies in order, with what an actions file may record under each. */
  readonly policies: readonly ActualsPolicy[];
  /** Ids of the scenario's `tracked:` indicators (valid `metric` values besides dcsim's metric ids). */
  readonly tracked: readonly string[];
}

/** A policy of the scenario as the actions file names it. */
export interface ActualsPolicy {
  /** The key in metrics and events (`rectification`, `rectification-2` …). */
  readonly key: string;
  readonly type: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Recordable dispositions (PolicyModule.actions); empty: none. */
  readonly actions: readonly string[];
  /** Ids of the projects in the policy's pipeline (new_projects): the `enterprise_id` of a landed project. */
  readonly projectIds: readonly string[];
}

/** Where the actuals are: two files, or one workbook with sheets 实际值 and 实际处置 (absolute paths; shown as given). */
export interface ActualsSource {
  readonly values?: { readonly abs: string; readonly shown: string };
  readonly actions?: { readonly abs: string; readonly shown: string };
  readonly workbook?: { readonly abs: string; readonly shown: string };
}
