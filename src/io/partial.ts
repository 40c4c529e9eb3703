import type { RunMeta } from '../engine/aggregate.js';
import type { MetricLayout } from '../engine/metrics.js';

/** The file that marks a shard's partial result. */
export const PARTIAL_FILE = 'partial.json';
export const PARTIAL_KIND = 'dcsim-partial';

/** What a shard writes besides its draws.csv (and events.csv when it holds draw 0). */
export interface Partial {
  readonly kind: typeof PARTIAL_KIND;
  readonly shard: { readonly k: number; readonly n: number };
  /** Draws of the whole run. */
  readonly draws: number;
  readonly seed: number;
  /** First draw and number of draws of this shard. */
  readonly drawList: readonly [first: number, count: number];
  readonly meta: RunMeta;
  readonly layout: MetricLayout;
  readonly manifest: Record<string, unknown>;
  /** The numbers sampled once per draw, and their values for the shard's draws (draw-major). */
  readonly paramNames: readonly string[];
  readonly params: readonly number[];
}

/** Parses `K/N` (1 ≤ K ≤ N); null when malformed. */
export function parseShard(text: string): { k: number; n: number } | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const k = Number(m[1]);
  const n = Number(m[2]);
  return k >= 1 && k <= n ? { k, n } : null;
}

/** The deterministic slice of draws shard k of n runs: a contiguous block, the blocks covering every draw once. */
export function shardDraws(draws: number, k: number, n: number): number[] {
  const from = Math.floor(((k - 1) * draws) / n);
  const to = Math.floor((k * draws) / n);
  return Array.from({ length: to - from }, (_, i) => from + i);
}
