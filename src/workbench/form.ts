import { isYearKey } from '../domain/schema-helpers.js';
import { POLICY_MODULES } from '../policies/registry.js';
import type { PolicyModule } from '../policies/types.js';
import { DISTRIBUTIONS } from '../scenario/param.js';

const DISTRIBUTION_NAMES = Object.keys(DISTRIBUTIONS);
import type { ValuePath } from '../domain/path-issue.js';
import { leverDomains, pathText, type DomainSource, type LeverDomain } from './domains.js';
import { applyEdits, getAt, type Edits } from './edits.js';
import { leverLabel, policyFormLabel } from './labels.js';
import { targetLabel } from '../report/labels.js';

/** A lever's domain as JSON carries it: an unbounded side is null. */
export interface FormDomain extends Omit<LeverDomain, 'min' | 'max'> {
  readonly min: number | null;
  readonly max: number | null;
}

/** One number of the scenario the page lets the analyst move. */
export interface Lever {
  /** Its path in dcsim seek's syntax: `policies[4].per_year`. */
  readonly path: string;
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** How it is written: a number, a distribution (`{triangular: [a, b, c]}`), a year series (`{2021: …}`) or an expression/percentage. */
  readonly kind: 'number' | 'distribution' | 'series' | 'expression';
  /** The value after the edits, as the spec writes it. */
  readonly value: unknown;
  /** The base scenario's value. */
  readonly base: unknown;
  readonly domain: FormDomain;
  /** A finite range for a slider: the domain, narrowed to a span around the value where the domain is wide or open. */
  readonly slider: { readonly min: number; readonly max: number; readonly step: number };
}

export interface PolicyForm {
  /** The policy's index in the base scenario (what `edits.off` names). */
  readonly index: number;
  readonly id?: string;
  readonly type: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly enabled: boolean;
  readonly levers: readonly Lever[];
}

export interface TargetForm {
  readonly index: number;
  readonly id: string;
  /** The scenario's label in zh; in en the metric's English title, kind and years when the label is Chinese (as the reports name it). */
  readonly label: { readonly zh: string; readonly en: string };
  readonly metric: string;
  readonly bound: 'at_least' | 'at_most';
  readonly year: number;
  /** The goal, the year and the confidence (when the target sets one). */
  readonly levers: readonly Lever[];
}

