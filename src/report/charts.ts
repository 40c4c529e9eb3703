import type { RunSummary, Stats, TargetResult } from '../engine/aggregate.js';
import { ANALYSIS_CHARTS, type AnalysisChart } from '../domain/chart-names.js';
import { FLOW_METRICS } from '../domain/metrics.js';
import { goalAsLevel } from '../tracking/plan.js';
import type { Light } from '../tracking/track.js';
import { lightName } from '../tracking/words.js';
import {
  actionName,
  MATERIAL_RHO,
  metricTitle,
  paramLabel,
  policyLabel,
  targetLabel,
  targetLabelById,
  word,
  type ReportLang,
} from './labels.js';
import { CHART_CONFIG, GRADE_COLOURS, STATUS_COLOURS } from './theme.js';
import { formatNumber } from './tables.js';
import { displayUnit, unitText } from './units.js';

/** A firm's vacated energy in the audit trail (draw 0), for the top-20 chart. */
export interface FirmContribution {
  readonly name: string;
  /** The policy key (`rectification`, `village_cleanup-2` …). */
  readonly policy: string;
  readonly action: string;
  readonly vacatedEnergyTce: number;
}

/** A chart of the run: its file id, its title and its vega-lite spec (plain JSON). */
export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

const WIDTH = 560;
const HEIGHT = 260;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The fan charts of the report: the key metrics, flows as cumulative sums (DESIGN §6). */
export const FAN_METRICS: readonly { metric: string; cumulative: boolean }[] = [
  { metric: 'vacated_energy_tce', cumulative: true },
  { metric: 'co2_reduction_t', cumulative: true },
  { metric: 'vacated_land_mu', cumulative: true },
  { metric: 'value_added_rate', cumulative: false },
  { metric: 'tax_per_mu', cumulative: false },
  { metric: 'dual_control_energy_tce', cumulative: false },
  { metric: 'energy_intensity', cumulative: false },
];

/** A metric's fan by default: cumulative for the flows {@link FAN_METRICS} sums, else yearly levels. */
const cumulativeByDefault = (metric: string) => FAN_METRICS.some((f) => f.metric === metric && f.cumulative);

/** A fan chart's file id: `fan-<metric>`, with `-cumulative` or `-yearly` when it is not the metric's default form. */
export function fanId(metric: string, cumulative: boolean): string {
  if (cumulative === cumulativeByDefault(metric)) return `fan-${metric}`;
  return `fan-${metric}-${cumulative ? 'cumulative' : 'yearly'}`;
}

/** The colours of the warning levels, as the monitoring report (src/tracking/report.ts) draws them. */
export const LEVEL_COLOURS: Record<Light, string> = { green: '#009E73', yellow: '#E69F00', red: '#D55E00' };

const round = (x: number, d: number) => Number(x.toFixed(d + 2));

/** The policy's name in `lang`, by its key; a second policy of a type is numbered (高耗低效企业整治 2). */
const policyName = (s: RunSummary, key: string, lang: ReportLang) => policyLabel(key, lang, s.policies);

function top(title: string, subtitle: string, body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: SCHEMA, title: { text: title, subtitle }, width: WIDTH, height: HEIGHT, config: CHART_CONFIG, ...body };
}

/**
 * A fan chart: the P10–P90 band, the P50 line and the goals of the targets on this metric. A level
 * fan also marks a `within_budget` goal in every year of its span, and a `change` or `cagr` goal
 * as a level (goal ≈) from the P50 of its `from` year.
 */
