import type { CalibrationRow } from './fit-table.js';
import { fitTableLines } from './fit-table.js';
import type { FitParameter } from './parameters.js';
import type { FittedValue } from './spread.js';

/** What calibrated.yaml says: the scenario it extends, the fitted growth block and how it was found. */
export interface CalibratedScenario {
  /** `<parent name>-calibrated`. */
  readonly name: string;
  readonly title: string;
  /** The parent scenario, relative to the folder of calibrated.yaml (forward slashes). */
  readonly extendsPath: string;
  /** The actuals given on the command line, relative to that folder (written as `actuals:`), if any. */
  readonly actualsPath?: string;
  /** `growth.value_added` as written: each key's value (absent when no VA growth was fitted). */
  readonly valueAdded?: Readonly<Record<string, unknown>>;
  /** Absent when held at the scenario's value (--fix). */
  readonly energyElasticity?: FittedValue;
  readonly efficiencyGain?: FittedValue;
  /** Header: the command, the fit's settings and results. */
  readonly command: string;
  readonly notes: readonly string[];
  readonly params: readonly { readonly p: FitParameter; readonly fitted: number; readonly halfWidth: number }[];
  readonly rows: readonly CalibrationRow[];
}

/** A YAML scalar: numbers as they are, text double-quoted (JSON strings are YAML). */
function scalar(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return flow(v);
}

/** A value in YAML flow style: `{ triangular: [0.03, 0.05, 0.07], per: draw }`. */
function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k)}: ${flow(x)}`)
      .join(', ')} }`;
  if (typeof v === 'string') return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

/** A comment line: no line breaks inside. */
const comment = (s: string) => `# ${s.replace(/[\r\n]+/g, ' ')}`.trimEnd();

/**
 * Writes calibrated.yaml: a header comment (the command, the fitted parameters with their prior
 * and spread, the fit table), then a scenario that `extends` the original and sets the fitted
 * `growth` values; nothing else is changed, so the original's registry, policies and targets hold.
 */
export function calibratedYaml(c: CalibratedScenario): string {
  const pct = (v: number) => `${(v * 100).toFixed(3)} %`;
  const shownValue = (p: FitParameter, v: number) => (p.kind === 'energy_elasticity' ? v.toFixed(4) : pct(v));
  const lines = [
    comment(`Calibrated by dcsim calibrate: ${c.command}`),
    ...c.notes.map(comment),
    '#',
    comment('parameter                      prior        fitted       spread (±)'),
    ...c.params.map(({ p, fitted, halfWidth }) =>
      comment(`${p.id.padEnd(30)} ${shownValue(p, p.prior).padEnd(12)} ${shownValue(p, fitted).padEnd(12)} ${shownValue(p, halfWidth)}`),
    ),
    '#',
    comment('Fit (mean of the draws; recorded actions replayed, no observed value matched):'),
    ...fitTableLines(c.rows).map(comment),
    '',
    `name: ${scalar(c.name)}`,
    `title: ${scalar(c.title)}`,
    `extends: ${scalar(c.extendsPath)}`,
    ...(c.actualsPath !== undefined ? [`actuals: ${scalar(c.actualsPath)}`] : []),
    'growth:',
    ...(c.valueAdded ? ['  value_added:', ...Object.entries(c.valueAdded).map(([k, v]) => `    ${k}: ${scalar(v)}`)] : []),
    ...(c.energyElasticity !== undefined ? [`  energy_elasticity: ${scalar(c.energyElasticity)}`] : []),
    ...(c.efficiencyGain !== undefined ? [`  efficiency_gain: ${scalar(c.efficiencyGain)}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
