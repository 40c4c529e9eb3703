import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { scenarioDir, SCENARIO } from './fixture.js';

const withPath = (path: string) =>
  SCENARIO.replace(
    '{ id: vacated-2025, label: 腾出用能, metric: vacated_energy_tce, kind: cumulative, year: 2025, at_least: 400 }',
    `{ id: vacated-2025, label: 腾出用能, metric: vacated_energy_tce, kind: cumulative, year: 2025, at_least: 400, path: ${path} }`,
  );

describe('targets: path', () => {
  it('resolves a given plan path, sorted by year', async () => {
    const dir = await scenarioDir(withPath('{ 2023: 250, 2022: 100 }'));
    const { value, diagnostics } = await loadScenario(join(dir, 's.yaml'), undefined, { actuals: null });
    expect(diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(value!.scenario.targets[0].path).toEqual([
      { year: 2022, value: 100 },
      { year: 2023, value: 250 },
    ]);
    expect(value!.scenario.targets[1].path).toBeUndefined();
  });
  it('refuses a path year outside the period, naming the field', async () => {
    const dir = await scenarioDir(withPath('{ 2030: 100 }'));
    const { value, diagnostics } = await loadScenario(join(dir, 's.yaml'), undefined, { actuals: null });
    expect(value).toBeUndefined();
    const text = diagnostics.map((d) => `${JSON.stringify(d)}`).join('\n');
    expect(text).toContain(msg.yearOutsidePeriod(2030, 2020, 2025, 'path year'));
  });
});