function fanChart(s: RunSummary, metric: string, cumulative: boolean, lang: ReportLang): Chart {
  const u = displayUnit(metric);
  const stats: Record<string, Stats | null> = cumulative ? (s.cumulative[metric] ?? {}) : s.metrics[metric];
  const values = Object.entries(stats)
    .filter((e): e is [string, Stats] => e[1] !== null)
    .map(([year, st]) => ({
      year: Number(year),
      p10: round(st.p10 * u.scale, u.decimals),
      p50: round(st.p50 * u.scale, u.decimals),
      p90: round(st.p90 * u.scale, u.decimals),
    }));
  const goals = s.targets
    .filter((t) => t.metric === metric && (cumulative ? t.kind === 'cumulative' : t.kind === 'level'))
    .map((t) => ({
      year: t.year,
      goal: round((t.at_least ?? t.at_most)! * u.scale, u.decimals),
      status: word(t.status, lang),
      text: `${word('goal', lang)} ${formatNumber((t.at_least ?? t.at_most)! * u.scale, u.decimals)}`,
    }));
  if (!cumulative) goals.push(...otherGoals(s, metric, lang));
  const title = `${metricTitle(metric, lang)}${cumulative ? `（${word('cumulative', lang)}）` : ''}`.replace(
    /（(.*)）/,
    lang === 'en' ? ' ($1)' : '（$1）',
  );
  const x = { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } };
  // counts (firms, projects, people) get whole-number ticks (issue #14 item 4)
  const counting = ['家', '个', '人'].includes(u.unit);
  // the axis starts at zero, so a level moving by 0.2 points is not drawn as a cliff (issue #14 item 4)
  const y = {
    type: 'quantitative',
    title: unitText(u.unit, lang),
    scale: { zero: true },
    ...(counting ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
  };
  // every mark has its legend entry: the band, the median line and the goals by status
  const [band, median] = word('fanSeries', lang).split(',');
  const named = values.map((v) => ({ ...v, band, median }));
  const layers: Record<string, unknown>[] = [
    {
      data: { values: named },
      mark: { type: 'area', opacity: 0.2 },
      encoding: {
        x,
        y: { ...y, field: 'p10' },
        y2: { field: 'p90' },
        fill: {
          field: 'band',
          type: 'nominal',
          scale: { range: ['#0072B2'] },
          legend: { title: null, symbolOpacity: 0.2, orient: 'bottom', symbolType: 'square' },
        },
      },
    },
    {
      data: { values: named },
      mark: { type: 'line', strokeWidth: 2.5, point: { filled: true, color: '#0072B2' } },
      encoding: {
        x,
        y: { ...y, field: 'p50' },
        stroke: {
          field: 'median',
          type: 'nominal',
          scale: { range: ['#0072B2'] },
          legend: { title: null, orient: 'bottom', symbolType: 'stroke' },
        },
      },
    },
  ];
  if (goals.length) {
    const color = {
      field: 'status',
      type: 'nominal',
      scale: {
        domain: (Object.keys(STATUS_COLOURS) as TargetResult['status'][]).map((k) => word(k, lang)),
        range: Object.values(STATUS_COLOURS),
      },
      legend: { title: word('goal', lang), symbolType: 'diamond', orient: 'bottom', direction: 'horizontal' },
    };
    layers.push(
      {
        data: { values: goals },
        mark: { type: 'point', shape: 'diamond', size: 160, filled: true },
        encoding: { x, y: { ...y, field: 'goal' }, color },
      },
      {
        data: { values: goals },
        mark: { type: 'text', dy: -14, fontSize: 11 },
        encoding: { x, y: { ...y, field: 'goal' }, text: { field: 'text' }, color },
      },
    );
  }
  return { id: fanId(metric, cumulative), title, spec: top(title, word('fanSubtitle', lang, { draws: s.draws }), { layer: layers }) };
}

/**
 * The goals of a level fan beyond `level` targets: a `within_budget` goal in each year from its
 * `from` to its `year` (it must hold in every one); a `change` or `cagr` goal as the level it
 * asks in its year from the P50 of its `from` year (as dcsim track plans it: an approximation).
 */
function otherGoals(s: RunSummary, metric: string, lang: ReportLang) {
  const u = displayUnit(metric);
  const shown = (x: number) => round(x * u.scale, u.decimals);
  return s.targets
    .filter((t) => t.metric === metric)
    .flatMap((t) => {
      const goal = (t.at_least ?? t.at_most)!;
      if (t.kind === 'within_budget')
        return Array.from({ length: t.year - t.from + 1 }, (_, i) => ({
          year: t.from + i,
          goal: shown(goal),
          status: word(t.status, lang),
          text: i === t.year - t.from ? `${word('goalEveryYear', lang)} ${formatNumber(goal * u.scale, u.decimals)}` : '',
        }));
      if (t.kind !== 'change' && t.kind !== 'cagr') return [];
      const fromP50 = s.metrics[metric]?.[t.from]?.p50;
      if (fromP50 === undefined || !Number.isFinite(fromP50)) return [];
      const level = goalAsLevel({ kind: t.kind, goal, from: t.from, year: t.year }, fromP50);
      if (!Number.isFinite(level)) return [];
      return [
        {
          year: t.year,
          goal: shown(level),
          status: word(t.status, lang),
          text: `${word('goalApprox', lang)} ${formatNumber(level * u.scale, u.decimals)}`,
        },
      ];
    });
}

