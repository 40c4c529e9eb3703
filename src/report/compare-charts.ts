import type { RunSummary, Stats } from '../engine/aggregate.js';
import type { Comparison } from '../engine/compare.js';
import type { Chart } from './charts.js';
import { metricTitle, word, type ReportLang } from './labels.js';
import { CHART_CONFIG, PALETTE } from './theme.js';
import { comparedTargetLabel, scenarioNames } from './compare-report.js';
import { formatNumber } from './tables.js';
import { displayUnit, unitText } from './units.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const top = (title: string, subtitle: string, body: Record<string, unknown>) => ({
  $schema: SCHEMA,
  title: { text: title, subtitle },
  width: 560,
  height: 260,
  config: CHART_CONFIG,
  ...body,
});
const round = (x: number, d: number) => Number(x.toFixed(d + 2));
const zh = (lang: ReportLang) => lang === 'zh';

/** Targets × scenarios: the probability of meeting each target. */
function probabilityGrid(c: Comparison, summaries: readonly RunSummary[], lang: ReportLang): Chart {
  const names = scenarioNames(c);
  const values = c.targets.flatMap((t) =>
    c.scenarios.map((_, k) => {
      const x = t.byScenario[k];
      return {
        target: comparedTargetLabel(t, summaries, lang),
        scenario: names[k].title,
        probability: x?.probability ?? null,
        text: x ? `${Math.round(x.probability * 100)}%` : '–',
      };
    }),
  );
  const title = zh(lang) ? '各方案目标达成概率' : 'Probability of meeting each target';
  const enc = {
    x: { field: 'scenario', type: 'nominal', title: null, axis: { labelAngle: 0, orient: 'top' } },
    y: { field: 'target', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } }, // never cut a target's years
  };
  return {
    id: 'compare-probability',
    title,
    spec: top(title, `${c.draws} ${zh(lang) ? '次模拟，共同随机数' : 'draws, common random numbers'}`, {
      height: Math.max(260, 26 * c.targets.length),
      data: { values },
      encoding: enc,
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'probability',
              type: 'quantitative',
              title: word('probability', lang),
              scale: { domain: [0, 1], scheme: 'blues' },
              // three labels on a long gradient: "80%100%" never collide (issue #14 item 4)
              legend: { format: '.0%', values: [0, 0.5, 1], gradientLength: 200 },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'text' },
            color: { condition: { test: 'datum.probability > 0.6', value: 'white' }, value: '#222222' },
          },
        },
      ],
    }),
  };
}

/** One metric across scenarios: each scenario's P10–P90 band and median, over the years. */
function overlaidFan(summaries: readonly RunSummary[], metric: string, cumulative: boolean, lang: ReportLang): Chart {
  const u = displayUnit(metric);
  const values = summaries.flatMap((s, k) => {
    const byYear: Record<string, Stats | null> = cumulative ? (s.cumulative[metric] ?? {}) : s.metrics[metric];
    return Object.entries(byYear)
      .filter((e): e is [string, Stats] => e[1] !== null)
      .map(([year, st]) => ({
        scenario: `${k + 1}. ${s.scenario.title || s.scenario.name}`,
        year: Number(year),
        p10: round(st.p10 * u.scale, u.decimals),
        p50: round(st.p50 * u.scale, u.decimals),
        p90: round(st.p90 * u.scale, u.decimals),
      }));
  });
  const title = `${metricTitle(metric, lang)}${cumulative ? (zh(lang) ? '（累计）' : ' (cumulative)') : ''}`;
  // scenario titles are long: the legend below the chart, one per line, never cut
  const color = {
    field: 'scenario',
    type: 'nominal',
    title: zh(lang) ? '方案' : 'scenario',
    scale: { range: PALETTE },
    legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
  };
  const x = { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } };
  const goals = summaries[0].targets
    .filter((t) => t.metric === metric && t.kind === (cumulative ? 'cumulative' : 'level'))
    .map((t) => ({ year: t.year, goal: round((t.at_least ?? t.at_most)! * u.scale, u.decimals), series: word('goal', lang) }));
  return {
    id: `compare-fan-${metric}`,
    title,
    spec: top(title, word('fanSubtitle', lang, { draws: summaries[0].draws }), {
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.2 },
          encoding: { x, y: { field: 'p10', type: 'quantitative', title: unitText(u.unit, lang) }, y2: { field: 'p90' }, color },
        },
        // the band's edges drawn too, so a band under another scenario's stays visible (issue #14 item 4)
        ...['p10', 'p90'].map((edge) => ({
          mark: { type: 'line', strokeWidth: 1, strokeDash: [3, 2], opacity: 0.8 },
          encoding: { x, y: { field: edge, type: 'quantitative' }, color },
        })),
        { mark: { type: 'line', strokeWidth: 2.5, point: true }, encoding: { x, y: { field: 'p50', type: 'quantitative' }, color } },
        // the plan's goals on this metric (the scenarios share their targets' goals), in the legend as a diamond
        ...(goals.length
          ? [
              {
                data: { values: goals },
                mark: { type: 'point', size: 160, filled: true, color: '#555555' },
                encoding: {
                  x,
                  y: { field: 'goal', type: 'quantitative' },
                  shape: { field: 'series', type: 'nominal', scale: { range: ['diamond'] }, legend: { title: null, orient: 'bottom' } },
                },
              },
            ]
          : []),
      ],
    }),
  };
}

