import { editDistance } from '../domain/edit-distance.js';
import { columnFor, normalizeHeader, REGISTRY_COLUMNS, type ColumnDef } from './registry-columns.js';

/** How one header cell was read. */
export type HeaderMatch =
  | { readonly kind: 'empty' }
  | { readonly kind: 'unknown' }
  /** A key or an alias, after normalisation. */
  | { readonly kind: 'exact'; readonly def: ColumnDef }
  /** An alias's name with another unit in brackets: never read, an error. */
  | { readonly kind: 'unit'; readonly def: ColumnDef; readonly found: string; readonly expected: readonly string[] }
  /** Close to one column's alias or key and to no other: read as it, with a warning. */
  | { readonly kind: 'near'; readonly def: ColumnDef; readonly alias: string };

/** Splits a normalised header into its name and the unit in its final brackets: `税收(亿元)` → 税收, 亿元. */
function splitUnit(normalized: string): { base: string; unit?: string } {
  const m = /^(.+?)\(([^()]*)\)$/.exec(normalized);
  return m ? { base: m[1], unit: m[2] } : { base: normalized };
}

/** Folds the spellings of one unit to one (万kWh = 万千瓦时, tce = 吨标准煤, m3 = 立方米, GJ = 百万千焦). */
export function canonicalUnit(unit: string): string {
  return unit
    .replace(/kwh/g, '千瓦时')
    .replace(/度$/, '千瓦时')
    .replace(/tce|吨标煤|吨ce/g, '吨标准煤')
    .replace(/标煤/g, '标准煤')
    .replace(/m3|m³|方$/g, '立方米')
    .replace(/^gj$/, '百万千焦')
    .replace(/^t$/, '吨');
}

/** The name of a header with a leading 是否 and bracketed units removed, for containment. */
const core = (normalized: string): string => splitUnit(normalized).base.replace(/^是否/, '');

const cjkCount = (s: string): number => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;

/** Words that make a header a ratio or intensity, never a quantity column (单位能耗 is not 能耗). */
const RATIO_WORDS = ['单位', '亩均', '人均', '强度', '率', '比', '/', '每'];

interface AliasParts {
  readonly def: ColumnDef;
  readonly alias: string;
  readonly base: string;
  readonly unit?: string;
}

const ALIAS_PARTS_OF = new Map<readonly ColumnDef[], readonly AliasParts[]>();

/** The aliases of a column set split into name and unit (computed once per set). */
function aliasParts(columns: readonly ColumnDef[]): readonly AliasParts[] {
  let parts = ALIAS_PARTS_OF.get(columns);
  if (!parts) {
    parts = columns.flatMap((def) => def.aliases.map((alias) => ({ def, alias, ...splitUnit(normalizeHeader(alias)) })));
    ALIAS_PARTS_OF.set(columns, parts);
  }
  return parts;
}

/** Units a column's aliases give, e.g. 亩 for land_mu, 吨标准煤 for energy_tce. */
function unitsOf(allParts: readonly AliasParts[], def: ColumnDef, base?: string): string[] {
  const parts = allParts.filter((p) => p.def === def && p.unit !== undefined && (base === undefined || p.base === base));
  return [...new Set(parts.map((p) => p.unit!))];
}

/** Columns a header is close to (did-you-mean): alias containment for Chinese, edit distance for Latin. */
function nearColumns(normalized: string, columns: readonly ColumnDef[]): Map<ColumnDef, string> {
  const allParts = aliasParts(columns);
  const out = new Map<ColumnDef, string>();
  const { base, unit } = splitUnit(normalized);
  // an alias's name without its unit: 用地面积 for 用地面积(亩); only when the header gives no other unit
  for (const p of allParts) {
    if (p.base === base && unit === undefined && p.unit !== undefined && !out.has(p.def)) out.set(p.def, p.alias);
  }
  const c = core(normalized);
  if (!RATIO_WORDS.some((w) => normalized.includes(w))) {
    for (const p of allParts) {
      const aliasCore = core(p.base);
      // 建厂年份 contains 年份 but is no data year: the year column is matched by name only
      if (p.def.kind === 'data-year' || cjkCount(aliasCore) < 2 || !c.includes(aliasCore) || out.has(p.def)) continue;
      const units = unitsOf(allParts, p.def).map(canonicalUnit);
      if (unit !== undefined && !units.includes(canonicalUnit(unit))) continue;
      out.set(p.def, p.alias);
    }
  }
  if (/^[a-z0-9_ -]+$/.test(normalized)) {
    const latin = normalized.replace(/[ -]/g, '_');
    for (const def of columns) {
      const d = editDistance(latin, def.key);
      const allowed = def.key.length >= 5 ? 2 : def.key.length >= 4 ? 1 : 0;
      if (d >= 1 && d <= allowed && !out.has(def)) out.set(def, def.key);
    }
  }
  return out;
}

