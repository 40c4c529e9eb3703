import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { shown, type LoadedScenario } from './scenario-load.js';
import { describeAssumptions, type Assumption } from '../scenario/assumptions.js';

/** An input file as shown to the user, with its sha256. */
export interface Hashed {
  readonly file: string;
  readonly sha256: string;
}

/** The sha256 of every input file, for manifest.json (which data a result came from). */
export async function hashInputs(files: readonly string[]): Promise<Hashed[]> {
  return Promise.all(
    [...new Set(files)].map(async (f) => ({
      file: shown(f),
      sha256: createHash('sha256')
        .update(await readFile(f))
        .digest('hex'),
    })),
  );
}

/**
 * The assumptions of a loaded scenario for summary.json (the workbook's 假设 sheet): its
 * parameters, the factors used and every input file with its sha256 and role.
 */
export function runAssumptions(loaded: LoadedScenario, inputs: readonly Hashed[], draws: number, seed: number): Assumption[] {
  const { files } = loaded.scenario;
  const chain = loaded.inputFiles.slice(0, loaded.inputFiles.indexOf(files.registry)).map(shown); // the scenario, then its parents
  const role = (file: string) =>
    file === shown(files.registry)
      ? 'registry'
      : file === shown(files.factors)
        ? 'factors'
        : file === shown(files.evaluation)
          ? 'evaluation'
          : files.benchmarks !== undefined && file === shown(files.benchmarks)
            ? 'benchmarks'
            : chain.indexOf(file) <= 0
              ? 'scenario'
              : chain.indexOf(file) === 1
                ? 'extends'
                : `extends-${chain.indexOf(file)}`;
  return describeAssumptions({
    spec: loaded.spec,
    policyModules: loaded.scenario.policies.map((p) => p.module),
    factors: loaded.factors,
    draws,
    seed,
    firms: loaded.registry.table.n,
    files: inputs.map((i) => ({ ...i, role: role(i.file) })),
  });
}