/** Jobs lost in natural words: "就业减少 120 人", "就业增加 40 人", never "减少 −40" (issue #14 item 7). */
function jobsWords(lost: number, lang: ReportLang): string {
  const n = formatNumber(Math.abs(lost), 0);
  if (zh(lang)) return lost === 0 ? '就业不变' : `就业${lost > 0 ? '减少' : '增加'} ${n} 人`;
  return lost === 0 ? 'jobs unchanged' : `${n} jobs ${lost > 0 ? 'lost' : 'gained'}`;
}

/** The cost side next to the gains: extra energy vacated against value added lost, per scenario. */
function costScatter(c: Comparison, lang: ReportLang): Chart {
  const names = scenarioNames(c);
  const values = c.costs.map((x, k) => ({
    scenario: names[k].title,
    energy: round((x.extraVacatedEnergyTce ?? 0) / 1e4, 2),
    va: round((x.valueAddedLost ?? 0) / 1e4, 1),
    label: `${names[k].title} · ${jobsWords(Math.round(x.jobsLost ?? 0), lang)}`,
  }));
  const title = zh(lang) ? '代价与收益：多腾出用能与增加值减少' : 'Costs and gains: extra energy vacated vs value added lost';
  const enc = {
    x: {
      field: 'energy',
      type: 'quantitative',
      title: zh(lang)
        ? `较方案 1 多腾出用能（万tce，${c.period.base + 1}–${c.period.end}）`
        : `extra energy vacated vs scenario 1 (${unitText('万tce', lang)}, ${c.period.base + 1}–${c.period.end})`,
    },
    y: {
      field: 'va',
      type: 'quantitative',
      title: zh(lang)
        ? `较方案 1 增加值减少（亿元，${c.period.end}）`
        : `value added lost vs scenario 1 (${unitText('亿元', lang)}, ${c.period.end})`,
    },
  };
  return {
    id: 'compare-costs',
    title,
    // jobs can be gained as well as lost: written beside the point, never mapped to a size (issue #14 item 4)
    spec: top(title, zh(lang) ? '中位数（逐次配对差值）；标注就业变化' : 'medians of paired differences; labels: change in jobs', {
      data: { values },
      encoding: enc,
      layer: [
        {
          mark: { type: 'point', filled: true, opacity: 0.9, size: 120 },
          encoding: {
            color: {
              field: 'scenario',
              type: 'nominal',
              title: null,
              scale: { range: PALETTE },
              legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
            },
          },
        },
        { mark: { type: 'text', align: 'left', dx: 10, dy: -10, fontSize: 11 }, encoding: { text: { field: 'label' } } },
      ],
    }),
  };
}

/** Builds the comparison charts: probability grid, overlaid fans of the key metrics, cost vs gain. */
export function compareCharts(c: Comparison, summaries: readonly RunSummary[], lang: ReportLang): Chart[] {
  return [
    probabilityGrid(c, summaries, lang),
    overlaidFan(summaries, 'vacated_energy_tce', true, lang),
    overlaidFan(summaries, 'co2_reduction_t', true, lang),
    overlaidFan(summaries, 'vacated_land_mu', true, lang),
    overlaidFan(summaries, 'tax_per_mu', false, lang),
    overlaidFan(summaries, 'energy_intensity', false, lang),
    costScatter(c, lang),
  ];
}
