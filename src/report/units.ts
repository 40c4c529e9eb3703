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

/**
 * The English of each unit dcsim shows (every unit of SHOWN, the stored units shown as they are,
 * and the units of the admission tests): 万 = 10k, 亿 = 100M, 亩 = mu (1/15 ha), 家 = firms.
 */
const UNIT_EN: Readonly<Record<string, string>> = {
  万tce: '10k tce',
  万tCO2: '10k tCO2',
  万t: '10k t',
  亿元: '100M yuan',
  万元: '10k yuan',
  元: 'yuan',
  '万元/亩': '10k yuan/mu',
  '万元/人': '10k yuan/person',
  'tce/万元': 'tce/10k yuan',
  'tCO2/万元': 'tCO2/10k yuan',
  亩: 'mu',
  家: 'firms',
  个: '',
  人: 'persons',
  年: 'years',
  次: 'times',
  百分点: 'pp',
};

/**
 * A unit as shown in `lang` (issue #14 item 11): the Chinese unit itself in zh; in en its
 * English (万tce → 10k tce, 亩 → mu, 亿元 → 100M yuan, 家 → firms, 个 → nothing), units without
 * Chinese (%, tce, kgce/t) unchanged, and a compound unit translated part by part (万元/亩 → 10k yuan/mu).
 */
export function unitText(unit: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return unit;
  const known = UNIT_EN[unit];
  if (known !== undefined) return known;
  if (!/[\u3400-\u9fff]/.test(unit)) return unit;
  return unit
    .split('/')
    .map((part) => UNIT_EN[part] ?? part)
    .join('/');
}

/** A unit in brackets after a name: "（万tce）" in zh, " (10k tce)" in en; nothing for a unit without words (个 in en). */
export function unitInBrackets(unit: string, lang: 'zh' | 'en'): string {
  const text = unitText(unit, lang);
  if (!text) return '';
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}