/** The first reading of a header row: each cell empty, a key or alias, an alias with another unit, or unknown (the near matches come after). */
function matchExact(headers: readonly string[], columns: readonly ColumnDef[]): HeaderMatch[] {
  const allParts = aliasParts(columns);
  const unitsOfDef = (def: ColumnDef, base?: string) => unitsOf(allParts, def, base);
  return headers.map((h): HeaderMatch => {
    if (h.trim() === '') return { kind: 'empty' };
    const exact = columnFor(h, columns);
    if (exact) return { kind: 'exact', def: exact };
    const normalized = normalizeHeader(h);
    const { base, unit } = splitUnit(normalized);
    if (unit !== undefined) {
      const named = [...new Set(allParts.filter((p) => p.base === base || p.def.key === base).map((p) => p.def))];
      const share = named.find((d) => d.kind === 'share');
      if (share && unit === '%') return { kind: 'exact', def: share };
      const withUnits = named.filter((d) => unitsOfDef(d).length > 0);
      if (withUnits.length === 1) {
        const def = withUnits[0];
        if (unitsOfDef(def).some((u) => canonicalUnit(u) === canonicalUnit(unit))) return { kind: 'exact', def };
        const expected = unitsOfDef(def, base);
        return {
          kind: 'unit',
          def,
          found: splitUnit(h.trim().normalize('NFKC')).unit ?? unit,
          expected: expected.length ? expected : unitsOfDef(def),
        };
      }
    }
    return { kind: 'unknown' };
  });
}

/**
 * Reads a header row: each cell is a column's key or alias (after {@link normalizeHeader}), an
 * alias's name with another unit (an error: 用地面积(公顷) is not 用地面积(亩)), close to exactly
 * one column that no other cell names (read as it, with a warning), or unknown.
 */
export function matchHeaders(headers: readonly string[], columns: readonly ColumnDef[] = REGISTRY_COLUMNS): HeaderMatch[] {
  const first = matchExact(headers, columns);
  const present = new Set(first.flatMap((m) => (m.kind === 'exact' || m.kind === 'unit' ? [m.def] : [])));
  const near = headers.map((h, i) => {
    if (first[i].kind !== 'unknown') return undefined;
    const candidates = [...nearColumns(normalizeHeader(h), columns)].filter(([def]) => !present.has(def));
    return candidates.length === 1 ? candidates[0] : undefined;
  });
  return first.map((m, i) => {
    const n = near[i];
    if (!n) return m;
    const claimed = near.filter((o) => o?.[0] === n[0]).length;
    return claimed === 1 ? { kind: 'near', def: n[0], alias: n[1] } : m;
  });
}

/** Counts the distinct known columns a row names (by key, alias, or an alias with another unit). */
export function headerScore(cells: readonly string[], columns: readonly ColumnDef[] = REGISTRY_COLUMNS): number {
  const defs = new Set<ColumnDef>();
  // near matches add nothing to the score: the first reading is enough (a data row's every cell would be compared with every alias)
  for (const m of matchExact(cells, columns)) if (m.kind === 'exact' || m.kind === 'unit') defs.add(m.def);
  return defs.size;
}

/** Rows searched for the header row, as a spreadsheet numbers them. */
export const HEADER_SEARCH_ROWS = 20;
/** Known columns a row must name to be taken as the header row. */
export const HEADER_MIN_COLUMNS = 3;

/**
 * Finds the header row among a sheet's first {@link HEADER_SEARCH_ROWS} rows: the row naming the
 * most known columns (at least {@link HEADER_MIN_COLUMNS}; the first such row on a tie), so
 * titles, notes and merged banners above it are skipped. Without such a row, the first
 * non-empty row is the header (its missing columns are then reported). Returns the index into
 * `rows` and the number of known columns it names.
 */
export function findHeaderRow(
  rows: readonly { readonly row: number; readonly cells: readonly string[] }[],
  columns: readonly ColumnDef[] = REGISTRY_COLUMNS,
): {
  index: number;
  score: number;
} {
  let best = { index: 0, score: -1 };
  for (let i = 0; i < rows.length && rows[i].row <= HEADER_SEARCH_ROWS; i++) {
    const score = headerScore(rows[i].cells, columns);
    if (score > best.score) best = { index: i, score };
  }
  if (best.score < HEADER_MIN_COLUMNS) return { index: 0, score: Math.max(0, rows.length ? headerScore(rows[0].cells, columns) : 0) };
  return best;
}
