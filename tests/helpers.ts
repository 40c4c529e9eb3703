import { resolve } from 'node:path';
import { factorsSchema, resolveFactors, type Factors } from '../src/accounting/factors.js';
import type { EnergyColumns } from '../src/accounting/account.js';
import { CARRIERS, type CarrierId } from '../src/domain/carriers.js';
import { evaluationSchema, resolveEvaluation, type EvaluationModel } from '../src/evaluation/model.js';
import { loadYamlWith } from '../src/io/yaml-file.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** Loads the shipped factors file (models/factors/china.yaml). */
export async function chinaFactors(): Promise<Factors> {
  const path = resolve(ROOT, 'models/factors/china.yaml');
  const r = await loadYamlWith(factorsSchema, path, path, 'factors');
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  return resolveFactors(r.value);
}

/** Loads the shipped evaluation model (models/evaluation/zhejiang-mujun.yaml). */
export async function mujunModel(): Promise<EvaluationModel> {
  const path = resolve(ROOT, 'models/evaluation/zhejiang-mujun.yaml');
  const r = await loadYamlWith(evaluationSchema, path, path, 'evaluation');
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  return resolveEvaluation(r.value);
}

export type FirmEnergy = Partial<Record<CarrierId | 'feedstock_tce' | 'renewable_electricity_10k_kwh' | 'process_co2_t', number>>;

/** Builds energy columns from one object per firm (missing = 0). */
export function energyColumns(firms: readonly FirmEnergy[]): EnergyColumns {
  const col = (k: keyof FirmEnergy) => Float64Array.from(firms, (f) => f[k] ?? 0);
  return {
    n: firms.length,
    carriers: Object.fromEntries(CARRIERS.map((c) => [c, col(c)])) as Record<CarrierId, Float64Array>,
    feedstockTce: col('feedstock_tce'),
    renewableElectricity10kKwh: col('renewable_electricity_10k_kwh'),
    processCo2T: col('process_co2_t'),
  };
}
