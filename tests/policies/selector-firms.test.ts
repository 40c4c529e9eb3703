import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { Selector, type Selection } from '../../src/policies/selection.js';
import type { PolicyLayout, PolicyState } from '../../src/policies/types.js';
import { villageCleanup } from '../../src/policies/village-cleanup.js';

// The scans over the firms a policy can select (Selector.firms, village_cleanup's flagged list)
// against the plain scan over every slot, on random states: the same candidates in the same order.

/** A random state with the columns and methods the selection reads (and exit / shrinkLand for village_cleanup). */
function randomState(seed: number, registryN: number, slots: number) {
  const rng = createRng(seed, 1);
  const n = registryN + slots;
  const bit = (p: number) => (rng.next() < p ? 1 : 0);
  const claims = new Int32Array(n).fill(-1);
  const reservedMask = new Uint8Array(n);
  const disposed: string[] = [];
  const s = {
    n,
    registryN,
    active: new Uint8Array(n),
    aboveScale: new Uint8Array(n),
    villageCluster: new Uint8Array(n),
    lsmp: new Uint8Array(n),
    score: new Float64Array(n),
    energyTce: new Float64Array(n),
    valueAdded: new Float64Array(n),
    claimedBy: (e: number) => claims[e],
    reserved: (e: number) => reservedMask[e] === 1,
    selecting: () => true,
    recordedCount: () => 0,
    shortfall: () => {},
    exit(e: number) {
      s.active[e] = 0;
      claims[e] = 0;
      disposed.push(`${e} close`);
    },
    shrinkLand(e: number) {
      claims[e] = 0;
      disposed.push(`${e} move`);
    },
  };
  for (let e = 0; e < registryN; e++) {
    s.active[e] = 1;
    s.aboveScale[e] = bit(0.5);
    s.villageCluster[e] = bit(0.3);
    s.lsmp[e] = bit(0.3);
  }
  /** A new year: the yearly values change, other policies claim, close or unflag firms, project slots open. */
  const nextYear = () => {
    claims.fill(-1);
    for (let e = 0; e < n; e++) {
      s.score[e] = bit(0.1) ? Number.NaN : Math.floor(rng.next() * 20); // ties and unscored firms
      s.energyTce[e] = rng.next() * 1000;
      s.valueAdded[e] = rng.next() * 100;
      reservedMask[e] = bit(0.05);
      if (bit(0.1)) claims[e] = 1; // taken by another policy
      if (e < registryN && s.active[e] === 1 && bit(0.03)) s.active[e] = 0;
      if (e < registryN && bit(0.05)) s.villageCluster[e] = s.lsmp[e] = 0; // another clean-up moved it
      if (e >= registryN && s.active[e] === 0 && bit(0.2)) {
        s.active[e] = 1;
        s.aboveScale[e] = bit(0.5);
        s.villageCluster[e] = bit(0.5);
        s.lsmp[e] = bit(0.5);
      }
    }
  };
  return { s, nextYear, disposed, reset: () => disposed.splice(0) };
}

const selection = (above: boolean, below: boolean): Selection => ({ above, below, rankBy: 'score', minEnergyTce: 0, exclusive: true });
const groups = fc.constantFrom([true, false], [false, true], [true, true]);

describe('Selector.firms', () => {
  it('holds, in order, every firm the plain scan over all slots finds eligible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 10 }),
        groups,
        (seed, registryN, slots, [above, below]) => {
          const { s, nextYear } = randomState(seed, registryN, slots);
          const selector = new Selector(selection(above, below), registryN + slots, 0);
          const state = s as unknown as PolicyState;
          for (let year = 0; year < 4; year++) {
            nextYear();
            const plain: number[] = [];
            for (let e = 0; e < s.n; e++) if (selector.eligible(state, e)) plain.push(e);
            const count = selector.firms(state);
            const scanned = Array.from(selector.members.subarray(0, count)).filter((e) => selector.eligible(state, e));
            expect(scanned).toEqual(plain);
          }
        },
      ),
    );
  });
});

describe('village_cleanup', () => {
  it('selects, year after year, the firms a plain scan of every flagged firm selects', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 10 }),
        groups,
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (seed, registryN, slots, [above, below], perYear, lsmpToo) => {
          const n = registryN + slots;
          const { s, nextYear, disposed, reset } = randomState(seed, registryN, slots);
          const state = s as unknown as PolicyState;
          const sel = selection(above, below);
          const layout = { index: 0, capacity: n, firstSlot: registryN, key: 'village_cleanup', drawParam: () => {} };
          const params = {
            years: [2021, 2030] as [number, number],
            perYear: { kind: 'constant' as const, value: perYear },
            selection: sel,
            village: true,
            lsmp: lsmpToo,
            shares: [0.5, 0.5],
            landFactor: 0.5,
            named: [],
          };
          const runtime = villageCleanup.createRuntime(params, layout as unknown as PolicyLayout);
          const rng = createRng(seed, 2);
          runtime.startDraw(state, rng);
          const reference = new Selector(sel, n, 0);
          for (let year = 2021; year <= 2026; year++) {
            nextYear();
            // the plain scan: every slot, flagged and eligible, chosen by the same rule
            reference.begin();
            for (let e = 0; e < n; e++)
              if ((s.villageCluster[e] === 1 || (lsmpToo && s.lsmp[e] === 1)) && reference.eligible(state, e))
                reference.add(state, e, reference.rankKey(state, e));
            const k = reference.select(state, { total: perYear });
            const expected = Array.from(reference.chosen.subarray(0, k));
            reset();
            runtime.apply(state, year, rng);
            expect(disposed.map((d) => Number(d.split(' ')[0]))).toEqual(expected);
          }
        },
      ),
    );
  });
});
