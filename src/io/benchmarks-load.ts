import type { Diagnostic } from '../domain/diagnostic.js';
import { benchmarksSchema, resolveBenchmarks, type Benchmarks } from '../ledger/benchmarks.js';
import { loadYamlWith } from './yaml-file.js';

/**
 * Loads a benchmarks file (`models/benchmarks/*.yaml`, the scenario's `benchmarks:`): every
 * problem comes back with the file, line and key — an unknown key, a missing unit, a negative
 * level, a benchmark level above the baseline level, an unknown sector.
 */
export async function loadBenchmarks(path: string, shownAs: string): Promise<{ value?: Benchmarks; diagnostics: Diagnostic[] }> {
  const r = await loadYamlWith(benchmarksSchema, path, shownAs, 'benchmarks');
  return r.value ? { value: resolveBenchmarks(r.value, shownAs), diagnostics: [] } : { diagnostics: r.diagnostics };
}
