// The workbench page of `dcsim serve`: plain DOM code, compiled by tsc to one ES module that the
// server sends as /assets/app.js (it serves no other script of ours, so the page is one module;
// ./types.js is imported for its types only). Every number comes from the server, which runs the
// same functions as the CLI; the page only edits, shows and downloads.

import type {
  Chart,
  Comparison,
  Diagnostic,
  Edits,
  Lang,
  Lever,
  Opened,
  Pin,
  Preview,
  RunStatus,
  SeekResult,
  State,
  TargetChange,
  TargetResult,
  WorkbenchForm,
} from './types.js';

// ── words ────────────────────────────────────────────────────────────────────────────────────

/** The page's own words; the form's labels come from the server in both languages. */
const WORDS = {
  app: ['dcsim 情景工作台', 'dcsim workbench'],
  langOther: ['English', '中文'],
  shipped: ['内置情景', 'Shipped scenario'],
  own: ['或用自己的文件（可选）', 'Or your own files (optional)'],
  registryFile: ['企业名录 XLSX/CSV', 'Registry XLSX/CSV'],
  scenarioFile: ['情景 YAML', 'Scenario YAML'],
  actualsFile: ['实际数据', 'Actuals'],
  open: ['打开', 'Open'],
  openTitle: ['打开情景', 'Open a scenario'],
  openedChange: ['情景：{name}（点击此处更换情景或上传文件）', 'Scenario: {name} (click here to open another or upload files)'],
  opening: ['正在打开…', 'Opening…'],
  uploading: ['正在上传 {name}…', 'Uploading {name}…'],
  problems: ['输入问题', 'Problems found'],
  file: ['文件', 'File'],
  where: ['行 / 位置', 'Row / line'],
  field: ['列 / 字段', 'Column / field'],
  message: ['说明', 'Message'],
  rowN: ['第 {n} 行', 'row {n}'],
  lineN: ['第 {n} 行', 'line {n}'],
  colN: ['第 {n} 列', 'col {n}'],
  sheetN: ['工作表 {n}', 'sheet {n}'],
  pin: ['固定为对照', 'Pin'],
  compare: ['对比', 'Compare'],
  seek: ['求解', 'Seek'],
  run: ['完整运行', 'Full run'],
  save: ['另存为情景', 'Save as scenario'],
  busy: ['计算中…', 'Computing…'],
  seekLever: ['参数', 'Lever'],
  seekTarget: ['目标', 'Target'],
  seekConfidence: ['置信水平', 'Confidence'],
  seekMin: ['最小值', 'Min'],
  seekMax: ['最大值', 'Max'],
  seekMaximize: ['求最大值（默认求最小值）', 'Largest value (default: smallest)'],
  seekGo: ['开始求解', 'Seek'],
  seeking: ['求解中…', 'Seeking…'],
  seekAnswer: [
    '{lever} 的{which}取值为 {value}，此时“{target}”的达成概率 ≥ {confidence}',
    'The {which} {lever} meeting "{target}" at {confidence}: {value}',
  ],
  smallest: ['最小', 'smallest'],
  largest: ['最大', 'largest'],
  seekNone: [
    '在 {min} – {max} 内没有取值能使“{target}”的达成概率 ≥ {confidence}；最高为 {plateau}',
    'No value in {min} – {max} meets "{target}" at {confidence}; the highest probability is {plateau}',
  ],
  seekNotMonotone: [
    '注意：求得的各点达成概率不单调，答案可能不唯一。',
    'Note: the probabilities of the evaluated points are not monotone; the answer may not be unique.',
  ],
  cancel: ['取消', 'Cancel'],
  comparison: ['对照对比', 'Pinned variants compared'],
  scorecard: ['目标达成情况', 'Targets'],
  monteCarlo: ['蒙特卡洛', 'Monte Carlo'],
  background: ['背景', 'Background'],
  policies: ['政策', 'Policies'],
  targets: ['目标', 'Targets'],
  enabled: ['启用', 'On'],
  reset: ['恢复基准值', 'Reset to base'],
  changed: ['已修改', 'changed'],
  colTarget: ['目标', 'Target'],
  colYears: ['年份', 'Years'],
  colGoal: ['目标值', 'Goal'],
  colProbability: ['达成概率', 'Probability'],
  colRange: ['P50 [P10–P90]', 'P50 [P10–P90]'],
  colStatus: ['状态', 'Status'],
  colChange: ['对照 → 当前', 'Pinned → now'],
  colDifference: ['P50 配对差值', 'P50 paired difference'],
  met: ['达成', 'met'],
  at_risk: ['有风险', 'at risk'],
  missed: ['未达成', 'missed'],
  legend: [
    '● 达成：达成概率 ≥ 目标的置信水平 · ◐ 有风险：≥ 50 % · ○ 未达成：< 50 %',
    "● met: probability ≥ the target's confidence · ◐ at risk: ≥ 50 % · ○ missed: < 50 %",
  ],
  points: ['点', 'pp'],
  runMeta: ['预览：{draws} 次模拟 · seed {seed}', 'Preview: {draws} draws · seed {seed}'],
  pinnedAgainst: ['对照：{label}', 'Against: {label}'],
  remove: ['移除', 'Remove'],
  pinLabel: ['对照 {n}', 'Variant {n}'],
  current: ['当前', 'Current'],
  runProgress: ['{done} / {total} 次模拟', '{done} / {total} draws'],
  runWaiting: ['准备中…', 'Starting…'],
  runDone: ['完成：', 'Done:'],
  runFailed: ['运行失败：{error}', 'The run failed: {error}'],
  runCancelled: ['已取消', 'Cancelled'],
  report: ['报告 report.html', 'Report report.html'],
  workbook: ['工作簿 results.xlsx', 'Workbook results.xlsx'],
  chartsFiles: ['图表', 'Charts'],
  zip: ['全部下载（zip）', 'Download all (zip)'],
  saved: ['已保存 {name}', 'Saved {name}'],
  failed: ['出错：{error}', 'Error: {error}'],
  network: ['无法连接 dcsim serve（它还在运行吗？）', 'Cannot reach dcsim serve (is it still running?)'],
  min: ['最小', 'min'],
  mode: ['最可能', 'mode'],
  max: ['最大', 'max'],
  mean: ['均值', 'mean'],
  sd: ['标准差', 'sd'],
} as const satisfies Record<string, readonly [string, string]>;

