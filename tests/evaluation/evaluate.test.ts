import { describe, expect, it } from 'vitest';
import { createEvaluationOutput, evaluate, type EvaluationColumns } from '../../src/evaluation/evaluate.js';
import type { EvaluationModel } from '../../src/evaluation/model.js';

// A hand-sized model: 规上 on tax per mu (weight 60, district average, cap 2) and VA per tce
// (weight 40, fixed reference 2, cap 1.5); 规下 on tax per mu only (fixed reference 10, cap 2).
const MODEL: EvaluationModel = {
  name: 'test',
  energy: 'dual_control',
  aboveScale: {
    indicators: [
      { id: 'tax_per_mu', weight: 60, fixedReference: Number.NaN, cap: 2 },
      { id: 'value_added_per_energy', weight: 40, fixedReference: 2, cap: 1.5 },
    ],
    shares: [0.2, 0.4, 0.2, 0.2],
  },
  belowScale: { indicators: [{ id: 'tax_per_mu', weight: 100, fixedReference: 10, cap: 2 }], shares: [0.5, 0, 0, 0.5] },
};

//            F1   F2   F3   F4   F5   G1   G2   X (inactive)
const firms = {
  above: [1, 1, 1, 1, 1, 0, 0, 1],
  tax: [100, 60, 30, 10, 50, 30, 5, 999],
  land: [10, 20, 10, 10, 50, 2, 1, 1],
  va: [100, 50, 40, 10, 20, 10, 2, 999],
  energy: [10, 50, 10, 20, 0, 1, 1, 1],
  active: [1, 1, 1, 1, 1, 1, 1, 0],
};

function columns(): EvaluationColumns {
  const f = (xs: number[]) => Float64Array.from(xs);
  const n = firms.tax.length;
  return {
    n,
    aboveScale: Uint8Array.from(firms.above),
    landMu: f(firms.land),
    output: f(firms.va.map((v) => v * 4)),
    valueAdded: f(firms.va),
    tax: f(firms.tax),
    employees: f(Array(n).fill(10)),
    revenue: f(Array(n).fill(Number.NaN)),
    rdExpense: f(Array(n).fill(Number.NaN)),
    pollutantT: f(Array(n).fill(Number.NaN)),
    electricity10kKwh: f(Array(n).fill(1)),
    energyTce: f(firms.energy),
    active: Uint8Array.from(firms.active),
  };
}

describe('evaluate (hand-computed)', () => {
  // District average tax per mu of the operating 规上 firms = 250 / 100 = 2.5 万元/亩.
  // Score = (60 × min(2, tax/mu ÷ 2.5) + 40 × min(1.5, VA/tce ÷ 2)) ÷ 100 × 100:
  //   F1: 60×2 + 40×1.5 = 180 · F2: 60×1.2 + 40×0.5 = 92 · F3: 60×1.2 + 40×1.5 = 132
  //   F4: 60×0.4 + 40×0.25 = 34 · F5: 60×0.4 + 40×1.5 (no energy: the cap) = 84
  // 规下: G1 100 × min(2, 15/10) = 150 · G2 100 × 0.5 = 50.
  it('scores by Σ weight × min(cap, indicator ÷ reference)', () => {
    const out = createEvaluationOutput(8);
    evaluate(columns(), MODEL, out);
    expect(Array.from(out.score.slice(0, 7))).toEqual([180, 92, 132, 34, 84, 150, 50].map((x) => expect.closeTo(x, 9)));
    expect(out.score[7]).toBeNaN();
  });

  it('grades each group by rank shares: A top 20 %, B next 40 %, C next 20 %, D the rest; 规下 on its own', () => {
    const out = createEvaluationOutput(8);
    const counts = evaluate(columns(), MODEL, out);
    expect(Array.from(out.grade)).toEqual([1, 2, 2, 4, 3, 1, 4, 0]);
    expect(counts).toEqual([0, 2, 2, 1, 2]);
  });

  it('official grades from the registry replace computed ones', () => {
    const out = createEvaluationOutput(8);
    const official = Uint8Array.from([0, 0, 0, 1, 0, 0, 2, 0]);
    evaluate(columns(), MODEL, out, official);
    expect(Array.from(out.grade)).toEqual([1, 2, 2, 1, 3, 1, 2, 0]);
  });

  it('a firm tied with a cut-off gets the better grade', () => {
    const cols = columns();
    const model: EvaluationModel = { ...MODEL, aboveScale: { indicators: [MODEL.aboveScale.indicators[1]], shares: [0.2, 0.4, 0.2, 0.2] } };
    cols.energyTce[1] = 10; // F2 VA/tce 5 → capped like F1 and F3
    const out = createEvaluationOutput(8);
    evaluate(cols, model, out);
    // VA per tce only: F1, F2, F3 and F5 all reach the cap (score 150); the A cut-off (the top
    // 20 % = 1 firm) is 150, so every firm tied with it is A; F4 (25) is D
    expect(Array.from(out.grade.slice(0, 5))).toEqual([1, 1, 1, 4, 1]);
  });

  it('a firm without land is not evaluated', () => {
    const cols = columns();
    cols.landMu[0] = 0;
    const out = createEvaluationOutput(8);
    evaluate(cols, MODEL, out);
    expect(out.grade[0]).toBe(0);
    expect(out.score[0]).toBeNaN();
  });
});
