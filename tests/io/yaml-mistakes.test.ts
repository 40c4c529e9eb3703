import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/domain/diagnostic.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { parseYaml } from '../../src/io/yaml-source.js';
import { msg } from '../../src/messages/messages.js';
import { POLICY_MODULES } from '../../src/policies/index.js';
import { FIXTURES, ROOT } from '../helpers.js';

/** A scenario head that names the test registry and the shipped factors and evaluation (lines 1–5). */
const HEAD = `name: t
registry: ${join(FIXTURES, 'registry-small.csv')}
factors: ${join(ROOT, 'models/factors/china.yaml')}
evaluation: ${join(ROOT, 'models/evaluation/zhejiang-mujun.yaml')}
period: { base: 2020, end: 2025 }
`;

async function load(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-yaml-'));
  await writeFile(join(dir, 'a.yaml'), text);
  return loadScenario(join(dir, 'a.yaml'), POLICY_MODULES);
}

/** `[file, line, column, message]` of each error. */
const where = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.severity !== 'warning').map((d) => [d.file?.split('/').pop(), d.line, d.column, d.message]);

describe('YAML slips Chinese users make (issue #14 §13)', () => {
  it('a full-width colon after a key: one sentence at the colon', async () => {
    const r = await load(`${HEAD}draws：100\n`);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 6, 6, msg.yamlFullWidthColon('draws')]]);
  });

  it('a full-width colon inside a flow map and after a list dash', () => {
    expect(parseYaml('a: { b: 1, at_least：2 }\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 20, msg.yamlFullWidthColon('at_least')],
    ]);
    expect(parseYaml('a:\n  - id：x\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column])).toEqual([[2, 7]]);
  });

  it('a full-width colon in text, a quoted string or a comment is left alone', () => {
    const r = parseYaml('title: 镇海：2025\nnote: "a：b"\n# 说明：x\nc: 1 # d：e\n', 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.source?.value).toEqual({ title: '镇海：2025', note: 'a：b', c: 1 });
  });

  it('full-width spaces as indentation or after a colon', async () => {
    // without the check `　　draws: 1` silently became a key named "　　draws"
    const r = await load(`${HEAD}targets:\n\u3000\u3000- id: x\n`);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 7, 1, msg.yamlFullWidthSpace()]]);
    expect(parseYaml('draws:\u3000100\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 7, msg.yamlFullWidthSpace()],
    ]);
    expect(parseYaml('draws\u3000: 100\n', 'f.yaml').diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 6]]);
    // inside text it is text
    expect(parseYaml('title: 镇海\u30002025\n', 'f.yaml').diagnostics).toEqual([]);
  });

  it('30,000 in block style is the text "30,000": refused with the number to write', () => {
    const r = parseYaml('t:\n  at_least: 30,000\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[2, 13, msg.yamlThousands('30,000')]]);
  });

  it('30,000 in a flow map splits into at_least: 30 and a key 000: refused, not run with 30', () => {
    // what the yaml library makes of it without the check: { at_least: 30, '0': null }
    const r = parseYaml('t: { at_least: 30,000 }\nu: { at_most: 1,234,567.5 }\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 16, msg.yamlThousands('30,000')],
      [2, 15, msg.yamlThousands('1,234,567')],
    ]);
    // a list of small numbers is not a slip
    expect(parseYaml('clip: [0,100]\n', 'f.yaml').diagnostics).toEqual([]);
  });

  it('a key indented one space too few', async () => {
    const r = await load(`${HEAD}growth:\n  value_added: 0.05\n output: 0.05\n`);
    expect(where(r.diagnostics)).toEqual([['a.yaml', 8, 1, msg.yamlIndentSlip(1, [2, 0])]]);
  });

  it('a key indented one space too many', () => {
    const r = parseYaml('period:\n  base: 2020\n   end: 2025\ndraws: 5\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[3, 1, msg.yamlIndentSlip(3, [2])]]);
  });

  it('a slip inside a list item', () => {
    const r = parseYaml('targets:\n  - id: a\n    year: 2025\n   metric: x\n', 'f.yaml');
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[4, 1, msg.yamlIndentSlip(3, [4, 2])]]);
  });

  it('a correct file with lists, block text and comments has no slips', () => {
    const text = 'a:\n  - id: x\n    b: 1\n  - id: y\nnote: |\n   free text：here\n    more\nc:\n    deep: 1\n# end\n';
    expect(parseYaml(text, 'f.yaml').diagnostics).toEqual([]);
  });
});
