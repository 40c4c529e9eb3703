import { mkdtemp, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { aggregate, runMeta } from '../../src/engine/aggregate.js';
import { loadScenario, type LoadedScenario } from '../../src/io/scenario-load.js';
import { runDraws } from '../../src/parallel/runner.js';
import type { Scenario } from '../../src/scenario/resolve.js';
import { applyEdits, getAt, NO_EDITS, type Edits } from '../../src/workbench/edits.js';
import { workbenchFormOf, sliderRange, type Lever } from '../../src/workbench/form.js';
import { overlayOf, savedScenario } from '../../src/workbench/overlay.js';
import { resolveEdits } from '../../src/workbench/resolve-edits.js';
import { pairedTargets } from '../../src/workbench/paired.js';
import { ROOT } from '../helpers.js';

const SHIPPED = resolve(ROOT, 'scenarios');
const load = async (file: string) => {
  const r = await loadScenario(file);
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
};

/** The edited scenario, resolved with the loaded registry (as the workbench's preview does). */
function edited(loaded: LoadedScenario, edits: Edits): { merged: Record<string, unknown>; scenario: Scenario } {
  const r = resolveEdits(loaded, edits);
  if (!r.merged || !r.scenario) throw new Error(JSON.stringify(r.diagnostics));
  return { merged: r.merged, scenario: r.scenario };
}

/** Runs draws in this thread and aggregates them: the run as the pinned comparison sees it. */
async function run(loaded: LoadedScenario, scenario: Scenario, draws: number, seed = 7) {
  const input = { scenario, table: loaded.registry.table, factors: loaded.factors, evaluation: loaded.evaluation };
  const r = await runDraws(input, { seed, draws: Array.from({ length: draws }, (_, d) => d), workers: 0, recordDraw: -1 });
  const summary = aggregate(runMeta(scenario, r.layout), r.layout, r.values, draws, seed, r);
  return { summary, layout: r.layout, values: r.values };
}

const leversOf = (form: ReturnType<typeof workbenchFormOf>): Lever[] => [
  ...form.general,
  ...form.policies.flatMap((p) => p.levers),
  ...form.targets.flatMap((t) => t.levers),
];

describe('applyEdits', () => {
  const base = {
    name: 'x',
    growth: { efficiency_gain: 0.01 },
    policies: [
      { type: 'village_cleanup', per_year: 100, dispositions: { close: { share: 0.4 }, move_to_park: { share: 0.6 } } },
      { type: 'green_manufacturing', retrofit_saving: { triangular: [0.05, 0.1, 0.2], per: 'enterprise' } },
    ],
  };

  it('sets numbers as dcsim seek --vary does (a share rescales its siblings) and replaces a distribution whole', () => {
    const r = applyEdits(base, {
      set: [
        { path: 'policies[0].dispositions.close.share', value: 0.7 },
        { path: 'policies[1].retrofit_saving', value: { triangular: [0.1, 0.2, 0.3], per: 'enterprise' } },
        { path: 'growth.efficiency_gain', value: 0.02 },
      ],
      off: [],
    });
    expect(getAt(r.merged!, 'policies[0].dispositions.move_to_park.share')).toBeCloseTo(0.3, 12);
    expect(getAt(r.merged!, 'policies[1].retrofit_saving')).toEqual({ triangular: [0.1, 0.2, 0.3], per: 'enterprise' });
    expect(getAt(r.merged!, 'growth.efficiency_gain')).toBe(0.02);
    expect(base.policies[0].dispositions!.close.share).toBe(0.4); // the base is never changed
  });

  it('switches policies off after the values are set, by their base index', () => {
    const r = applyEdits(base, { set: [{ path: 'policies[1].retrofit_saving', value: 0.1 }], off: [0] });
    expect(r.merged!.policies).toEqual([{ type: 'green_manufacturing', retrofit_saving: 0.1 }]);
  });

  it('refuses a path that leads nowhere, a value that is no scenario value and a policy that is not there, with the fix', () => {
    expect(applyEdits(base, { set: [{ path: 'policies[5].per_year', value: 1 }], off: [] }).error).toMatch(
      /policies\[village_cleanup\]\.per_year/,
    );
    expect(applyEdits(base, { set: [{ path: 'growth.nothing.deeper', value: { triangular: [1, 2, 3] } }], off: [] }).error).toMatch(
      /does not lead to a number/,
    );
    expect(applyEdits(base, { set: [{ path: 'growth.efficiency_gain', value: { __proto__: 1 } }], off: [] }).error).toBeUndefined();
    expect(applyEdits(base, { set: [{ path: 'growth.efficiency_gain', value: Number.NaN }], off: [] }).error).toMatch(/not a number/);
    expect(applyEdits(base, { set: [], off: [2] }).error).toMatch(/policies 0 to 1/);
  });
});

describe('sliderRange', () => {
  it('keeps a share on 0–1, narrows an open count around its value and always contains the value', () => {
    expect(sliderRange({ what: 'a share', min: 0, max: 1 }, 0.4)).toEqual({ min: 0, max: 1, step: 0.005 });
    expect(sliderRange({ what: 'a count', min: 0, max: 100_000, integer: true }, 100)).toEqual({ min: 0, max: 300, step: 2 });
    const growth = sliderRange({ what: 'growth', min: -1, minOpen: true, max: 1, warnAbove: 0.3 }, 0.05);
    expect([growth.min, growth.max]).toEqual([-0.3, 0.3]);
    const far = sliderRange({ what: 'growth', min: -1, minOpen: true, max: 1, warnAbove: 0.3 }, 0.6);
    expect(far.max).toBeGreaterThanOrEqual(0.6);
    expect(sliderRange({ what: 'a quantity above 0', min: 0, minOpen: true, max: Infinity }, 2500).min).toBeGreaterThan(0);
  });
});

describe('the workbench form of the shipped scenarios', () => {
  const files = readdirSync(SHIPPED).filter((f) => f.endsWith('.yaml'));

  it.each(files)(
    '%s: every lever has a domain, a slider holding its value, and a name in both languages',
    async (file) => {
      const loaded = await load(join(SHIPPED, file));
      const form = workbenchFormOf(loaded, NO_EDITS);
      const levers = leversOf(form);
      expect(levers.length).toBeGreaterThan(5);
      expect(form.policies.length).toBe((loaded.merged.policies as unknown[] | undefined)?.length ?? 0);
      for (const l of levers) {
        // a target without its own confidence shows the scenario's
        expect(getAt(loaded.merged, l.path) ?? loaded.merged.confidence ?? 0.9, l.path).toEqual(l.value);
        expect(l.slider.min, l.path).toBeLessThan(l.slider.max);
        if (typeof l.value === 'number') {
          expect(l.value, l.path).toBeGreaterThanOrEqual(l.slider.min);
          expect(l.value, l.path).toBeLessThanOrEqual(l.slider.max);
        }
        // a key missing from the label table shows as written (with _): every shipped key has its words
        expect(l.label.zh, l.path).not.toMatch(/_/);
        expect(l.label.en, l.path).not.toMatch(/_/);
      }
    },
    60_000,
  );

  it('zhenhai-2025: the village clean-up per year is a whole-number slider from its module domain; an edit shows as the value, the base kept', async () => {
    const loaded = await load(join(SHIPPED, 'zhenhai-2025.yaml'));
    const i = (loaded.merged.policies as { type: string }[]).findIndex((p) => p.type === 'village_cleanup');
    const form = workbenchFormOf(loaded, { set: [{ path: `policies[${i}].per_year`, value: 60 }], off: [2] });
    const village = form.policies.find((p) => p.type === 'village_cleanup')!;
    const perYear = village.levers.find((l) => l.key === 'per_year')!;
    expect(perYear).toMatchObject({ kind: 'number', value: 60, base: 100, domain: { min: 0, max: 100_000, integer: true } });
    expect(perYear.label).toEqual({ zh: '每年企业数', en: 'firms a year' });
    expect(form.policies[2].enabled).toBe(false);
    expect(form.policies[2].levers.length).toBeGreaterThan(0); // a policy switched off keeps its levers, to switch it on again
    const confidence = form.targets[0].levers.find((l) => l.key === 'confidence')!;
    expect(confidence).toMatchObject({ value: 0.9, base: 0.9, domain: { min: 0, max: 1, minOpen: true, maxOpen: true } });
    const r = resolveEdits(loaded, { set: [{ path: 'targets[0].confidence', value: 0.8 }], off: [] });
    expect(r.scenario!.targets[0].confidence).toBe(0.8);
    // targets are named in both languages: the scenario's Chinese label, and its metric, kind and years in English
    expect(form.targets[0].label.zh).toBe('规上工业增加值率 2023');
    for (const t of form.targets) expect(t.label.en, t.id).not.toMatch(/[\u3400-\u9fff]/);
    const twoRectifications = form.policies.filter((p) => p.type === 'rectification').map((p) => p.label.zh);
    expect(twoRectifications).toEqual(['高耗低效企业整治（规上）', '高耗低效企业整治（规下）']);
  }, 60_000);
});

describe('save as scenario: the overlay over the base reproduces the page', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dcsim-workbench-'));
  });

  async function roundTrip(file: string, edits: Edits) {
    const loaded = await load(join(SHIPPED, file));
    const page = edited(loaded, edits);
    const text = savedScenario(loaded, edits, { extendsPath: join(SHIPPED, file), name: 'saved', comment: ['saved by a test'] }).yaml!;
    const overlay = parse(text) as Record<string, unknown>;
    const saved = join(dir, `${file}-saved.yaml`);
    await writeFile(saved, text);
    const again = await load(saved);
    return { loaded, page, overlay, text, again };
  }

  it('zhenhai-2025 (policies without ids): the saved file holds only what changed and runs to the same probabilities', async () => {
    const loaded0 = await load(join(SHIPPED, 'zhenhai-2025.yaml'));
    const village = (loaded0.merged.policies as { type: string }[]).findIndex((p) => p.type === 'village_cleanup');
    const edits: Edits = {
      set: [
        { path: `policies[${village}].per_year`, value: 60 },
        { path: 'growth.efficiency_gain', value: 0.015 },
        { path: 'targets[0].at_least', value: 0.24 },
      ],
      off: [2],
    };
    const { page, overlay, text, again } = await roundTrip('zhenhai-2025.yaml', edits);
    expect(Object.keys(overlay).sort()).toEqual(['extends', 'growth', 'name', 'policies', 'targets']);
    expect(overlay.growth).toEqual({ efficiency_gain: 0.015 });
    expect(parse(text)).toMatchObject({ name: 'saved', extends: join(SHIPPED, 'zhenhai-2025.yaml') });
    expect(text.startsWith('# saved by a test\n')).toBe(true);
    // the policies written whole name their pipelines by absolute path; otherwise the same spec
    const { name: _a, extends: _b, policies: savedPolicies, ...savedMerged } = again.merged;
    const { name: _c, extends: _d, policies: pagePolicies, ...pageMerged } = page.merged;
    expect(savedMerged).toEqual(pageMerged);
    const relative = (ps: unknown) =>
      (ps as Record<string, unknown>[]).map((p) => ({
        ...p,
        pipeline: typeof p.pipeline === 'string' ? p.pipeline.split('/').at(-1) : undefined,
      }));
    expect(relative(savedPolicies)).toEqual(relative(pagePolicies));
    const [x, y] = [await run(again, again.scenario, 40), await run(again, page.scenario, 40)];
    expect(x.summary.targets.map((t) => t.probability)).toEqual(y.summary.targets.map((t) => t.probability));
    expect(Array.from(x.values)).toEqual(Array.from(y.values));
  }, 120_000);

  it('zhenhai-2030 (policies with ids): the overlay changes policies by id and removes one with null', async () => {
    const loaded0 = await load(join(SHIPPED, 'zhenhai-2030.yaml'));
    const policies = loaded0.merged.policies as { id: string; type: string }[];
    const v = policies.findIndex((p) => p.type === 'village_cleanup');
    const { overlay, page, again } = await roundTrip('zhenhai-2030.yaml', {
      set: [{ path: `policies[${v}].per_year`, value: 55 }],
      off: [0],
    });
    const { name: _n, extends: _e, ...changes } = overlay;
    expect(changes).toEqual({ policies: { [policies[v].id]: { per_year: 55 }, [policies[0].id]: null } });
    const { name: _a, extends: _b, ...savedMerged } = again.merged;
    const { name: _c, extends: _d, ...pageMerged } = page.merged;
    expect(savedMerged).toEqual(pageMerged);
  }, 120_000);

  it('no edits: an empty overlay', async () => {
    const loaded = await load(join(SHIPPED, 'zhenhai-2025.yaml'));
    expect(overlayOf(loaded.merged, applyEdits(loaded.merged, NO_EDITS).merged!)).toEqual({});
  }, 60_000);
});

