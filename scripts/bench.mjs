#!/usr/bin/env node
// npm run bench — the standard benchmark (DESIGN §7, issue "Monte Carlo at speed"):
// the zhenhai-2025 policy mix over 2021–2030 on the synthetic 10,000-firm registry with 1,000
// draws (1 and 2 workers), the 100,000-firm registry with 100 draws (memory), and `npm start`'s
// run (1,000-firm registry, 1,000 draws) from start-up to exit. Figures go to outputs/bench/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'outputs/bench');
const cli = join(root, 'dist/cli/bin.js');
mkdirSync(out, { recursive: true });
const dcsim = (...args) => execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

function registry(n) {
  const file = join(out, `synthetic-${n}.csv`);
  if (!existsSync(file)) dcsim('synth', '--aggregates', 'models/aggregates/zhenhai-2020.yaml', '--enterprises', String(n), '--seed', '1', '--out', file);
  const scenario = join(out, `bench-${n}.yaml`);
  writeFileSync(scenario, `extends: ../../scenarios/zhenhai-2025.yaml\nname: bench-${n}\nregistry: synthetic-${n}.csv\nperiod: { base: 2020, end: 2030 }\n`);
  return scenario;
}

function run(scenario, draws, workers) {
  const dir = join(out, `run-${workers}w-${draws}`);
  const t0 = performance.now();
  dcsim('run', scenario, '--draws', String(draws), '--workers', String(workers), '--quiet', '--force', '--no-charts', '--out', dir);
  const wallS = (performance.now() - t0) / 1000;
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return { draws, workers, wall_s: +wallS.toFixed(2), simulate_s: m.timings_ms.simulate / 1000, enterprise_years_per_s: m.enterprise_years_per_second, peak_rss_mb: m.peak_rss_mb };
}

const s10k = registry(10000);
const s100k = registry(100000);
const one = run(s10k, 1000, 1);
const two = run(s10k, 1000, 2);
const big = run(s100k, 100, 2);
const t0 = performance.now();
execFileSync('npm', ['start', '--silent'], { cwd: root, stdio: 'ignore' });
const startS = (performance.now() - t0) / 1000;

const result = {
  measured: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: availableParallelism(), memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
  standard_10k_1000_draws: { one_worker: one, two_workers: two, speedup: +(one.simulate_s / two.simulate_s).toFixed(2) },
  memory_100k_100_draws: big,
  npm_start_wall_s: +startS.toFixed(2),
};
writeFileSync(join(out, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
const rows = [
  ['10,000 firms × 10 years × 1,000 draws, 1 worker', `${one.simulate_s.toFixed(1)} s`, `${(one.enterprise_years_per_s / 1e6).toFixed(2)} M/s`, `${one.peak_rss_mb} MB`],
  ['same, 2 workers', `${two.simulate_s.toFixed(1)} s`, `${(two.enterprise_years_per_s / 1e6).toFixed(2)} M/s`, `${two.peak_rss_mb} MB`],
  ['100,000 firms × 10 years × 100 draws, 2 workers', `${big.simulate_s.toFixed(1)} s`, `${(big.enterprise_years_per_s / 1e6).toFixed(2)} M/s`, `${big.peak_rss_mb} MB`],
];
console.log(`machine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memory_gb} GB, node ${result.machine.node}`);
for (const r of rows) console.log(r.join(' | '));
console.log(`speed-up of 2 workers over 1: ${result.standard_10k_1000_draws.speedup}×`);
console.log(`npm start (1,000 firms, 1,000 draws, 2021–2025, charts and reports, incremental build) wall time: ${result.npm_start_wall_s} s`);
console.log(`written to ${join(out, 'bench.json')}`);