/** The page's form: generated from the scenario and the domains its modules and schemas declare. */
export interface WorkbenchForm {
  readonly name: string;
  readonly title: string;
  readonly period: { readonly base: number; readonly end: number };
  readonly monteCarlo: { readonly draws: number; readonly seed: number };
  /** Monte Carlo, the confidence, the background (growth, grid factor …). */
  readonly general: readonly Lever[];
  readonly policies: readonly PolicyForm[];
  readonly targets: readonly TargetForm[];
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** How a value is written in the spec. */
function leverKind(v: unknown): Lever['kind'] | undefined {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'expression';
  if (!isMap(v)) return undefined;
  if (DISTRIBUTION_NAMES.some((d) => Object.hasOwn(v, d))) return 'distribution';
  if (Object.keys(v).some(isYearKey)) return 'series';
  return undefined;
}

/** 1, 2 or 5 × a power of ten, the nearest at or above x. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= x * 0.999) ?? 10 * p;
}

/** A number of the value for the range: a constant, a distribution's middle argument, a series' last point. */
function centre(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (!isMap(v)) return undefined;
  const d = DISTRIBUTION_NAMES.find((x) => Object.hasOwn(v, x));
  const args = d ? v[d] : undefined;
  if (Array.isArray(args))
    return typeof args[Math.floor((args.length - 1) / 2)] === 'number' ? args[Math.floor((args.length - 1) / 2)] : undefined;
  const points = Object.entries(v).filter(([k, x]) => isYearKey(k) && typeof x === 'number');
  return points.length ? (points.at(-1)![1] as number) : undefined;
}

/**
 * A slider's range: the domain where it is narrow (a share: 0–1), else a span around the base
 * value (a count of 100: 0–200; a growth rate: its domain narrowed to where values warn), so
 * the slider moves in useful steps; the value itself is always inside.
 */
export function sliderRange(d: LeverDomain, value: number | undefined): Lever['slider'] {
  const v = value ?? 0;
  const span = Math.max(2 * Math.abs(v), d.integer ? 10 : 1);
  let lo = Number.isFinite(d.min) ? d.min : v - span;
  let hi = Number.isFinite(d.max) ? d.max : v + span;
  if (d.warnAbove !== undefined) [lo, hi] = [Math.max(lo, -d.warnAbove), Math.min(hi, d.warnAbove)];
  if (hi - lo > 4 * span && !(hi <= 1 && lo >= -1)) [lo, hi] = [Math.max(lo, v - span), Math.min(hi, v + span)];
  lo = Math.min(lo, v);
  hi = Math.max(hi, v);
  const step = d.integer ? Math.max(1, niceStep((hi - lo) / 200)) : niceStep((hi - lo) / 200 || 0.01);
  if (d.integer) [lo, hi] = [Math.floor(lo), Math.ceil(hi)];
  else [lo, hi] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  if (d.minOpen && lo <= d.min) lo = d.min + step;
  if (d.maxOpen && hi >= d.max) hi = d.max - step;
  return { min: +lo.toPrecision(12), max: +hi.toPrecision(12), step };
}

/** A target without its own confidence takes the scenario's (default 0.9, the scenario schema's). */
function inherited(spec: Readonly<Record<string, unknown>>, path: string): unknown {
  return /^targets\[\d+\]\.confidence$/.test(path) ? (spec.confidence ?? 0.9) : undefined;
}

/** Keys that are structure, not levers: the period, a target's start year. */
const NOT_LEVERS = new Set(['period.base', 'period.end', 'registry_year']);

function lever(path: string, domain: LeverDomain, value: unknown, base: unknown): Lever | undefined {
  const kind = leverKind(value) ?? leverKind(base);
  if (!kind) return undefined;
  const key = path
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .at(-1)!;
  return {
    path,
    key,
    label: { zh: leverLabel(path, 'zh'), en: leverLabel(path, 'en') },
    kind,
    value,
    base,
    domain: { ...domain, min: Number.isFinite(domain.min) ? domain.min : null, max: Number.isFinite(domain.max) ? domain.max : null },
    slider: sliderRange(domain, centre(base) ?? centre(value)),
  };
}

/**
 * The form of a scenario after edits: every number with a declared domain as a lever with its
 * base and current value, grouped into the general block, one block per policy (switched on or
 * off) and one per target. `domains` come from {@link leverDomains} of the base scenario.
 */
export function workbenchForm(
  base: Readonly<Record<string, unknown>>,
  edits: Edits,
  domains: ReadonlyMap<string, LeverDomain>,
  modules: readonly PolicyModule[] = POLICY_MODULES,
): WorkbenchForm {
  // the values with every edit, the switched-off policies kept (their levers stay in the form)
  const edited = applyEdits(base, { set: edits.set, off: [] }).merged ?? structuredClone(base);
  const off = new Set(edits.off);
  const general: Lever[] = [];
  const byPolicy = new Map<number, Lever[]>();
  const byTarget = new Map<number, Lever[]>();
  for (const [path, domain] of domains) {
    if (NOT_LEVERS.has(path) || /^targets\[\d+\]\.from$/.test(path)) continue;
    const l = lever(path, domain, getAt(edited, path) ?? inherited(edited, path), getAt(base, path) ?? inherited(base, path));
    if (!l) continue;
    const m = /^(policies|targets)\[(\d+)\]/.exec(path);
    if (!m) general.push(l);
    else {
      const into = m[1] === 'policies' ? byPolicy : byTarget;
      const i = Number(m[2]);
      into.set(i, [...(into.get(i) ?? []), l]);
    }
  }
  // levers in the order the spec writes them
  const order = new Map(specOrder(base).map((p, i) => [p, i]));
  const byOrder = (a: Lever, b: Lever) => (order.get(a.path) ?? Infinity) - (order.get(b.path) ?? Infinity);
  general.sort(byOrder);
  for (const ls of [...byPolicy.values(), ...byTarget.values()]) ls.sort(byOrder);
  const policies = Array.isArray(base.policies) ? (base.policies as unknown[]) : [];
  const targets = Array.isArray(base.targets) ? (base.targets as unknown[]) : [];
  const period = base.period as { base: number; end: number };
  const mc = (edited.monte_carlo ?? {}) as { draws?: number; seed?: number };
  return {
    name: String(base.name),
    title: typeof base.title === 'string' ? base.title : String(base.name),
    period: { base: period.base, end: period.end },
    monteCarlo: { draws: mc.draws ?? 1000, seed: mc.seed ?? 1 },
    general,
    policies: policies.flatMap((p, index) => {
      if (!isMap(p) || typeof p.type !== 'string') return [];
      const module = modules.find((x) => x.type === p.type);
      const sameType = policies.filter((q) => isMap(q) && q.type === p.type).length;
      const label = module ? policyFormLabel(module.label, p, sameType) : { zh: p.type, en: p.type };
      return [
        {
          index,
          ...(typeof p.id === 'string' ? { id: p.id } : {}),
          type: p.type,
          label,
          enabled: !off.has(index),
          levers: byPolicy.get(index) ?? [],
        },
      ];
    }),
    targets: targets.flatMap((t, index) => {
      if (!isMap(t)) return [];
      const e = (isMap((edited.targets as unknown[])?.[index]) ? (edited.targets as unknown[])[index] : t) as Record<string, unknown>;
      const bound = Object.hasOwn(t, 'at_most') ? 'at_most' : 'at_least';
      const label = typeof t.label === 'string' ? t.label : String(t.id);
      const named = {
        label,
        metric: String(t.metric),
        kind: String(t.kind ?? 'level'),
        year: Number(e.year),
        ...(typeof e.from === 'number' ? { from: e.from } : {}),
      };
      return [
        {
          index,
          id: String(t.id),
          label: { zh: label, en: targetLabel(named, 'en') },
          metric: String(t.metric),
          bound,
          year: Number(e.year),
          levers: byTarget.get(index) ?? [],
        },
      ];
    }),
  };
}

/** Every path of a spec in the order it is written (depth first), as {@link pathText} writes them. */
function specOrder(v: unknown, path: ValuePath = [], out: string[] = []): string[] {
  if (path.length) out.push(pathText(path));
  if (Array.isArray(v)) v.forEach((x, i) => specOrder(x, [...path, i], out));
  else if (isMap(v)) for (const [k, x] of Object.entries(v)) specOrder(x, [...path, k], out);
  return out;
}

/** The form of a loaded scenario after edits (the domains read from it each time: a few milliseconds). */
export function workbenchFormOf(loaded: DomainSource, edits: Edits, modules: readonly PolicyModule[] = POLICY_MODULES): WorkbenchForm {
  return workbenchForm(loaded.merged, edits, leverDomains(loaded, modules), modules);
}
