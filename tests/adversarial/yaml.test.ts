import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeScenario, shown } from '../../src/io/scenario-load.js';
import { MAX_YAML_ALIAS_COUNT, MAX_YAML_DEPTH } from '../../src/io/yaml-source.js';
import { msg } from '../../src/messages/messages.js';
import { setByPath } from '../../src/scenario/vary-path.js';
import { cli, dcsim, scenarioFile, SCENARIO_HEAD, snapshot, STACK, tempFiles } from './scenario-kit.js';

/** A billion laughs: each level repeats the one before nine times (9⁹ strings). */
function aliasBomb(levels = 9): string {
  const lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `lol${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

const polluted = () => (({}) as Record<string, unknown>).polluted;

describe('hostile YAML (issue #9, medium items)', { timeout: 60_000 }, () => {
  it('an alias bomb is exit 2 at the first alias, not an internal error; nothing written (built CLI)', async () => {
    const { dir } = await scenarioFile(aliasBomb());
    const before = await snapshot(dir);
    const r = dcsim(dir, 'run', 'scenario.yaml', '--out', join(dir, 'out'), '--workers', '0', '--no-charts');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(STACK);
    expect(r.firstLine).toBe(`scenario.yaml:8:12: ${msg.yamlAliasBomb(MAX_YAML_ALIAS_COUNT)}`);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a few aliases are still fine', async () => {
    const { file } = await scenarioFile('constants: &c { a: 0.01 }\ngrowth: { efficiency_gain: 0.01 }\nx_unused: *c');
    const r = await cli('validate', file);
    expect(r.firstLine).toMatch(/unknown key 'x_unused'/);
  });

  it('10,000-deep nesting is a clear message, not "Maximum call stack size exceeded"', async () => {
    for (const body of [
      `constants: ${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      // 1,000 indented levels (10,000 would pass the 1 MB cap on scenario files, refused before parsing)
      `constants:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')} 1`,
      `constants: ${'['.repeat(MAX_YAML_DEPTH + 1)}${']'.repeat(MAX_YAML_DEPTH + 1)}`,
    ]) {
      const { dir, file } = await scenarioFile(body);
      const before = await snapshot(dir);
      const r = await cli('run', file, '--out', join(dir, 'out'), '--workers', '0', '--no-charts');
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/call stack/);
      expect(r.firstLine).toMatch(new RegExp(`^${shown(file).replace(/[.\\]/g, '\\$&')}:\\d+:\\d+: `));
      expect(r.firstLine.endsWith(msg.yamlTooDeep(MAX_YAML_DEPTH))).toBe(true);
      expect(await snapshot(dir)).toEqual(before);
    }
  });

  for (const [body, line, col, key] of [
    ['__proto__: { polluted: 1 }', 7, 1, '__proto__'],
    ['constants:\n  constructor: 1', 8, 3, 'constructor'],
    ['growth:\n  value_added: { prototype: 0.05 }', 8, 18, 'prototype'],
    ['policies:\n  - { type: village_cleanup, __proto__: { polluted: 1 }, dispositions: { close: { share: 1 } } }', 8, 30, '__proto__'],
  ] as const) {
    it(`refuses the key ${key} (${body.split('\n')[0]}) at its line and column, never applied`, async () => {
      const { dir, file } = await scenarioFile(body);
      const before = await snapshot(dir);
      const r = await cli('run', file, '--out', join(dir, 'out'), '--workers', '0', '--no-charts');
      expect(r.code).toBe(2);
      expect(r.firstLine).toBe(`${shown(file)}:${line}:${col}: ${msg.reservedKey(key)}`);
      expect(polluted()).toBeUndefined();
      expect(await snapshot(dir)).toEqual(before);
    });
  }

  it('refuses a reserved key in an extends parent at the parent’s line', async () => {
    const dir = await tempFiles({
      'parent.yaml': `${SCENARIO_HEAD}\nconstants:\n  __proto__: { polluted: 1 }\n`,
      'child.yaml': 'extends: parent.yaml\nname: child\n',
    });
    const r = await cli('validate', join(dir, 'child.yaml'));
    expect(r.code).toBe(2);
    expect(r.firstLine).toBe(`${shown(join(dir, 'parent.yaml'))}:8:3: ${msg.reservedKey('__proto__')}`);
    expect(polluted()).toBeUndefined();
  });

  it('merging never reaches a prototype, whatever the keys', () => {
    const child = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}') as unknown;
    const out = mergeScenario({ constants: { a: 1 } }, child) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(polluted()).toBeUndefined();
  });

  it('--vary paths through __proto__, constructor or prototype are refused and change nothing', async () => {
    for (const path of [
      'constructor.prototype.polluted',
      '__proto__.polluted',
      'growth.constructor.prototype.polluted',
      'growth.__proto__',
    ]) {
      const merged = { growth: {}, constants: {} };
      expect(setByPath(merged, path, 1), path).toMatch(/^--vary /);
      expect(polluted()).toBeUndefined();
    }
    const { dir, file } = await scenarioFile(
      'targets:\n  - { id: cap, metric: energy_tce, kind: level, year: 2022, at_most: 1.0e9 }\ngrowth: { efficiency_gain: 0.01 }',
    );
    const before = await snapshot(dir);
    const args = ['--target', 'cap', '--min', '0', '--max', '1', '--out', join(dir, 'seek'), '--workers', '0', '--draws', '2'];
    const r = await cli('seek', file, '--vary', 'constructor.prototype.polluted', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg.badVaryPath('constructor.prototype.polluted', 'constructor'));
    expect(polluted()).toBeUndefined();
    expect(await snapshot(dir)).toEqual(before);
  });
});
