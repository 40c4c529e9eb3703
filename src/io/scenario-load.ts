import { dirname, relative, resolve as resolvePath } from 'node:path';
import { missingFactorFields, resolveFactors, factorsSchema, type Factors } from '../accounting/factors.js';
import type { ProjectTable } from '../domain/project-table.js';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { PathIssue } from '../domain/path-issue.js';
import { evaluationSchema, resolveEvaluation, type EvaluationModel } from '../evaluation/model.js';
import { msg } from '../messages/messages.js';
import { POLICY_MODULES } from '../policies/registry.js';
import type { PolicyModule } from '../policies/types.js';
import { resolveScenario, type Scenario } from '../scenario/resolve.js';
import { scenarioSchema, type ScenarioSpec } from '../scenario/schema.js';
import { parseWith } from '../scenario/zod-issues.js';
import { mergePolicies, type PolicyPlace } from '../scenario/policy-ids.js';
import { mergeScenario } from '../scenario/merge.js';

export { isValueMap, mergeScenario } from '../scenario/merge.js';
import type { ValuePath } from '../domain/path-issue.js';
import { checkGridAgainstPublished } from '../scenario/grid-factor.js';
import { resolveFuelMixes } from '../accounting/fuel-mix.js';
import { checkRegistryAgainstFactors, checkRegistryConsistency } from './registry-checks.js';
import { completeRegistryEnergy, type CompletionSummary } from './registry-complete.js';
import type { LoadedRegistry } from './registry-build.js';
import { loadRegistry } from './registry-load.js';
import { loadBenchmarks } from './benchmarks-load.js';
import { loadProjectTable, type ProjectCompletion } from './project-load.js';
import { loadYamlWith, locateIssue, readYamlMap } from './yaml-file.js';
import type { YamlSource } from './yaml-source.js';
import { lastCompleteYear } from '../actuals/period.js';
import { readActuals, type ActualsOptions } from './actuals-scenario.js';

/** Everything a run needs, loaded and checked. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The merged spec as parsed (schema defaults filled in), for the list of assumptions. */
  readonly spec: ScenarioSpec;
  readonly registry: LoadedRegistry;
  readonly factors: Factors;
  readonly evaluation: EvaluationModel;
  /** The spec as merged from the `extends` chain, before the schema (what `vary` and the workbench's edits change a copy of). */
  readonly merged: Readonly<Record<string, unknown>>;
  /** Every input file read (scenario chain first), absolute paths, for the manifest. */
  readonly inputFiles: readonly string[];
  /**
   * Resolves the scenario again after a change to a copy of its merged spec, with the same
   * registry and files (dcsim seek varies one parameter this way).
   */
  readonly vary: (
    change: (merged: Record<string, unknown>) => void,
    /** When the change removed or moved policies: `policyOrigin[i]` is the index in {@link merged} of the policy now at `i` (its project tables follow it). */
    policyOrigin?: readonly number[],
  ) => { scenario?: Scenario; diagnostics: Diagnostic[] };
  /** The project tables the policies name, as absolute paths: `policyFiles.get('5.pipeline')` (a saved copy of a policy names its file so). */
  readonly policyFiles: ReadonlyMap<string, string>;
  readonly warnings: readonly Diagnostic[];
  /** Firms whose carriers were completed from their total energy (undefined without an energy_tce column). */
  readonly energyCompletion?: CompletionSummary;
}

/**
 * Checks the registry's data year against the scenario: the file's year (a `year` column or
 * `_meta` sheet) and `registry_year` must agree, and the year must be `period.base`. A registry
 * that declares no year is taken as the base year, with a warning.
 */
