/**
 * Industry sectors by GB/T 4754-2017 (国民经济行业分类). A registry names a firm's sector by
 * at least its two-digit division ("C26"), optionally with group/class digits ("C2614"); a
 * purely numeric code ("2614") gets its section letter from the division number.
 */

/** Sections of GB/T 4754-2017 with their division number ranges (inclusive). */
const SECTIONS: ReadonlyArray<readonly [letter: string, first: number, last: number]> = [
  ['A', 1, 5],
  ['B', 6, 12],
  ['C', 13, 43],
  ['D', 44, 46],
  ['E', 47, 50],
  ['F', 51, 52],
  ['G', 53, 60],
  ['H', 61, 62],
  ['I', 63, 65],
  ['J', 66, 69],
  ['K', 70, 70],
  ['L', 71, 72],
  ['M', 73, 75],
  ['N', 76, 79],
  ['O', 80, 82],
  ['P', 83, 83],
  ['Q', 84, 85],
  ['R', 86, 90],
  ['S', 91, 96],
  ['T', 97, 97],
];

function sectionOf(division: number): string | undefined {
  for (const [letter, first, last] of SECTIONS) {
    if (division >= first && division <= last) return letter;
  }
  return undefined;
}

/**
 * Normalises a sector code to its GB/T 4754-2017 division ("c2614" → "C26", "2614" → "C26").
 * Returns undefined when the code is not a valid division of the standard.
 */
export function toDivision(raw: string): string | undefined {
  const m = /^([A-Ta-t])?(\d{2})(\d{0,2})$/.exec(raw.trim());
  if (!m) return undefined;
  const num = Number(m[2]);
  const section = sectionOf(num);
  if (section === undefined) return undefined;
  if (m[1] !== undefined && m[1].toUpperCase() !== section) return undefined;
  return section + m[2];
}
