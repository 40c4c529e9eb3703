import { ImpossibleValue } from '../domain/impossible-value.js';
import { parentPort } from 'node:worker_threads';
import { createSimulation, type Simulation } from '../engine/simulate.js';
import type { EngineEvent } from '../engine/state.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { faultMessage } from './runner-faults.js';
import { fromTransfer } from './transfer.js';

/**
 * A simulation worker: builds the simulation once from the shared input, then runs the batches
 * of draws it is sent and returns only their metric rows (and the events of the recorded draw).
 */
const port = parentPort!;
let sim: Simulation | undefined;

port.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    try {
      sim = createSimulation(fromTransfer(m.input));
    } catch (e) {
      // the main thread no longer builds the simulation first: a failure to build it is reported like a draw's (before any draw)
      port.postMessage({
        type: 'error',
        run: m.run,
        draw: -1,
        message: (e as Error).message,
        stack: (e as Error).stack,
        input: e instanceof ImpossibleValue,
      } satisfies FromWorker);
      return;
    }
    port.postMessage({ type: 'ready', run: m.run } satisfies FromWorker);
    return;
  }
  const values = new Float64Array(m.draws.length * sim!.drawSize);
  const P = sim!.paramNames.length;
  const params = new Float64Array(m.draws.length * P);
  let events: readonly EngineEvent[] | undefined;
  let current = -1;
  try {
    m.draws.forEach((d, i) => {
      current = d;
      if (d === m.failAtDraw) throw new Error(faultMessage(d));
      const ev = sim!.runDraw(m.seed, d, values, i * sim!.drawSize, d === m.recordDraw, params, i * P);
      if (ev) events = ev;
    });
  } catch (e) {
    const input = e instanceof ImpossibleValue;
    port.postMessage({
      type: 'error',
      run: m.run,
      draw: current,
      message: (e as Error).message,
      stack: (e as Error).stack,
      input,
    } satisfies FromWorker);
    return;
  }
  const labels = events ? { ids: sim!.state.ids, names: sim!.state.names } : {};
  // copied, not transferred: transferring detaches the buffers, and the first buffer an isolate
  // detaches invalidates V8's array-buffer-detaching protector, after which its optimized code
  // checks every typed-array access for detachment — this thread's draws ran 25–35 % slower for it
  // (README, speed 0.11). A batch's rows are a few hundred KB: the copy costs well under a millisecond.
  port.postMessage({ type: 'result', run: m.run, start: m.start, draws: m.draws, values, params, events, ...labels } satisfies FromWorker);
});