type Word = keyof typeof WORDS;

const query = new URLSearchParams(location.search);
// the server sends the page only to a URL with its token (GET / without it is refused)
const TOKEN = query.get('token') ?? '';
let lang: Lang = query.get('lang') === 'en' ? 'en' : 'zh';

/** A word of the page in the page's language, `{name}` placeholders filled in. */
function w(word: Word, fill: Record<string, string | number> = {}): string {
  let text: string = WORDS[word][lang === 'zh' ? 0 : 1];
  for (const [k, v] of Object.entries(fill)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

// ── DOM helpers ──────────────────────────────────────────────────────────────────────────────

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function say(text: string, error = false): void {
  const m = byId('message');
  m.textContent = text;
  m.classList.toggle('error', error);
}

// ── the server ───────────────────────────────────────────────────────────────────────────────

interface Failure {
  readonly error?: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly cancelled?: boolean;
}
type Answer<T> = { ok: true; data: T } | { ok: false; failure: Failure };

/** One API call with the token; a refusal comes back as its body, never thrown. */
async function api<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'x-dcsim-token': TOKEN };
  let payload: BodyInit | undefined;
  if (body instanceof File) {
    headers['content-type'] = 'application/octet-stream';
    // a header holds Latin-1 only: a Chinese file name travels percent-encoded
    headers['x-filename'] = encodeURIComponent(body.name);
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    return { ok: false, failure: { error: w('network') } };
  }
  const data: unknown = await res.json().catch(() => ({ error: res.statusText }));
  return res.ok ? { ok: true, data: data as T } : { ok: false, failure: data as Failure };
}

/** A link to a download that needs the token in its query (a plain <a> cannot send a header). */
const withToken = (path: string) => `${path}?token=${encodeURIComponent(TOKEN)}`;

/** Shows a refusal: diagnostics in the problems table, anything else as a message. */
function showFailure(failure: Failure): void {
  if (failure.diagnostics?.length) showDiagnostics(failure.diagnostics);
  else say(w('failed', { error: failure.error ?? '?' }), true);
}

// ── diagnostics ──────────────────────────────────────────────────────────────────────────────

/** The problems beside the form, one row each: file, row or line, column or field, the CLI's message. */
function showDiagnostics(list: readonly Diagnostic[]): void {
  const box = byId('diagnostics');
  const body = box.querySelector('tbody')!;
  body.replaceChildren(
    ...list.map((d) => {
      const where = [
        d.sheet !== undefined ? w('sheetN', { n: d.sheet }) : '',
        d.row !== undefined ? w('rowN', { n: d.row }) : '',
        d.line !== undefined ? w('lineN', { n: d.line }) + (d.column !== undefined ? ` · ${w('colN', { n: d.column })}` : '') : '',
      ].filter(Boolean);
      return el(
        'tr',
        { class: d.severity === 'warning' ? 'warning' : 'error' },
        el('td', {}, d.file ?? ''),
        el('td', {}, where.join(' · ')),
        el('td', {}, d.field ?? ''),
        el('td', {}, d.message),
      );
    }),
  );
  box.hidden = list.length === 0;
  for (const input of document.querySelectorAll('.lever.invalid')) input.classList.remove('invalid');
  for (const d of list) if (d.field) document.querySelector(`.lever[data-path="${CSS.escape(d.field)}"]`)?.classList.add('invalid');
}

function showWarnings(list: readonly Diagnostic[]): void {
  byId('warnings').replaceChildren(...list.map((d) => el('li', {}, `⚠ ${d.message}`)));
}

// ── numbers ──────────────────────────────────────────────────────────────────────────────────

