import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import type { ActualsContext, ActualsPolicy, ActualsSource } from '../actuals/context.js';
import { latestPeriod } from '../actuals/latest.js';
import { lastCompleteYear, notAfter, parsePeriod } from '../actuals/period.js';
import type { Actuals, Observation, Period, RecordedAction } from '../actuals/types.js';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { ProjectTable } from '../domain/project-table.js';
import { msg } from '../messages/messages.js';
import type { PolicyModule } from '../policies/types.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { LoadedRegistry } from './registry-build.js';
import { loadActuals } from './actuals-load.js';
import { locateIssue } from './yaml-file.js';
import type { YamlSource } from './yaml-source.js';

/** What the command line says about the actuals (ScenarioLoadOptions). */
export interface ActualsOptions {
  /** A file (or two, comma-separated) instead of the scenario's; `null` ignores the scenario's actuals. */
  readonly actuals?: string | null;
  readonly asOf?: string;
  /** Actuals already read and checked (a test, the workbench): used instead of any file. */
  readonly actualsData?: { readonly values: readonly Observation[]; readonly actions: readonly RecordedAction[] };
}

const shownPath = (abs: string, cwd = process.cwd()) => (abs.startsWith(`${cwd}/`) ? abs.slice(cwd.length + 1) : abs);

/**
 * Where the scenario's actuals are: `--actuals` (relative to the working directory), else the
 * scenario's `actuals:` (relative to the file that names it). A workbook (.xlsx) holds both
 * sheets; a CSV is the values file unless its header row names an enterprise (the actions file).
 */
async function actualsSource(
  spec: ScenarioSpec,
  sources: readonly YamlSource[],
  absPaths: readonly string[],
  options: ActualsOptions,
): Promise<{ source?: ActualsSource; diagnostics: Diagnostic[] }> {
  if (options.actuals === null) return { diagnostics: [] };
  const fromCli = options.actuals !== undefined;
  const holder = Math.max(
    0,
    sources.findIndex((s) => s.has(['actuals'])),
  );
  const at = (rel: string) => {
    const abs = fromCli ? resolvePath(rel) : resolvePath(dirname(absPaths[holder]), rel);
    return { abs, shown: shownPath(abs) };
  };
  const given = fromCli
    ? options
        .actuals!.split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')
    : spec.actuals;
  if (Array.isArray(given) && given.length === 0) return { diagnostics: [] };
  if (given === undefined) return { diagnostics: [] };
  if (!Array.isArray(given) && typeof given === 'object') {
    return {
      source: {
        ...(given.values !== undefined ? { values: at(given.values) } : {}),
        ...(given.actions !== undefined ? { actions: at(given.actions) } : {}),
      },
      diagnostics: [],
    };
  }
  const out: { values?: ReturnType<typeof at>; actions?: ReturnType<typeof at>; workbook?: ReturnType<typeof at> } = {};
  const seen: Record<'values' | 'actions' | 'workbook', string[]> = { values: [], actions: [], workbook: [] };
  for (const rel of Array.isArray(given) ? given : [given]) {
    const file = at(rel);
    const kind = extname(rel).toLowerCase() === '.xlsx' ? 'workbook' : (await namesAnEnterprise(file.abs)) ? 'actions' : 'values';
    out[kind] = file;
    seen[kind].push(file.shown);
  }
  // one source of each kind: a workbook holds both, so it comes alone
  const twice = (['values', 'actions', 'workbook'] as const).find((k) => seen[k].length > 1);
  const clash = seen.workbook.length > 0 && seen.values.length + seen.actions.length > 0;
  if (twice || clash) {
    const files = twice ? seen[twice] : [...seen.workbook, ...seen.values, ...seen.actions];
    return { diagnostics: [{ code: 'actuals/sources', message: msg.actualsTwoSources(twice ?? 'actuals', files), field: '--actuals' }] };
  }
  return { source: out, diagnostics: [] };
}

/** True when a CSV's first line names an enterprise column (an actions file); false when unreadable (the loader reports it). */
async function namesAnEnterprise(abs: string): Promise<boolean> {
  try {
    const head = (await readFile(abs, 'utf8')).split(/\r?\n/, 1)[0] ?? '';
    return /enterprise_id|企业编号|企业代码|项目编号|\baction\b|处置/.test(head);
  } catch {
    return false;
  }
}

/** The scenario's policies as the actions file names them: keys as in metrics (`rectification-2`), labels, recordable actions, pipeline ids. */
export function actualsPolicies(
  spec: ScenarioSpec,
  modules: readonly PolicyModule[],
  tables: ReadonlyMap<string, ProjectTable>,
): ActualsPolicy[] {
  const seen = new Map<string, number>();
  return spec.policies.map((entry, i) => {
    const type = String(entry.type ?? '');
    const k = (seen.get(type) ?? 0) + 1;
    seen.set(type, k);
    const module = modules.find((m) => m.type === type);
    const t = tables.get(`${i}.pipeline`);
    return {
      key: k === 1 ? type : `${type}-${k}`,
      type,
      label: module?.label ?? { zh: type, en: type },
      actions: module?.actions ?? [],
      projectIds: t ? Array.from({ length: t.table.n }, (_, e) => t.table.ids[e] || `NP-${t.rows[e]}`) : [],
    };
  });
}