/**
 * The fans the targets ask for (issue #14 item 1), in the targets' order: one per metric and form
 * a target names — a `cumulative` target its flow's running sum, any other kind the yearly level.
 */
export function targetFans(s: RunSummary, lang: ReportLang): Chart[] {
  const seen = new Set<string>();
  const out: Chart[] = [];
  for (const t of s.targets) {
    const cumulative =
      t.kind === 'cumulative' && (FLOW_METRICS as readonly string[]).includes(t.metric) && s.cumulative[t.metric] !== undefined;
    const id = fanId(t.metric, cumulative);
    if (seen.has(id) || !s.metrics[t.metric]) continue;
    seen.add(id);
    out.push(fanChart(s, t.metric, cumulative, lang));
  }
  return out;
}

/**
 * The carbon budget (issue #13 §3): the CO2 fan (P10–P90 band, P50 line) against the budget's
 * P50 (dashed), and each year's warning level as a coloured dot on the CO2 P50 labelled with the
 * share of draws within the budget.
 */
function carbonBudgetChart(s: RunSummary, lang: ReportLang): Chart | undefined {
  const b = s.budget;
  if (!b || b.years.length === 0) return undefined;
  const u = displayUnit('co2_t');
  const v = (x: number | null) => (x === null ? null : round(x * u.scale, u.decimals));
  const [co2Name, budgetName] = word('budgetSeries', lang).split(',');
  const fan = b.years.map((y) => ({ year: y.year, p10: v(y.co2_p10), p50: v(y.co2_p50), p90: v(y.co2_p90) }));
  const lines = b.years.flatMap((y) => [
    { year: y.year, series: co2Name, value: v(y.co2_p50) },
    { year: y.year, series: budgetName, value: v(y.budget_p50) },
  ]);
  const levels = b.years.map((y) => ({
    year: y.year,
    value: v(y.co2_p50),
    level: lightName(y.level, lang),
    text: `${Math.round(y.probability * 100)} %`,
  }));
  const x = { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } };
  // not from zero: the chart is about the gap between the CO2 and its budget, a few per cent of either
  const y = { type: 'quantitative', title: unitText(u.unit, lang), scale: { zero: false } };
  const lights = ['green', 'yellow', 'red'] as const;
  const levelColour = {
    field: 'level',
    type: 'nominal',
    title: word('level', lang),
    scale: { domain: lights.map((l) => lightName(l, lang)), range: lights.map((l) => LEVEL_COLOURS[l]) },
  };
  const title = word('carbonBudget', lang);
  return {
    id: 'carbon-budget',
    title,
    spec: top(title, word('carbonBudgetSubtitle', lang, { draws: s.draws }), {
      layer: [
        {
          data: { values: fan },
          mark: { type: 'area', color: '#0072B2', opacity: 0.2 },
          encoding: { x, y: { ...y, field: 'p10' }, y2: { field: 'p90' } },
        },
        {
          data: { values: lines },
          mark: { type: 'line', strokeWidth: 2.5 },
          encoding: {
            x,
            y: { ...y, field: 'value' },
            color: {
              field: 'series',
              type: 'nominal',
              title: null,
              scale: { domain: [co2Name, budgetName], range: ['#0072B2', '#000000'] },
            },
            strokeDash: {
              field: 'series',
              type: 'nominal',
              legend: null,
              scale: {
                domain: [co2Name, budgetName],
                range: [
                  [1, 0],
                  [6, 4],
                ],
              },
            },
          },
        },
        {
          data: { values: levels },
          mark: { type: 'point', filled: true, size: 140, opacity: 1 },
          encoding: { x, y: { ...y, field: 'value' }, color: levelColour },
        },
        {
          data: { values: levels },
          mark: { type: 'text', dy: -14, fontSize: 11, fontWeight: 'bold' },
          encoding: { x, y: { ...y, field: 'value' }, text: { field: 'text' }, color: { ...levelColour, legend: null } },
        },
      ],
      resolve: { scale: { color: 'independent' } },
    }),
  };
}

/**
 * The headroom ledger (only with a `ledger:` block): above, the energy pool (and the CO2 pool when
 * it binds) at each year's end, P50 with the P10–P90 band; below, the projects admitted and
 * deferred each year (means over the draws).
 */