/** A number with the decimals its size needs (three significant digits below 100; none for a whole number), grouped by thousands. */
function fmt(x: number, signed = false): string {
  const a = Math.abs(x);
  const d = a >= 100 || Number.isInteger(x) ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(a)));
  const text = x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  return signed && x > 0 ? `+${text}` : text;
}

type Display = TargetResult['display'];

/** A target's value in its display unit (×100 with % for a share, ÷10⁴ with 万tce for tce), grouped by thousands. */
function shown(x: number, d: Display, signed = false): string {
  const v = x * d.scale;
  const rounded = v.toLocaleString('en-US', { minimumFractionDigits: d.decimals, maximumFractionDigits: d.decimals });
  // a small negative rounds to "-0.0": zero has no sign
  const text = /^-[0.]+$/.test(rounded) ? rounded.slice(1) : rounded;
  const sign = signed && Number(text.replace(/,/g, '')) > 0 ? '+' : '';
  return `${sign}${text}${d.unit ? ` ${d.unit}` : ''}`;
}

const percent = (p: number) => `${Math.round(p * 100)} %`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// ── the edits ────────────────────────────────────────────────────────────────────────────────

/** What the analyst changed against the base scenario: lever path → value, and the policies switched off. */
const changes = new Map<string, unknown>();
const switchedOff = new Set<number>();
let pins: readonly Pin[] = [];

function edits(): Edits {
  return {
    set: [...changes].map(([path, value]) => ({ path, value })),
    off: [...switchedOff].sort((a, b) => a - b),
  };
}

/** Records a lever's new value (a value equal to the base removes the edit) and asks for a preview. */
function change(lever: Lever, value: unknown): void {
  if (same(value, lever.base)) changes.delete(lever.path);
  else changes.set(lever.path, value);
  markChanged(lever.path);
  schedulePreview();
}

function markChanged(path: string): void {
  const box = document.querySelector<HTMLElement>(`.lever[data-path="${CSS.escape(path)}"]`);
  box?.classList.toggle('changed', changes.has(path));
}

// ── the form ─────────────────────────────────────────────────────────────────────────────────

/** How each lever's inputs show a value again (a reset to the base). */
const showers = new Map<string, (value: unknown) => void>();

/** The argument names of each distribution, as the scenario writes them (src/scenario/param.ts). */
const DISTRIBUTION_ARGS: Record<string, readonly Word[]> = {
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
};

function numberInput(path: string, part: string, value: number, step: number | 'any'): HTMLInputElement {
  const input = el('input', { type: 'number', step: String(step), 'data-path': path, 'data-part': part });
  input.value = String(value);
  return input;
}

/** Reads a number box: undefined while it holds no finite number (being typed). */
function boxValue(input: HTMLInputElement): number | undefined {
  if (input.value.trim() === '') return undefined;
  const x = Number(input.value);
  return Number.isFinite(x) ? x : undefined;
}

/** A lever's frame: its name (with a note such as the distribution's form), the reset button, its inputs. */
function leverBox(lever: Lever, body: HTMLElement, note = ''): HTMLElement {
  const reset = el('button', { type: 'button', class: 'reset', title: w('reset'), 'aria-label': w('reset') }, '↺');
  reset.addEventListener('click', () => {
    changes.delete(lever.path);
    showers.get(lever.path)?.(lever.base);
    markChanged(lever.path);
    schedulePreview();
  });
  return el(
    'div',
    { class: 'lever', 'data-path': lever.path, 'data-key': lever.key, 'data-kind': lever.kind },
    el(
      'div',
      { class: 'lever-head' },
      el('span', { class: 'lever-name', title: lever.domain.hint ?? lever.domain.what }, lever.label[lang]),
      el('span', { class: 'note' }, note),
      reset,
    ),
    body,
  );
}

function numberLever(lever: Lever): HTMLElement {
  const { min, max, step } = lever.slider;
  const range = el('input', {
    type: 'range',
    min: String(min),
    max: String(max),
    step: String(step),
    'data-path': lever.path,
    'data-part': 'slider',
    'aria-label': lever.label[lang],
  });
  const box = numberInput(lever.path, 'number', 0, lever.domain.integer ? 1 : 'any');
  const show = (value: unknown) => {
    range.value = String(value);
    box.value = String(value);
  };
  show(lever.value);
  showers.set(lever.path, show);
  range.addEventListener('input', () => {
    box.value = range.value;
    change(lever, Number(range.value));
  });
  box.addEventListener('input', () => {
    const x = boxValue(box);
    if (x === undefined) return;
    range.value = String(x);
    change(lever, x);
  });
  return leverBox(lever, el('div', { class: 'inputs slider' }, range, box));
}