function checkRegistryYear(
  registry: LoadedRegistry,
  scenarioYear: number | undefined,
  base: number,
  sources: readonly YamlSource[],
): Diagnostic[] {
  const fileYear = registry.dataYear?.year;
  if (fileYear !== undefined && scenarioYear !== undefined && fileYear !== scenarioYear) {
    return [
      locateIssue(
        {
          path: ['registry_year'],
          code: 'scenario/registry-year',
          message: msg.registryYearConflict(fileYear, scenarioYear, registry.file),
        },
        sources,
      ),
    ];
  }
  const year = fileYear ?? scenarioYear;
  if (year === undefined) {
    return [
      {
        code: 'registry/year-undeclared',
        message: msg.registryYearUndeclared(base),
        file: registry.file,
        ...(registry.sheet !== undefined ? { sheet: registry.sheet } : {}),
        headerRow: registry.headerRow,
        severity: 'warning',
      },
    ];
  }
  if (year !== base) {
    return [locateIssue({ path: ['period', 'base'], code: 'scenario/base-year', message: msg.baseYearMismatch(year, base) }, sources)];
  }
  return [];
}

/** Shows a path relative to the working directory when that is shorter. */
export function shown(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') ? rel : abs;
}

type Chain = { sources: YamlSource[]; absPaths: string[] };

/** Loads a scenario and its `extends` ancestors (child first); cycles and missing files are diagnostics. */
export async function loadScenarioChain(path: string): Promise<{ chain?: Chain; diagnostics: Diagnostic[] }> {
  const chain: Chain = { sources: [], absPaths: [] };
  let abs = resolvePath(path);
  let from: { source: YamlSource } | undefined;
  for (;;) {
    if (chain.absPaths.includes(abs)) {
      const names = [...chain.absPaths, abs].map(shown);
      const d = locateIssue({ path: ['extends'], code: 'scenario/extends-cycle', message: msg.extendsCycle(names) }, [from!.source]);
      return { diagnostics: [d] };
    }
    const { source, diagnostics } = await readYamlMap(abs, shown(abs), 'scenario');
    if (!source) {
      // a missing parent is reported at the `extends` line of the child
      if (from && diagnostics[0]?.code === 'io/read') {
        return { diagnostics: [locateIssue({ path: ['extends'], code: 'io/read', message: diagnostics[0].message }, [from.source])] };
      }
      return { diagnostics };
    }
    chain.sources.push(source);
    chain.absPaths.push(abs);
    const ext = (source.value as Record<string, unknown>).extends;
    if (ext === undefined) return { chain, diagnostics: [] };
    if (typeof ext !== 'string' || ext.trim() === '') {
      return {
        diagnostics: [
          locateIssue(
            { path: ['extends'], code: 'schema/wrong-type', message: msg.wrongType('a relative path to the parent scenario', ext) },
            [source],
          ),
        ],
      };
    }
    from = { source };
    abs = resolvePath(dirname(abs), ext);
  }
}

/**
 * Loads the project tables (CSV/XLSX) policy entries name (a pipeline), relative to the scenario
 * file that holds the `policies` list, with the registry's loader ({@link loadProjectTable});
 * a missing file is reported at its line. Warnings go to `warnings`.
 */
async function readPolicyTables(
  policies: readonly Record<string, unknown>[],
  modules: readonly PolicyModule[],
  sources: readonly YamlSource[],
  absPaths: readonly string[],
  completion: ProjectCompletion | undefined,
  diagnostics: Diagnostic[],
  warnings: Diagnostic[],
  files: Map<string, string>,
): Promise<Map<string, ProjectTable>> {
  const tables = new Map<string, ProjectTable>();
  for (const [i, entry] of policies.entries()) {
    const module = modules.find((m) => m.type === entry.type);
    for (const field of module?.files ?? []) {
      const rel = entry[field];
      if (typeof rel !== 'string') continue;
      // relative to the file that writes the field (a child may change one policy by id)
      const holder = Math.max(
        0,
        sources.findIndex((s) => s.has(['policies', i, field])),
      );
      const abs = resolvePath(dirname(absPaths[holder]), rel);
      files.set(`${i}.${field}`, abs);
      const loaded = await loadProjectTable(abs, shown(abs), completion);
      for (const d of loaded.diagnostics) {
        if (d.severity === 'warning') warnings.push(d);
        else if (d.code === 'io/read')
          diagnostics.push(locateIssue({ path: ['policies', i, field], code: d.code, message: d.message }, sources));
        else diagnostics.push(d);
      }
      if (loaded.value) tables.set(`${i}.${field}`, loaded.value);
    }
  }
  return tables;
}

