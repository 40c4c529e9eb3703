import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/engine/aggregate.js';
import { reportHtml } from '../../src/report/html.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { KEY_METRICS } from '../../src/report/tables.js';

const evil = '<script>alert(1)</script>';
const summary = {
  scenario: { name: 'x', title: `标题 ${evil}`, description: `说明 ${evil}` },
  period: { base: 2020, end: 2021 },
  draws: 2,
  seed: 1,
  confidence: 0.9,
  policies: [{ key: 'rectification', type: 'rectification', label: `整治 ${evil}`, label_en: 'r' }],
  metrics: Object.fromEntries(
    ['energy_tce', ...KEY_METRICS].map((id) => [id, { 2020: { mean: 1, p5: 1, p10: 1, p50: 1, p90: 1, p95: 1 }, 2021: null }]),
  ),
  cumulative: {},
  targets: [
    {
      id: 't',
      label: `目标 ${evil} | x`,
      metric: 'vacated_energy_tce',
      kind: 'cumulative',
      from: 2021,
      year: 2021,
      at_least: 10,
      confidence: 0.9,
      probability: 0.5,
      p10: 1,
      p50: 2,
      p90: 3,
      status: 'at_risk',
    },
  ],
} as unknown as RunSummary;

describe('reports', () => {
  it('escape every name in HTML: no markup from a scenario or registry gets through', () => {
    const html = reportHtml(summary, [], new Map(), 'zh');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escape Markdown table cells', () => {
    const md = reportMarkdown(summary, [], 'zh');
    expect(md).not.toContain('<script>');
    expect(md).toContain('目标 &lt;script&gt;alert(1)&lt;/script&gt; \\| x');
  });
});