function distributionLever(lever: Lever): HTMLElement {
  const value = lever.value as Record<string, unknown>;
  const name = Object.keys(DISTRIBUTION_ARGS).find((k) => Array.isArray(value[k]));
  if (!name) return expressionLever(lever);
  const args = DISTRIBUTION_ARGS[name];
  const inputs = args.map((a, i) => numberInput(lever.path, a, Number((value[name] as unknown[])[i]), 'any'));
  // the distribution's other keys (per, clip) stay as they are
  const read = () => ({ ...(lever.value as Record<string, unknown>), [name]: inputs.map((i) => boxValue(i)) });
  for (const input of inputs)
    input.addEventListener('input', () => {
      const next = read();
      if ((next[name] as (number | undefined)[]).every((x) => x !== undefined)) change(lever, next);
    });
  showers.set(lever.path, (v) => {
    const list = (v as Record<string, unknown>)[name] as number[];
    inputs.forEach((input, i) => (input.value = String(list[i])));
  });
  return leverBox(
    lever,
    el('div', { class: 'inputs distribution' }, ...args.map((a, i) => el('label', {}, el('span', {}, w(a)), inputs[i]))),
    typeof value.per === 'string' ? `${name} · ${value.per}` : name,
  );
}

function seriesLever(lever: Lever): HTMLElement {
  const value = lever.value as Record<string, number>;
  const years = Object.keys(value).sort();
  const inputs = years.map((y) => numberInput(lever.path, y, Number(value[y]), 'any'));
  for (const input of inputs)
    input.addEventListener('input', () => {
      const next: Record<string, number> = {};
      for (const [i, y] of years.entries()) {
        const x = boxValue(inputs[i]);
        if (x === undefined) return;
        next[y] = x;
      }
      change(lever, next);
    });
  showers.set(lever.path, (v) => years.forEach((y, i) => (inputs[i].value = String((v as Record<string, number>)[y]))));
  return leverBox(lever, el('div', { class: 'inputs series' }, ...years.map((y, i) => el('label', {}, el('span', {}, y), inputs[i]))));
}

function expressionLever(lever: Lever): HTMLElement {
  const text = el('input', { type: 'text', 'data-path': lever.path, 'data-part': 'text', spellcheck: 'false' });
  const show = (v: unknown) => (text.value = typeof v === 'string' ? v : JSON.stringify(v));
  show(lever.value);
  showers.set(lever.path, show);
  text.addEventListener('change', () => change(lever, text.value));
  return leverBox(lever, el('div', { class: 'inputs expression' }, text));
}

function leverView(lever: Lever): HTMLElement {
  switch (lever.kind) {
    case 'number':
      return numberLever(lever);
    case 'distribution':
      return distributionLever(lever);
    case 'series':
      return seriesLever(lever);
    case 'expression':
      return expressionLever(lever);
  }
}

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  return el('section', { class: 'form-section' }, el('h2', {}, title), ...children);
}

function renderForm(f: WorkbenchForm): void {
  showers.clear();
  const policyCards = f.policies.map((p) => {
    const onOff = el('input', { type: 'checkbox', 'data-off': String(p.index), 'aria-label': w('enabled') });
    onOff.checked = p.enabled;
    // the switch sits outside the fold, so a policy can be turned off without opening its levers
    const card = el(
      'div',
      { class: 'card policy', 'data-policy': String(p.index), 'data-type': p.type },
      el('label', { class: 'switch' }, onOff, el('span', {}, w('enabled'))),
      el('details', {}, el('summary', { title: p.type }, el('span', { class: 'card-title' }, p.label[lang])), ...p.levers.map(leverView)),
    );
    card.classList.toggle('off', !onOff.checked);
    onOff.addEventListener('change', () => {
      if (onOff.checked) switchedOff.delete(p.index);
      else switchedOff.add(p.index);
      card.classList.toggle('off', !onOff.checked);
      schedulePreview();
    });
    return card;
  });
  const targetCards = f.targets.map((t) =>
    el(
      'details',
      { class: 'card target', 'data-target': t.id },
      el('summary', {}, el('span', { class: 'card-title' }, t.label[lang])),
      ...t.levers.map(leverView),
    ),
  );
  // the form's general levers hold the Monte Carlo block and the targets' common confidence too
  const monteCarlo = f.general.filter((l) => l.path.startsWith('monte_carlo.'));
  const confidence = f.general.filter((l) => l.path === 'confidence');
  const background = f.general.filter((l) => !monteCarlo.includes(l) && !confidence.includes(l));
  byId('form').replaceChildren(
    section(w('monteCarlo'), ...monteCarlo.map(leverView)),
    section(w('background'), ...background.map(leverView)),
    section(w('policies'), ...policyCards),
    section(w('targets'), ...confidence.map(leverView), ...targetCards),
  );
  fillSeekForm(f);
}

// ── preview ──────────────────────────────────────────────────────────────────────────────────

let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewAsked = 0;
/** The preview's draws. Every request that draws charts also sends the page's `lang`: the server's --lang is only its default. */
const PREVIEW_DRAWS = 200;

/** A change re-runs the preview once the analyst pauses (250 ms): a slider drag sends one request, not fifty. */
function schedulePreview(): void {
  clearTimeout(previewTimer);
  setBusy(true);
  previewTimer = setTimeout(() => void preview(), 250);
}

function setBusy(busy: boolean): void {
  byId('busy').hidden = !busy;
  document.body.dataset.preview = busy ? 'busy' : 'ready';
}

