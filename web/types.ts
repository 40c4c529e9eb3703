// The JSON the page exchanges with `dcsim serve` (the contract of issue 16). These mirror the
// server's types (src/workbench/*.ts, src/engine/*.ts, src/domain/diagnostic.ts) because the page
// is compiled on its own, with the DOM library and without Node's; imported as types only, so this
// module adds nothing to what the browser loads.

export type Lang = 'zh' | 'en';

export interface Words {
  readonly zh: string;
  readonly en: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly row?: number;
  readonly sheet?: string;
  readonly headerRow?: number;
  readonly field?: string;
  readonly severity?: 'error' | 'warning';
}

export interface LeverDomain {
  readonly what: string;
  /** null: unbounded on that side. */
  readonly min: number | null;
  readonly max: number | null;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
  readonly integer?: boolean;
  readonly warnAbove?: number;
  readonly hint?: string;
}

export interface Lever {
  readonly path: string;
  readonly key: string;
  readonly label: Words;
  readonly kind: 'number' | 'distribution' | 'series' | 'expression';
  readonly value: unknown;
  readonly base: unknown;
  readonly domain: LeverDomain;
  readonly slider: { readonly min: number; readonly max: number; readonly step: number };
}

export interface PolicyForm {
  readonly index: number;
  readonly id?: string;
  readonly type: string;
  readonly label: Words;
  readonly enabled: boolean;
  readonly levers: readonly Lever[];
}

export interface TargetForm {
  readonly index: number;
  readonly id: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly metric: string;
  readonly bound: 'at_least' | 'at_most';
  readonly year: number;
  readonly levers: readonly Lever[];
}

export interface WorkbenchForm {
  readonly name: string;
  readonly title: string;
  readonly period: { readonly base: number; readonly end: number };
  readonly monteCarlo: { readonly draws: number; readonly seed: number };
  readonly general: readonly Lever[];
  readonly policies: readonly PolicyForm[];
  readonly targets: readonly TargetForm[];
}

export interface Edits {
  readonly set: readonly { readonly path: string; readonly value: unknown }[];
  readonly off: readonly number[];
}

export type TargetStatus = 'met' | 'at_risk' | 'missed';

export interface TargetResult {
  readonly id: string;
  readonly label: string;
  readonly metric: string;
  readonly kind: string;
  readonly from: number;
  readonly year: number;
  readonly at_least?: number;
  readonly at_most?: number;
  readonly confidence: number;
  readonly probability: number;
  readonly p10: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly status: TargetStatus;
  /** How its values are read: stored value × scale, with that many decimals, in that unit (万tce, %, 万元/亩 …). */
  readonly display: { readonly scale: number; readonly decimals: number; readonly unit: string };
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

export interface TargetChange {
  readonly id: string;
  readonly label: string;
  readonly metric: string;
  readonly year: number;
  readonly pinned: { readonly probability: number; readonly p50: number | null; readonly status: string };
  readonly current: { readonly probability: number; readonly p50: number | null; readonly status: string };
  readonly probabilityPoints: number;
  readonly p50Difference: { readonly mean: number; readonly p10: number; readonly p50: number; readonly p90: number } | null;
}

export interface Pin {
  readonly id: string;
  readonly label: string;
}

export interface State {
  readonly lang: Lang;
  readonly scenarios: readonly { readonly name: string; readonly title: string }[];
  readonly workspace: null | {
    readonly source: { readonly scenario: string; readonly registry?: string; readonly actuals?: string };
    readonly form: WorkbenchForm;
    readonly warnings: readonly Diagnostic[];
    readonly pins: readonly Pin[];
  };
}

export interface Opened {
  readonly form: WorkbenchForm;
  readonly warnings: readonly Diagnostic[];
}

export interface Preview {
  readonly seq: number;
  readonly draws: number;
  readonly seed: number;
  readonly targets: readonly TargetResult[];
  readonly charts: readonly Chart[];
  readonly pinned?: { readonly id: string; readonly label: string; readonly changes: readonly TargetChange[] };
  readonly form: WorkbenchForm;
  readonly warnings: readonly Diagnostic[];
}

export interface Comparison {
  readonly scenarios: readonly { readonly name: string; readonly title: string }[];
  readonly draws: number;
  readonly seed: number;
  readonly targets: readonly {
    readonly id: string;
    readonly label: string;
    readonly metric: string;
    readonly kind: string;
    readonly year: number;
    readonly byScenario: readonly ({ readonly probability: number; readonly p50: number | null; readonly status: string } | null)[];
  }[];
}

export interface SeekResult {
  readonly answer: number | null;
  readonly points: readonly { readonly value: number; readonly probability: number }[];
  readonly assumption: 'increasing' | 'decreasing';
  readonly monotone: boolean;
  readonly range: readonly [number, number];
  readonly plateau: number | null;
}

export interface RunStatus {
  readonly status: 'running' | 'done' | 'failed' | 'cancelled';
  readonly done: number;
  readonly total: number;
  readonly error?: string;
  readonly files?: readonly string[];
}
