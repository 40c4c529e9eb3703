import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/domain/diagnostic.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { msg } from '../../src/messages/messages.js';
import { setByPath } from '../../src/scenario/vary-path.js';
import { runText, STILL } from '../engine/run-helpers.js';
import { ROOT } from '../helpers.js';

// Three policies with ids on the 5-firm fixture (E3 is the D firm, E4/E5 the village-cluster firms).
const RECT = `{ id: rect, type: rectification, also: { tax_per_mu_below: 12 }, dispositions: { upgrade: { share: 0.5, energy_saving: 0.2, lag: 1 }, close: { share: 0.5 } } }`;
const VILLAGE = `{ id: village, type: village_cleanup, per_year: 1, dispositions: { close: { share: 0.5 }, move_to_park: { share: 0.5 } } }`;
const GREEN = `{ id: green, type: green_manufacturing, retrofits_per_year: 1, green_factories_per_year: 1 }`;
const PARENT = `${STILL}policies:\n  - ${RECT}\n  - ${VILLAGE}\n  - ${GREEN}\n`;

/** Writes files into a fresh folder and loads `child.yaml` with the shipped policy modules. */
async function load(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-ext-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return loadScenario(join(dir, 'child.yaml'));
}

const child = (policies: string) => `extends: parent.yaml\nname: child\npolicies:\n${policies}`;
/** 1-based line of the first line of `text` holding `part`. */
const lineOf = (text: string, part: string) => text.split('\n').findIndex((l) => l.includes(part)) + 1;
const where = (ds: readonly Diagnostic[]) => ds.map((d) => [d.file?.split('/').pop(), d.line, d.code, d.message]);
const ids = (policies: readonly Record<string, unknown>[]) => policies.map((p) => p.id);