async function preview(): Promise<void> {
  const asked = ++previewAsked;
  const sent = edits();
  const r = await api<Preview>('POST', '/api/preview', { edits: sent, draws: PREVIEW_DRAWS, lang });
  // a newer change has been sent (the server cancels this one with 409): its answer is the one to show
  if (asked !== previewAsked || (!r.ok && r.failure.cancelled)) return;
  setBusy(false);
  if (!r.ok) {
    document.body.dataset.preview = 'error';
    showFailure(r.failure);
    return;
  }
  showDiagnostics([]);
  say('');
  showPreview(r.data, sent);
}

let chartViews: VegaEmbedResult[] = [];
let chartsAsked = 0;

function showPreview(p: Preview, sent: Edits): void {
  byId('run-meta').textContent =
    w('runMeta', { draws: p.draws.toLocaleString('en-US'), seed: p.seed }) +
    (p.pinned ? ` · ${w('pinnedAgainst', { label: p.pinned.label })}` : '');
  const table = byId<HTMLTableElement>('scorecard');
  // what the scorecard answers (the edits sent, the seed): a test or a second look can tell a stale one
  table.dataset.edits = JSON.stringify(sent);
  table.dataset.seed = String(p.seed);
  const byTarget = new Map((p.pinned?.changes ?? []).map((c) => [c.id, c]));
  const heads: Word[] = ['colTarget', 'colYears', 'colGoal', 'colProbability', 'colRange', 'colStatus'];
  if (p.pinned) heads.push('colChange', 'colDifference');
  table.replaceChildren(
    el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', {}, w(h))))),
    el('tbody', {}, ...p.targets.map((t) => targetRow(t, p.pinned ? (byTarget.get(t.id) ?? null) : undefined))),
  );
  byId('legend').textContent = w('legend');
  showWarnings(p.warnings);
  const drawing = ++chartsAsked;
  void drawCharts(byId('charts'), p.charts, chartViews).then((views) => {
    // a newer preview replaced these figures while they were drawn: release their views at once
    if (drawing === chartsAsked) chartViews = views;
    else for (const v of views) v.finalize();
  });
}

/** "P50 [P10 – P90]" as two unbreakable parts, so a narrow column wraps between them only. */
function quantiles(p50: number, p10: number | null, p90: number | null, d: Display): (Node | string)[] {
  const bare = { ...d, unit: '' };
  const band = p10 === null || p90 === null ? '' : `[${shown(p10, bare)} – ${shown(p90, d)}]`;
  return [el('span', { class: 'p50' }, shown(p50, bare)), ' ', el('span', { class: 'band' }, band)];
}

const STATUS_MARK: Record<string, string> = { met: '●', at_risk: '◐', missed: '○' };

function statusCell(status: string): HTMLElement {
  const word = status === 'met' || status === 'at_risk' || status === 'missed' ? w(status) : status;
  return el('td', { class: `status ${status}` }, el('span', { class: 'mark' }, STATUS_MARK[status] ?? ''), ` ${word}`);
}

function years(t: TargetResult): string {
  return t.kind === 'level' || t.from === t.year ? String(t.year) : `${t.from}–${t.year}`;
}

/** One target's row; `change` is undefined without a pin, null when the pinned run lacks the target. */
function targetRow(t: TargetResult, change: TargetChange | null | undefined): HTMLElement {
  const d = t.display;
  const goal = t.at_least !== undefined ? `≥ ${shown(t.at_least, d)}` : t.at_most !== undefined ? `≤ ${shown(t.at_most, d)}` : '';
  const range: (Node | string)[] = t.p50 === null ? ['–'] : quantiles(t.p50, t.p10, t.p90, d);
  const row = el(
    'tr',
    { 'data-target': t.id, 'data-metric': t.metric, 'data-probability': String(t.probability), 'data-status': t.status },
    el('td', { class: 'label' }, t.label),
    el('td', { class: 'years' }, years(t)),
    el('td', { class: 'goal' }, goal),
    el('td', { class: 'probability' }, percent(t.probability)),
    el('td', { class: 'range' }, ...range),
    statusCell(t.status),
  );
  if (change === undefined) return row;
  if (change === null) {
    row.append(el('td', {}, '–'), el('td', {}, '–'));
    return row;
  }
  const pts = change.probabilityPoints;
  // the points between the two shown percentages, so the three numbers always agree
  const shownPts = Math.round(change.current.probability * 100) - Math.round(change.pinned.probability * 100);
  const ptsText = `${shownPts > 0 ? '+' : ''}${shownPts} ${w('points')}`;
  const text = `${percent(change.pinned.probability)} → ${percent(change.current.probability)}${lang === 'zh' ? `（${ptsText}）` : ` (${ptsText})`}`;
  const diff = change.p50Difference;
  // a difference of shares is in percentage points, not per cent
  const dd: Display = d.unit === '%' ? { ...d, unit: w('points') } : d;
  row.append(
    el('td', { class: `change ${shownPts > 0 ? 'up' : shownPts < 0 ? 'down' : 'flat'}`, 'data-points': String(pts) }, text),
    // the median of the per-draw differences; its P10–P90 on hover keeps the row on one line
    el(
      'td',
      { class: 'difference', title: diff ? `P10–P90: ${shown(diff.p10, dd, true)} – ${shown(diff.p90, dd, true)}` : '' },
      diff ? shown(diff.p50, dd, true) : '–',
    ),
  );
  return row;
}

