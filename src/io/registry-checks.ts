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