/** The project tables keyed by the policies' new places: `origin[i]` is where policy `i` was. */
function movedTables(tables: ReadonlyMap<string, ProjectTable>, origin: readonly number[]): Map<string, ProjectTable> {
  const moved = new Map<string, ProjectTable>();
  for (const [key, table] of tables) {
    const dot = key.indexOf('.');
    const to = origin.indexOf(Number(key.slice(0, dot)));
    if (to >= 0) moved.set(`${to}${key.slice(dot)}`, table);
  }
  return moved;
}

/**
 * Shows a file of the chain with the merged `policies` list's paths (`policies[2].per_year`)
 * turned into the file's own (`policies.village.per_year`, or its own list index), so that
 * {@link locateIssue} finds the file and line that set a value of a policy merged by id.
 */
function policyView(source: YamlSource, places: readonly PolicyPlace[]): YamlSource {
  const own = (path: ValuePath): ValuePath | undefined => {
    if (path[0] !== 'policies' || path.length < 2 || typeof path[1] !== 'number') return path;
    const place = places[path[1]];
    return place === undefined ? undefined : ['policies', place, ...path.slice(2)];
  };
  return {
    file: source.file,
    value: source.value,
    locate: (path, at) => source.locate(own(path) ?? ['policies'], at),
    own: (path) => own(path) ?? path,
    has: (path) => {
      const p = own(path);
      return p !== undefined && source.has(p);
    },
  };
}

/**
 * Merges the chain's files (child first): {@link mergeScenario}, with `policies` merged by id
 * ({@link mergePolicies}). Returns the merged spec and the files seen with merged policy paths,
 * or the problems of the ids, each at its file and line.
 */
export function mergeChain(files: readonly YamlSource[]): {
  merged?: Record<string, unknown>;
  sources: YamlSource[];
  diagnostics: Diagnostic[];
} {
  const merged = files.reduceRight<unknown>((acc, s) => mergeScenario(acc, s.value), {}) as Record<string, unknown>;
  const values = files.map((s) => {
    const v = s.value as Record<string, unknown>;
    return Object.hasOwn(v, 'policies') ? v.policies : undefined;
  });
  if (values.every((v) => v === undefined)) return { merged, sources: [...files], diagnostics: [] };
  const pm = mergePolicies(values, mergeScenario);
  if (pm.issues.length) return { sources: [...files], diagnostics: pm.issues.map((i) => locateIssue(i.issue, [files[i.file]])) };
  merged.policies = pm.value;
  return { merged, sources: files.map((s, f) => policyView(s, pm.places[f])), diagnostics: [] };
}

/**
 * Options of {@link loadScenario}: the command line's `--actuals` (a file, or two comma-separated,
 * relative to the working directory; `null` ignores the scenario's actuals: the plan as at its
 * start) and `--as-of` (`YYYY`, `YYYY-Qn`, `YYYY-MM`).
 */
export type ScenarioLoadOptions = ActualsOptions;

/**
 * Loads a scenario end to end: the `extends` chain, the merged spec, the registry, factors,
 * evaluation and benchmarks files it names (relative to the file that names them), and resolves it. Returns
 * every problem found, each with file and line/row, or the loaded scenario.
 */