describe('extends: a child changes the parent’s policies by id', () => {
  it('merges a number into the policy with that id; the other policies are the parent’s, unchanged', async () => {
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': child('  village: { per_year: 2 }\n') });
    expect(r.diagnostics).toEqual([]);
    const p = r.value!.spec.policies;
    expect(ids(p)).toEqual(['rect', 'village', 'green']);
    // only per_year changed; the dispositions (a map the child did not write) are the parent's
    expect(p[1]).toEqual({
      id: 'village',
      type: 'village_cleanup',
      per_year: 2,
      dispositions: { close: { share: 0.5 }, move_to_park: { share: 0.5 } },
    });
    const parent = await load({ 'parent.yaml': PARENT, 'child.yaml': 'extends: parent.yaml\n' });
    expect(p[0]).toEqual(parent.value!.spec.policies[0]);
    expect(p[2]).toEqual(parent.value!.spec.policies[2]);
    // the resolved policy has the child's number
    expect((r.value!.scenario.policies[1].params as { perYear: unknown }).perYear).not.toEqual(
      (parent.value!.scenario.policies[1].params as { perYear: unknown }).perYear,
    );
  });

  it('a map inside a policy merges key by key (one disposition share changed, the other kept)', async () => {
    const text = child(
      '  village: { dispositions: { close: { share: 0.25 }, move_to_park: { share: 0.75 } } }\n  rect: { also: { land_mu_at_least: 3 } }\n',
    );
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': text });
    expect(r.diagnostics).toEqual([]);
    const [rect, village] = r.value!.spec.policies;
    expect(rect.also).toEqual({ tax_per_mu_below: 12, land_mu_at_least: 3 });
    expect(village.per_year).toBe(1);
    expect(village.dispositions).toEqual({ close: { share: 0.25 }, move_to_park: { share: 0.75 } });
  });

  it('appends a policy under a new id (it needs a type); before: puts it ahead of a named one', async () => {
    const text = child(
      '  more: { type: green_manufacturing, retrofits_per_year: 2 }\n  first: { type: green_manufacturing, before: rect }\n',
    );
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': text });
    expect(r.diagnostics).toEqual([]);
    const p = r.value!.spec.policies;
    expect(ids(p)).toEqual(['first', 'rect', 'village', 'green', 'more']);
    // the id comes from the key; before: is placement, not a setting, and is dropped
    expect(p[4]).toEqual({ id: 'more', type: 'green_manufacturing', retrofits_per_year: 2 });
    expect(p[0]).toEqual({ id: 'first', type: 'green_manufacturing' });
    // metric keys stay by type and order, not by id
    expect(r.value!.scenario.policies.map((x) => x.module.type)).toEqual([
      'green_manufacturing',
      'rectification',
      'village_cleanup',
      'green_manufacturing',
      'green_manufacturing',
    ]);
  });

  it('before: on a parent’s policy moves it (its settings unchanged)', async () => {
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': child('  green: { before: rect }\n') });
    expect(r.diagnostics).toEqual([]);
    expect(ids(r.value!.spec.policies)).toEqual(['green', 'rect', 'village']);
    expect(r.value!.spec.policies[0]).toEqual({
      id: 'green',
      type: 'green_manufacturing',
      retrofits_per_year: 1,
      green_factories_per_year: 1,
    });
  });

  it('null removes a parent’s policy', async () => {
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': child('  rect: null\n') });
    expect(r.diagnostics).toEqual([]);
    expect(ids(r.value!.spec.policies)).toEqual(['village', 'green']);
  });

  it('a list in the child still replaces the parent’s whole list', async () => {
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': child(`  - ${GREEN}\n`) });
    expect(r.diagnostics).toEqual([]);
    expect(ids(r.value!.spec.policies)).toEqual(['green']);
  });

  it('an unknown id without a type: did you mean, at the child’s line', async () => {
    const text = child('  vilage: { per_year: 2 }\n');
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': text });
    expect(where(r.diagnostics)).toEqual([
      ['child.yaml', 4, 'scenario/policy-id-unknown', msg.policyIdUnknown('vilage', ['rect', 'village', 'green'], 'village', false)],
    ]);
    expect(r.diagnostics[0].message).toContain("did you mean 'village'?");
  });

  it('removing an unknown id: did you mean', async () => {
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': child('  gren: null\n') });
    expect(where(r.diagnostics)).toEqual([
      ['child.yaml', 4, 'scenario/policy-id-unknown', msg.policyIdUnknown('gren', ['rect', 'village', 'green'], 'green', true)],
    ]);
  });

  it('a duplicate id, a bad id, a before: that names nothing, an entry that is not a map', async () => {
    const dup = PARENT.replace('id: green,', 'id: village,');
    const r1 = await load({ 'parent.yaml': dup, 'child.yaml': child('  rect: { max_per_year: 1 }\n') });
    expect(where(r1.diagnostics)).toEqual([
      ['parent.yaml', lineOf(dup, 'green_manufacturing'), 'scenario/policy-id-duplicate', msg.policyIdDuplicate('village')],
    ]);
    const r2 = await load({ 'parent.yaml': PARENT.replace('id: rect,', 'id: rect one,'), 'child.yaml': 'extends: parent.yaml\n' });
    expect(r2.diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([
      ['scenario/policy-id', 'policies[0].id', msg.policyIdBad('rect one')],
    ]);
    const r3 = await load({ 'parent.yaml': PARENT, 'child.yaml': child('  x: { type: green_manufacturing, before: vilage }\n') });
    expect(where(r3.diagnostics)).toEqual([
      ['child.yaml', 4, 'scenario/policy-before', msg.policyBeforeUnknown('vilage', ['rect', 'village', 'green'], 'village')],
    ]);
    const r4 = await load({ 'parent.yaml': PARENT, 'child.yaml': child('  village: 120\n') });
    expect(where(r4.diagnostics)).toEqual([['child.yaml', 4, 'scenario/policy-id-entry', msg.policyIdEntry('village', 120)]]);
  });

  it('a map child on a parent without ids: the message says to add ids; a typed entry is appended', async () => {
    const bare = PARENT.replace(/id: \w+, /g, '');
    const r = await load({ 'parent.yaml': bare, 'child.yaml': child('  village: { per_year: 2 }\n') });
    expect(where(r.diagnostics)).toEqual([
      ['child.yaml', 4, 'scenario/policy-id-unknown', msg.policyIdUnknown('village', [], undefined, false)],
    ]);
    expect(r.diagnostics[0].message).toContain("the parent's policies have no ids");
    const ok = await load({ 'parent.yaml': bare, 'child.yaml': child('  more: { type: green_manufacturing }\n') });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.value!.spec.policies.map((p) => p.type)).toEqual([
      'rectification',
      'village_cleanup',
      'green_manufacturing',
      'green_manufacturing',
    ]);
  });

  it('a policy’s error points at the file and line that wrote the value, after a merge by id', async () => {
    // the child's own number: its line in child.yaml
    const text = child('  rect: null\n  village: { per_year: -1 }\n');
    const r = await load({ 'parent.yaml': PARENT, 'child.yaml': text });
    expect(r.diagnostics.map((d) => [d.file?.split('/').pop(), d.line, d.field])).toEqual([['child.yaml', 5, 'policies.village.per_year']]);
    // a parent's value of a policy that moved (rect removed: green is policies[1] merged, policies[2] in the parent, as shown)
    const bad = PARENT.replace('retrofits_per_year: 1', 'retrofits_per_year: -1');
    const r2 = await load({ 'parent.yaml': bad, 'child.yaml': text.replace('-1', '2') });
    expect(r2.diagnostics.map((d) => [d.file?.split('/').pop(), d.line, d.field])).toEqual([
      ['parent.yaml', lineOf(bad, 'green_manufacturing'), 'policies[2].retrofits_per_year'],
    ]);
  });

  it('--vary reaches a policy by id', () => {
    const merged = {
      policies: [
        { id: 'a', type: 'village_cleanup', per_year: 1 },
        { id: 'b', type: 'village_cleanup', per_year: 1 },
      ],
    };
    expect(setByPath(merged, 'policies[b].per_year', 5)).toBeUndefined();
    expect(merged.policies.map((p) => p.per_year)).toEqual([1, 5]);
  });
});