function ledgerPoolsChart(s: RunSummary, lang: ReportLang): Chart | undefined {
  const l = s.ledger;
  if (!l?.block) return undefined;
  const pools = ['energy_headroom_tce', ...(l.binding.includes('co2') ? ['co2_pool_t'] : [])];
  const band = pools.flatMap((id) => {
    const u = displayUnit(id);
    const name = `${metricTitle(id, lang)}（${unitText(u.unit, lang)}）`.replace(/（(.*)）/, lang === 'en' ? ' ($1)' : '（$1）');
    return Object.entries(s.metrics[id] ?? {})
      .filter((e): e is [string, Stats] => e[1] !== null)
      .map(([year, st]) => ({
        year: Number(year),
        pool: name,
        p10: round(st.p10 * u.scale, u.decimals),
        p50: round(st.p50 * u.scale, u.decimals),
        p90: round(st.p90 * u.scale, u.decimals),
      }));
  });
  const projects = l.years.flatMap((y) => [
    { year: y.year, kind: metricTitle('projects_admitted', lang), value: round(y.projects_admitted_mean ?? 0, 2) },
    { year: y.year, kind: metricTitle('projects_deferred', lang), value: round(y.projects_deferred_mean ?? 0, 2) },
  ]);
  const x = { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } };
  const unit = [...new Set(pools.map((id) => unitText(displayUnit(id).unit, lang)))].join(' · ');
  const y = { type: 'quantitative', title: unit };
  const poolColour = { field: 'pool', type: 'nominal', title: word('pool', lang), scale: { range: ['#0072B2', '#CC79A7'] } };
  const title = word('ledgerPools', lang);
  return {
    id: 'ledger-pools',
    title,
    spec: {
      $schema: SCHEMA,
      title: { text: title, subtitle: word('ledgerPoolsSubtitle', lang, { draws: s.draws }) },
      config: CHART_CONFIG,
      vconcat: [
        {
          width: WIDTH,
          height: HEIGHT,
          layer: [
            {
              data: { values: band },
              mark: { type: 'area', opacity: 0.2 },
              encoding: { x, y: { ...y, field: 'p10' }, y2: { field: 'p90' }, color: poolColour },
            },
            {
              data: { values: band },
              mark: { type: 'line', strokeWidth: 2.5, point: { filled: true } },
              encoding: { x, y: { ...y, field: 'p50' }, color: poolColour },
            },
          ],
        },
        {
          width: WIDTH,
          height: 140,
          data: { values: projects },
          mark: 'bar',
          encoding: {
            x,
            xOffset: { field: 'kind' },
            y: { field: 'value', type: 'quantitative', title: word('projects', lang) },
            color: {
              field: 'kind',
              type: 'nominal',
              title: null,
              scale: {
                domain: [metricTitle('projects_admitted', lang), metricTitle('projects_deferred', lang)],
                range: ['#009E73', '#E69F00'],
              },
            },
          },
        },
      ],
      resolve: { scale: { color: 'independent' } },
    },
  };
}

/** The target scorecard: one traffic light per target with its probability. */
function scorecardChart(s: RunSummary, lang: ReportLang): Chart {
  const values = s.targets.map((t: TargetResult) => ({
    target: targetLabel(t, lang),
    probability: t.probability,
    status: word(t.status, lang),
    text: `${Math.round(t.probability * 100)} %`,
  }));
  const color = {
    field: 'status',
    type: 'nominal',
    title: word('status', lang),
    scale: { domain: [word('met', lang), word('at_risk', lang), word('missed', lang)], range: Object.values(STATUS_COLOURS) },
  };
  // labels never cut: two targets differing only in their years must stay apart (issue #14 item 4)
  const y = { field: 'target', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } };
  const title = word('scorecard', lang);
  return {
    id: 'scorecard',
    title,
    spec: top(title, word('scorecardSubtitle', lang, { draws: s.draws }), {
      height: Math.max(HEIGHT, 24 * values.length),
      data: { values },
      encoding: {
        y,
        x: {
          field: 'probability',
          type: 'quantitative',
          title: word('probability', lang),
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
        },
      },
      layer: [
        { mark: { type: 'bar', cornerRadiusEnd: 3 }, encoding: { color } },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: 'text' } } },
      ],
    }),
  };
}

