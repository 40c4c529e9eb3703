import { describe, expect, it } from 'vitest';
import type { TargetResult } from '../../src/engine/aggregate.js';
import { SCORECARD_COLUMNS, scorecard, width, wrapText } from '../../src/cli/scorecard.js';

/** A cumulative energy target; `over` replaces any field. */
const target = (over: Partial<TargetResult>): TargetResult => ({
  id: 't',
  label: '腾出用能 2021–2025',
  metric: 'vacated_energy_tce',
  kind: 'cumulative',
  from: 2021,
  year: 2025,
  at_least: 130_000,
  confidence: 0.9,
  probability: 0.934,
  p10: 100_000,
  p50: 120_000,
  p90: 140_000,
  status: 'met',
  ...over,
});

const LONG_LABEL = '规上工业单位增加值能耗下降率（按可比价计算，含原料用能扣减及新增可再生能源消费抵扣）2021–2025 年累计';

// issue #14 item 9: the scorecard fits 100 columns (wrapping labels) and shows the confidence level
describe('the console scorecard', () => {
  it('counts a CJK character as two columns', () => {
    expect(width('腾出用能 2021')).toBe(4 * 2 + 5);
    expect(width('（可比价）')).toBe(10); // full-width brackets are wide too
  });

  it('wraps between CJK characters and at spaces, never over the width', () => {
    // 8 columns: 腾出用能 is 8 columns, then the space breaks, then 2021–2025 (9 characters) is cut at 8
    expect(wrapText('腾出用能 2021–2025', 8)).toEqual(['腾出用能', '2021–202', '5']);
    expect(wrapText('energy freed 2021–2025', 12)).toEqual(['energy freed', '2021–2025']);
    for (const line of wrapText(LONG_LABEL, 13)) expect(width(line)).toBeLessThanOrEqual(13);
    expect(wrapText(LONG_LABEL, 13).join('').replace(/\s/g, '')).toBe(LONG_LABEL.replace(/\s/g, ''));
  });

  it.each(['zh', 'en'] as const)('%s: a long Chinese label and long numbers stay within 100 columns; nothing is lost', (lang) => {
    const targets = [
      // 1.3e10 tce = 1,300,000 万tce with two decimals: a range of about 50 columns
      target({ label: LONG_LABEL, p10: 1.2e10, p50: 1.3e10, p90: 1.45e10, at_least: 1.25e10 }),
      target({ id: 'u', status: 'at_risk', probability: 0.6, confidence: 0.8 }),
    ];
    const lines = scorecard(targets, lang);
    for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(SCORECARD_COLUMNS);
    // the long label wrapped onto several lines, and every character of it is still there (in English
    // a Chinese label is said as the metric, kind and years: the words dcsim has for it)
    const text = lines.join('');
    const label = lang === 'zh' ? LONG_LABEL : 'Energy vacated, cumulative 2021–2025';
    for (const ch of label.replace(/\s/g, '')) expect(text).toContain(ch);
    if (lang === 'en') expect(text).toContain('10k tce');
    expect(lines.length).toBeGreaterThan(2 + 2 + 1);
    // the range breaks before its bracket, never inside a number
    expect(text).toContain('1,300,000.00');
    expect(lines).toContainEqual(expect.stringMatching(/(^|\s)\[1,200,000\.00 –/));
    expect(text).toContain('1,450,000.00]');
  });

  it('a scorecard of the shipped scenario’s kind: long labels wrap, a short one keeps its row on one line', () => {
    const lines = scorecard(
      [
        target({
          label: '规上工业亩均增加值年均增速 2021–2025',
          metric: 'value_added_per_mu',
          kind: 'cagr',
          from: 2020,
          at_least: 0.07,
          p10: 0.05,
          p50: 0.071,
          p90: 0.09,
        }),
        target({
          label: '单位工业增加值能耗 2020–2025（可比价）',
          metric: 'energy_intensity',
          kind: 'change',
          from: 2020,
          at_least: undefined,
          at_most: -0.16,
          p10: -0.2,
          p50: -0.17,
          p90: -0.12,
        }),
        target({ id: 'u', status: 'at_risk', probability: 0.6 }),
      ],
      'zh',
    );
    for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(SCORECARD_COLUMNS);
    // label, years, range, goal, probability, status (the pattern tests/e2e/run.test.ts reads)
    expect(lines).toContainEqual(
      expect.stringMatching(/^腾出用能 2021–2025\s+2021–2025\s+12\.00 \[10\.00 – 14\.00\] 万tce\s+≥ 13\.00 万tce\s+60 %\s+◐ 有风险$/),
    );
  });

  it('shows the confidence level: under the probability header when the targets share it, else per target', () => {
    // every target at 95 %: the header says what the probability must reach
    const zh = scorecard([target({ confidence: 0.95 })], 'zh');
    expect(zh[0]).toMatch(/达成概率\s+状态$/);
    expect(zh[1]).toMatch(/^\s+需 ≥ 95 %$/);
    expect(zh[3]).toMatch(/93 %\s+● 达成$/);
    const en = scorecard([target({ confidence: 0.95 })], 'en');
    expect(en[0]).toMatch(/probability\s+status$/);
    expect(en[1]).toMatch(/^\s+need ≥ 95 %$/);
    // 95 % and 80 %: a column of its own
    const mixed = scorecard([target({ confidence: 0.95 }), target({ confidence: 0.8, status: 'at_risk', probability: 0.6 })], 'zh');
    expect(mixed[0]).toMatch(/达成概率\s+状态\s+置信$/);
    expect(mixed[2]).toMatch(/93 %\s+● 达成\s+95 %$/);
    expect(mixed[3]).toMatch(/60 %\s+◐ 有风险\s+80 %$/);
    expect(scorecard([target({ confidence: 0.95 }), target({ confidence: 0.8 })], 'en')[0]).toMatch(/status\s+conf\.$/);
  });

  it('a short scorecard is not padded out to 100 columns', () => {
    const lines = scorecard([target({})], 'zh');
    expect(Math.max(...lines.map(width))).toBeLessThan(SCORECARD_COLUMNS);
  });
});