/** Draws charts with vega-embed (SVG, no action menu), replacing and releasing the views drawn before. */
async function drawCharts(box: HTMLElement, charts: readonly Chart[], before: readonly VegaEmbedResult[]): Promise<VegaEmbedResult[]> {
  for (const v of before) v.finalize();
  const figures = charts.map((c) => el('figure', { class: 'chart', 'data-chart': c.id }));
  box.replaceChildren(...figures);
  const views = await Promise.all(
    charts.map((c, i) =>
      vegaEmbed(figures[i], c.spec, { actions: false, renderer: 'svg', config: { font: FONT } }).catch((e: unknown) => {
        figures[i].textContent = `${c.title}: ${String(e)}`;
        return null;
      }),
    ),
  );
  return views.filter((v): v is VegaEmbedResult => v !== null);
}

/** The page's font (index.html's @font-face, the server's Noto Sans SC): charts draw Chinese with it too. */
const FONT = '"Noto Sans SC", sans-serif';

// ── pins and comparison ─────────────────────────────────────────────────────────────────────

function renderPins(): void {
  byId('pins').replaceChildren(
    ...pins.map((p) => {
      const remove = el('button', { type: 'button', class: 'remove', title: w('remove'), 'aria-label': `${w('remove')} ${p.label}` }, '×');
      remove.addEventListener('click', async () => {
        const r = await api<{ pins: Pin[] }>('DELETE', `/api/pin/${encodeURIComponent(p.id)}`);
        if (!r.ok) return showFailure(r.failure);
        pins = r.data.pins;
        renderPins();
        schedulePreview();
      });
      return el('li', { 'data-pin': p.id }, el('span', {}, p.label), remove);
    }),
  );
  byId<HTMLButtonElement>('compare-button').disabled = pins.length === 0;
}

/** Pins made since the scenario was opened: names them 对照 1, 2 … even while an earlier pin is still running. */
let pinsMade = 0;

async function pin(): Promise<void> {
  pinsMade += 1;
  const r = await api<{ pins: Pin[] }>('POST', '/api/pin', { edits: edits(), label: w('pinLabel', { n: pinsMade }) });
  if (!r.ok) return showFailure(r.failure);
  pins = r.data.pins;
  renderPins();
  schedulePreview();
}

let compareViews: VegaEmbedResult[] = [];

async function compare(): Promise<void> {
  const button = byId<HTMLButtonElement>('compare-button');
  button.disabled = true;
  const r = await api<{ comparison: Comparison; charts: Chart[] }>('POST', '/api/compare', { edits: edits(), draws: PREVIEW_DRAWS, lang });
  button.disabled = pins.length === 0;
  if (!r.ok) return showFailure(r.failure);
  const c = r.data.comparison;
  const names = c.scenarios.map((s, i) => (i < pins.length ? pins[i].label : w('current')));
  byId('compare-table').replaceChildren(
    el('thead', {}, el('tr', {}, el('th', {}, w('colTarget')), el('th', {}, w('colYears')), ...names.map((n) => el('th', {}, n)))),
    el(
      'tbody',
      {},
      ...c.targets.map((t) =>
        el(
          'tr',
          { 'data-target': t.id },
          el('td', { class: 'label' }, t.label),
          el('td', {}, String(t.year)),
          ...t.byScenario.map((s) =>
            s
              ? el(
                  'td',
                  { class: `status ${s.status}` },
                  el('span', { class: 'mark' }, STATUS_MARK[s.status] ?? ''),
                  ` ${percent(s.probability)}`,
                )
              : el('td', {}, '–'),
          ),
        ),
      ),
    ),
  );
  byId('compare-out').hidden = false;
  byId('compare-out').scrollIntoView({ behavior: 'smooth', block: 'start' });
  compareViews = await drawCharts(byId('compare-charts'), r.data.charts, compareViews);
}

// ── seek ─────────────────────────────────────────────────────────────────────────────────────

/** The levers a seek can vary (numbers), named "policy · lever" so two policies' per_year differ. */
function seekLevers(f: WorkbenchForm): { lever: Lever; name: string }[] {
  const list: { lever: Lever; name: string }[] = [];
  for (const l of f.general) if (l.kind === 'number' && !l.path.startsWith('monte_carlo.')) list.push({ lever: l, name: l.label[lang] });
  for (const p of f.policies)
    for (const l of p.levers) if (l.kind === 'number') list.push({ lever: l, name: `${p.label[lang]} · ${l.label[lang]}` });
  return list;
}

