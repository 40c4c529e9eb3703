import { z } from 'zod';
import { CARRIERS, FOSSIL_CARRIERS, type CarrierId } from '../domain/carriers.js';
import type { PathIssue, ValuePath } from '../domain/path-issue.js';
import { toDivision } from '../domain/sectors.js';
import { msg } from '../messages/messages.js';
import type { Rng } from '../random/rng.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, type Param, percentOr } from '../scenario/param.js';
import { PolicyParam, resolveOptional, resolveYears, yearsSchema } from './common.js';
import { namedEntrySchema, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import { reportShortfall, resolveSelection, selectionKeys, Selector, type Selection } from './selection.js';
import type { PolicyModule, PolicyResolveContext, PolicyState } from './types.js';

/**
 * Fuel switching (燃料替代: 煤改气, 煤改电), issue 13 §6. A switch replaces `share` of the fuel part
 * of each `from` carrier — its use less its share of the firm's feedstock (the feedstock has the
 * firm's average fossil mix, as in accountOne and saveEnergy: feedstock is never switched) — by
 * the `to` carrier at useful-energy parity: `tce_per_tce` tce of the new carrier, on the calorific
 * basis (当量值, electricity 1.229 tce per 10⁴ kWh whatever the scenario's basis), per tce of fuel
 * replaced = η_old ÷ η_new of the boilers or kilns involved. Typical ratios [R] (thermal
 * efficiencies of industrial boilers, GB 24500-2020《工业锅炉能效限定值及能效等级》levels and
 * field surveys: coal-fired 75–82 %, gas-fired 90–94 %, electric ≥ 97 %; air-source / industrial
 * heat pumps COP 2.5–4):
 *
 * - coal boiler → gas boiler ≈ 0.78 ÷ 0.90 ≈ 0.87 (default of `fuel_switch`);
 * - coal boiler → electric boiler ≈ 0.78 ÷ 0.98 ≈ 0.8 (default of `electrification`);
 * - coal boiler → heat pump (COP 3) ≈ 0.78 ÷ 3 ≈ 0.26.
 *
 * The energy the firm no longer uses (dual-control basis, so electricity on the scenario's basis)
 * and the CO2 cut are recorded; either may be negative (an electric boiler on the primary basis
 * uses more tce than the coal it replaces; on a coal-heavy grid it emits more). Selection: named
 * entries in their year, then by the rule `per_year` firms a year among those with at least
 * `min_from_tce` of switchable fuel (in `sectors` when given), largest switchable fuel first, each
 * firm once, within the named groups and exclusivity of selection.ts.
 *
 * `electrification` (src/policies/electrification.ts) is this module with `to` fixed to
 * electricity and its own defaults.
 */

/** Carriers a fuel may be switched to. */
export const SWITCH_TARGETS = ['natural_gas_10k_m3', 'electricity_10k_kwh', 'heat_gj'] as const satisfies readonly CarrierId[];

/** The preset of a fuel-switch module. */
export interface FuelSwitchPreset<T extends string, A extends string> {
  readonly type: T;
  readonly action: A;
  readonly label: { readonly zh: string; readonly en: string };
  readonly from: readonly CarrierId[];
  /** The target carrier; `fixed`: the entry has no `to` key. */
  readonly to: CarrierId;
  readonly fixed: boolean;
  readonly tcePerTce: number;
}

function makeSchema<T extends string, A extends string>(preset: FuelSwitchPreset<T, A>) {
  return z.strictObject({
    type: z.literal(preset.type),
    years: yearsSchema,
    /** Fossil carriers whose fuel part is switched. */
    from: z
      .array(z.string())
      .min(1)
      .default([...preset.from]),
    /** The new carrier (absent in `electrification`: electricity). */
    to: preset.fixed ? z.literal(preset.to).optional() : z.string().default(preset.to),
    /** Share of the fuel part of the `from` carriers switched (a scenario number; per firm or per draw allowed). */
    share: paramSchema().optional(),
    /** tce of the new carrier (calorific basis) per tce of fuel replaced: η_old ÷ η_new. */
    tce_per_tce: z.number().positive().max(3).default(preset.tcePerTce),
    /** Firms switched a year by the rule (largest switchable fuel first); absent: named entries only. */
    per_year: paramSchema({ perEnterprise: false }).optional(),
    /** GB/T 4754 divisions the rule takes firms from (default: all). */
    sectors: z.array(z.string()).min(1).optional(),
    /** Least fuel of the `from` carriers (fuel part, tce) for the rule to take a firm. */
    min_from_tce: z.number().nonnegative().default(0),
    named: z
      .array(
        namedEntrySchema([preset.action] as [A], {
          share: percentOr(z.number().min(0).max(1)).optional(),
          tce_per_tce: z.number().positive().max(3).optional(),
        }),
      )
      .default([]),
    ...(({ rank_by: _, ...keys }) => keys)(selectionKeys(['above_scale', 'below_scale'], 'energy_tce')),
  });
}

type Spec = z.infer<ReturnType<typeof makeSchema<string, string>>>;

interface SwitchEntry extends NamedEntry {
  readonly share?: number;
  readonly tcePerTce?: number;
}

interface Params {
  readonly years: [number, number];
  readonly from: readonly CarrierId[];
  readonly to: CarrierId;
  readonly share: Param;
  readonly tcePerTce: number;
  readonly perYear: Param | undefined;
  readonly sectors: readonly string[] | undefined;
  readonly minFromTce: number;
  readonly named: readonly SwitchEntry[];
  readonly selection: Selection;
}

/** Checks `from` and `to` against the carriers: fossil sources, a gas/electricity/heat target, not the same. */
export function resolveCarriers(
  from: readonly string[],
  to: string,
  path: ValuePath,
  issues: PathIssue[],
  toPath: ValuePath = [...path, 'to'],
): { from: CarrierId[]; to: CarrierId } {
  const fossil: readonly string[] = FOSSIL_CARRIERS;
  const carriers: readonly string[] = CARRIERS;
  from.forEach((c, i) => {
    const at = [...path, 'from', i];
    if (!carriers.includes(c)) issues.push({ path: at, code: 'policy/carrier', message: msg.unknownCarrier(c, CARRIERS) });
    else if (!fossil.includes(c)) issues.push({ path: at, code: 'policy/carrier', message: msg.switchFromNotFossil(c, FOSSIL_CARRIERS) });
  });
  const targets: readonly string[] = SWITCH_TARGETS;
  if (!carriers.includes(to)) issues.push({ path: toPath, code: 'policy/carrier', message: msg.unknownCarrier(to, CARRIERS) });
  else if (!targets.includes(to)) issues.push({ path: toPath, code: 'policy/carrier', message: msg.switchTarget(to, SWITCH_TARGETS) });
  else if (from.includes(to)) issues.push({ path: toPath, code: 'policy/carrier', message: msg.switchToItself(to) });
  return { from: [...new Set(from)] as CarrierId[], to: to as CarrierId };
}

/** Checks GB/T 4754 division codes. */
export function resolveSectors(
  sectors: readonly string[] | undefined,
  path: ValuePath,
  issues: PathIssue[],
): readonly string[] | undefined {
  sectors?.forEach((code, i) => {
    if (toDivision(code) !== code) issues.push({ path: [...path, 'sectors', i], code: 'policy/sector', message: msg.unknownSector(code) });
  });
  return sectors;
}

/** The fuel part of firm e's `from` carriers now, tce (what a full switch replaces). */
export function switchableTce(s: PolicyState, e: number, from: readonly CarrierId[]): number {
  let fossil = 0;
  for (const c of FOSSIL_CARRIERS) fossil += s.carriers[c][e] * s.tcePerUnit(c);
  if (!(fossil > 0)) return 0;
  const fuelPart = Math.max(0, 1 - s.feedstockTce[e] / fossil);
  let tce = 0;
  for (const c of from) tce += s.carriers[c][e] * s.tcePerUnit(c);
  return tce * fuelPart;
}

/** Builds a fuel-switch module for a preset (`fuel_switch`, `electrification`). */
export function fuelSwitchModule<T extends string, A extends string>(preset: FuelSwitchPreset<T, A>): PolicyModule<Spec, Params> {
  const actions = [preset.action] as const;
  return {
    type: preset.type,
    label: preset.label,
    actions,
    schema: makeSchema(preset) as unknown as z.ZodType<Spec>,
    resolve(spec: Spec, ctx: PolicyResolveContext, path: ValuePath) {
      const issues: PathIssue[] = [];
      const carriers = resolveCarriers(spec.from, spec.to ?? preset.to, path, issues);
      const named = resolveNamed(spec.named, ctx, [...path, 'named']);
      issues.push(...named.issues);
      if (spec.named.length === 0 && spec.per_year === undefined)
        issues.push({ path, code: 'policy/no-firms', message: msg.leverNoFirms(preset.type) });
      // resolveNamed keeps the entries of known firms, in order
      const known = spec.named.filter((x) => ctx.enterpriseIndex(x.id) !== undefined);
      const entries: SwitchEntry[] = named.named.map((n, i) => {
        const raw = known[i];
        return {
          ...n,
          ...(raw.share !== undefined ? { share: raw.share } : {}),
          ...(raw.tce_per_tce !== undefined ? { tcePerTce: raw.tce_per_tce } : {}),
        };
      });
      return {
        params: {
          years: resolveYears(spec.years, ctx, path, issues),
          ...carriers,
          share: resolveOptional(spec.share, 1, ctx, [...path, 'share'], issues, DOMAINS.share),
          tcePerTce: spec.tce_per_tce,
          perYear:
            spec.per_year === undefined ? undefined : resolveOptional(spec.per_year, 0, ctx, [...path, 'per_year'], issues, DOMAINS.count),
          sectors: resolveSectors(spec.sectors, path, issues),
          minFromTce: spec.min_from_tce,
          named: [...entries, ...recordedEntries(ctx, actions)],
          selection: resolveSelection({ ...spec, rank_by: 'energy_tce' }),
        },
        issues,
      };
    },
    createRuntime(p, layout) {
      const n = layout.capacity;
      const switched = new Uint8Array(n);
      const selector = new Selector(p.selection, n, layout.index);
      const share = new PolicyParam(p.share, layout, 'share');
      const perYear = p.perYear && new PolicyParam(p.perYear, layout, 'per_year');
      const policy = layout.index;
      let inSector = new Uint8Array(0);
      const sectorFlags = (s: PolicyState) => Uint8Array.from(s.sectors, (d) => (p.sectors === undefined || p.sectors.includes(d) ? 1 : 0));
      const act = (s: PolicyState, e: number, year: number, rng: Rng, entry?: SwitchEntry) => {
        switched[e] = 1;
        const f = entry?.share ?? share.value(year, rng);
        s.switchFuel(e, p.from, p.to, f, entry?.tcePerTce ?? p.tcePerTce, policy, preset.action, entry?.recorded);
      };
      return {
        startDraw(s, rng) {
          switched.fill(0);
          share.startDraw(rng);
          perYear?.startDraw(rng);
          inSector = sectorFlags(s);
        },
        apply(s, year, rng) {
          const inYears = year >= p.years[0] && year <= p.years[1];
          for (const entry of p.named) {
            const e = entry.enterprise;
            if (entry.year === year && s.active[e] === 1 && (inYears || entry.recorded)) act(s, e, year, rng, entry);
          }
          if (!inYears || !perYear) return;
          const k = Math.round(perYear.value(year, rng));
          if (inSector.length < s.sectors.length) inSector = sectorFlags(s); // a project brought a new sector
          // candidates: not yet switched, in a listed sector, with switchable fuel; the most first
          selector.begin();
          for (let e = 0, n = s.n; e < n; e++) {
            if (switched[e] || !inSector[s.sector[e]] || !selector.eligible(s, e)) continue;
            const tce = switchableTce(s, e, p.from);
            if (tce > 0 && tce >= p.minFromTce) selector.add(s, e, -tce);
          }
          const chosen = selector.select(s, { total: k }, preset.action);
          reportShortfall(s, policy, selector.shortfall);
          for (let i = 0; i < chosen; i++) act(s, selector.chosen[i], year, rng);
        },
      };
    },
  };
}

/** `fuel_switch`: coal and coke to natural gas by default (煤改气). */
export const fuelSwitch = fuelSwitchModule({
  type: 'fuel_switch',
  action: 'switch',
  label: { zh: '燃料替代（煤改气、煤改电）', en: 'fuel switch' },
  from: ['coal_t', 'coke_t'],
  to: 'natural_gas_10k_m3',
  fixed: false,
  tcePerTce: 0.87,
});
