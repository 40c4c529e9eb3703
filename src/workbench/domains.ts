import { z } from 'zod';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { ValuePath } from '../domain/path-issue.js';
import { storedUnit } from '../domain/metrics.js';
import type { PolicyModule } from '../policies/types.js';
import type { Domain } from '../scenario/domain.js';
import { withDomains } from '../scenario/param.js';
import { scenarioSchema } from '../scenario/schema.js';
import type { Scenario } from '../scenario/resolve.js';
import { targetSchema } from '../targets/schema.js';

/** The values a lever may take: a scenario number's {@link Domain}, or the bounds its schema declares (an unbounded side infinite). */
export type LeverDomain = Domain;

/** What the workbench reads from a loaded scenario (src/io/scenario-load.ts LoadedScenario): the merged spec, its `vary`, its policies' files. */
export interface DomainSource {
  readonly merged: Readonly<Record<string, unknown>>;
  readonly vary: (
    change: (merged: Record<string, unknown>) => void,
    policyOrigin?: readonly number[],
  ) => { scenario?: Scenario; diagnostics: Diagnostic[] };
  /** The policies' project tables as absolute paths, by `<policy index>.<field>`. */
  readonly policyFiles: ReadonlyMap<string, string>;
}

/** A value path written as dcsim seek's `--vary` path: `['policies', 3, 'per_year']` → `policies[3].per_year`. */
export function pathText(path: ValuePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON Schema as zod writes it, the parts read here. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** zod writes an unbounded integer with the safe-integer limits: they are no domain. */
const bound = (x: number | undefined) => (x === undefined || Math.abs(x) >= Number.MAX_SAFE_INTEGER ? undefined : x);

/** The numeric bounds a JSON Schema declares for a number (through `anyOf`, e.g. a number or a percentage), or undefined. */
function numberDomain(s: JsonSchema, what: string): LeverDomain | undefined {
  const number = [s, ...(s.anyOf ?? [])].find((x) => x.type === 'number' || x.type === 'integer');
  if (!number) return undefined;
  const lo = bound(number.exclusiveMinimum) ?? bound(number.minimum);
  const hi = bound(number.exclusiveMaximum) ?? bound(number.maximum);
  return {
    what,
    min: lo ?? Number.NEGATIVE_INFINITY,
    max: hi ?? Number.POSITIVE_INFINITY,
    ...(bound(number.exclusiveMinimum) !== undefined ? { minOpen: true } : {}),
    ...(bound(number.exclusiveMaximum) !== undefined ? { maxOpen: true } : {}),
    ...(number.type === 'integer' ? { integer: true } : {}),
  };
}

/** Adds the schema-declared domain of every number of `value` (a spec's map) not yet in `out`, recursively. */
function walk(value: unknown, schema: JsonSchema | undefined, path: ValuePath, out: Map<string, LeverDomain>): void {
  if (!isMap(value) || !schema) return;
  const props = schema.properties ?? schema.anyOf?.find((x) => x.properties)?.properties;
  if (!props) return;
  for (const [key, v] of Object.entries(value)) {
    const sub = props[key];
    if (!sub) continue;
    const at = [...path, key];
    const text = pathText(at);
    if (typeof v === 'number' && !out.has(text)) {
      const d = numberDomain(sub, key);
      if (d) out.set(text, d);
    } else walk(v, sub, at, out);
  }
}

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();
/** A zod schema as JSON Schema (input side: defaults optional), once per schema; parts zod cannot write (custom checks) become `{}`. */
function jsonSchema(schema: z.ZodType): JsonSchema {
  let js = jsonSchemas.get(schema);
  if (!js) jsonSchemas.set(schema, (js = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema));
  return js;
}

/** A target's goal: a share or a rate of change lies in its interval; a quantity keeps its sign. */
function goalDomain(target: Record<string, unknown>, goal: number): LeverDomain {
  const kind = target.kind ?? 'level';
  if (kind === 'change' || kind === 'cagr') return { what: 'a rate of change', min: -1, minOpen: true, max: 1 };
  if (typeof target.metric === 'string' && storedUnit(target.metric) === 'fraction') return { what: 'a share', min: 0, max: 1 };
  return goal >= 0
    ? { what: 'a goal', min: 0, max: Number.POSITIVE_INFINITY }
    : { what: 'a goal', min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
}

/** A confidence level: strictly between 0 and 1 (the targets schema). */
const CONFIDENCE: LeverDomain = { what: 'a confidence level', min: 0, minOpen: true, max: 1, maxOpen: true };

/**
 * The domain of every number of a loaded scenario the workbench offers as a lever, by path: the
 * scenario numbers with the domains their modules declare when they resolve them (collected by
 * {@link withDomains} while the unchanged spec is resolved again), then the plain numbers of the
 * scenario, policy and target schemas with the bounds those schemas declare, and the targets'
 * goals and years (their period).
 */
export function leverDomains(loaded: DomainSource, modules: readonly PolicyModule[]): Map<string, LeverDomain> {
  const out = new Map<string, LeverDomain>();
  const { domains } = withDomains(() => loaded.vary(() => undefined));
  for (const { path, domain } of domains.values()) out.set(pathText(path), domain);
  const m = loaded.merged;
  const { policies, targets, ...rest } = m;
  walk(rest, jsonSchema(scenarioSchema), [], out);
  if (Array.isArray(policies)) {
    policies.forEach((p, i) => {
      const module = isMap(p) ? modules.find((x) => x.type === p.type) : undefined;
      if (module) walk(p, jsonSchema(module.schema), ['policies', i], out);
    });
  }
  const period = m.period as { base: number; end: number };
  if (Array.isArray(targets)) {
    targets.forEach((t, i) => {
      if (!isMap(t)) return;
      for (const bound of ['at_least', 'at_most'] as const) {
        const goal = t[bound];
        if (typeof goal === 'number') out.set(pathText(['targets', i, bound]), goalDomain(t, goal));
      }
      out.set(pathText(['targets', i, 'year']), { what: 'a year', min: period.base + 1, max: period.end, integer: true });
      // every target's confidence is a lever, also where the target takes the scenario's
      out.set(pathText(['targets', i, 'confidence']), CONFIDENCE);
      walk(t, jsonSchema(targetSchema), ['targets', i], out);
    });
  }
  return out;
}
