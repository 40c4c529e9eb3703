import { describe, expect, it } from 'vitest';
import { HeadroomLedger, type ProjectNeed } from '../../src/ledger/ledger.js';
import { resolveBudget, resolveLedger, QUANTITIES } from '../../src/ledger/rules.js';
import { msg } from '../../src/messages/messages.js';
import type { PathIssue } from '../../src/domain/path-issue.js';

const need = (energyTce: number, co2T = 0, landMu = 0, twoHigh = false): ProjectNeed => ({ energyTce, co2T, landMu, twoHigh, rampCo2T: 0 });
const rules = (spec: Record<string, unknown> = {}) =>
  resolveLedger({
    binding: ['energy'],
    replacement: { default: 1 },
    max_defer_years: 2,
    opening: { energy_tce: 0, co2_t: 0, land_mu: 0 },
    ...spec,
  } as Parameters<typeof resolveLedger>[0]);

describe('HeadroomLedger', () => {
  it('conserves every pool every year: in − drawn − expired = balance − last balance (with expiry, deficits and all three quantities)', () => {
    const l = new HeadroomLedger(
      rules({ binding: ['energy', 'co2', 'land'], vintage_years: 2, opening: { energy_tce: 30, co2_t: 50, land_mu: 4 } }),
      undefined,
      2025,
      2032,
    );
    l.startDraw(1000);
    // a fixed pseudo-random sequence of credits and requests (a linear congruential generator: no Math.random)
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
    for (let year = 2026; year <= 2032; year++) {
      l.startYear(year);
      let e = 0,
        c = 0,
        a = 0;
      for (let k = 0; k < 4; k++) {
        e += 40 * next() - 5; // a year may credit a negative flow (a CO2 shift at the boundary)
        c += 60 * next();
        a += 3 * next();
        l.credit(e, c, a);
        l.request(need(50 * next(), 80 * next(), 2 * next(), next() < 0.3), 0);
        if (k === 3) l.force(need(10, 10, 1));
      }
      l.endYear(0);
    }
    const Y = 2032 - 2025 + 1;
    for (let q = 0; q < QUANTITIES.length; q++) {
      for (let y = 1; y < Y; y++) {
        const i = q * Y + y;
        expect(l.inflow[i] - l.drawn[i] - l.expired[i]).toBeCloseTo(l.balanceAt(q, y) - l.balanceAt(q, y - 1), 9);
      }
      expect(l.balanceAt(q, 0)).toBe([30, 50, 4][q]);
    }
    // the generator did exercise expiry and draws
    expect([...l.expired].some((v) => v !== 0)).toBe(true);
    expect([...l.drawn].some((v) => v > 0)).toBe(true);
  });

  it('draws the oldest vintage first, so the youngest outlives the vintage rule', () => {
    const l = new HeadroomLedger(rules({ vintage_years: 2 }), undefined, 2025, 2030);
    l.startDraw(0);
    l.startYear(2026);
    l.credit(100, 0, 0);
    l.endYear(0);
    l.startYear(2027);
    l.credit(100, 0, 0);
    expect(l.request(need(120), 0).fits).toBe(true); // 100 from 2026, 20 from 2027
    l.endYear(0);
    l.startYear(2028); // 2026's vintage (empty) expires: nothing lost
    expect(l.expired[0 * 6 + 3]).toBe(0);
    expect(l.available(0)).toBeCloseTo(80, 12);
    l.endYear(0);
    l.startYear(2029); // 2027's 80 expire
    expect(l.expired[0 * 6 + 4]).toBeCloseTo(80, 12);
    expect(l.available(0)).toBe(0);
  });

  it('a project that does not fit draws nothing and says what is short; replacement ratios scale energy and CO2, not land', () => {
    const l = new HeadroomLedger(
      rules({ binding: ['energy', 'co2', 'land'], replacement: { default: 1, two_high: 1.5 } }),
      undefined,
      2025,
      2030,
    );
    l.startDraw(0);
    l.startYear(2026);
    l.credit(100, 200, 10);
    const d = l.request(need(80, 150, 12, true), 0);
    expect(d).toEqual({
      fits: false,
      detail: [msg.ledgerShort('energy', 20), msg.ledgerShort('co2', 25), msg.ledgerShort('land', 2)].join('; '),
    });
    expect(l.available(0)).toBe(100);
    expect(l.request(need(60, 100, 10, true), 0).fits).toBe(true);
    expect([l.available(0), l.available(1), l.available(2)]).toEqual([10, 50, 0]);
  });

  it('carries unused budget over to the next year only with carry_over, and never borrows an overshoot', () => {
    const issues: PathIssue[] = [];
    const cap = (carry: boolean) =>
      new HeadroomLedger(
        rules(),
        resolveBudget({ cap_t: { 2026: 1000, 2028: 1200 }, carry_over: carry }, 2025, 2030, [], issues),
        2025,
        2030,
      );
    const l = cap(true);
    l.startDraw(900);
    l.startYear(2026);
    expect(l.budgetT).toBe(1000);
    l.endYear(700); // 300 unused
    l.startYear(2027);
    expect(l.budgetT).toBe(1100 + 300);
    l.endYear(1500); // overshoot: nothing carried, nothing borrowed
    l.startYear(2028);
    expect(l.budgetT).toBe(1200);
    const m = cap(false);
    m.startDraw(900);
    m.startYear(2026);
    m.endYear(700);
    m.startYear(2027);
    expect(m.budgetT).toBe(1100);
    expect(issues).toEqual([]);
  });

  it('a relative budget runs linearly from the base year, on the draw’s base-year CO2 unless base_t is given', () => {
    const issues: PathIssue[] = [];
    const b = resolveBudget({ change: { 2030: -0.1 }, carry_over: false }, 2025, 2030, [], issues);
    const l = new HeadroomLedger(rules(), b, 2025, 2030);
    l.startDraw(1000);
    l.startYear(2027);
    expect(l.budgetT).toBeCloseTo(1000 * (1 - 0.04), 12);
    const fixed = new HeadroomLedger(
      rules(),
      resolveBudget({ change: { 2030: -0.1 }, base_t: 2000, carry_over: false }, 2025, 2030, [], issues),
      2025,
      2030,
    );
    fixed.startDraw(1000);
    fixed.startYear(2030);
    expect(fixed.budgetT).toBeCloseTo(1800, 12);
    expect(issues).toEqual([]);
  });

  it('refuses a budget in both forms, a year outside the period and a non-positive cap, naming the key', () => {
    const issues: PathIssue[] = [];
    resolveBudget({ cap_t: { 2026: 1 }, change: { 2030: -0.1 }, carry_over: false }, 2025, 2030, ['carbon_budget'], issues);
    resolveBudget({ cap_t: { 2035: 1, 2026: 0 }, carry_over: false }, 2025, 2030, ['carbon_budget'], issues);
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['carbon_budget.cap_t', msg.budgetForm()],
      ['carbon_budget.cap_t.2035', msg.yearOutsidePeriod(2035, 2025, 2030, 'carbon_budget year')],
      ['carbon_budget.cap_t.2026', msg.budgetNotPositive(0)],
    ]);
  });

  it('refuses a need that cannot be right', () => {
    const l = new HeadroomLedger(rules(), undefined, 2025, 2030);
    l.startDraw(0);
    l.startYear(2026);
    expect(() => l.request(need(Number.NaN), 0)).toThrow(msg.ledgerBadNeed('energy', Number.NaN));
    expect(() => l.request(need(1, -5), 0)).toThrow(msg.ledgerBadNeed('co2', -5));
  });
});