/** Yearly vacated energy by policy (stacked means) with the cumulative median against the target. */
function byPolicyChart(s: RunSummary, lang: ReportLang): Chart {
  const u = displayUnit('vacated_energy_tce');
  const years = Object.keys(s.metrics.vacated_energy_tce).map(Number).slice(1);
  const vacating = s.policies.filter((p) => years.some((year) => (s.metrics[`vacated_energy_tce.${p.key}`]?.[year]?.mean ?? 0) > 0));
  const bars = vacating.flatMap((p) =>
    years.map((year) => ({
      year,
      policy: policyName(s, p.key, lang),
      value: round((s.metrics[`vacated_energy_tce.${p.key}`]?.[year]?.mean ?? 0) * u.scale, u.decimals),
    })),
  );
  const [lineName, goalName] = word('byPolicySeries', lang).split(',');
  const line = years.map((year) => ({
    year,
    series: lineName,
    value: round((s.cumulative.vacated_energy_tce?.[year]?.p50 ?? 0) * u.scale, u.decimals),
  }));
  const goals = s.targets
    .filter((t) => t.metric === 'vacated_energy_tce' && t.kind === 'cumulative')
    .map((t) => ({ year: t.year, series: goalName, goal: round(t.at_least! * u.scale, u.decimals) }));
  const x = { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } };
  const title = word('byPolicy', lang);
  return {
    id: 'vacated-by-policy',
    title,
    spec: top(title, word('byPolicySubtitle', lang, { draws: s.draws, unit: unitText(u.unit, lang) }), {
      layer: [
        {
          data: { values: bars },
          mark: 'bar',
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', stack: 'zero', title: unitText(u.unit, lang) },
            color: { field: 'policy', type: 'nominal', title: word('policy', lang) },
          },
        },
        {
          data: { values: line },
          mark: { type: 'line', color: '#000000', point: { filled: true, color: '#000000' } },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative' },
            strokeDash: {
              field: 'series',
              type: 'nominal',
              scale: { range: [[4, 3]] },
              legend: { title: null, orient: 'bottom', symbolType: 'stroke' },
            },
          },
        },
        {
          data: { values: goals },
          mark: { type: 'point', size: 160, filled: true, color: '#555555' },
          encoding: {
            x,
            y: { field: 'goal', type: 'quantitative' },
            shape: { field: 'series', type: 'nominal', scale: { range: ['diamond'] }, legend: { title: null, orient: 'bottom' } },
          },
        },
      ],
    }),
  };
}

/** Energy headroom: yearly vacated and new-project energy (means) and the cumulative difference. */
function headroomChart(s: RunSummary, lang: ReportLang): Chart {
  const u = displayUnit('vacated_energy_tce');
  const [vacated, fresh, net] = word('headroomSeries', lang).split(',');
  const years = Object.keys(s.metrics.vacated_energy_tce).map(Number).slice(1);
  let running = 0;
  const bars: Record<string, unknown>[] = [];
  const line: Record<string, unknown>[] = [];
  for (const year of years) {
    const v = (s.metrics.vacated_energy_tce[year]?.mean ?? 0) * u.scale;
    const n = (s.metrics.new_project_energy_tce[year]?.mean ?? 0) * u.scale;
    running += v - n;
    bars.push({ year, series: vacated, value: round(v, u.decimals) }, { year, series: fresh, value: round(n, u.decimals) });
    line.push({ year, series: net, value: round(running, u.decimals) });
  }
  const x = { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } };
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: [vacated, fresh, net], range: ['#009E73', '#D55E00', '#000000'] },
  };
  const title = word('headroom', lang);
  return {
    id: 'headroom',
    title,
    spec: top(title, word('headroomSubtitle', lang, { draws: s.draws, unit: unitText(u.unit, lang) }), {
      layer: [
        {
          data: { values: bars },
          mark: 'bar',
          encoding: { x, xOffset: { field: 'series' }, y: { field: 'value', type: 'quantitative', title: unitText(u.unit, lang) }, color },
        },
        {
          data: { values: line },
          mark: { type: 'line', point: true },
          encoding: { x, y: { field: 'value', type: 'quantitative' }, color },
        },
      ],
    }),
  };
}