function fillSeekForm(f: WorkbenchForm): void {
  const levers = seekLevers(f);
  const path = byId<HTMLSelectElement>('seek-path');
  path.replaceChildren(...levers.map(({ lever, name }) => el('option', { value: lever.path }, name)));
  const firstPolicyLever = levers.find((l) => l.lever.path.startsWith('policies'));
  if (firstPolicyLever) path.value = firstPolicyLever.lever.path;
  const setRange = () => {
    const l = levers.find((x) => x.lever.path === path.value)?.lever;
    if (!l) return;
    byId<HTMLInputElement>('seek-min').value = String(l.slider.min);
    byId<HTMLInputElement>('seek-max').value = String(l.slider.max);
  };
  path.onchange = setRange;
  setRange();
  byId('seek-target').replaceChildren(...f.targets.map((t) => el('option', { value: t.id }, t.label[lang])));
}

let seekViews: VegaEmbedResult[] = [];

async function seek(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const path = byId<HTMLSelectElement>('seek-path');
  const target = byId<HTMLSelectElement>('seek-target');
  const confidence = Number(byId<HTMLInputElement>('seek-confidence').value);
  const min = Number(byId<HTMLInputElement>('seek-min').value);
  const max = Number(byId<HTMLInputElement>('seek-max').value);
  const maximize = byId<HTMLInputElement>('seek-maximize').checked;
  const go = byId('seek-form').querySelector<HTMLButtonElement>('button[type=submit]')!;
  go.disabled = true;
  go.textContent = w('seeking');
  const r = await api<{ result: SeekResult; chart: Chart }>('POST', '/api/seek', {
    edits: edits(),
    path: path.value,
    target: target.value,
    confidence,
    min,
    max,
    maximize,
    draws: PREVIEW_DRAWS,
    lang,
  });
  go.disabled = false;
  go.textContent = w('seekGo');
  if (!r.ok) return showFailure(r.failure);
  const s = r.data.result;
  const names = {
    lever: path.selectedOptions[0]?.textContent ?? path.value,
    target: target.selectedOptions[0]?.textContent ?? target.value,
  };
  const text =
    s.answer === null
      ? w('seekNone', {
          min: fmt(s.range[0]),
          max: fmt(s.range[1]),
          ...names,
          confidence: percent(confidence),
          plateau: percent(s.plateau ?? 0),
        })
      : w('seekAnswer', { which: w(maximize ? 'largest' : 'smallest'), value: fmt(s.answer), ...names, confidence: percent(confidence) });
  byId('seek-answer').textContent = s.monotone ? text : `${text} ${w('seekNotMonotone')}`;
  byId('seek-out').hidden = false;
  byId('seek-out').scrollIntoView({ behavior: 'smooth', block: 'start' });
  seekViews = await drawCharts(byId('seek-chart'), [r.data.chart], seekViews);
}

// ── full run ─────────────────────────────────────────────────────────────────────────────────

let runId: string | null = null;

async function startRun(): Promise<void> {
  const r = await api<{ runId: string }>('POST', '/api/run', { edits: edits(), lang });
  if (!r.ok) return showFailure(r.failure);
  runId = r.data.runId;
  byId('run-out').hidden = false;
  byId('run-files').replaceChildren();
  byId<HTMLButtonElement>('run-cancel').hidden = false;
  byId<HTMLButtonElement>('run-button').disabled = true;
  void pollRun(runId);
}

async function pollRun(id: string): Promise<void> {
  const r = await api<RunStatus>('GET', `/api/run/${encodeURIComponent(id)}`);
  if (id !== runId) return;
  if (!r.ok) {
    endRun();
    return showFailure(r.failure);
  }
  const s = r.data;
  const bar = byId<HTMLProgressElement>('run-progress');
  bar.max = Math.max(1, s.total);
  bar.value = s.done;
  byId('run-out').dataset.status = s.status;
  const text = byId('run-text');
  if (s.status === 'running') {
    // total is 0 until the run has loaded its scenario (it waits for any preview before it)
    text.textContent =
      s.total === 0 ? w('runWaiting') : w('runProgress', { done: s.done.toLocaleString('en-US'), total: s.total.toLocaleString('en-US') });
    setTimeout(() => void pollRun(id), 500);
    return;
  }
  endRun();
  if (s.status === 'failed') text.textContent = w('runFailed', { error: s.error ?? '?' });
  else if (s.status === 'cancelled') text.textContent = w('runCancelled');
  else {
    text.textContent = w('runDone');
    showRunFiles(id, s.files ?? []);
  }
}

function endRun(): void {
  byId<HTMLButtonElement>('run-cancel').hidden = true;
  byId<HTMLButtonElement>('run-button').disabled = false;
}

function showRunFiles(id: string, files: readonly string[]): void {
  const base = `/api/run/${encodeURIComponent(id)}`;
  const link = (name: string, text: string) =>
    el(
      'a',
      {
        href: withToken(`${base}/file/${name.split('/').map(encodeURIComponent).join('/')}`),
        'data-file': name,
        ...(name.endsWith('.html') ? { target: '_blank' } : { download: name.split('/').pop() ?? name }),
      },
      text,
    );
  const items: HTMLElement[] = [];
  if (files.includes('report.html')) items.push(el('li', {}, link('report.html', w('report'))));
  if (files.includes('results.xlsx')) items.push(el('li', {}, link('results.xlsx', w('workbook'))));
  const charts = files.filter((f) => f.startsWith('charts/') && f.endsWith('.svg'));
  if (charts.length)
    items.push(
      el(
        'li',
        {},
        el(
          'details',
          {},
          el('summary', {}, `${w('chartsFiles')} (${charts.length})`),
          el('ul', {}, ...charts.map((c) => el('li', {}, link(c, c.slice('charts/'.length))))),
        ),
      ),
    );
  items.push(el('li', {}, el('a', { href: withToken(`${base}/zip`), 'data-file': 'zip', download: '' }, w('zip'))));
  byId('run-files').replaceChildren(...items);
}

