/**
 * The sector groups whose background VA growth `dcsim calibrate` fits, one growth rate each
 * (GB/T 4754-2017 divisions). The district's published series (统计公报: 规上工业增加值, 能耗)
 * cannot tell many sectors apart, so the fit uses a few groups that grow for different reasons:
 * - 石化 (petrochemicals): C25 石油、煤炭及其他燃料加工业, C26 化学原料和化学制品制造业,
 *   C28 化学纤维制造业, C29 橡胶和塑料制品业 — the refinery and the chemical base, driven by
 *   crude margins and new capacity;
 * - 电力热力 (power and heat): D44 电力、热力生产和供应业 — the district's power and steam
 *   suppliers, driven by the demand of the others;
 * - 其他 (every other division): the scenario's `default`.
 * A group with no VA in the registry is not fitted.
 */
export interface SectorGroup {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** Its divisions; empty for the group of every other division (the growth block's `default`). */
  readonly divisions: readonly string[];
}

export const SECTOR_GROUPS: readonly SectorGroup[] = [
  { id: 'petrochemical', zh: '石化', en: 'petrochemicals', divisions: ['C25', 'C26', 'C28', 'C29'] },
  { id: 'power_heat', zh: '电力热力', en: 'power and heat', divisions: ['D44'] },
  { id: 'other', zh: '其他', en: 'other sectors', divisions: [] },
];

/** Returns the group of a GB/T 4754 division (`C26`): the first that lists it, else the last (其他). */
export function groupOf(division: string, groups: readonly SectorGroup[] = SECTOR_GROUPS): SectorGroup {
  return groups.find((g) => g.divisions.includes(division)) ?? groups[groups.length - 1];
}
