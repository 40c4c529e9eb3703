import type { Diagnostic } from '../domain/diagnostic.js';
import { closest, msg } from '../messages/messages.js';
import { ACTION_ALIASES, acceptedUnits, METRIC_WORDS, metricOf, normalise, unitFactor } from './aliases.js';
import type { ActualsContext, ActualsPolicy } from './context.js';
import { parsePeriod } from './period.js';
import type { Observation, RecordedAction, SourceRow } from './types.js';

/**
 * Checks the rows of the actuals files (src/io/actuals-load.ts reads them) as strictly as the
 * registry's: every problem names the file, sheet, row and column and says what would be valid.
 * Pure: text cells in, observations, actions and diagnostics out.
 */

/** A table as read: the header cells, the data rows numbered as the spreadsheet shows them. */
export interface ActualsTable {
  readonly file: string;
  readonly sheet?: string;
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
}

interface ColumnDef {
  readonly key: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

/** Columns of the observed values (实际值). */
export const VALUE_COLUMNS: readonly ColumnDef[] = [
  { key: 'metric', aliases: ['指标', '指标名称'], required: true },
  { key: 'scope', aliases: ['范围', '统计范围', '口径'], required: false },
  { key: 'period', aliases: ['期间', '时期', '统计期', '时间'], required: true },
  { key: 'value', aliases: ['数值', '值', '实际值'], required: true },
  { key: 'unit', aliases: ['单位', '计量单位'], required: false },
  { key: 'source', aliases: ['来源', '数据来源', '出处'], required: false },
];

/** Columns of the actions taken (实际处置). */
export const ACTION_COLUMNS: readonly ColumnDef[] = [
  { key: 'year', aliases: ['年份', '年度'], required: true },
  { key: 'enterprise_id', aliases: ['企业编号', '企业代码', '项目编号', 'id'], required: true },
  { key: 'policy', aliases: ['政策', '措施', '政策措施'], required: true },
  { key: 'action', aliases: ['处置', '处置方式'], required: true },
  { key: 'date', aliases: ['日期', '处置日期', '完成日期'], required: false },
  { key: 'energy_saving', aliases: ['节能率'], required: false },
  { key: 'saving_tce', aliases: ['节能量', '节能量(tce)', '节能量(吨标准煤)'], required: false },
  { key: 'note', aliases: ['备注', '说明'], required: false },
];

/** How many of a row's cells name one of the columns (finds the header row below titles). */
export function headerScore(cells: readonly string[], columns: readonly ColumnDef[]): number {
  return cells.filter((c) => columnOf(c, columns) !== undefined).length;
}

function columnOf(header: string, columns: readonly ColumnDef[]): ColumnDef | undefined {
  const h = normalise(header);
  return columns.find((c) => c.key === h || c.aliases.some((a) => normalise(a) === h));
}

type Cells = { get(key: string): string; at(key: string): SourceRow & { field: string } };

/** Maps the header to the columns: unknown, duplicate and missing required columns are errors. */
function mapHeaders(t: ActualsTable, columns: readonly ColumnDef[], diagnostics: Diagnostic[]): Map<string, number> | undefined {
  const where = { file: t.file, ...(t.sheet !== undefined ? { sheet: t.sheet } : {}), row: t.headerRow };
  const index = new Map<string, number>();
  const words = columns.flatMap((c) => [c.key, ...c.aliases]);
  t.headers.forEach((h, i) => {
    if (h.trim() === '') return;
    const c = columnOf(h, columns);
    if (!c)
      diagnostics.push({
        code: 'actuals/unknown-column',
        message: msg.actualsUnknownColumn(
          h,
          closest(h, words),
          columns.map((x) => x.key),
        ),
        ...where,
        field: h,
      });
    else if (index.has(c.key))
      diagnostics.push({ code: 'actuals/duplicate-column', message: msg.actualsDuplicateColumn(c.key), ...where, field: h });
    else index.set(c.key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.key);
  if (missing.length) diagnostics.push({ code: 'actuals/missing-column', message: msg.actualsMissingColumns(missing), ...where });
  return missing.length || diagnostics.length ? undefined : index;
}

function cellsOf(t: ActualsTable, index: Map<string, number>, r: ActualsTable['rows'][number]): Cells {
  return {
    get: (key) => {
      const i = index.get(key);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    },
    at: (key) => ({
      file: t.file,
      ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
      row: r.row,
      field: t.headers[index.get(key) ?? -1] ?? key,
    }),
  };
}

/** A number as an analyst types it: `713.5`, `1,234.5` (thousands separators), `12%` (a percentage). */
export function readNumber(text: string): { value: number; percent: boolean } | undefined {
  let t = text.trim().replace(/\s/g, '');
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  const value = Number(t);
  return Number.isFinite(value) ? { value: percent ? value / 100 : value, percent } : undefined;
}

/** The canonical scope a cell names (`district`, `above_scale`, `town:<name>`, `park:<name>`), or undefined. */
export function scopeOf(text: string, ctx: Pick<ActualsContext, 'towns' | 'parks'>): string | undefined {
  const t = text.trim();
  if (['', 'district', '全区', '区', '全域', '全区域'].includes(t)) return 'district';
  if (['above_scale', '规上', '规模以上', '规上工业'].includes(t)) return 'above_scale';
  const m = /^(town|镇街|乡镇|街道|park|园区)\s*[:：]\s*(.+)$/.exec(t);
  if (m) {
    const kind = ['park', '园区'].includes(m[1]) ? 'park' : 'town';
    const names = kind === 'park' ? ctx.parks : ctx.towns;
    return names.includes(m[2].trim()) ? `${kind}:${m[2].trim()}` : undefined;
  }
  if (ctx.towns.includes(t)) return `town:${t}`;
  if (ctx.parks.includes(t)) return `park:${t}`;
  return undefined;
}

/** Reads and checks the observed values. */
export function checkValues(t: ActualsTable, ctx: ActualsContext): { values: Observation[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const index = mapHeaders(t, VALUE_COLUMNS, diagnostics);
  if (!index) return { values: [], diagnostics };
  const values: Observation[] = [];
  const seen = new Map<string, number>();
  let unsourced = 0;
  for (const r of t.rows) {
    const c = cellsOf(t, index, r);
    const bad = (key: string, code: string, message: string) => diagnostics.push({ code, message, ...c.at(key) });
    const metricText = c.get('metric');
    const tracked = ctx.tracked.includes(metricText);
    const metric = tracked ? metricText : metricOf(metricText);
    if (!metric) {
      bad('metric', 'actuals/unknown-metric', msg.actualsUnknownMetric(metricText, closest(metricText, [...METRIC_WORDS, ...ctx.tracked])));
      continue;
    }
    const scope = scopeOf(c.get('scope'), ctx);
    if (!scope) {
      const names = [...ctx.towns.map((n) => `town:${n}`), ...ctx.parks.map((n) => `park:${n}`)];
      bad('scope', 'actuals/scope', msg.actualsBadScope(c.get('scope'), closest(c.get('scope'), [...ctx.towns, ...ctx.parks, ...names])));
      continue;
    }
    // Excel turns a typed 2023-09 into the date 2023-09-01: a date cell on the first of a month is that month
    const excelMonth = /^(\d{4})-(\d{2})-01$/.exec(c.get('period'));
    const period = parsePeriod(excelMonth ? `${excelMonth[1]}-${excelMonth[2]}` : c.get('period'));
    if (!period) {
      bad('period', 'actuals/period', msg.actualsBadPeriod(c.get('period')));
      continue;
    }
    if (period.year < ctx.base || period.year > ctx.end) {
      bad('period', 'actuals/period', msg.actualsPeriodOutside(period.text, ctx.base, ctx.end));
      continue;
    }
    const n = readNumber(c.get('value'));
    if (!n) {
      bad('value', 'actuals/value', msg.actualsBadNumber(c.get('value')));
      continue;
    }
    let value = n.value;
    if (!tracked) {
      const m = metric as Parameters<typeof unitFactor>[0];
      const factor = n.percent ? (unitFactor(m, '%') === undefined ? undefined : 1) : unitFactor(m, c.get('unit'));
      if (factor === undefined) {
        bad(n.percent ? 'value' : 'unit', 'actuals/unit', msg.actualsBadUnit(n.percent ? '%' : c.get('unit'), m, acceptedUnits(m)));
        continue;
      }
      value *= factor;
      if (value < 0) {
        bad('value', 'actuals/negative', msg.actualsNegative(metric, value));
        continue;
      }
      if (m === 'value_added_rate' && value > 1) {
        bad('value', 'actuals/share', msg.actualsShareAboveOne(value));
        continue;
      }
    }
    if (!c.get('source')) unsourced++;
    const key = `${metric}|${scope}|${period.text}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad('period', 'actuals/duplicate', msg.actualsDuplicateValue(metric, scope, period.text, first));
      continue;
    }
    seen.set(key, r.row);
    const { field: _, ...at } = c.at('value');
    values.push({ metric, tracked, scope, period, value, source: c.get('source'), at });
  }
  if (unsourced > 0)
    diagnostics.push({
      code: 'actuals/no-source',
      message: msg.actualsNoSource(unsourced),
      file: t.file,
      ...(t.sheet !== undefined ? { sheet: t.sheet } : {}),
      severity: 'warning',
    });
  return { values, diagnostics };
}

/** The policy a cell names: a key, a type when one policy has it, or a label (zh or en); an error message otherwise. */
function policyOf(text: string, policies: readonly ActualsPolicy[]): { index: number } | { message: string } {
  const t = text.trim();
  const byKey = policies.findIndex((p) => p.key === t);
  if (byKey >= 0) return { index: byKey };
  const matches = policies.flatMap((p, i) => (p.type === t || p.label.zh === t || normalise(p.label.en) === normalise(t) ? [i] : []));
  if (matches.length === 1) return { index: matches[0] };
  if (matches.length > 1)
    return {
      message: msg.actualsAmbiguousPolicy(
        t,
        matches.map((i) => policies[i].key),
      ),
    };
  const words = policies.flatMap((p) => [p.key, p.label.zh]);
  return {
    message: msg.actualsUnknownPolicy(
      t,
      closest(t, words),
      policies.map((p) => p.key),
    ),
  };
}

/** A date as written (2023-09-05, 2023/9/5, 2023.9.5, 2023年9月5日, 2023-09): its year and month. */
export function dateOf(text: string): { year: number; month: number } | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?(?:[T ].*)?$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month] = [Number(m[1]), Number(m[2])];
  const day = m[3] === undefined ? 1 : Number(m[3]);
  // a real calendar day: 2021-02-30 is refused (the day after the month's last is day 0 of the next)
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= last ? { year, month } : undefined;
}

/** Dispositions after which a firm is gone. */
const EXITS = new Set(['close', 'relocate', 'exit']);

/** Reads and checks the actions taken. */
export function checkActions(t: ActualsTable, ctx: ActualsContext): { actions: RecordedAction[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const index = mapHeaders(t, ACTION_COLUMNS, diagnostics);
  if (!index) return { actions: [], diagnostics };
  const actions: RecordedAction[] = [];
  for (const r of t.rows) {
    const c = cellsOf(t, index, r);
    const bad = (key: string, code: string, message: string) => diagnostics.push({ code, message, ...c.at(key) });
    const yearText = c.get('year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(year > ctx.base && year <= ctx.end)) {
      bad(
        'year',
        'actuals/year',
        Number.isNaN(year) ? msg.actualsBadYear(yearText) : msg.yearOutsidePeriod(year, ctx.base + 1, ctx.end, 'year'),
      );
      continue;
    }
    const p = policyOf(c.get('policy'), ctx.policies);
    if ('message' in p) {
      bad('policy', 'actuals/policy', p.message);
      continue;
    }
    const policy = ctx.policies[p.index];
    if (policy.actions.length === 0) {
      bad('policy', 'actuals/policy', msg.actualsPolicyTakesNoActions(policy.key));
      continue;
    }
    const actionText = c.get('action');
    const action = policy.actions.includes(actionText) ? actionText : ACTION_ALIASES[actionText.trim()];
    if (action === undefined || !policy.actions.includes(action)) {
      bad('action', 'actuals/action', msg.actualsBadAction(actionText, policy.key, policy.actions));
      continue;
    }
    const id = c.get('enterprise_id');
    const projects = policy.projectIds.length > 0;
    const known = projects ? policy.projectIds.includes(id) : ctx.enterpriseIndex(id) !== undefined;
    if (!known) {
      const list = projects ? policy.projectIds : ctx.enterpriseIds;
      bad('enterprise_id', 'actuals/unknown-enterprise', msg.actualsUnknownId(id, projects ? policy.key : undefined, closest(id, list)));
      continue;
    }
    let month = 12;
    const dateText = c.get('date');
    if (dateText) {
      const d = dateOf(dateText);
      if (!d) {
        bad('date', 'actuals/date', msg.actualsBadDate(dateText));
        continue;
      }
      if (d.year !== year) {
        bad('date', 'actuals/date', msg.actualsDateYear(dateText, year));
        continue;
      }
      month = d.month;
    }
    const shareText = c.get('energy_saving');
    const tceText = c.get('saving_tce');
    if (shareText && tceText) {
      bad('saving_tce', 'actuals/saving', msg.actualsBothSavings());
      continue;
    }
    let energySaving: number | undefined;
    let savingTce: number | undefined;
    if (shareText) {
      const n = readNumber(shareText);
      if (!n || !(n.value >= 0 && n.value < 1)) {
        bad('energy_saving', 'actuals/saving', msg.actualsBadSavingShare(shareText));
        continue;
      }
      energySaving = n.value;
    }
    if (tceText) {
      const n = readNumber(tceText);
      if (!n || n.percent || !(n.value >= 0)) {
        bad('saving_tce', 'actuals/saving', msg.actualsBadSavingTce(tceText));
        continue;
      }
      savingTce = n.value;
    }
    const { field: _, ...at } = c.at('enterprise_id');
    actions.push({
      year,
      month,
      enterpriseId: id,
      policy: policy.key,
      policyIndex: p.index,
      action,
      ...(energySaving !== undefined ? { energySaving } : {}),
      ...(savingTce !== undefined ? { savingTce } : {}),
      ...(dateText ? { date: dateText } : {}),
      ...(c.get('note') ? { note: c.get('note') } : {}),
      at,
    });
  }
  diagnostics.push(...crossCheck(actions, t));
  return { actions: diagnostics.some((d) => d.severity !== 'warning') ? [] : actions, diagnostics };
}

/** Duplicates, two policies on one firm in a year, and actions after a firm's exit. */
function crossCheck(actions: readonly RecordedAction[], t: ActualsTable): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (a: RecordedAction) => ({ file: t.file, ...(t.sheet !== undefined ? { sheet: t.sheet } : {}), row: a.at.row });
  const seen = new Map<string, RecordedAction>();
  const byFirmYear = new Map<string, RecordedAction>();
  const exits = new Map<string, RecordedAction>();
  for (const a of actions) {
    const key = `${a.enterpriseId}|${a.policy}|${a.action}|${a.year}`;
    const dup = seen.get(key);
    if (dup)
      out.push({
        code: 'actuals/duplicate',
        message: msg.actualsDuplicateAction(a.enterpriseId, a.policy, a.action, a.year, dup.at.row),
        ...where(a),
      });
    seen.set(key, a);
    const other = byFirmYear.get(`${a.enterpriseId}|${a.year}`);
    if (other && other.policy !== a.policy && !isProject(a) && !isProject(other))
      out.push({
        code: 'actuals/two-policies',
        message: msg.actualsTwoPolicies(a.enterpriseId, a.year, other.policy, other.at.row, a.policy),
        ...where(a),
      });
    byFirmYear.set(`${a.enterpriseId}|${a.year}`, a);
  }
  // an action after the firm left: in a later year, or later in the same year by date
  const ordered = [...actions].sort((x, y) => x.year * 12 + x.month - (y.year * 12 + y.month));
  for (const a of ordered) {
    const gone = exits.get(a.enterpriseId);
    if (gone && (a.year > gone.year || (a.year === gone.year && a.month > gone.month)))
      out.push({
        code: 'actuals/after-exit',
        message: msg.actualsAfterExit(a.enterpriseId, a.year, gone.action, gone.year, gone.at.row),
        ...where(a),
      });
    if (EXITS.has(a.action) && !exits.has(a.enterpriseId)) exits.set(a.enterpriseId, a);
  }
  return out;
}

const isProject = (a: RecordedAction) => a.action === 'start';
