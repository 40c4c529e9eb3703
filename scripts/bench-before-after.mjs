#!/usr/bin/env node
// One process of `npm run bench`'s before/after part (scripts/bench.mjs runs several):
//
//   node scripts/bench-before-after.mjs <first dist/> <second dist/> <scenario> <rounds>
//
// builds the scenario's simulation with each build, warms both up (10 draws each), then runs
// `rounds` × 10 draws of the first and of the second in turn, so both see the same machine. Prints
// JSON: each build's draws' time (s) per round and its enterprise-years. In one process each build's
// code is compiled by V8 its own way (which functions are inlined, where on-stack replacement
// happens), and that alone moved a process's ratio between the same two builds from 0.8× to 1.3×,
// so the bench runs several processes, the builds' order alternating, and reports their spread.
import { join, resolve } from 'node:path';

const [first, second, scenario, rounds] = process.argv.slice(2);

/** A simulation of the scenario built by the code in `dir` (a dist/ folder). */
async function simulationOf(dir) {
  const { loadScenario } = await import(join(resolve(dir), 'io/scenario-load.js'));
  const { createSimulation } = await import(join(resolve(dir), 'engine/simulate.js'));
  const { value } = await loadScenario(scenario, undefined, {});
  const sim = createSimulation({ scenario: value.scenario, table: value.registry.table, factors: value.factors, evaluation: value.evaluation });
  return { sim, seed: value.scenario.monteCarlo.seed, ey: value.registry.table.n * (value.scenario.period.end - value.scenario.period.base) };
}

/** The time of 10 draws from `from` on, s. */
function time({ sim, seed }, from) {
  const values = new Float64Array(sim.drawSize);
  const t0 = performance.now();
  for (let d = from; d < from + 10; d++) sim.runDraw(seed, d, values, 0, false);
  return (performance.now() - t0) / 1000;
}

const a = await simulationOf(first);
const b = await simulationOf(second);
time(a, 0); // warm-up of both
time(b, 0);
const seconds = [[], []];
for (let r = 0; r < Number(rounds); r++) {
  seconds[0].push(time(a, 10 * r));
  seconds[1].push(time(b, 10 * r));
}
process.stdout.write(JSON.stringify({ ey_per_draw: [a.ey, b.ey], seconds }));
