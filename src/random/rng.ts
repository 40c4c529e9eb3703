/**
 * Seeded pseudo-random streams. Every draw gets its own stream derived from (seed, keys…) so the
 * numbers do not depend on worker count or scheduling (DESIGN §7). The generator is sfc32
 * (Chris Doty-Humphrey's Small Fast Counting RNG, PractRand-clean to 2^40+ bytes), seeded through
 * a 32-bit mix of the keys (splitmix32-style finaliser of Sebastiano Vigna's splitmix64).
 */
export interface Rng {
  /** Returns a uniform number in [0, 1) with 32 bits of precision. */
  next(): number;
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hashes a seed and stream keys (draw index, policy index …) into a 32-bit value. */
export function hashKeys(seed: number, keys: readonly number[]): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  // The high part of seeds above 2^32 still counts.
  h = mix32(h ^ Math.floor(seed / 0x100000000));
  for (const k of keys) h = mix32((h + 0x9e3779b9) ^ (k >>> 0));
  return h;
}

/** Creates the stream for (seed, keys…): the same arguments always give the same numbers. */
export function createRng(seed: number, ...keys: number[]): Rng {
  const h = hashKeys(seed, keys);
  let a = mix32(h ^ 0x243f6a88);
  let b = mix32(h ^ 0x85a308d3);
  let c = mix32(h ^ 0x13198a2e);
  let d = 1;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) step(); // warm-up, as the reference implementation does
  return { next: () => step() / 4294967296 };
}
