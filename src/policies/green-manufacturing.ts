import { z } from 'zod';
import type { PathIssue } from '../domain/path-issue.js';
import { DOMAINS } from '../scenario/domain.js';
import { paramSchema, type Param, percentOr } from '../scenario/param.js';
import { PolicyParam, resolveOptional, resolveYears, yearsSchema } from './common.js';
import { namedEntrySchema, observedShare, recordedEntries, resolveNamed, type NamedEntry } from './named.js';
import { reportShortfall, resolveSelection, selectionKeys, Selector, type Selection } from './selection.js';
import { maxSavingTceSchema, processEnergyTce, Saving } from './saving.js';
import type { Rng } from '../random/rng.js';
import type { PolicyModule, PolicyState } from './types.js';

const ACTIONS = ['evaluate', 'retrofit', 'certify'] as const;
type Action = (typeof ACTIONS)[number];

const schema = z.strictObject({
  type: z.literal('green_manufacturing'),
  years: yearsSchema,
  /** Green-factory evaluations per year (plan "521": 500+ 规上 firms by 2025); counted, no effect. */
  evaluations_per_year: paramSchema({ perEnterprise: false }).optional(),
  /** Energy-saving / carbon-cutting retrofits per year (plan: 200 by 2025). */
  retrofits_per_year: paramSchema({ perEnterprise: false }).optional(),
  retrofit_selection: z.enum(['largest_energy', 'worst_intensity']).default('largest_energy'),
  /** Share of a retrofitted firm's energy saved (DOMAIN §6: 5–30 % of the affected load). */
  retrofit_saving: paramSchema().optional(),
  /** Rise of a retrofitted firm's VA rate at constant output (VA and tax × (1 + gain)); default 0. */
  retrofit_value_added_rate_gain: paramSchema().optional(),
  /** Most energy one retrofit saves, tce (a retrofit project covers part of a large plant's load). */
  retrofit_max_saving_tce: maxSavingTceSchema,
  /** District-or-higher green factories certified per year (plan: 100 by 2025). */
  green_factories_per_year: paramSchema({ perEnterprise: false }).optional(),
  /** Share of a firm's energy saved once, in the year it is certified a green factory. */
  green_factory_efficiency_gain: paramSchema().optional(),
  /** Most energy one certification saves, tce. */
  green_factory_max_saving_tce: maxSavingTceSchema,
  /** Renewable share of electricity a green factory reaches (green power, rooftop PV). */
  green_factory_renewable_share: percentOr(z.number().min(0).max(1)).default(0.1),
  named: z.array(namedEntrySchema(ACTIONS)).default([]),
  /** Groups, 高耗 threshold and exclusivity (selection.ts); each programme keeps its own rank. */
  ...(({ rank_by: _, ...keys }) => keys)(selectionKeys(['above_scale'], 'energy_tce')),
});
type Spec = z.infer<typeof schema>;

interface Params {
  readonly years: [number, number];
  readonly evaluations: Param;
  readonly retrofits: Param;
  readonly worstIntensity: boolean;
  readonly saving: Param;
  readonly maxSavingTce: number;
  readonly rateGain: Param;
  readonly certifications: Param;
  readonly gain: Param;
  readonly gainMaxTce: number;
  readonly renewableShare: number;
  readonly named: readonly NamedEntry<Action>[];
  readonly selection: Selection;
}

/**
 * 绿色制造"521"升级工程 (plan 三(一)3), among operating firms of the named `groups` (default 规上;
 * selection.ts — two groups split each number in proportion to their candidates): each year `evaluations_per_year`
 * green-factory evaluations (largest energy first; recorded, no effect), `retrofits_per_year`
 * retrofits (largest energy or worst intensity first; a saving drawn per firm, at most
 * `retrofit_max_saving_tce`, and a VA-rate gain at constant output; each firm once),
 * and `green_factories_per_year` certifications (best 亩均 score first among firms not yet
 * green): in the year it is certified a factory saves `green_factory_efficiency_gain` of its
 * process energy (at most `green_factory_max_saving_tce`) and raises its renewable power share,
 * once; savings follow src/policies/saving.ts.
 */
