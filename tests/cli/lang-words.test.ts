import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../src/domain/metrics.js';
import { outcomesText } from '../../src/ledger/admission.js';
import { msg } from '../../src/messages/messages.js';
import { detailText, hasCjk, placeName, policyLabel, policyTitle, targetLabel } from '../../src/report/labels.js';
import { displayUnit, unitInBrackets, unitText } from '../../src/report/units.js';

// issue #14 item 11: --lang en translates units, policy names, target labels and dcsim's own words

describe('units in a language', () => {
  it('every unit a metric is shown in has an English form without Chinese', () => {
    const shown = new Set<string>();
    for (const id of METRIC_IDS) for (const kind of ['level', 'change']) shown.add(displayUnit(id, kind).unit);
    // 万tce, 万tCO2, 万t, 亿元, 万元/亩, 万元/人, tce/万元, tCO2/万元, %, 家, 个, 人, 亩 … all of them
    expect(shown.size).toBeGreaterThanOrEqual(10);
    for (const unit of shown) expect(hasCjk(unitText(unit, 'en')), unit).toBe(false);
  });

  it('the table the brief asks for', () => {
    const en = (u: string) => unitText(u, 'en');
    expect(en('万tce')).toBe('10k tce');
    expect(en('万t')).toBe('10k t');
    expect(en('万tCO2')).toBe('10k tCO2');
    expect(en('亩')).toBe('mu');
    expect(en('亿元')).toBe('100M yuan');
    expect(en('万元/亩')).toBe('10k yuan/mu');
    expect(en('万元/人')).toBe('10k yuan/person');
    expect(en('家')).toBe('firms');
    expect(en('个')).toBe('');
    expect(en('%')).toBe('%');
    expect(en('tce/万元')).toBe('tce/10k yuan');
    expect(en('kgce/t')).toBe('kgce/t');
    // a compound unit not in the table is translated part by part: 万元/家 → 10k yuan/firms
    expect(en('万元/家')).toBe('10k yuan/firms');
    // zh: the unit itself
    expect(unitText('万tce', 'zh')).toBe('万tce');
    expect(unitInBrackets('万tce', 'zh')).toBe('（万tce）');
    expect(unitInBrackets('万tce', 'en')).toBe(' (10k tce)');
    expect(unitInBrackets('个', 'en')).toBe('');
  });
});

describe('names in English', () => {
  const policies = [
    { key: 'rectification', type: 'rectification', label: '高耗低效企业整治', label_en: 'high-energy low-efficiency rectification' },
    { key: 'rectification-2', type: 'rectification', label: '高耗低效企业整治', label_en: 'high-energy low-efficiency rectification' },
    // a summary whose English label is missing or Chinese: the type in words and the key
    { key: 'village_cleanup', type: 'village_cleanup', label: '村级工业集聚点清退', label_en: '村级工业集聚点清退' },
  ];

  it('policies by label_en, else by type and key; the numbered copy keeps its number', () => {
    expect(policyTitle(policies[0], 'en')).toBe('high-energy low-efficiency rectification');
    expect(policyTitle(policies[2], 'en')).toBe('village cleanup (village_cleanup)');
    expect(policyTitle(policies[2], 'zh')).toBe('村级工业集聚点清退');
    expect(policyLabel('rectification-2', 'en', policies)).toBe('high-energy low-efficiency rectification 2');
    expect(policyLabel('village_cleanup', 'en', policies)).toBe('village cleanup (village_cleanup)');
  });

  it("a scenario's Chinese target label becomes the metric, kind and years; an English label stays", () => {
    const t = { label: '单位工业增加值能耗 2020–2025（可比价）', metric: 'energy_intensity', kind: 'change', from: 2020, year: 2025 };
    expect(targetLabel(t, 'en')).toBe('Energy intensity, change 2020–2025');
    expect(targetLabel(t, 'zh')).toBe(t.label);
    expect(targetLabel({ ...t, kind: 'level', label: '煤炭消费量 2030', metric: 'coal_t', year: 2030 }, 'en')).toBe('Coal use 2030');
    expect(targetLabel({ ...t, label: 'Energy intensity −16 %' }, 'en')).toBe('Energy intensity −16 %');
    expect(placeName('新建项目', 'en')).toBe('new projects');
    expect(placeName('骆驼街道', 'en')).toBe('骆驼街道');
  });

  it("dcsim's own audit-trail details in English, numbers kept", () => {
    const tests = outcomesText([
      { test: 'tax_per_mu', value: 59, limit: 30, passed: true },
      { test: 'energy_intensity', value: 0.352, limit: 0.3, passed: false },
      { test: 'carbon_intensity', value: 1.2, limit: 1, passed: false },
      { test: 'benchmark', value: 914.3, limit: 842.9, passed: false, qualifier: 'ethylene, 标杆' },
    ]);
    const drawn = [msg.ledgerDrawn('energy', 2000), msg.ledgerDrawn('co2', 3200), msg.ledgerDrawn('land', 40)].join('; ');
    const details = [
      msg.projectRejectedTests(tests),
      msg.projectAdmitted(tests, drawn, 2, true),
      msg.projectDeferred([msg.ledgerShort('energy', 5000), msg.ledgerShort('co2', 100), msg.ledgerShort('land', 12)].join('; ')),
      msg.projectRejectedAfterDefer(3, msg.budgetOver(123456)),
      '新建项目 2025-3',
    ];
    for (const d of details) expect(hasCjk(detailText(d, 'en')), detailText(d, 'en')).toBe(false);
    expect(detailText(msg.projectAdmitted(tests, drawn, 2, false), 'en')).toBe(
      'tax per mu 59.0 ≥ 30.0 10k yuan/mu ✓; energy intensity 0.352 > 0.300 tce/10k yuan ✗; carbon intensity 1.200 > 1.000 tCO2/10k yuan ✗; ' +
        'energy per unit of product(ethylene, benchmark level) 914.3 > 842.9 kgce/t ✗; drawn from the energy pool 0.20 10k tce; ' +
        'drawn from the CO2 pool 0.32 10k tCO2; drawn from the land pool 40 mu; admitted after 2 years deferred',
    );
    expect(detailText(msg.projectRejectedAfterDefer(3, msg.budgetOver(123456)), 'en')).toBe(
      'rejected: no headroom after 3 years deferred: carbon budget exceeded by 12.35 10k tCO2',
    );
    expect(detailText('缓批: x', 'zh')).toBe('缓批: x');
  });
});