/**
 * Reads the scenario's actuals (or the command line's), checks them against the registry and the
 * policies, and cuts them at `as_of` (`--as-of`, the scenario's, else the latest period in the
 * files). Warns about each policy the record leaves to the model in the years it completes.
 */
export async function readActuals(
  spec: ScenarioSpec,
  sources: readonly YamlSource[],
  absPaths: readonly string[],
  options: ActualsOptions,
  registry: LoadedRegistry,
  modules: readonly PolicyModule[],
  tables: ReadonlyMap<string, ProjectTable>,
  enterpriseIndex: (id: string) => number | undefined,
): Promise<{ actuals?: Actuals; diagnostics: Diagnostic[]; warnings: Diagnostic[] }> {
  const { base, end } = spec.period;
  const policies = actualsPolicies(spec, modules, tables);
  let data: { values: readonly Observation[]; actions: readonly RecordedAction[]; files: readonly string[] };
  const warnings: Diagnostic[] = [];
  if (options.actualsData) data = { ...options.actualsData, files: [] };
  else {
    const { source, diagnostics: sourceProblems } = await actualsSource(spec, sources, absPaths, options);
    if (!source) return { diagnostics: sourceProblems, warnings: [] };
    const ctx: ActualsContext = {
      base,
      end,
      enterpriseIndex,
      enterpriseIds: registry.table.ids,
      towns: registry.table.towns,
      parks: registry.table.parks,
      policies,
      tracked: spec.tracked.map((t) => t.id),
    };
    const r = await loadActuals(source, ctx);
    warnings.push(...r.diagnostics.filter((d) => d.severity === 'warning'));
    const errors = r.diagnostics.filter((d) => d.severity !== 'warning');
    if (errors.length || !r.value) return { diagnostics: errors, warnings };
    data = r.value;
  }
  const asOf = resolveAsOf(spec, sources, options, data, base, end);
  if ('diagnostic' in asOf) return { diagnostics: [asOf.diagnostic], warnings };
  const p = asOf.period;
  const values = data.values.filter((o) => notAfter(o.period, p));
  const actions = data.actions.filter((a) => notAfter(a, p));
  const complete = lastCompleteYear(p);
  if (complete > base) {
    policies.forEach((policy, i) => {
      const mine = actions.filter((a) => a.policyIndex === i);
      const idle = Array.from({ length: complete - base }, (_, k) => base + 1 + k).filter((y) => !mine.some((a) => a.year === y));
      // a pipeline's starts are scheduled, not a quota: a year without one is no news
      if (mine.length && idle.length && policy.projectIds.length === 0)
        warnings.push({ code: 'actuals/idle-policy', message: msg.recordedPolicyIdleYear(policy.key, idle), severity: 'warning' });
      if (policy.actions.length && mine.length === 0)
        warnings.push({
          code: 'actuals/unrecorded-policy',
          message: msg.unrecordedPolicy(policy.key, base + 1, complete, p.text),
          severity: 'warning',
        });
    });
  }
  return { actuals: { values, actions, asOf: p, files: data.files }, diagnostics: [], warnings };
}

/** The as_of period: `--as-of`, the scenario's `as_of`, else the latest period of the actuals; inside the simulated years. */
function resolveAsOf(
  spec: ScenarioSpec,
  sources: readonly YamlSource[],
  options: ActualsOptions,
  data: { values: readonly Observation[]; actions: readonly RecordedAction[] },
  base: number,
  end: number,
): { period: Period } | { diagnostic: Diagnostic } {
  const given = options.asOf ?? (spec.as_of === undefined ? undefined : String(spec.as_of));
  const bad = (message: string): { diagnostic: Diagnostic } => ({
    diagnostic:
      options.asOf !== undefined
        ? { code: 'actuals/as-of', field: '--as-of', message }
        : spec.as_of !== undefined
          ? locateIssue({ path: ['as_of'], code: 'actuals/as-of', message }, sources)
          : { code: 'actuals/as-of', message },
  });
  if (given === undefined) {
    const latest = latestPeriod(data.values, data.actions);
    if (!latest) return bad(msg.actualsEmpty());
    return { period: latest };
  }
  const period = parsePeriod(given);
  if (!period) return bad(msg.badAsOf(given));
  if (period.year <= base || period.year > end) return bad(msg.yearOutsidePeriod(period.year, base + 1, end, 'as_of'));
  return { period };
}
