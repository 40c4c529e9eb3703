import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import type { Comparison } from '../../src/engine/compare.js';
import { comparisonXlsx } from '../../src/io/results-xlsx.js';
import { changeWords, compareHtml, compareMarkdown, costSentence } from '../../src/report/compare-report.js';

// issue #14 item 7: the compare report names scenarios by title and puts the sign in the words
const cost = { scenario: 'b', valueAddedLost: 193_000, taxLost: -8000, jobsLost: 10436.4, extraVacatedEnergyTce: 124_400 };
const flat = { scenario: 'c', valueAddedLost: 0, taxLost: null, jobsLost: -3, extraVacatedEnergyTce: -100_800 };

describe('compare report wording', () => {
  it('one sentence per scenario: 193,000 万元 lost = 19.3 亿元 down, tax 8,000 万元 gained = 0.8 亿元 up', () => {
    expect(costSentence(cost, '2. 关停', '1. 基准', 2025, 'zh')).toBe(
      '2. 关停 较 1. 基准：多腾出用能 12.44 万tce，2025 年增加值减少 19.3 亿元，税收增加 0.8 亿元，就业减少 10,436 人',
    );
    expect(costSentence(cost, '2. Closures', '1. Base', 2025, 'en')).toBe(
      '2. Closures vs 1. Base: energy vacated up 12.44 (10k tce); in 2025 value added down 19.3 (100M yuan), tax up 0.8 (100M yuan), jobs down 10,436',
    );
    // −100,800 tce = 10.08 万tce less; 0 → unchanged, never "−0.0"; unknown → dash; 3 jobs more
    expect(costSentence(flat, '3. c', '1. a', 2025, 'zh')).toBe(
      '3. c 较 1. a：少腾出用能 10.08 万tce，2025 年增加值不变，税收 –，就业增加 3 人',
    );
    expect(costSentence(flat, '3. c', '1. a', 2025, 'en')).toBe(
      '3. c vs 1. a: energy vacated down 10.08 (10k tce); in 2025 value added unchanged, tax –, jobs up 3',
    );
  });

  it('a change in a cell never carries a minus sign after a word', () => {
    const words = { more: ['增加', 'up'], less: ['减少', 'down'] };
    expect(changeWords(-0.8, 1, 'zh', words)).toBe('减少 0.8');
    expect(changeWords(-0.04, 1, 'zh', words)).toBe('不变');
    expect(changeWords(1234.5, 1, 'en', words)).toBe('up 1,234.5');
    expect(changeWords(null, 1, 'en', words)).toBe('–');
  });

  it('report.html and report.md show titles (ids in small print) and no signed number after a word', () => {
    const c = {
      scenarios: [
        { name: 'base', title: '基准情景' },
        { name: 'closure', title: '关停主导' },
      ],
      period: { base: 2020, end: 2025 },
      draws: 20,
      seed: 1,
      targets: [
        { id: 'e', label: '腾出用能 2021–2025', metric: 'vacated_energy_tce', kind: 'cumulative', year: 2025, byScenario: [null, null] },
      ],
      metrics: {},
      cumulative: {},
      costs: [
        { ...cost, scenario: 'base', valueAddedLost: 0, taxLost: 0, jobsLost: 0, extraVacatedEnergyTce: 0 },
        { ...cost, scenario: 'closure' },
      ],
    } as unknown as Comparison;
    const html = compareHtml(c, [], new Map(), 'zh');
    expect(html).toContain('<th>2. 关停主导<br><small><code>closure</code></small></th>');
    expect(html).toContain('<li>2. 关停主导 较 1. 基准情景：多腾出用能 12.44 万tce，2025 年增加值减少 19.3 亿元');
    expect(html).toContain('<td>2. 关停主导</td><td>多腾出 12.44</td><td>减少 19.3</td><td>增加 0.8</td><td>减少 10,436</td>');
    expect(html).not.toMatch(/(增加|减少|多腾出|少腾出|up|down|more|less) [−-]/);
    const md = compareMarkdown(c, [], 'en', [{ targets: [{ id: 'e', from: 2021 }] }] as unknown as Parameters<typeof compareMarkdown>[3]);
    expect(md).toContain('1. 基准情景 (`base`) · 2. 关停主导 (`closure`)');
    expect(md).toContain('| Energy vacated, cumulative 2021–2025 | – | – |');
    expect(md).toContain('| 2. 关停主导 | up 12.44 | down 19.3 | up 0.8 | down 10,436 |');
    expect(md).toContain('energy vacated (10k tce, 2021–2025)');
    expect(md).not.toMatch(/万|亿/);
  });
});

