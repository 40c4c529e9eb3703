import { z } from 'zod';
import { GRADES } from '../domain/enterprise-table.js';
import { sharesSumToOne } from '../domain/schema-helpers.js';
import { msg } from '../messages/messages.js';

/** Indicators the 亩均 evaluation can use (浙政发〔2018〕5号; 规下: tax per mu and per kWh). */
export const INDICATOR_IDS = [
  'tax_per_mu',
  'value_added_per_mu',
  'labor_productivity',
  'value_added_per_energy',
  'value_added_per_pollutant',
  'rd_ratio',
  'tax_per_energy',
  'tax_per_kwh',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

const indicatorSchema = z.strictObject({
  weight: z.number().nonnegative(),
  /** `district_average` (Σ numerator ÷ Σ denominator over the group that year) or a fixed value. */
  reference: z.union([z.literal('district_average'), z.number().positive()]).default('district_average'),
  /** Largest indicator ÷ reference ratio that still counts (a per-indicator cap). */
  cap: z.number().positive().default(2),
});

const sharesSchema = z
  .strictObject({ A: z.number().min(0).max(1), B: z.number().min(0).max(1), C: z.number().min(0).max(1), D: z.number().min(0).max(1) })
  .superRefine((s, ctx) => {
    const parts = GRADES.map((g) => [g, s[g]] as [string, number]);
    const { sum, ok } = sharesSumToOne(parts.map((p) => p[1]));
    if (!ok) ctx.addIssue({ code: 'custom', message: msg.sharesNotOne('grade', parts, sum) });
  });

const groupSchema = z
  .strictObject({
    indicators: z.partialRecord(z.enum(INDICATOR_IDS), indicatorSchema),
    grade_shares: sharesSchema,
  })
  .superRefine((g, ctx) => {
    if (!Object.values(g.indicators).some((i) => i && i.weight > 0)) {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: msg.noIndicators('evaluation') });
    }
  });

/** Schema of an evaluation file (`models/evaluation/*.yaml`). */
export const evaluationSchema = z.strictObject({
  name: z.string(),
  title: z.string().optional(),
  source: z.string().optional(),
  /** Energy used by VA- and tax-per-energy: gross, or after the dual-control exclusions. */
  energy: z.enum(['gross', 'dual_control']).default('dual_control'),
  above_scale: groupSchema,
  below_scale: groupSchema,
});
export type EvaluationSpec = z.infer<typeof evaluationSchema>;

export interface IndicatorModel {
  readonly id: IndicatorId;
  readonly weight: number;
  /** NaN = district average of the year. */
  readonly fixedReference: number;
  readonly cap: number;
}

export interface GroupModel {
  readonly indicators: readonly IndicatorModel[];
  /** Shares of A, B, C, D (sum 1). */
  readonly shares: readonly [number, number, number, number];
}

/** The resolved evaluation model: 规上 and 规下 groups, each graded by its own rank shares. */
export interface EvaluationModel {
  readonly name: string;
  readonly energy: 'gross' | 'dual_control';
  readonly aboveScale: GroupModel;
  readonly belowScale: GroupModel;
}

function resolveGroup(g: EvaluationSpec['above_scale']): GroupModel {
  const indicators: IndicatorModel[] = [];
  for (const id of INDICATOR_IDS) {
    const s = g.indicators[id];
    if (!s || s.weight === 0) continue;
    indicators.push({ id, weight: s.weight, fixedReference: s.reference === 'district_average' ? Number.NaN : s.reference, cap: s.cap });
  }
  const sh = g.grade_shares;
  return { indicators, shares: [sh.A, sh.B, sh.C, sh.D] };
}

/** Resolves a validated evaluation file into the model the evaluator runs. */
export function resolveEvaluation(spec: EvaluationSpec): EvaluationModel {
  return { name: spec.name, energy: spec.energy, aboveScale: resolveGroup(spec.above_scale), belowScale: resolveGroup(spec.below_scale) };
}