/** The 亩均 grade mix by year (mean counts of operating firms). */
function gradesChart(s: RunSummary, lang: ReportLang): Chart {
  const values = ['A', 'B', 'C', 'D'].flatMap((g) =>
    Object.entries(s.metrics[`grade_${g.toLowerCase()}`]).map(([year, st]) => ({
      year: Number(year),
      grade: g,
      firms: Math.round(st?.mean ?? 0),
    })),
  );
  const title = word('grades', lang);
  return {
    id: 'grades',
    title,
    spec: top(title, word('firms', lang), {
      data: { values },
      mark: 'bar',
      encoding: {
        x: { field: 'year', type: 'ordinal', title: word('year', lang), axis: { labelAngle: 0 } },
        y: { field: 'firms', type: 'quantitative', title: word('firms', lang), stack: 'zero' },
        color: {
          field: 'grade',
          type: 'nominal',
          title: word('grade', lang),
          scale: { domain: ['A', 'B', 'C', 'D'], range: GRADE_COLOURS },
        },
        order: { field: 'grade' },
      },
    }),
  };
}

/** The 20 firms that vacate most energy in draw 0, with policy and action. */
function topFirmsChart(s: RunSummary, firms: readonly FirmContribution[], lang: ReportLang): Chart {
  const byFirm = new Map<string, FirmContribution>();
  for (const f of firms) {
    const prev = byFirm.get(f.name);
    byFirm.set(
      f.name,
      prev
        ? {
            ...prev,
            vacatedEnergyTce: prev.vacatedEnergyTce + f.vacatedEnergyTce,
            action: prev.vacatedEnergyTce >= f.vacatedEnergyTce ? prev.action : f.action,
          }
        : f,
    );
  }
  const values = [...byFirm.values()]
    .filter((f) => f.vacatedEnergyTce > 0)
    .sort((a, b) => b.vacatedEnergyTce - a.vacatedEnergyTce || a.name.localeCompare(b.name))
    .slice(0, 20)
    .map((f) => ({
      firm: f.name,
      policy: policyName(s, f.policy, lang),
      action: actionName(f.action, lang),
      tce: Math.round(f.vacatedEnergyTce),
    }));
  const y = { field: 'firm', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } }; // values come sorted, largest first
  const title = word('top', lang);
  return {
    id: 'top-firms',
    title,
    spec: top(title, `${metricTitle('vacated_energy_tce', lang)} · tce`, {
      height: Math.max(HEIGHT, 22 * values.length),
      data: { values },
      encoding: { y, x: { field: 'tce', type: 'quantitative', title: 'tce' } },
      layer: [
        { mark: 'bar', encoding: { color: { field: 'policy', type: 'nominal', title: word('policy', lang) } } },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333333' }, encoding: { text: { field: 'action' } } },
      ],
    }),
  };
}

/** A waterfall of the audited draw's vacated energy: each policy's dispositions stacking up to the total. */
function waterfallChart(s: RunSummary, lang: ReportLang): Chart | undefined {
  const a = s.attribution;
  if (!a || a.byDisposition.length === 0) return undefined;
  const u = displayUnit('vacated_energy_tce');
  // one bar per name: two dispositions a reader cannot tell apart are summed, not drawn on one row
  const byStep = new Map<string, number>();
  for (const d of a.byDisposition) {
    if (d.vacated_energy_tce === 0) continue;
    const [policy, action] = d.key.split('/');
    const step = `${policyName(s, policy, lang)} · ${actionName(action, lang)}`;
    byStep.set(step, (byStep.get(step) ?? 0) + d.vacated_energy_tce * u.scale);
  }
  let running = 0;
  const values = [...byStep].map(([step, value]) => {
    const start = running;
    running += value;
    return { step, start: round(start, u.decimals), end: round(running, u.decimals), kind: 'part' };
  });
  values.push({ step: lang === 'zh' ? '合计' : 'total', start: 0, end: round(running, u.decimals), kind: 'total' });
  const title =
    lang === 'zh'
      ? `腾出用能来源（第 ${a.draw} 次模拟，${s.period.base + 1}–${s.period.end}）`
      : `Where the energy vacated comes from (draw ${a.draw}, ${s.period.base + 1}–${s.period.end})`;
  return {
    id: 'waterfall',
    title,
    spec: top(
      title,
      word('illustrative', lang, {
        total: formatNumber(running, u.decimals),
        median: formatNumber((s.cumulative.vacated_energy_tce?.[s.period.end]?.p50 ?? Number.NaN) * u.scale, u.decimals),
        unit: unitText(u.unit, lang),
      }),
      {
        // horizontal bars, labels never cut: a policy · disposition name reads whole (issue #14 item 4)
        height: Math.max(HEIGHT, 24 * values.length),
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'step', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } },
          x: { field: 'start', type: 'quantitative', title: unitText(u.unit, lang) },
          x2: { field: 'end' },
          color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['part', 'total'], range: ['#0072B2', '#555555'] } },
        },
      },
    ),
  };
}

