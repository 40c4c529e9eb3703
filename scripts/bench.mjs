#!/usr/bin/env node
// npm run bench — the standard benchmark (DESIGN §7; issue 15). Figures go to outputs/bench/bench.json.
//
// - throughput: the zhenhai-2025 policy mix over 2021–2030 on the synthetic 10,000-firm registry,
//   1,000 draws, on 1 and 2 workers: simulation and whole-process enterprise-years per second, the
//   speed-up, and the ratio to a minimal typed-array kernel run in this process (scripts/bench-kernel.mjs),
//   and what each whole-process goal (9 M/s on 1 worker, 16 M/s on 2) asks of a simulation thread;
// - scaling: the same mix at 1,000, 10,000 and 100,000 firms (10 M enterprise-years each, 1 worker)
//   and the exponent of time per draw in the number of firms;
// - memory: 100,000 firms × 10 years × 100 draws on 2 workers, and 1,000,000 firms × 5 years × 20
//   draws (peak RSS of the whole process, workers and reports included, and the manifest's peak during the draws);
// - npm start: the shipped scenario end to end (build, start-up and load, simulate, reports);
// - profile: 100 draws of the throughput run in this process under the CPU profiler, the share of
//   simulation time per stage (policy selection, 亩均 evaluation, dynamics and accounting, …).
//
// BENCH_DIST=<folder> measures another build (e.g. an older commit's dist/) with the same script;
// BENCH_BEFORE=<folder> adds a before/after part: that build's simulation and this one's, 10 draws
// each in turn, so both see the same machine (a shared machine's speed drifts by tens of per cent
// between runs a minute apart), in several processes (scripts/bench-before-after.mjs), since one
// process's JIT alone moves the ratio by tens of per cent;
// - serve: dcsim serve's live what-if — a lever moved 20 times on the shipped scenario at 200 draws,
//   the time from the change's request to the scorecard's answer (P50, P90), after one warm-up;
// BENCH_PARTS=throughput,scaling,memory,start,profile,before-after,serve picks parts (default: all).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { runKernel } from './bench-kernel.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'outputs/bench');
const dist = resolve(process.env.BENCH_DIST ?? join(root, 'dist'));
const cli = join(dist, 'cli/bin.js');
const parts = new Set((process.env.BENCH_PARTS ?? 'throughput,scaling,memory,start,profile,before-after,serve').split(','));
mkdirSync(out, { recursive: true });
const dcsim = (...args) => execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const seconds = (t0) => (performance.now() - t0) / 1000;
const M = (x) => `${(x / 1e6).toFixed(2)} M/s`;

/** The synthetic registry of n firms (made once) and a scenario running the shipped mix on it. */
function scenarioFor(n, end = 2030) {
  const file = join(out, `synthetic-${n}.csv`);
  if (!existsSync(file)) dcsim('synth', '--aggregates', 'models/aggregates/zhenhai-2020.yaml', '--enterprises', String(n), '--seed', '1', '--out', file);
  const scenario = join(out, `bench-${n}-${end}.yaml`);
  writeFileSync(scenario, `extends: ../../scenarios/zhenhai-2025.yaml\nname: bench-${n}\nregistry: synthetic-${n}.csv\nperiod: { base: 2020, end: ${end} }\n`);
  return scenario;
}

/** Where a profiled function belongs, by its file under dist/ (first match wins). */
const STAGES = [
  ['policy selection and dispositions', /\/policies\/|\/ledger\/|engine\/state\.js/],
  ['亩均 evaluation', /\/evaluation\//],
  ['dynamics, accounting and metrics', /engine\/(dynamics|metrics)\.js|\/accounting\/|\/economy\//],
  ['draw set-up (base year, samplers, streams)', /engine\/(simulate|sector-param)\.js|\/random\/|\/scenario\//],
  ['garbage collection', /^\(garbage collector\)$/],
];

/** Runs `draws` draws of a scenario in this process under the CPU profiler; returns the share of time per stage. */
async function profileStages(scenario, draws) {
  const { loadScenario } = await import(join(dist, 'io/scenario-load.js'));
  const { createSimulation } = await import(join(dist, 'engine/simulate.js'));
  const { Session } = await import('node:inspector/promises');
  const { value } = await loadScenario(scenario, undefined, {});
  const sim = createSimulation({ scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation });
  const values = new Float64Array(sim.drawSize);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let d = 0; d < draws; d++) sim.runDraw(value.scenario.monteCarlo.seed, d, values, 0, false);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { url, functionName } = byNode.get(id).callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    if (functionName === '(idle)' || functionName === '(program)') return;
    const stage = STAGES.find(([, re]) => re.test(url) || re.test(functionName))?.[0] ?? 'other';
    time.set(stage, (time.get(stage) ?? 0) + dt);
    total += dt;
  });
  const stages = Object.fromEntries([...STAGES.map(([s]) => s), 'other'].map((s) => [s, +((time.get(s) ?? 0) / total).toFixed(3)]));
  return { total_ms: Math.round(total / 1000), stages };
}

