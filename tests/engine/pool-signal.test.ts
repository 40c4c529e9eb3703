import { EventEmitter, getEventListeners } from 'node:events';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { simulationShape } from '../../src/engine/simulate.js';
import type { FromWorker, ToWorker } from '../../src/parallel/protocol.js';
import { runDraws, WorkerPool } from '../../src/parallel/runner.js';
import { FIXTURES } from '../helpers.js';

describe('a worker pool reused by many runs (seek, compare)', { timeout: 60_000 }, () => {
  it('leaves no abort listener behind (11 runs of a seek printed MaxListenersExceededWarning)', async () => {
    const { value } = await loadScenario(join(FIXTURES, 'scenario-small.yaml'));
    const input = { scenario: value!.scenario, table: value!.registry.table, factors: value!.factors, evaluation: value!.evaluation };
    const abort = new AbortController();
    const pool = new WorkerPool(2);
    try {
      for (let i = 0; i < 3; i++) await runDraws(input, { seed: 1, draws: [0, 1], workers: 2, recordDraw: -1, signal: abort.signal }, pool);
    } finally {
      await pool.close();
    }
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
  });
});

/**
 * A thread that answers as the real worker does (src/parallel/worker.ts), each draw's rows filled
 * with draw + 1, its 'ready' held back until `release()` when it is slow.
 */
class ScriptedThread extends EventEmitter {
  private held: (() => void)[] = [];
  constructor(
    private readonly drawSize: number,
    private slow: boolean,
  ) {
    super();
  }
  postMessage(m: ToWorker): void {
    const answer = (a: FromWorker) => setImmediate(() => this.emit('message', a));
    if (m.type === 'init') {
      const ready = () => answer({ type: 'ready', run: m.run });
      if (this.slow) this.held.push(ready);
      else ready();
      return;
    }
    const values = new Float64Array(m.draws.length * this.drawSize);
    m.draws.forEach((d, i) => values.fill(d + 1, i * this.drawSize, (i + 1) * this.drawSize));
    answer({ type: 'result', run: m.run, start: m.start, draws: m.draws, values, params: new Float64Array(0) });
  }
  release(): void {
    this.slow = false;
    for (const f of this.held.splice(0)) f();
  }
  async terminate(): Promise<number> {
    return 0;
  }
}

describe('a worker pool whose thread answers late', { timeout: 60_000 }, () => {
  it("ignores a thread's 'ready' left over from the run before (compare saw one draw of zeros: that thread got two batches)", async () => {
    const { value } = await loadScenario(join(FIXTURES, 'scenario-small.yaml'));
    const input = { scenario: value!.scenario, table: value!.registry.table, factors: value!.factors, evaluation: value!.evaluation };
    const { drawSize, paramNames } = simulationShape(input);
    expect(paramNames).toHaveLength(0); // the scripted threads return no per-draw numbers
    const threads = [new ScriptedThread(drawSize, false), new ScriptedThread(drawSize, true)];
    let k = 0;
    const pool = new WorkerPool(2, () => threads[k++] as unknown as Worker);
    const rows = (values: Float64Array) => Array.from({ length: values.length / drawSize }, (_, i) => values[i * drawSize]);
    try {
      // the first thread draws all four draws while the second is still building the simulation
      const first = await runDraws(input, { seed: 1, draws: [0, 1, 2, 3], workers: 2, recordDraw: -1 }, pool);
      expect(rows(first.values)).toEqual([1, 2, 3, 4]);
      // the second thread's 'ready' of the first run now arrives during the second run
      const second = runDraws(input, { seed: 1, draws: [0, 1, 2, 3], workers: 2, recordDraw: -1 }, pool);
      threads[1].release();
      expect(rows((await second).values)).toEqual([1, 2, 3, 4]);
    } finally {
      await pool.close();
    }
  });
});