/**
 * A tornado of what drives the targets: for each target its three strongest `per: draw`
 * numbers, by the rank correlation of their values with the target's over the draws.
 */
export function sensitivityChart(s: RunSummary, lang: ReportLang): Chart | undefined {
  const zh = lang === 'zh';
  // the three strongest material drivers of each target, named for a reader
  const rows = (s.sensitivity ?? []).flatMap((t) =>
    t.drivers
      .filter((d) => Math.abs(d.rho) >= MATERIAL_RHO)
      .slice(0, 3)
      .map((d) => ({
        row: `${targetLabelById(t.target, t.label, s.targets, lang)} · ${paramLabel(d.param, lang, s.policies)}`,
        rho: d.rho,
        sign: d.rho >= 0 ? '+' : '−',
      })),
  );
  if (rows.length === 0) return undefined;
  const title = zh ? '不确定性来源：各目标的主要驱动参数' : 'What drives each target: the uncertain numbers that matter most';
  return {
    id: 'sensitivity',
    title,
    spec: top(
      title,
      zh
        ? `秩相关系数（Spearman），${s.draws} 次模拟；|ρ| < ${MATERIAL_RHO} 的参数不显示`
        : `rank correlation (Spearman), ${s.draws} draws; |ρ| < ${MATERIAL_RHO} not shown`,
      {
        height: Math.max(HEIGHT, 18 * rows.length),
        data: { values: rows },
        mark: 'bar',
        encoding: {
          y: { field: 'row', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } },
          x: { field: 'rho', type: 'quantitative', title: zh ? '秩相关系数' : 'rank correlation', scale: { domain: [-1, 1] } },
          color: { field: 'sign', type: 'nominal', legend: null, scale: { domain: ['+', '−'], range: ['#0072B2', '#D55E00'] } },
        },
      },
    ),
  };
}

/**
 * Builds every chart of a run from its summary and the audit trail of draw 0 (pure: no files,
 * no rendering). Chinese labels by default, English with `lang: 'en'`. The order follows the
 * analyst's targets (issue #14 item 1): the scorecard, a fan for every metric a target names, then
 * the analysis charts and the fans of the key metrics no target names. A scenario's
 * `report.charts` (summary `report.charts`) lists instead exactly which analysis charts and extra
 * fans follow the targets' fans, in its order.
 */
export function runCharts(s: RunSummary, firms: readonly FirmContribution[], lang: ReportLang): Chart[] {
  const analysis: Record<AnalysisChart, () => Chart | undefined> = {
    'carbon-budget': () => carbonBudgetChart(s, lang),
    'vacated-by-policy': () => byPolicyChart(s, lang),
    waterfall: () => waterfallChart(s, lang),
    headroom: () => headroomChart(s, lang),
    'ledger-pools': () => ledgerPoolsChart(s, lang),
    grades: () => gradesChart(s, lang),
    'top-firms': () => topFirmsChart(s, firms, lang),
    sensitivity: () => sensitivityChart(s, lang),
  };
  const fans = targetFans(s, lang);
  const drawn = new Set(fans.map((c) => c.id));
  const extraFan = (metric: string, cumulative: boolean) => {
    const id = fanId(metric, cumulative);
    if (drawn.has(id) || !s.metrics[metric] || (cumulative && !s.cumulative[metric])) return undefined;
    drawn.add(id);
    return fanChart(s, metric, cumulative, lang);
  };
  const asked = s.report?.charts;
  const rest = asked
    ? asked.map((name) =>
        (ANALYSIS_CHARTS as readonly string[]).includes(name)
          ? analysis[name as AnalysisChart]()
          : extraFan(name, cumulativeByDefault(name) && s.cumulative[name] !== undefined),
      )
    : [...ANALYSIS_CHARTS.map((name) => analysis[name]()), ...FAN_METRICS.map((f) => extraFan(f.metric, f.cumulative))];
  return [scorecardChart(s, lang), ...fans, ...rest.filter((c): c is Chart => c !== undefined)];
}