/**
 * The `before` build against this one, in `processes` processes (scripts/bench-before-after.mjs;
 * which build runs first alternates) of `rounds` × 10 draws each in turn: each process's speed-up
 * is the median of its rounds' ratios (the before build's time over this one's); returned are their
 * geometric mean and each one, and the speeds of both builds over every round.
 */
function beforeAfter(before, scenario, processes, rounds) {
  const script = join(root, 'scripts/bench-before-after.mjs');
  const median = (x) => {
    const v = [...x].sort((p, q) => p - q);
    return (v[(v.length - 1) >> 1] + v[v.length >> 1]) / 2;
  };
  const speedups = [];
  const total = { before: 0, after: 0 };
  let ey = 0;
  for (let p = 0; p < processes; p++) {
    const afterFirst = p % 2 === 1;
    const order = afterFirst ? [dist, before] : [before, dist];
    const r = JSON.parse(execFileSync(process.execPath, [script, ...order, scenario, String(rounds)], { cwd: root, encoding: 'utf8' }));
    const [beforeTimes, afterTimes] = afterFirst ? [r.seconds[1], r.seconds[0]] : r.seconds;
    speedups.push(median(beforeTimes.map((x, i) => x / afterTimes[i])));
    total.before += beforeTimes.reduce((x, y) => x + y, 0);
    total.after += afterTimes.reduce((x, y) => x + y, 0);
    ey += r.ey_per_draw[0] * 10 * rounds;
  }
  const geomean = Math.exp(speedups.reduce((x, y) => x + Math.log(y), 0) / processes);
  return {
    processes,
    rounds,
    before_ey_per_s: Math.round(ey / total.before),
    after_ey_per_s: Math.round(ey / total.after),
    speedup: +geomean.toFixed(2),
    by_process: speedups.map((x) => +x.toFixed(2)),
  };
}

/** One `dcsim run` without charts: wall time, the manifest's simulate time and speed, peak RSS (or why it failed). */
/**
 * dcsim serve's latency: the server in this process on a free port, the shipped scenario opened,
 * then the village clean-up's firms a year moved `changes` times, each preview awaited before the
 * next (a slider moved and let go): the time of each request until its scorecard is back.
 */
async function serveLatency(changes, draws) {
  const { startServer } = await import(join(dist, 'serve/server.js'));
  const workers = Math.min(2, availableParallelism());
  const wb = await startServer({ port: 0, workers, lang: 'zh' });
  try {
    const api = async (path, body) => {
      const res = await fetch(`http://127.0.0.1:${wb.port}${path}`, {
        method: 'POST',
        headers: { 'x-dcsim-token': wb.token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
      return json;
    };
    let t0 = performance.now();
    const { form } = await api('/api/open', { scenario: 'zhenhai-2025' });
    const open_ms = Math.round(performance.now() - t0);
    const lever = form.policies.find((p) => p.type === 'village_cleanup').levers.find((l) => l.key === 'per_year');
    t0 = performance.now();
    await api('/api/preview', { edits: { set: [], off: [] }, draws });
    const first_ms = Math.round(performance.now() - t0);
    const times = [];
    for (let i = 1; i <= changes; i++) {
      t0 = performance.now();
      const r = await api('/api/preview', { edits: { set: [{ path: lever.path, value: lever.base - 2 * i }], off: [] }, draws });
      times.push(performance.now() - t0);
      if (!r.targets?.length) throw new Error('a preview without targets');
    }
    times.sort((a, b) => a - b);
    const q = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]);
    return { draws, workers, changes, years: form.period.end - form.period.base, open_ms, first_ms, p50_ms: q(0.5), p90_ms: q(0.9), max_ms: Math.round(times.at(-1)) };
  } finally {
    await wb.close();
  }
}

function run(scenario, draws, workers, years, firms) {
  const dir = join(out, `run-${firms}-${workers}w-${draws}`);
  const peakFile = join(out, 'peak-rss.txt');
  const t0 = performance.now();
  try {
    execFileSync(
      process.execPath,
      ['--require', join(root, 'scripts/peak-rss.cjs'), cli, 'run', scenario, '--draws', String(draws), '--workers', String(workers), '--quiet', '--force', '--no-charts', '--out', dir],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_PEAK_FILE: peakFile } },
    );
  } catch (e) {
    return { firms, years, draws, workers, failed: String(e.message).split('\n')[0] };
  }
  const wall = seconds(t0);
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const ey = firms * years * draws;
  return {
    firms,
    years,
    draws,
    workers,
    wall_s: +wall.toFixed(2),
    load_s: m.timings_ms.load / 1000,
    simulate_s: m.timings_ms.simulate / 1000,
    simulate_ey_per_s: m.enterprise_years_per_second,
    process_ey_per_s: Math.round(ey / wall),
    // the whole process's peak, the reports included (the manifest's is the peak before the reports)
    peak_rss_mb: Math.round(Number(readFileSync(peakFile, 'utf8')) / 1024),
    peak_rss_draws_mb: m.peak_rss_mb,
  };
}