/** The cells of one sheet of an xlsx, read with JSZip from the workbook's XML (not with exceljs, which wrote it). */
async function sheetCells(xlsx: Buffer, name: string): Promise<(string | number)[][]> {
  const zip = await JSZip.loadAsync(xlsx);
  const read = (p: string) => zip.file(p)!.async('string');
  const un = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const shared = [...(await read('xl/sharedStrings.xml')).matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    un([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(await read('xl/workbook.xml'))![1];
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(await read('xl/_rels/workbook.xml.rels'))![1];
  const xml = await read(`xl/${target.replace(/^\/?xl\//, '')}`);
  return [...xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((row) =>
    [...row[1].matchAll(/<c r="[A-Z]+\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map(([, attrs, body = '']) => {
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      if (/t="s"/.test(attrs)) return shared[Number(v)];
      if (/t="inlineStr"/.test(attrs)) return un(/<t[^>]*>([^<]*)<\/t>/.exec(body)?.[1] ?? '');
      return v === undefined ? '' : Number(v);
    }),
  );
}

describe('compare results.xlsx wording', () => {
  const c = {
    scenarios: [
      { name: 'base', title: '基准情景' },
      { name: 'closure', title: '关停主导' },
    ],
    period: { base: 2020, end: 2025 },
    draws: 20,
    seed: 1,
    targets: [
      { id: 'e', label: '腾出用能 2021–2025', metric: 'vacated_energy_tce', kind: 'cumulative', year: 2025, byScenario: [null, null] },
    ],
    metrics: {},
    cumulative: {},
    costs: [
      { ...cost, scenario: 'base', valueAddedLost: 0, taxLost: 0, jobsLost: 0, extraVacatedEnergyTce: 0 },
      { ...cost, scenario: 'closure' },
    ],
  } as unknown as Comparison;

  it('costs: the title, its id, signed numbers and the change in words (zh)', async () => {
    const rows = await sheetCells(await comparisonXlsx(c, [], 'zh'), '代价与收益');
    expect(rows[0]).toEqual([
      '方案',
      '方案代码',
      '对照方案',
      '腾出用能变化（万tce，期间累计）',
      '增加值变化（亿元，2025年）',
      '税收变化（亿元，2025年）',
      '就业变化（人，2025年）',
      '说明',
    ]);
    // 124,400 tce = +12.44 万tce; 193,000 万元 lost = −19.3 亿元; 8,000 万元 of tax gained = +0.8 亿元; 10,436.4 jobs lost = −10,436
    expect(rows[1]).toEqual([
      '2. 关停主导',
      'closure',
      '1. 基准情景',
      12.44,
      -19.3,
      0.8,
      -10436,
      '2. 关停主导 较 1. 基准情景：多腾出用能 12.44 万tce，2025 年增加值减少 19.3 亿元，税收增加 0.8 亿元，就业减少 10,436 人',
    ]);
  });

  it('costs and targets in English: units and target labels translated', async () => {
    const xlsx = await comparisonXlsx(c, [{ targets: [{ id: 'e', from: 2021 }] }] as unknown as RunSummary[], 'en');
    const costs = await sheetCells(xlsx, 'costs');
    expect(costs[0][3]).toBe('energy vacated change (10k tce, period)');
    expect(costs[1][7]).toBe(
      '2. 关停主导 vs 1. 基准情景: energy vacated up 12.44 (10k tce); in 2025 value added down 19.3 (100M yuan), tax up 0.8 (100M yuan), jobs down 10,436',
    );
    const targets = await sheetCells(xlsx, 'targets');
    expect(targets[1][0]).toBe('Energy vacated, cumulative 2021–2025');
    expect(targets[0][2]).toBe('1. 基准情景 (probability)');
  });
});
