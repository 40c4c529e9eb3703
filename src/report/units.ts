import { storedUnit } from '../domain/metrics.js';

/**
 * How analysts read a metric: the scale from the stored unit (tce, t, 万元, fractions) to the
 * shown one (万tce, 万tCO2, 亿元, %), the decimals and the unit label.
 */
export interface DisplayUnit {
  readonly scale: number;
  readonly decimals: number;
  readonly unit: string;
}

/** How each stored unit (src/domain/metrics.ts storedUnit) is shown: 万 for tonnes and tce, 亿 for 万元, % for fractions. */
const SHOWN: Readonly<Record<string, DisplayUnit>> = {
  tce: { scale: 1e-4, decimals: 2, unit: '万tce' },
  tCO2: { scale: 1e-4, decimals: 2, unit: '万tCO2' },
  t: { scale: 1e-4, decimals: 2, unit: '万t' },
  万元: { scale: 1e-4, decimals: 1, unit: '亿元' },
  '万元/亩': { scale: 1, decimals: 1, unit: '万元/亩' },
  '万元/人': { scale: 1, decimals: 1, unit: '万元/人' },
  'tce/万元': { scale: 1, decimals: 4, unit: 'tce/万元' },
  'tCO2/万元': { scale: 1, decimals: 4, unit: 'tCO2/万元' },
  fraction: { scale: 100, decimals: 1, unit: '%' },
};

/** Returns the display unit of a metric, or of a growth/change target on it (%). */
export function displayUnit(metric: string, kind: string = 'level'): DisplayUnit {
  if (kind === 'cagr' || kind === 'change') return SHOWN.fraction;
  const stored = storedUnit(metric);
  // counts and land (家, 个, 人, 亩) and metrics without a unit are shown as stored, whole numbers
  return SHOWN[stored] ?? { scale: 1, decimals: 0, unit: stored };
}
