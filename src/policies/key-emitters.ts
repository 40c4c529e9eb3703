import { z } from 'zod';
import { CARRIERS } from '../domain/carriers.js';
import type { PathIssue } from '../domain/path-issue.js';
import { msg } from '../messages/messages.js';
import type { Rng } from '../random/rng.js';
import { DOMAINS, type Domain } from '../scenario/domain.js';
import { paramSchema, type Param, percentOr } from '../scenario/param.js';
import { PolicyParam, resolveOptional, resolveYears, shareSchema, yearsSchema } from './common.js';
import { namedEntrySchema, observedShare, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import { processEnergyTce } from './saving.js';
import type { PolicyModule, PolicyState } from './types.js';

const ACTIONS = ['save', 'green_power', 'listed'] as const;
type Action = (typeof ACTIONS)[number];

/** 重点用能单位: 综合能源消费量 ≥ 1 万tce (《重点用能单位节能管理办法》 2018 第二条) [V]. */
const KEY_ENERGY_TCE = 10_000;
/** National carbon market threshold: ≥ 2.6 万tCO2 a year (碳排放权交易管理办法（试行） 2020 第八条; ≈ 1 万tce) [V]. */
const KEY_CO2_T = 26_000;
/** A gap this small (relative to the firm's target) is met: what remains of solving a linear account in floating point. */
const TOLERANCE = 1e-9;

const measure = z.strictObject({
  name: z.string().min(1),
  /** Share of the firm's process energy the measure can save, over the whole run. */
  potential: percentOr(z.number().gt(0).lt(1)),
  /** Cost per tce saved, yuan (investment annualised or as the analyst prices it). */
  cost_yuan_per_tce: z.number().nonnegative(),
});

const schema = z.strictObject({
  type: z.literal('key_emitters'),
  years: yearsSchema,
  /** A firm is a key unit when its previous year reached either threshold (only those given). */
  threshold: z
    .strictObject({ energy_tce: z.number().positive().optional(), co2_t: z.number().positive().optional() })
    .refine((t) => t.energy_tce !== undefined || t.co2_t !== undefined, { message: msg.keyEmittersNoThreshold() })
    .default({ energy_tce: KEY_ENERGY_TCE, co2_t: KEY_CO2_T }),
  obligation: z.strictObject({
    /** energy: dual-control energy per 万元 VA at constant prices; carbon: CO2 (firm boundary) per 万元. */
    basis: z.enum(['energy', 'carbon']),
    /** The least share by which the intensity falls from the firm's previous year. */
    per_year: paramSchema(),
  }),
  /** The cost curve: used cheapest first, only as much as needed; each potential is used up over the years. */
  measures: z
    .array(measure)
    .default([])
    .superRefine((m, ctx) => {
      const names = m.map((x) => x.name);
      const twice = names.find((x, i) => names.indexOf(x) !== i);
      if (twice !== undefined) ctx.addIssue({ code: 'custom', message: msg.keyEmittersDuplicateMeasure(twice) });
      const sum = m.reduce((a, x) => a + x.potential, 0);
      if (sum >= 1) ctx.addIssue({ code: 'custom', message: msg.keyEmittersPotentialsAboveOne(sum) });
    }),
  /** Green electricity bought when the measures are not enough: at most this share of the firm's electricity. */
  green_power: z
    .strictObject({
      max_share: shareSchema,
      /** Green-power premium over grid power, yuan per MWh (for the cost in the event; default 0). */
      premium_yuan_per_mwh: z.number().nonnegative().default(0),
    })
    .optional(),
  /** Probability that a key unit acts at all in a year (`per: enterprise` draws it per firm); default 1. */
  compliance: paramSchema().optional(),
  named: z
    .array(namedEntrySchema(ACTIONS, { energy_saving: percentOr(z.number().min(0).lt(1)).optional(), share: shareSchema.optional() }))
    .default([]),
});
type Spec = z.infer<typeof schema>;

interface Measure {
  readonly name: string;
  readonly potential: number;
  readonly costYuanPerTce: number;
}

interface Entry extends NamedEntry<Action> {
  /** A green-power entry's share of electricity. */
  readonly share?: number;
}

interface Params {
  readonly years: [number, number];
  readonly energyTce: number;
  readonly co2T: number;
  readonly carbon: boolean;
  readonly perYear: Param;
  /** Cheapest first (a tie keeps the scenario's order). */
  readonly measures: readonly Measure[];
  /** −1: no green power. */
  readonly greenMaxShare: number;
  readonly greenPremiumYuanPerMwh: number;
  readonly compliance: Param;
  readonly named: readonly Entry[];
}

/** `obligation.per_year`: 1 would ask a firm to use nothing. */
const REDUCTION: Domain = {
  what: 'a yearly intensity reduction',
  min: 0,
  max: 1,
  maxOpen: true,
  warnAbove: 0.2,
  hint: 'a fraction: 0.02 means the intensity falls 2 % a year',
};

/**
 * 重点用能单位和碳排放单位管理 (国办发〔2024〕39号; 《重点用能单位节能管理办法》): a firm whose
 * previous year reached `threshold` (gross energy ≥ `energy_tce` or CO2 ≥ `co2_t`) must cut its
 * intensity (`basis` energy: dual-control energy, or carbon: CO2 of the firm boundary, per 万元 VA
 * at constant prices) by at least `per_year` from its previous year. The gap is met, in order, by
 * the `measures` (cheapest first, only as much as needed, each potential — a share of process
 * energy — used up over the years; savings follow src/policies/saving.ts), then by green
 * electricity up to `green_power.max_share` where it counts for the basis (always for carbon; for
 * energy only when the scenario's accounting deducts a firm's renewables, `exclude_renewables:
 * non_fossil` — the policy measures the firm's account rather than reading a switch); what is
 * still missing lists the firm for rectification (`listed`, counted in `non_compliant_firms`).
 * When VA falls the obligation is on the quantity instead: at most (1 − per_year) × the previous
 * year's energy or CO2. Not exclusive: what earlier policies did to a firm this year counts.
 */
export const keyEmitters: PolicyModule<Spec, Params> = {
  type: 'key_emitters',
  label: { zh: '重点用能和碳排放单位管理', en: 'key energy users and emitters' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    spec.named.forEach((x, i) => {
      if (x.action === 'save' && x.energy_saving === undefined)
        issues.push({ path: [...path, 'named', i, 'energy_saving'], code: 'policy/named', message: msg.keyEmittersNamedSaving() });
      if (x.action === 'green_power' && x.share === undefined && spec.green_power === undefined)
        issues.push({ path: [...path, 'named', i, 'share'], code: 'policy/named', message: msg.keyEmittersNamedShare() });
    });
    if (spec.measures.length === 0 && spec.green_power === undefined)
      issues.push({ path: [...path, 'measures'], code: 'policy/no-means', message: msg.keyEmittersNoMeans(), severity: 'warning' });
    return {
      params: {
        years: resolveYears(spec.years, ctx, path, issues),
        energyTce: spec.threshold.energy_tce ?? Infinity,
        co2T: spec.threshold.co2_t ?? Infinity,
        carbon: spec.obligation.basis === 'carbon',
        perYear: resolveOptional(spec.obligation.per_year, 0, ctx, [...path, 'obligation', 'per_year'], issues, REDUCTION),
        measures: spec.measures
          .map((m) => ({ name: m.name, potential: m.potential, costYuanPerTce: m.cost_yuan_per_tce }))
          .sort((a, b) => a.costYuanPerTce - b.costYuanPerTce),
        greenMaxShare: spec.green_power?.max_share ?? -1,
        greenPremiumYuanPerMwh: spec.green_power?.premium_yuan_per_mwh ?? 0,
        compliance: resolveOptional(spec.compliance, 1, ctx, [...path, 'compliance'], issues, DOMAINS.share),
        named: [
          ...named.named.map((n, i) => {
            const x = spec.named[i];
            return {
              ...n,
              ...(x.energy_saving !== undefined ? { energySaving: x.energy_saving } : {}),
              ...(x.share !== undefined ? { share: x.share } : {}),
            };
          }),
          ...recordedEntries(ctx, ACTIONS),
        ],
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const n = layout.capacity;
    const M = p.measures.length;
    const policy = layout.index;
    /** The firm's intensity at the end of its previous year (basis per 万元 VA at constant prices); NaN: none. */
    const prevIntensity = new Float64Array(n);
    /** Its VA at constant prices then, 万元. */
    const prevVa = new Float64Array(n);
    /** 1 when its previous year reached a threshold: a key unit this year. */
    const key = new Uint8Array(n);
    /** The share of process energy each firm has used of each measure: [firm × M + measure]. */
    const used = new Float64Array(n * M);
    /** This year's share of each measure for the firm at hand. */
    const take = new Float64Array(M);
    /** The firm's columns before a probe (CARRIERS, then renewable electricity). */
    const saved = new Float64Array(CARRIERS.length + 1);
    /** Named `listed` firms this year: the rule leaves them. */
    const listedYear = new Int32Array(n);
    const perYear = new PolicyParam(p.perYear, layout, 'obligation.per_year');
    const compliance = new PolicyParam(p.compliance, layout, 'compliance');

    const basisOf = (s: PolicyState, e: number) => (p.carbon ? s.co2T[e] : s.energyTce[e]);
    const unit = p.carbon ? 'tCO2' : 'tce';

    /** Records every operating firm's year-end intensity, VA and key status (the next year's reference). */
    const observe = (s: PolicyState) => {
      for (let e = 0; e < s.n; e++) {
        const va = s.valueAddedConstant[e];
        if (s.active[e] === 0 || !(va > 0)) {
          prevIntensity[e] = Number.NaN;
          key[e] = 0;
          continue;
        }
        prevIntensity[e] = basisOf(s, e) / va;
        prevVa[e] = va;
        key[e] = s.grossTce[e] >= p.energyTce || s.co2T[e] >= p.co2T ? 1 : 0;
      }
    };

    const keep = (s: PolicyState, e: number) => {
      for (let c = 0; c < CARRIERS.length; c++) saved[c] = s.carriers[CARRIERS[c]][e];
      saved[CARRIERS.length] = s.renewableElectricity10kKwh[e];
    };
    const restore = (s: PolicyState, e: number) => {
      for (let c = 0; c < CARRIERS.length; c++) s.carriers[CARRIERS[c]][e] = saved[c];
      s.renewableElectricity10kKwh[e] = saved[CARRIERS.length];
      s.measure(e);
    };
    /**
     * The basis firm e would have after saving `f` of its process energy: the columns changed as
     * SimState.saveEnergy changes them (fuel part of the fossil carriers, power, heat; feedstock and
     * process CO2 stay; own renewables within the lower power), accounted, then restored.
     */
    const probeSaving = (s: PolicyState, e: number, f: number) => {
      keep(s, e);
      let fossil = 0;
      for (let c = 0; c < CARRIERS.length; c++) {
        const id = CARRIERS[c];
        if (id !== 'electricity_10k_kwh' && id !== 'heat_gj') fossil += s.carriers[id][e] * s.tcePerUnit(id);
      }
      const fuel = Math.max(0, fossil - s.feedstockTce[e]);
      const fossilScale = fossil > 0 ? 1 - (f * fuel) / fossil : 1;
      for (let c = 0; c < CARRIERS.length; c++) {
        const id = CARRIERS[c];
        s.carriers[id][e] *= id === 'electricity_10k_kwh' || id === 'heat_gj' ? 1 - f : fossilScale;
      }
      s.renewableElectricity10kKwh[e] = Math.min(s.renewableElectricity10kKwh[e], s.electricity10kKwh[e]);
      s.measure(e);
      const b = basisOf(s, e);
      restore(s, e);
      return b;
    };
    /** The basis firm e would have with `share` of its electricity green (at least what it holds). */
    const probeGreen = (s: PolicyState, e: number, share: number) => {
      keep(s, e);
      s.renewableElectricity10kKwh[e] = Math.max(s.renewableElectricity10kKwh[e], share * s.electricity10kKwh[e]);
      s.measure(e);
      const b = basisOf(s, e);
      restore(s, e);
      return b;
    };

    /** The share of process energy that brings the basis to `target`, from f0 (basis b0) towards f1 (b1): the account is linear in f. */
    const solve = (s: PolicyState, e: number, target: number, f0: number, b0: number, f1: number, b1: number) => {
      let lo = f0,
        bl = b0,
        hi = f1,
        bh = b1;
      let f = f1;
      // a kink (own renewables reaching the lower power) can bend the line: a few secant steps, kept in [lo, hi]
      for (let i = 0; i < 4; i++) {
        f = bl === bh ? hi : Math.min(hi, Math.max(lo, lo + ((bl - target) * (hi - lo)) / (bl - bh)));
        const b = probeSaving(s, e, f);
        if (Math.abs(b - target) <= TOLERANCE * Math.max(1, target)) return f;
        if (b > target) {
          lo = f;
          bl = b;
        } else {
          hi = f;
          bh = b;
        }
      }
      return hi;
    };

    const gapOf = (s: PolicyState, e: number, target: number) => {
      const g = basisOf(s, e) - target;
      return g > TOLERANCE * Math.max(1, target) ? g : 0;
    };

    /** Meets firm e's obligation for this year (`target`: the most basis it may use), or lists it. */
    const oblige = (s: PolicyState, e: number, target: number, rate: number, year: number, rng: Rng) => {
      if (gapOf(s, e, target) === 0) return;
      const p0 = compliance.value(year, rng);
      const acts = p0 >= 1 || rng.next() < p0;
      if (acts && M > 0) {
        // the cost curve: cheapest first, each measure only as far as needed and as far as left
        const process = processEnergyTce(s, e);
        const b0 = basisOf(s, e);
        let f = 0,
          b = b0,
          count = 0,
          costYuan = 0;
        take.fill(0);
        for (let m = 0; m < M && b > target; m++) {
          const left = p.measures[m].potential - used[e * M + m];
          if (left <= 0 || process <= 0) continue;
          const bAll = probeSaving(s, e, f + left);
          if (bAll >= b) continue; // saves nothing on this basis (no process energy to save): its potential is kept
          const fm = bAll <= target ? solve(s, e, target, f, b, f + left, bAll) - f : left;
          take[m] = fm;
          f += fm;
          b = fm === left ? bAll : target;
          if (fm > 0) {
            count++;
            costYuan += fm * process * p.measures[m].costYuanPerTce;
          }
        }
        if (f > 0) {
          for (let m = 0; m < M; m++) used[e * M + m] += take[m];
          // the measures in words, only for the draw that keeps its audit trail
          let detail = '';
          if (s.recording) {
            let names = '';
            for (let m = 0; m < M; m++) if (take[m] > 0) names += (names ? ', ' : '') + p.measures[m].name;
            detail = msg.keyEmittersSaved(count, names, f * process, costYuan / 10_000);
          }
          s.saveEnergy(e, f, policy, 'save', false, detail);
        }
      }
      if (acts && p.greenMaxShare >= 0 && gapOf(s, e, target) > 0 && s.electricity10kKwh[e] > 0) {
        // green electricity: the account is linear in the green share above zero (the residual mix then applies)
        const elec = s.electricity10kKwh[e];
        const r0 = s.renewableElectricity10kKwh[e] / elec;
        const sMax = p.greenMaxShare;
        if (sMax > r0) {
          const sMid = (r0 + sMax) / 2;
          const bMax = probeGreen(s, e, sMax);
          const slope = (probeGreen(s, e, sMid) - bMax) / (sMax - sMid);
          if (slope > 0 && bMax < basisOf(s, e)) {
            const share = bMax >= target ? sMax : Math.min(sMax, Math.max(r0 + 1e-9 * (sMax - r0), sMax - (target - bMax) / slope));
            const costWan = ((share - r0) * elec * 10 * p.greenPremiumYuanPerMwh) / 10_000;
            s.raiseRenewableShare(
              e,
              share,
              policy,
              'green_power',
              s.recording ? msg.keyEmittersGreen(r0, share, (share - r0) * elec, costWan) : '',
            );
          }
        }
      }
      const gap = gapOf(s, e, target);
      if (gap > 0) {
        const before = target / (1 - rate);
        s.nonCompliant(e, policy, s.recording ? msg.keyEmittersListed(acts, 1 - basisOf(s, e) / before, rate, gap, unit) : '');
      }
    };

    const act = (s: PolicyState, entry: Entry, year: number) => {
      const e = entry.enterprise;
      if (entry.action === 'listed') {
        listedYear[e] = year;
        s.nonCompliant(e, policy, msg.keyEmittersNamedListed());
      } else if (entry.action === 'save') {
        const share = observedShare(entry, processEnergyTce(s, e));
        if (share !== undefined && share > 0) s.saveEnergy(e, share, policy, 'save', entry.recorded);
      } else {
        s.raiseRenewableShare(e, entry.share ?? Math.max(0, p.greenMaxShare), policy, 'green_power');
      }
    };

    return {
      startDraw(_s, rng) {
        prevIntensity.fill(Number.NaN);
        key.fill(0);
        used.fill(0);
        listedYear.fill(0);
        perYear.startDraw(rng);
        compliance.startDraw(rng);
      },
      baseYear(s) {
        observe(s);
      },
      endYear(s) {
        observe(s);
      },
      apply(s, year, rng) {
        const inYears = year >= p.years[0] && year <= p.years[1];
        for (const entry of p.named) {
          if (entry.year === year && s.active[entry.enterprise] === 1 && (inYears || entry.recorded)) act(s, entry, year);
        }
        if (!inYears || !s.selecting(policy)) return;
        for (let e = 0; e < s.n; e++) {
          if (key[e] === 0 || s.active[e] === 0 || listedYear[e] === year || s.reserved(e)) continue;
          const va = s.valueAddedConstant[e];
          if (!(va > 0)) continue;
          const rate = perYear.value(year, rng);
          // intensity falls by the rate; when VA fell, the quantity does (the firm is not asked to cut more than that share)
          const target = (1 - rate) * prevIntensity[e] * Math.max(va, prevVa[e]);
          oblige(s, e, target, rate, year, rng);
        }
      },
    };
  },
};