describe('pairedTargets', () => {
  it('against itself: no change; fewer village clean-ups: the land target falls, draw by draw', async () => {
    const loaded = await load(join(SHIPPED, 'zhenhai-2025.yaml'));
    const village = (loaded.merged.policies as { type: string }[]).findIndex((p) => p.type === 'village_cleanup');
    const draws = 40;
    const pinned = await run(loaded, edited(loaded, NO_EDITS).scenario, draws);
    const same = pairedTargets(pinned, pinned, draws, 7);
    expect(same.length).toBe(pinned.summary.targets.length);
    for (const c of same) {
      expect(c.probabilityPoints).toBe(0);
      if (c.p50Difference) expect(c.p50Difference).toEqual({ mean: 0, p10: 0, p50: 0, p90: 0 });
    }
    const fewer = await run(
      loaded,
      edited(loaded, { set: [{ path: `policies[${village}].per_year`, value: 60 }], off: [] }).scenario,
      draws,
    );
    const land = pairedTargets(pinned, fewer, draws, 7).filter((c) => c.metric === 'vacated_land_mu');
    expect(land.length).toBeGreaterThan(0);
    for (const c of land) {
      expect(c.p50Difference!.p50).toBeLessThan(0); // less land vacated in the median draw
      expect(c.current.probability).toBeLessThanOrEqual(c.pinned.probability);
      expect(c.probabilityPoints).toBeCloseTo((c.current.probability - c.pinned.probability) * 100, 12);
    }
    expect(land.some((c) => c.probabilityPoints < 0)).toBe(true);
  }, 120_000);
});