const result = {
  measured: new Date().toISOString(),
  dist,
  machine: { cpu: cpus()[0]?.model, cores: availableParallelism(), memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
};
const lines = [`machine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memory_gb} GB, node ${result.machine.node}`];

if (parts.has('throughput')) {
  const s = scenarioFor(10000);
  const one = run(s, 1000, 1, 10, 10000);
  const two = run(s, 1000, 2, 10, 10000);
  const kernel = runKernel(10000, 10, 200);
  result.throughput = { one_worker: one, two_workers: two, speedup: +(one.simulate_s / two.simulate_s).toFixed(2), kernel_ey_per_s: Math.round(kernel) };
  lines.push(
    '10,000 firms × 10 years × 1,000 draws | simulate | simulate speed | whole process | process speed | peak RSS',
    ...[one, two].map(
      (r) => `  ${r.workers} worker${r.workers > 1 ? 's' : ''} | ${r.simulate_s.toFixed(1)} s | ${M(r.simulate_ey_per_s)} | ${r.wall_s.toFixed(1)} s | ${M(r.process_ey_per_s)} | ${r.peak_rss_mb} MB`,
    ),
    `  speed-up of 2 workers over 1: ${result.throughput.speedup}×`,
    `  minimal typed-array kernel, same shape of work, this process: ${M(kernel)} (dcsim on 1 worker: ${((100 * one.simulate_ey_per_s) / kernel).toFixed(0)} % of it)`,
  );
  // What the whole-process goals ask of the draws: the time left for them once this run's time
  // outside them (start-up, load, reports) is taken off, as a speed per simulation thread beside the kernel's
  result.throughput.goals = [
    [one, 9e6],
    [two, 16e6],
  ].map(([r, goal]) => {
    const ey = r.firms * r.years * r.draws;
    const outside_s = +(r.wall_s - r.simulate_s).toFixed(2);
    const left_s = ey / goal - outside_s;
    const perThread = left_s > 0 ? ey / left_s / r.workers : Infinity;
    return { workers: r.workers, goal_ey_per_s: goal, outside_draws_s: outside_s, draws_per_thread_ey_per_s: Math.round(perThread), of_kernel: +(perThread / kernel).toFixed(2) };
  });
  lines.push(
    ...result.throughput.goals.map(
      (g) =>
        `  goal ${M(g.goal_ey_per_s)} whole process on ${g.workers} worker${g.workers > 1 ? 's' : ''}: with this run's ${g.outside_draws_s.toFixed(1)} s outside the draws, each simulation thread must draw ${Number.isFinite(g.draws_per_thread_ey_per_s) ? `${M(g.draws_per_thread_ey_per_s)} (${(100 * g.of_kernel).toFixed(0)} % of the kernel)` : 'in no time (unreachable)'}`,
    ),
  );
}

if (parts.has('scaling')) {
  // 10 M enterprise-years at each size, so the times compare directly
  const rows = [
    [1000, 1000],
    [10000, 100],
    [100000, 10],
  ].map(([n, draws]) => run(scenarioFor(n), draws, 1, 10, n));
  // time per draw ∝ n^b: with n × draws fixed, simulate time ∝ n^(b − 1)
  const b = 1 + Math.log(rows[2].simulate_s / rows[0].simulate_s) / Math.log(rows[2].firms / rows[0].firms);
  result.scaling = { runs: rows, exponent: +b.toFixed(3) };
  lines.push(
    'scaling, 1 worker, 10 M enterprise-years each | simulate | speed',
    ...rows.map((r) => `  ${r.firms.toLocaleString('en')} firms × ${r.draws} draws | ${r.simulate_s.toFixed(1)} s | ${M(r.simulate_ey_per_s)}`),
    `  time per draw ∝ firms^${b.toFixed(2)}`,
  );
}

if (parts.has('memory')) {
  const big = run(scenarioFor(100000), 100, 2, 10, 100000);
  const huge = run(scenarioFor(1000000, 2025), 20, 2, 5, 1000000);
  result.memory = { firms_100k: big, firms_1m: huge };
  lines.push(
    'memory, 2 workers | load | simulate | speed | peak RSS, whole run (during the draws)',
    ...[big, huge].map((r) =>
      r.failed
        ? `  ${r.firms.toLocaleString('en')} firms × ${r.years} years × ${r.draws} draws | failed: ${r.failed}`
        : `  ${r.firms.toLocaleString('en')} firms × ${r.years} years × ${r.draws} draws | ${r.load_s.toFixed(1)} s | ${r.simulate_s.toFixed(1)} s | ${M(r.simulate_ey_per_s)} | ${r.peak_rss_mb} MB (${r.peak_rss_draws_mb} MB)`,
    ),
  );
}

if (parts.has('start')) {
  // npm start as a user types it (the build, with nothing to rebuild, then the run), timed whole; then the
  // run alone once more for its breakdown (its own summary line gives its total)
  const dir = join(out, 'npm-start');
  let npmStart = Number.NaN;
  let build = Number.NaN;
  if (!process.env.BENCH_DIST) {
    let t0 = performance.now();
    execFileSync('npm', ['start', '--silent', '--', '--lang', 'en', '--force', '--out', dir], { cwd: root, stdio: 'ignore' });
    npmStart = seconds(t0);
    t0 = performance.now();
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
    build = seconds(t0);
  }
  const t0 = performance.now();
  const text = dcsim('run', 'scenarios/zhenhai-2025.yaml', '--lang', 'en', '--force', '--out', dir);
  const wall = seconds(t0);
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const total = Number(/total ([\d.]+) s/.exec(text)?.[1]);
  const load = m.timings_ms.load / 1000;
  const simulate = m.timings_ms.simulate / 1000;
  result.npm_start = {
    npm_start_s: +npmStart.toFixed(2),
    build_s: +build.toFixed(2),
    startup_s: +(wall - total).toFixed(2),
    load_s: load,
    simulate_s: simulate,
    reports_s: +(total - load - simulate).toFixed(2),
    run_wall_s: +wall.toFixed(2),
  };
  const r = result.npm_start;
  lines.push(
    `npm start (1,000 firms, 1,000 draws, 2021–2025, charts and reports): ${r.npm_start_s} s as typed; npm run build alone ${r.build_s} s, the run alone ${r.run_wall_s} s` +
      ` (start-up ${r.startup_s} s, load ${r.load_s} s, simulate ${r.simulate_s} s, reports ${r.reports_s} s)`,
  );
}

if (parts.has('profile')) {
  const p = await profileStages(scenarioFor(10000), 100);
  result.profile = p;
  lines.push(
    `profile, 10,000 firms × 10 years × 100 draws in one thread (${(p.total_ms / 1000).toFixed(1)} s under the profiler) | share | time`,
    ...Object.entries(p.stages).map(([stage, share]) => `  ${stage} | ${(share * 100).toFixed(0)} % | ${((share * p.total_ms) / 1000).toFixed(2)} s`),
  );
}

if (parts.has('before-after') && process.env.BENCH_BEFORE) {
  const before = resolve(process.env.BENCH_BEFORE);
  const r = beforeAfter(before, scenarioFor(10000), 6, 6);
  result.before_after = { before, ...r };
  lines.push(
    `before/after, 10,000 firms × 10 years, in one thread, ${r.processes} processes of ${r.rounds} rounds of 10 draws each in turn, the builds' order alternating (before: ${before})`,
    `  before ${M(r.before_ey_per_s)} | after ${M(r.after_ey_per_s)} | ${r.speedup}× (geometric mean of the processes' medians; processes ${r.by_process.join('×, ')}×)`,
  );
}

if (parts.has('serve')) {
  const r = await serveLatency(20, 200);
  result.serve = r;
  lines.push(
    `serve, zhenhai-2025 (${r.years} years) at ${r.draws} draws on ${r.workers} workers: a lever moved ${r.changes} times, change → scorecard`,
    `  P50 ${r.p50_ms} ms | P90 ${r.p90_ms} ms | slowest ${r.max_ms} ms (open ${r.open_ms} ms, first preview ${r.first_ms} ms)`,
  );
}

writeFileSync(join(out, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
for (const l of lines) console.log(l);
console.log(`written to ${join(out, 'bench.json')}`);
