import { z } from 'zod';
import type { PathIssue } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import { shareSchema } from './common.js';
import { namedEntrySchema, recordedEntries, resolveNamed } from './named.js';
import type { PolicyModule } from './types.js';

const ACTIONS = ['capture'] as const;

/**
 * Energy penalty of post-combustion amine capture, per t CO2 captured [R]: solvent regeneration
 * 2.7–3.3 GJ of steam for advanced amines, ≈ 3.7–4 GJ for 30 % MEA (IPCC Special Report on Carbon
 * Dioxide Capture and Storage 2005, §3.3.3; IEAGHG 2019/09); power for fans, pumps and
 * compression to ≈ 11 MPa ≈ 0.08–0.12 MWh (IPCC SRCCS 2005 Table 3.7, IEAGHG). Defaults 3.0 GJ
 * and 100 kWh. A high-purity process stream (hydrogen units, ethylene oxide) needs compression
 * only: give `heat_gj_per_t: 0` there.
 */
export const CCUS_PENALTY = { heatGjPerT: 3.0, electricityKwhPerT: 100 } as const;

const schema = z.strictObject({
  type: z.literal('ccus'),
  /** Ids of the capturing firms (registry `id`), from `start_year`. */
  firms: z.array(z.union([z.string().min(1), z.number()]).transform(String)).default([]),
  /** The first year the listed firms capture. */
  start_year: z.int().optional(),
  /** Share of a capturing firm's direct CO2 (combustion after feedstock + process) captured. */
  capture_rate: shareSchema,
  /** Energy the capture uses per t CO2 captured, bought as heat (steam) and electricity. */
  penalty: z
    .strictObject({
      heat_gj_per_t: z.number().nonnegative().default(CCUS_PENALTY.heatGjPerT),
      electricity_kwh_per_t: z.number().nonnegative().default(CCUS_PENALTY.electricityKwhPerT),
    })
    .default({ heat_gj_per_t: CCUS_PENALTY.heatGjPerT, electricity_kwh_per_t: CCUS_PENALTY.electricityKwhPerT }),
  /** Capturing firms with their own year (and rate): a later entry of the same firm raises or lowers its rate. */
  named: z.array(namedEntrySchema(ACTIONS, { capture_rate: shareSchema.optional() })).default([]),
});
type Spec = z.infer<typeof schema>;

interface Capture {
  readonly enterprise: number;
  readonly year: number;
  readonly rate: number;
}

interface Params {
  readonly captures: readonly Capture[];
  readonly heatGjPerT: number;
  readonly electricity10kKwhPerT: number;
}

/**
 * CCUS on named firms (issue 13 §6): from its year a firm captures `capture_rate` of its direct
 * CO2 (PolicyState.setCapture; accountOne takes it out of every CO2 total and reports it as
 * `co2_captured_t`) and buys the penalty energy for the tonnes captured, as heat and electricity
 * (their CO2 at the heat factor and the grid factor counts: the event's CO2 cut is net of it).
 * The penalty is energy the firm now uses: its event records it as negative vacated energy, so
 * Σ vacated = the fall of the district's energy still holds. Later the penalty carriers grow
 * with the firm (the background dynamics scale them with its fuel and process CO2, so with the
 * tonnes captured); the rate holds until a later entry changes it.
 */
export const ccus: PolicyModule<Spec, Params> = {
  type: 'ccus',
  label: { zh: '碳捕集利用与封存（CCUS）', en: 'CCUS' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const captures: Capture[] = [];
    if (spec.firms.length === 0 && spec.named.length === 0) issues.push({ path, code: 'policy/no-firms', message: msg.ccusNoFirms() });
    if (spec.firms.length > 0) {
      const y = spec.start_year;
      if (y === undefined) issues.push({ path: [...path, 'start_year'], code: 'policy/year', message: msg.ccusNoStartYear() });
      else if (y <= ctx.base || y > ctx.end)
        issues.push({
          path: [...path, 'start_year'],
          code: 'policy/year',
          message: msg.yearOutsidePeriod(y, ctx.base + 1, ctx.end, 'start_year'),
        });
      spec.firms.forEach((id, i) => {
        const e = ctx.enterpriseIndex(id);
        if (e === undefined)
          issues.push({ path: [...path, 'firms', i], code: 'policy/unknown-enterprise', message: msg.unknownEnterpriseId(id) });
        else if (y !== undefined) captures.push({ enterprise: e, year: y, rate: spec.capture_rate });
      });
    }
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    const known = spec.named.filter((x) => ctx.enterpriseIndex(x.id) !== undefined);
    named.named.forEach((n, i) =>
      captures.push({ enterprise: n.enterprise, year: n.year, rate: known[i].capture_rate ?? spec.capture_rate }),
    );
    for (const r of recordedEntries(ctx, ACTIONS)) captures.push({ enterprise: r.enterprise, year: r.year, rate: spec.capture_rate });
    captures.sort((a, b) => a.year - b.year);
    return {
      params: {
        captures,
        heatGjPerT: spec.penalty.heat_gj_per_t,
        electricity10kKwhPerT: spec.penalty.electricity_kwh_per_t / 1e4,
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const policy = layout.index;
    return {
      startDraw() {},
      apply(s, year) {
        for (const c of p.captures) {
          if (c.year === year && s.active[c.enterprise] === 1)
            s.setCapture(c.enterprise, c.rate, p.heatGjPerT, p.electricity10kKwhPerT, policy, 'capture');
        }
      },
    };
  },
};