export const greenManufacturing: PolicyModule<Spec, Params> = {
  type: 'green_manufacturing',
  label: { zh: '绿色制造"521"升级工程', en: 'green manufacturing "521"' },
  actions: ACTIONS,
  schema,
  resolve(spec, ctx, path) {
    const issues: PathIssue[] = [];
    const named = resolveNamed(spec.named, ctx, [...path, 'named']);
    issues.push(...named.issues);
    return {
      params: {
        years: resolveYears(spec.years, ctx, path, issues),
        evaluations: resolveOptional(spec.evaluations_per_year, 0, ctx, [...path, 'evaluations_per_year'], issues, DOMAINS.count),
        retrofits: resolveOptional(spec.retrofits_per_year, 0, ctx, [...path, 'retrofits_per_year'], issues, DOMAINS.count),
        worstIntensity: spec.retrofit_selection === 'worst_intensity',
        saving:
          spec.retrofit_saving === undefined
            ? { kind: 'distribution', dist: { name: 'triangular', args: [0.05, 0.1, 0.2] }, per: 'enterprise' }
            : resolveOptional(spec.retrofit_saving, 0, ctx, [...path, 'retrofit_saving'], issues, DOMAINS.saving),
        maxSavingTce: spec.retrofit_max_saving_tce ?? Infinity,
        rateGain: resolveOptional(
          spec.retrofit_value_added_rate_gain,
          0,
          ctx,
          [...path, 'retrofit_value_added_rate_gain'],
          issues,
          DOMAINS.valueAddedRateGain,
        ),
        certifications: resolveOptional(
          spec.green_factories_per_year,
          0,
          ctx,
          [...path, 'green_factories_per_year'],
          issues,
          DOMAINS.count,
        ),
        gain: resolveOptional(
          spec.green_factory_efficiency_gain,
          0.01,
          ctx,
          [...path, 'green_factory_efficiency_gain'],
          issues,
          DOMAINS.saving,
        ),
        gainMaxTce: spec.green_factory_max_saving_tce ?? Infinity,
        renewableShare: spec.green_factory_renewable_share,
        named: [...named.named, ...recordedEntries(ctx, ACTIONS)],
        selection: resolveSelection({ ...spec, rank_by: 'energy_tce' }),
      },
      issues,
    };
  },
  createRuntime(p, layout) {
    const n = layout.capacity;
    const evaluated = new Uint8Array(n);
    const retrofitted = new Uint8Array(n);
    const certified = new Uint8Array(n);
    // one selector per programme: the three lists are offered in one scan (see apply)
    const evaluation = new Selector(p.selection, n, layout.index);
    const retrofit = new Selector(p.selection, n, layout.index);
    const certification = new Selector(p.selection, n, layout.index);
    const perYear = [p.evaluations, p.retrofits, p.certifications].map(
      (x, i) => new PolicyParam(x, layout, ['evaluations_per_year', 'retrofits_per_year', 'green_factories_per_year'][i]),
    );
    const saving = new Saving(p.saving, p.maxSavingTce, layout, 'retrofit_saving');
    const rateGain = new PolicyParam(p.rateGain, layout, 'retrofit_value_added_rate_gain');
    const gain = new Saving(p.gain, p.gainMaxTce, layout, 'green_factory_efficiency_gain');
    const policy = layout.index;

    const act = (s: PolicyState, e: number, action: Action, year: number, rng: Rng, observed?: number) => {
      if (action === 'evaluate') {
        evaluated[e] = 1;
        s.note(e, policy, 'evaluate');
      } else if (action === 'retrofit') {
        retrofitted[e] = 1;
        saving.apply(s, e, observed ?? saving.sample(year, rng), policy, 'retrofit', observed !== undefined);
        const va = rateGain.value(year, rng);
        if (va) s.raiseValueAddedRate(e, va);
      } else if (certified[e] === 0) {
        // certified once: the efficiency gain and the renewable share are achieved (and recorded) this year;
        // afterwards the firm's lower energy grows with the background dynamics
        certified[e] = 1;
        if (s.greenFactory[e] === 0) s.greenFactory[e] = 1; // district level
        gain.apply(s, e, observed ?? gain.sample(year, rng), policy, 'green_factory_gain', observed !== undefined);
        s.raiseRenewableShare(e, p.renewableShare, policy, 'certify');
      }
    };
    /** Chooses up to `k` of a programme's candidates, smallest key first, reports a shortfall and acts on them. */
    const pick = (s: PolicyState, selector: Selector, k: number, programme: Action, year: number, rng: Rng) => {
      const count = selector.select(s, { total: k }, programme);
      reportShortfall(s, policy, selector.shortfall);
      for (let i = 0; i < count; i++) act(s, selector.chosen[i], programme, year, rng);
    };

    return {
      startDraw(_s, rng) {
        evaluated.fill(0);
        retrofitted.fill(0);
        certified.fill(0);
        for (const x of perYear) x.startDraw(rng);
        saving.startDraw(rng);
        gain.startDraw(rng);
        rateGain.startDraw(rng);
      },
      apply(s, year, rng) {
        const inYears = year >= p.years[0] && year <= p.years[1];
        for (const entry of p.named) {
          const e = entry.enterprise;
          if (entry.year === year && s.active[e] === 1 && (inYears || entry.recorded))
            act(s, e, entry.action, year, rng, observedShare(entry, processEnergyTce(s, e)));
        }
        if (!inYears) return;
        const [evaluations, retrofits, certifications] = perYear.map((x) => Math.round(x.value(year, rng)));
        // One scan offers the firms of the named groups (default 规上) to all three programmes,
        // though each picks after the acts of the one before. The same lists as a scan before each
        // pick: those acts (the evaluated and retrofitted flags, a retrofit's energy and VA, the
        // firm claimed by this policy, which its own exclusivity test allows) change no later test
        // or key but the energy the certifications' `min_energy_tce` test reads, so that test is
        // made at their pick (keepUsingEnough).
        const worstIntensity = p.worstIntensity;
        evaluation.begin();
        retrofit.begin();
        certification.begin();
        const { members } = evaluation;
        for (let i = 0, count = evaluation.firms(s); i < count; i++) {
          const e = members[i];
          // the three selectors share the selection rule
          if (!evaluation.eligibleBesidesEnergy(s, e)) continue;
          const usesEnough = evaluation.usesEnough(s, e);
          // evaluations: not yet evaluated, largest gross energy first
          if (usesEnough && evaluated[e] === 0) evaluation.add(s, e, -s.grossTce[e]);
          // retrofits: not yet retrofitted and using energy, worst intensity or largest energy first
          if (usesEnough && retrofitted[e] === 0 && s.energyTce[e] > 0)
            retrofit.add(s, e, worstIntensity ? -(s.energyTce[e] / s.valueAdded[e]) : -s.energyTce[e]);
          // certifications: not yet green, best 亩均 score first
          if (certified[e] === 0 && s.greenFactory[e] === 0) certification.add(s, e, -s.score[e]);
        }
        pick(s, evaluation, evaluations, 'evaluate', year, rng);
        pick(s, retrofit, retrofits, 'retrofit', year, rng);
        certification.keepUsingEnough(s);
        pick(s, certification, certifications, 'certify', year, rng);
      },
    };
  },
};