describe('extends by id: the same numbers as the scenario written out', () => {
  it('a variant by id runs exactly as its written-out equivalent; ids change no number', async () => {
    const variant = child(
      '  village: { per_year: 2 }\n  rect: null\n  more: { type: green_manufacturing, retrofits_per_year: 2, before: village }\n',
    );
    const written = `${STILL}policies:
  - { type: green_manufacturing, retrofits_per_year: 2 }
  - { type: village_cleanup, per_year: 2, dispositions: { close: { share: 0.5 }, move_to_park: { share: 0.5 } } }
  - { type: green_manufacturing, retrofits_per_year: 1, green_factories_per_year: 1 }
`;
    const a = await runText(variant, 3, 7, { 'parent.yaml': PARENT });
    const b = await runText(written, 3, 7);
    expect(a.layout.ids).toEqual(b.layout.ids);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.summary.metrics).toEqual(b.summary.metrics);
    // the village clean-up really ran at 2 a year (E4, E5 are the fixture's two village-cluster firms)
    expect(a.layout.ids).toContain('vacated_energy_tce.village_cleanup');
    // the parent with ids and without: the same numbers and metric keys
    const withIds = await runText(PARENT, 3, 7);
    const without = await runText(PARENT.replace(/id: \w+, /g, ''), 3, 7);
    expect(withIds.layout.ids).toEqual(without.layout.ids);
    expect(Array.from(withIds.values)).toEqual(Array.from(without.values));
  });
});

describe('the shipped variants of zhenhai-2030 by id', () => {
  it('zhenhai-2030-ccus.yaml: the parent’s mix, the three new policies before the expansions, ZH-P2-ETH 能耗单列', async () => {
    const r = await loadScenario(join(ROOT, 'scenarios/zhenhai-2030-ccus.yaml'));
    expect(r.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    const p = r.value!.spec.policies;
    expect(p.map((x) => [x.id, x.type])).toEqual([
      ['rect-above', 'rectification'],
      ['rect-below', 'rectification'],
      ['two-high', 'two_high_review'],
      ['green-mfg', 'green_manufacturing'],
      ['village', 'village_cleanup'],
      ['ccus-refinery', 'ccus'],
      ['coal-to-gas', 'fuel_switch'],
      ['key-units', 'key_emitters'],
      ['expansions', 'new_projects'],
      ['pipeline', 'new_projects'],
    ]);
    // the pipeline file is relative to zhenhai-2030.yaml, which names it; the child adds only overrides
    expect(p[9]).toEqual({
      id: 'pipeline',
      type: 'new_projects',
      pipeline: '../models/projects/zhenhai-pipeline-2030.csv',
      admission: { benchmark: 'benchmark' },
      overrides: { 'ZH-P2-ETH': { national_major: true } },
    });
  });
});