export async function loadScenario(
  path: string,
  policyModules: readonly PolicyModule[] = POLICY_MODULES,
  options: ScenarioLoadOptions = {},
): Promise<{ value?: LoadedScenario; diagnostics: Diagnostic[] }> {
  const { chain, diagnostics: chainDiags } = await loadScenarioChain(path);
  if (!chain) return { diagnostics: chainDiags };
  const { absPaths } = chain;
  const { merged, sources, diagnostics: idDiagnostics } = mergeChain(chain.sources);
  if (!merged) return { diagnostics: idDiagnostics };
  const locate = (issues: readonly PathIssue[]) => issues.map((i) => locateIssue(i, sources));

  const parsed = parseWith(scenarioSchema, merged);
  if (!parsed.value) return { diagnostics: locate(parsed.issues) };
  const spec = parsed.value;

  const fileOf = (key: 'registry' | 'factors' | 'evaluation' | 'benchmarks'): string => {
    const i = Math.max(
      0,
      sources.findIndex((s) => s.has([key])),
    );
    return resolvePath(dirname(absPaths[i]), spec[key]!);
  };
  const benchmarksFile = spec.benchmarks !== undefined ? fileOf('benchmarks') : undefined;
  const files = {
    registry: fileOf('registry'),
    factors: fileOf('factors'),
    evaluation: fileOf('evaluation'),
    ...(benchmarksFile !== undefined ? { benchmarks: benchmarksFile } : {}),
  };
  const notFound = (key: keyof typeof files, ds: Diagnostic[]) =>
    ds.map((d) => (d.code === 'io/read' ? locateIssue({ path: [key], code: d.code, message: d.message }, sources) : d));

  const [factorsR, evaluationR, registryR, benchmarksR] = await Promise.all([
    loadYamlWith(factorsSchema, files.factors, shown(files.factors), 'factors'),
    loadYamlWith(evaluationSchema, files.evaluation, shown(files.evaluation), 'evaluation'),
    loadRegistry(files.registry, shown(files.registry), spec.registry_sheet !== undefined ? { sheet: spec.registry_sheet } : {}),
    benchmarksFile !== undefined ? loadBenchmarks(benchmarksFile, shown(benchmarksFile)) : { value: undefined, diagnostics: [] },
  ]);
  const benchmarks = benchmarksR.value;
  const diagnostics: Diagnostic[] = [
    ...notFound('factors', factorsR.diagnostics),
    ...notFound('evaluation', evaluationR.diagnostics),
    ...notFound('benchmarks', benchmarksR.diagnostics),
    ...notFound(
      'registry',
      registryR.diagnostics.filter((d) => d.severity !== 'warning'),
    ),
  ];
  if (factorsR.value) {
    for (const m of missingFactorFields(factorsR.value)) {
      diagnostics.push({
        code: 'factors/missing',
        message: msg.missingKey(`${m.field}: a number`),
        file: shown(files.factors),
        field: [...m.path, m.field].join('.'),
      });
    }
  }
  const projectCompletion: ProjectCompletion | undefined = factorsR.value
    ? {
        factors: resolveFactors(factorsR.value),
        mixes: resolveFuelMixes(factorsR.value.default_fuel_mix, spec.registry_defaults.fuel_mix),
        basis: spec.registry_defaults.energy_total_basis,
        baseYear: spec.period.base,
      }
    : undefined;
  const tableWarnings: Diagnostic[] = [];
  const policyFiles = new Map<string, string>();
  const policyTables = await readPolicyTables(
    spec.policies,
    policyModules,
    sources,
    absPaths,
    projectCompletion,
    diagnostics,
    tableWarnings,
    policyFiles,
  );
  const registry = registryR.value;
  const yearDiagnostics = registry ? checkRegistryYear(registry, spec.registry_year, spec.period.base, sources) : [];
  diagnostics.push(...yearDiagnostics.filter((d) => d.severity !== 'warning'));
  const index = new Map<string, number>();
  registry?.table.ids.forEach((id, i) => index.set(id, i));
  // what actually happened (src/actuals/): read and checked against the registry and the policies, then cut at as_of
  const actualsRead = registry
    ? await readActuals(spec, sources, absPaths, options, registry, policyModules, policyTables, (id) => index.get(id))
    : { diagnostics: [], warnings: [] };
  diagnostics.push(...actualsRead.diagnostics);
  const actuals = actualsRead.actuals;
  const replay = actuals ? { recorded: actuals.actions, lastCompleteYear: lastCompleteYear(actuals.asOf) } : {};
  // the same resolution for the scenario and for every `vary` of it (seek)
  const resolveSpec = (parsed: ScenarioSpec, tables = policyTables) =>
    resolveScenario({
      spec: parsed,
      files,
      policyModules,
      enterpriseIndex: (id) => index.get(id),
      policyTables: tables,
      ...replay,
      ...(benchmarks ? { benchmarks } : {}),
    });
  const resolved = resolveSpec(spec);
  // a benchmarks file that failed to load is reported as such, not as missing
  const resolvedDiagnostics = locate(
    benchmarksFile !== undefined ? resolved.issues.filter((i) => i.code !== 'policy/benchmarks-missing') : resolved.issues,
  );
  const scenarioWarnings = resolvedDiagnostics.filter((d) => d.severity === 'warning');
  diagnostics.push(...resolvedDiagnostics.filter((d) => d.severity !== 'warning'));
  if (diagnostics.length || !factorsR.value || !evaluationR.value || !registry || !resolved.scenario) {
    return { diagnostics };
  }
  const factors = resolveFactors(factorsR.value);
  const grid = resolved.scenario.gridEmissionFactor;
  const gridIssues = grid
    ? checkGridAgainstPublished(grid, factors.gridEmissionFactorTPerMwh, spec.grid_emission_factor, ['grid_emission_factor'])
    : [];
  if (gridIssues.length) return { diagnostics: locate(gridIssues) };
  const mixes = resolveFuelMixes(factorsR.value.default_fuel_mix, spec.registry_defaults.fuel_mix);
  const completion = completeRegistryEnergy(registry, factors, mixes, spec.registry_defaults.energy_total_basis, spec.period.base);
  const completionErrors = completion.diagnostics.filter((d) => d.severity !== 'warning');
  if (completionErrors.length) return { diagnostics: completionErrors };
  const cross = checkRegistryAgainstFactors(registry, factors);
  if (cross.length) return { diagnostics: cross };
  const warnings = [
    ...actualsRead.warnings,
    ...scenarioWarnings,
    ...registry.warnings,
    ...checkRegistryConsistency(registry),
    ...yearDiagnostics,
    ...completion.diagnostics,
    ...tableWarnings,
    ...(resolved.scenario.gridNonFossilShare || factors.gridNonFossilShare
      ? []
      : [
          {
            code: 'scenario/no-grid-non-fossil-share',
            message: msg.noGridNonFossilShare(factors.name),
            file: files.factors,
            field: 'grid_non_fossil_share',
            severity: 'warning' as const,
          },
        ]),
  ];
  return {
    value: {
      scenario: actuals ? { ...resolved.scenario, actuals } : resolved.scenario,
      spec,
      merged,
      registry,
      factors,
      evaluation: resolveEvaluation(evaluationR.value),
      inputFiles: [
        ...absPaths,
        files.registry,
        files.factors,
        files.evaluation,
        ...(benchmarksFile ? [benchmarksFile] : []),
        ...(actuals?.files ?? []),
      ],
      warnings,
      ...(completion.summary ? { energyCompletion: completion.summary } : {}),
      policyFiles,
      vary: (change, policyOrigin) => {
        const copy = structuredClone(merged) as Record<string, unknown>;
        change(copy);
        const again = parseWith(scenarioSchema, copy);
        if (!again.value) return { diagnostics: locate(again.issues) };
        const r = resolveSpec(again.value, policyOrigin ? movedTables(policyTables, policyOrigin) : policyTables);
        return r.scenario
          ? { scenario: actuals ? { ...r.scenario, actuals } : r.scenario, diagnostics: [] }
          : { diagnostics: locate(r.issues.filter((i) => i.severity !== 'warning')) };
      },
    },
    diagnostics: [],
  };
}
