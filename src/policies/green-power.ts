import { z } from 'zod';
import type { PathIssue } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, type Param, percentOr } from '../scenario/param.js';
import { PolicyParam, resolveOptional, resolveYears, yearsSchema } from './common.js';
import { resolveSectors } from './fuel-switch.js';
import { namedEntrySchema, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import { free } from './selection.js';
import type { PolicyModule, PolicyState } from './types.js';

const ACTIONS = ['purchase'] as const;
type Action = (typeof ACTIONS)[number];

const schema = z.strictObject({
  type: z.literal('green_power'),
  years: yearsSchema,
  /** Renewable share of a buyer's electricity reached each year (a number, a year series such as {2026: 0.1, 2030: 0.3}, or a per-draw distribution). */
  target_share: paramSchema({ perEnterprise: false }),
  /** The rule: every operating firm using at least this much electricity (10⁴ kWh = 万kWh) buys; absent: named firms only. */
  min_electricity_10k_kwh: z.number().nonnegative().optional(),
  /** GB/T 4754 divisions the rule takes firms from (default: all). */
  sectors: z.array(z.string()).min(1).optional(),
  /** Named buyers from their year on, optionally with their own share. */
  named: z.array(namedEntrySchema(ACTIONS, { share: percentOr(z.number().min(0).max(1)).optional() })).default([]),
  /** True: the rule does not enrol a firm an earlier policy took this year (it may the next year). */
  exclusive: z.boolean().default(false),
});
type Spec = z.infer<typeof schema>;

interface Entry extends NamedEntry<Action> {
  readonly share?: number;
}

interface Params {
  readonly years: [number, number];
  readonly share: Param;
  readonly minElectricity: number | undefined;
  readonly sectors: readonly string[] | undefined;
  readonly named: readonly Entry[];
  readonly exclusive: boolean;
}

/** Relative tolerance below which a firm already holds its target (no purchase is recorded). */
const HELD = 1e-12;

/**
 * 绿电/绿证 purchases (issue 13 §6): a buyer's renewable electricity (`renewable_electricity_10k_kwh`,
 * own and bought alike) is raised every policy year to `target_share` of its electricity
 * (PolicyState.raiseRenewableShare; never lowered). Buyers: named firms from their entry's year,
 * and by the rule every firm at or above `min_electricity_10k_kwh` (in `sectors`) from the first
 * policy year it qualifies; once a buyer, always a buyer. The accounting is the scenario's
 * (accountOne, account.ts):
 *
 * - energy: with `exclude_renewables: non_fossil` the green power leaves the firm's dual-control
 *   energy, total and intensity (发改环资〔2024〕113号 绿证 accounting), and the purchase's event
 *   vacates it; with `new` only the growth of the district's renewables over the base year leaves
 *   the total, not the intensity — a district adjustment (`dual_control_energy_tce` falls), so the
 *   firm's event vacates nothing; with `none` nothing changes;
 * - CO2: the green power emits nothing; the rest of the buyer's electricity is at the residual
 *   mix (the factors file's residual series, 全国电力平均二氧化碳排放因子（不包括市场化交易的非化石
 *   能源电量）) instead of the average: cut = green × g_avg − (power − green) × (g_res − g_avg) for a
 *   firm that held none before, so the cut is less than green × g_avg, and the market's green
 *   power is not counted twice.
 */
export const greenPower: PolicyModule<Spec, Params> = {
  type: 'green_power',
  label: { zh: '绿电绿证采购', en: 'green power purchases' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    if (spec.named.length === 0 && spec.min_electricity_10k_kwh === undefined)
      issues.push({ path, code: 'policy/no-firms', message: msg.greenPowerNoFirms() });
    const known = spec.named.filter((x) => ctx.enterpriseIndex(x.id) !== undefined);
    return {
      params: {
        years: resolveYears(spec.years, ctx, path, issues),
        share: resolveOptional(spec.target_share, 0, ctx, [...path, 'target_share'], issues, DOMAINS.share),
        minElectricity: spec.min_electricity_10k_kwh,
        sectors: resolveSectors(spec.sectors, path, issues),
        named: [
          ...named.named.map((n, i) => ({ ...n, ...(known[i].share !== undefined ? { share: known[i].share } : {}) })),
          ...recordedEntries(ctx, ACTIONS),
        ],
        exclusive: spec.exclusive,
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const n = layout.capacity;
    /** 1 = a buyer; `own` its named share (NaN: the policy's). */
    const buyer = new Uint8Array(n);
    const own = new Float64Array(n);
    const share = new PolicyParam(p.share, layout, 'target_share');
    const policy = layout.index;
    let inSector = new Uint8Array(0);
    const sectorFlags = (s: PolicyState) => Uint8Array.from(s.sectors, (d) => (p.sectors === undefined || p.sectors.includes(d) ? 1 : 0));
    const buy = (s: PolicyState, e: number, target: number) => {
      const power = s.electricity10kKwh[e];
      if (s.renewableElectricity10kKwh[e] < target * power * (1 - HELD)) s.raiseRenewableShare(e, target, policy, 'purchase');
    };
    return {
      startDraw(s, rng) {
        buyer.fill(0);
        own.fill(Number.NaN);
        share.startDraw(rng);
        inSector = sectorFlags(s);
      },
      apply(s, year, rng) {
        const inYears = year >= p.years[0] && year <= p.years[1];
        for (const entry of p.named) {
          const e = entry.enterprise;
          if (entry.year === year && (inYears || entry.recorded)) {
            buyer[e] = 1;
            if (entry.share !== undefined) own[e] = entry.share;
            // a recorded purchase outside the policy's years is applied as recorded, that year
            if (!inYears && s.active[e] === 1) buy(s, e, Number.isNaN(own[e]) ? share.value(year, rng) : own[e]);
          }
        }
        if (!inYears) return;
        const target = share.value(year, rng);
        if (p.minElectricity !== undefined && s.selecting(policy)) {
          if (inSector.length < s.sectors.length) inSector = sectorFlags(s); // a project brought a new sector
          for (let e = 0; e < s.n; e++) {
            if (buyer[e] || s.active[e] === 0 || s.reserved(e) || !inSector[s.sector[e]]) continue;
            if (s.electricity10kKwh[e] >= p.minElectricity && free(s, e, policy, p.exclusive)) buyer[e] = 1;
          }
        }
        for (let e = 0; e < s.n; e++) if (buyer[e] && s.active[e] === 1) buy(s, e, Number.isNaN(own[e]) ? target : own[e]);
      },
    };
  },
};
