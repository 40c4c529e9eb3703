import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
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
