import type { Factors } from '../accounting/factors.js';
import { CARRIER_INDEX, FOSSIL_CARRIERS } from '../domain/carriers.js';
import type { Diagnostic } from '../domain/diagnostic.js';
import { msg } from '../messages/messages.js';
import type { LoadedRegistry } from './registry-build.js';

/** Checks what needs the factors: a firm's feedstock cannot exceed its fossil energy. */
export function checkRegistryAgainstFactors(registry: LoadedRegistry, factors: Factors): Diagnostic[] {
  const { table } = registry;
  const out: Diagnostic[] = [];
  for (let e = 0; e < table.n; e++) {
    const feed = table.feedstockTce[e];
    if (feed === 0) continue;
    let fossil = 0;
    for (const c of FOSSIL_CARRIERS) fossil += table.carriers[c][e] * factors.tcePerUnit[CARRIER_INDEX[c]];
    if (feed > fossil * (1 + 1e-9)) {
      out.push({
        code: 'registry/feedstock-above-fossil',
        message: msg.feedstockAboveFossil(feed, fossil),
        file: registry.file,
        ...(registry.sheet !== undefined ? { sheet: registry.sheet } : {}),
        headerRow: registry.headerRow,
        row: registry.rows[e],
        field: registry.headers.get('feedstock_tce') ?? 'feedstock_tce',
      });
    }
  }
  return out;
}

/**
 * Flags what a registry says that cannot both be true, as warnings for `validate` and `run`:
 * a 村级工业集聚点 firm (village_cluster) is by definition outside the industrial parks (方案
 * 三(二)6 "清退工业园区外的村级工业集聚点"), so a flagged firm that also names a park is
 * either misflagged or misplaced — the village clean-up would take it. One warning per problem,
 * with the count and the first rows.
 */
export function checkRegistryConsistency(registry: LoadedRegistry): Diagnostic[] {
  const { table } = registry;
  const rows: number[] = [];
  for (let e = 0; e < table.n; e++) if (table.villageCluster[e] === 1 && table.park[e] !== 0) rows.push(registry.rows[e]);
  if (rows.length === 0) return [];
  return [
    {
      code: 'registry/village-cluster-in-park',
      message: msg.villageClusterInPark(rows.length, rows),
      file: registry.file,
      ...(registry.sheet !== undefined ? { sheet: registry.sheet } : {}),
      headerRow: registry.headerRow,
      row: rows[0],
      field: registry.headers.get('village_cluster') ?? 'village_cluster',
      severity: 'warning',
    },
  ];
}