async function cancelRun(): Promise<void> {
  if (runId === null) return;
  const r = await api<unknown>('DELETE', `/api/run/${encodeURIComponent(runId)}`);
  if (!r.ok) showFailure(r.failure);
}

// ── save as scenario ─────────────────────────────────────────────────────────────────────────

async function save(): Promise<void> {
  const r = await api<{ fileName: string; yaml: string }>('POST', '/api/save', { edits: edits() });
  if (!r.ok) return showFailure(r.failure);
  const url = URL.createObjectURL(new Blob([r.data.yaml], { type: 'application/yaml' }));
  const a = el('a', { href: url, download: r.data.fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(w('saved', { name: r.data.fileName }));
}

// ── opening a scenario ───────────────────────────────────────────────────────────────────────

function showWorkspace(f: WorkbenchForm, warnings: readonly Diagnostic[], pinned: readonly Pin[]): void {
  pins = pinned;
  pinsMade = pinned.length;
  byId('subtitle').textContent = `${f.title} · ${f.name} · ${f.period.base}–${f.period.end}`;
  byId<HTMLSelectElement>('scenario-select').value = f.name;
  byId('source-summary').textContent = w('openedChange', { name: `${f.name} — ${f.title}` });
  byId<HTMLDetailsElement>('source-box').open = false;
  renderForm(f);
  renderPins();
  showWarnings(warnings);
  byId('bench').hidden = false;
  schedulePreview();
}

async function openScenario(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const status = byId('open-status');
  const files = {
    registry: byId<HTMLInputElement>('file-registry').files?.[0],
    scenario: byId<HTMLInputElement>('file-scenario').files?.[0],
    actuals: byId<HTMLInputElement>('file-actuals').files?.[0],
  };
  showDiagnostics([]);
  for (const [kind, file] of Object.entries(files)) {
    if (!file) continue;
    status.textContent = w('uploading', { name: file.name });
    const r = await api<unknown>('POST', `/api/upload?kind=${kind}`, file);
    if (!r.ok) {
      status.textContent = '';
      return showFailure(r.failure);
    }
  }
  status.textContent = w('opening');
  const shipped = byId<HTMLSelectElement>('scenario-select').value;
  const r = await api<Opened>('POST', '/api/open', {
    ...(files.scenario ? {} : { scenario: shipped }),
    registry: files.registry !== undefined,
    actuals: files.actuals !== undefined,
  });
  status.textContent = '';
  if (!r.ok) return showFailure(r.failure);
  changes.clear();
  switchedOff.clear();
  showWorkspace(r.data.form, r.data.warnings, []);
}

// ── start ────────────────────────────────────────────────────────────────────────────────────

function fillWords(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = w('app');
  byId('heading').textContent = w('app');
  for (const e of document.querySelectorAll<HTMLElement>('[data-w]')) e.textContent = w(e.dataset.w as Word);
  const other = new URLSearchParams(location.search);
  other.set('lang', lang === 'zh' ? 'en' : 'zh');
  const link = byId<HTMLAnchorElement>('lang-switch');
  link.href = `?${other}`;
  link.textContent = w('langOther');
}

async function start(): Promise<void> {
  const message = el('span', { id: 'message', role: 'alert' });
  byId('toolbar').append(message);
  const r = await api<State>('GET', '/api/state');
  if (!query.has('lang') && r.ok) lang = r.data.lang;
  fillWords();
  if (!r.ok) {
    byId('open-status').textContent = w('failed', { error: r.failure.error ?? '?' });
    return;
  }
  const select = byId<HTMLSelectElement>('scenario-select');
  select.replaceChildren(...r.data.scenarios.map((s) => el('option', { value: s.name }, `${s.name} — ${s.title}`)));
  byId('open-form').addEventListener('submit', (e) => void openScenario(e as SubmitEvent));
  byId('pin-button').addEventListener('click', () => void pin());
  byId('compare-button').addEventListener('click', () => void compare());
  byId('seek-toggle').addEventListener('click', () => (byId('seek-form').hidden = !byId('seek-form').hidden));
  byId('seek-form').addEventListener('submit', (e) => void seek(e as SubmitEvent));
  byId('run-button').addEventListener('click', () => void startRun());
  byId('run-cancel').addEventListener('click', () => void cancelRun());
  byId('save-button').addEventListener('click', () => void save());
  const ws = r.data.workspace;
  if (ws) showWorkspace(ws.form, ws.warnings, ws.pins);
}

void start();
