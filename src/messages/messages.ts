/**
 * Every user-facing message, built in one place (vega-lite `src/log/message.ts`). Tests assert
 * against these builders, not against copied strings. A message says what is wrong and what
 * would be valid.
 */

import { editDistance as distance } from '../domain/edit-distance.js';

/** Shortens a long expression for a message. */
const brief = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
/** Lists a draw's sampled `per: draw` values for a message (empty when it has none). */
const sampledValues = (params: readonly (readonly [string, number])[]): string =>
  params.length ? ` (this draw's sampled values: ${params.map(([k, v]) => `${k} = ${+v.toPrecision(6)}`).join(', ')})` : '';

/** Renders a byte count in MB. */
const mb = (bytes: number): string => `${+(bytes / 1e6).toFixed(1)} MB`;

const list = (xs: readonly (string | number)[]): string => xs.map((x) => String(x)).join(', ');

/** Renders a value briefly for a message: `"abc"`, `12`, `a list`, `a map`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 37)}...` : v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'a map';
}

/** Returns the closest candidate when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Draw numbers briefly: `3–9` for a run of consecutive draws, else the first few. */
function describeDraws(ds: readonly number[]): string {
  const consecutive = ds.every((d, i) => i === 0 || d === ds[i - 1] + 1);
  if (consecutive) return ds.length === 1 ? `draw ${ds[0]}` : `draws ${ds[0]}–${ds[ds.length - 1]}`;
  return `draws ${ds.slice(0, 6).join(', ')}${ds.length > 6 ? ', …' : ''}`;
}

const didYouMean = (word: string, candidates: readonly string[]): string => {
  const c = closest(word, candidates);
  return c ? ` (did you mean '${c}'?)` : '';
};

export const msg = {
  // ── files ────────────────────────────────────────────────────────────────────────────────
  fileNotFound: (what: string, path: string) =>
    `${what} file not found: ${path}; check the path (relative paths are resolved from the file that names them)`,
  fileUnreadable: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  notARegularFile: (what: string, path: string, kind: string) =>
    `${what} ${path} is ${kind}, not a regular file; name the file itself (a FIFO, device or folder is never read)`,
  inputTooLarge: (what: string, path: string, bytes: number, limit: number) =>
    `${what} ${path} is ${mb(bytes)}; dcsim reads ${what} files up to ${mb(limit)} — check the path, or split the file`,
  xlsxTooLarge: (path: string, limit: number) =>
    `workbook ${path} inflates to more than ${mb(limit)} when unpacked; save the registry sheet alone as CSV UTF-8 and name that file`,
  xlsxTooManyCells: (path: string, limit: number) =>
    `workbook ${path} holds more than ${limit.toLocaleString('en-US')} cells; save the registry sheet alone as CSV UTF-8 and name that file`,
  xlsxNotAZip: (path: string, reason: string) =>
    `workbook ${path} is not a valid .xlsx (zip) file: ${reason}; open it in Excel and save it again as Excel workbook (.xlsx)`,
  xlsxFormulaNoValue: () => 'formula without a saved value: open and save the file in Excel (or paste the values), so the result is stored',
  xlsxErrorCell: (error: string) => `cell holds the error ${error}; fix the formula or enter the value`,
  notUtf8: (encoding: 'utf-16' | 'gbk' | 'unknown', header?: string) =>
    `this file is not UTF-8${encoding === 'utf-16' ? ' (it is UTF-16, Excel\'s "Unicode text")' : encoding === 'gbk' ? ' (it looks like GBK/GB18030, Excel\'s plain "CSV" on Chinese Windows)' : ''}${header !== undefined ? `; its first line reads: ${header.length > 80 ? `${header.slice(0, 77)}...` : header}` : ''} — in Excel use 'Save as' → 'CSV UTF-8 (comma delimited)'`,
  wrongDelimiter: (sep: ';' | '\t') =>
    `the file seems to use ${sep === ';' ? "';'" : 'tabs'} between cells; dcsim reads comma-separated files — in Excel use 'Save as' → 'CSV UTF-8 (comma delimited)'`,
  unsupportedRegistryFormat: (path: string) => `registry ${path} is neither .csv nor .xlsx; save it as CSV (UTF-8) or Excel workbook`,

  // ── YAML and schema ──────────────────────────────────────────────────────────────────────
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  yamlTooDeep: (max: number) =>
    `the file nests maps and lists more than ${max} levels deep; a scenario needs fewer than 10 — check for unclosed brackets`,
  yamlAliasBomb: (max: number) =>
    `the file's YAML aliases (*name) expand to more than ${max} copies; write the values out instead of nesting aliases`,
  reservedKey: (key: string) => `unknown key '${key}': this name is reserved and is never read; remove it`,
  yamlNotMap: () => 'the file must be a YAML map of keys (key: value), not a list or a single value',
  unknownKey: (key: string, valid: readonly string[]) =>
    `unknown key '${key}'${didYouMean(key, valid)}${valid.length ? `; valid keys here: ${list(valid)}` : ''}`,
  wrongType: (expected: string, got: unknown) => `expected ${expected}, got ${describeValue(got)}`,
  missingKey: (expected: string) => `required key is missing (expected ${expected})`,
  notOneOf: (got: unknown, values: readonly unknown[]) =>
    `${describeValue(got)} is not allowed${typeof got === 'string' ? didYouMean(got, values.map(String)) : ''}; use one of: ${list(values.map(String))}`,
  tooSmall: (got: unknown, min: number | bigint, inclusive: boolean, origin: string) =>
    origin === 'array' || origin === 'string'
      ? `needs at least ${min} ${origin === 'array' ? 'entries' : 'characters'}`
      : `${describeValue(got)} is too small; must be ${inclusive ? '≥' : '>'} ${min}`,
  tooBig: (got: unknown, max: number | bigint, inclusive: boolean, origin: string) =>
    origin === 'array' || origin === 'string'
      ? `allows at most ${max} ${origin === 'array' ? 'entries' : 'characters'}`
      : `${describeValue(got)} is too large; must be ${inclusive ? '≤' : '<'} ${max}`,
  notInteger: (got: unknown) => `${describeValue(got)} must be a whole number`,
  sharesNotOne: (what: string, parts: readonly [string, number][], sum: number) =>
    `${what} shares sum to ${+sum.toFixed(6)}, they must sum to 1 (${parts.map(([k, v]) => `${k} ${v}`).join(' + ')})`,

  // ── scenario ─────────────────────────────────────────────────────────────────────────────
  extendsCycle: (chain: readonly string[]) => `'extends' forms a cycle: ${chain.join(' → ')}; remove one of the links`,
  periodOrder: (base: number, end: number) => `period.end (${end}) must be after period.base (${base})`,
  yearOutsidePeriod: (year: number, base: number, end: number, what: string) =>
    `${what} ${year} is outside the scenario period ${base}–${end}; use a year from ${base} to ${end}`,
  yearNotAfterBase: (year: number, base: number, what: string) => `${what} ${year} must be after the base year ${base}`,
  fromNotBeforeYear: (from: number, year: number) => `'from' (${from}) must be before 'year' (${year})`,
  targetBothBounds: () => "a target takes exactly one of 'at_least' or 'at_most'",
  targetNoBound: () => "a target needs 'at_least' or 'at_most' (the goal value)",
  cumulativeNeedsFlow: (metric: string, flows: readonly string[]) =>
    `a cumulative target sums a yearly flow; '${metric}' is not one (flows: ${list(flows)})`,
  duplicateTargetId: (id: string) => `target id '${id}' is used twice; ids must be unique`,
  unknownPolicyType: (type: unknown, known: readonly string[]) =>
    `unknown policy type ${describeValue(type)}${typeof type === 'string' ? didYouMean(type, known) : ''}; ${known.length ? `known types: ${list(known)}` : 'no policy types are registered in this version'}`,
  unknownSector: (code: string) =>
    `'${code}' is not a GB/T 4754-2017 division; write the section letter and at least two digits, e.g. C26 or C2614`,

  // ── parameters and expressions ───────────────────────────────────────────────────────────
  badParameter: (got: unknown) =>
    `expected a number, an expression in quotes, a year series such as {2021: 0.05, 2025: 0.03}, or a distribution such as {triangular: [0.04, 0.06, 0.08], per: draw}; got ${describeValue(got)}`,
  unknownDistribution: (keys: readonly string[], known: readonly string[]) =>
    `no distribution among keys ${list(keys)}; use exactly one of: ${list(known)} (with optional per: draw|enterprise and clip: [min, max])`,
  distributionArity: (dist: string, n: number, form: string) => `${dist} takes ${n} numbers: ${form}`,
  distributionOrder: (dist: string, form: string) => `${dist} parameters are out of order; they must satisfy ${form}`,
  expressionFailed: (expr: string, reason: string) =>
    `expression "${brief(expr)}" cannot be evaluated: ${reason}; expressions may use numbers, + - * / ^, functions such as min, max, exp, log, and the names under 'constants'`,
  expressionNotNumber: (expr: string, got: string) => `expression "${brief(expr)}" gives ${got}, not a finite number`,
  expressionRefused: (expr: string, what: string, reason: string) =>
    `expression "${brief(expr)}": ${what} ${reason}; expressions are scalar arithmetic (+ - * / ^ mod, comparisons, and/or/not, a ? b : c) over numbers, pi, e and the names under 'constants'`,
  expressionUnknownName: (expr: string, name: string, known: readonly string[]) =>
    `expression "${brief(expr)}" uses '${name}', which is not defined${didYouMean(name, known)}; ${known.length ? `the names defined so far under 'constants' are: ${list(known)}` : "define it under 'constants', above where it is used"}`,
  expressionArity: (expr: string, fn: string, min: number, max: number, got: number) =>
    `expression "${brief(expr)}": ${fn}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${got}`,
  expressionTooLarge: (expr: string, nodes: number, chars: number) =>
    `expression "${brief(expr)}" is too large (at most ${chars} characters and ${nodes} terms); compute the parts under 'constants'`,
  outOfDomain: (value: number, what: string, interval: string, hint?: string) =>
    `${value} is outside ${interval}, the range of ${what}${hint ? `; write ${hint}` : ''}`,
  unusuallyHigh: (value: number, what: string, above: number, hint?: string, dist?: string) =>
    `${dist ? `${dist} reaches ${value}` : value}, unusually high for ${what} (above ${above}); check it is ${hint ?? 'meant'}`,
  distributionOutsideDomain: (dist: string, what: string, interval: string) =>
    `${dist} gives values outside ${interval}, the range of ${what}; choose its numbers inside ${interval}`,
  distributionNeedsClip: (dist: string, what: string, interval: string) =>
    `${dist} can give values outside ${interval}, the range of ${what}; add clip: [lo, hi] with lo and hi inside ${interval}, or use a bounded distribution such as triangular or pert`,
  clipOutsideDomain: (clip: readonly number[], what: string, interval: string) =>
    `clip [${clip.join(', ')}] reaches outside ${interval}, the range of ${what}; choose lo and hi inside ${interval}`,
  notAYearKey: (key: string) => `'${key}' is not a year; a year series uses four-digit years as keys, e.g. {2021: 0.5568, 2025: 0.50}`,
  perYearNotDistribution: () =>
    'per_year sizes the simulation: give a number or a year series such as {2021: 5, 2025: 10}, not a distribution',
  perEnterpriseNotHere: () => "'per: enterprise' is not meaningful here (one value for the district); use 'per: draw'",
  unknownEnterpriseId: (id: string) =>
    `enterprise id '${id}' is not in the registry; check the id (the registry's 'id' column) or remove the entry`,
  sectorKey: (key: string) => `'${key}' is neither 'default' nor a GB/T 4754-2017 division such as C26`,

  // ── registry ─────────────────────────────────────────────────────────────────────────────
  registryEmpty: () => 'the registry has no firms (a header row only): fill in one row per firm below the header',
  missingColumn: (column: string, aliases: readonly string[]) =>
    `required column '${column}' is missing${aliases.length ? ` (also accepted: ${list(aliases)})` : ''}`,
  duplicateColumn: (column: string, first: string, second: string) => `columns '${first}' and '${second}' both mean '${column}'; keep one`,
  unknownColumn: (header: string, valid: readonly string[]) =>
    `unknown column '${header}'${didYouMean(header, valid)}; it is ignored — rename it if it should be read`,
  unknownProjectColumn: (header: string, valid: readonly string[]) =>
    `unknown column '${header}'${didYouMean(header, valid)}; a project table takes the registry's columns and start_year, ramp, national_major, product, capacity_t, energy_factor — rename or remove it`,
  badRamp: (raw: string, part: string) =>
    `"${raw}" is not a ramp-up: "${part}" must be a share of full capacity in (0, 1] (0.5 or 50%), one per year separated by ';', never falling — e.g. 0.5;1`,
  notANumber: (raw: string) => `"${raw}" is not a number; write digits only (no units, no thousands separators other than ',')`,
  numberCell: (raw: string, problem: 'not-a-number' | 'bad-comma' | 'not-finite' | 'too-large', ceiling?: number): string => {
    if (problem === 'bad-comma')
      return `"${raw}" is not a number: a comma may only group thousands (1,234,567.8); decimals use a point${/^[^,]*,[^,]*$/.test(raw) ? ` (${raw.trim().replace(',', '.')}?)` : ''}`;
    if (problem === 'not-finite') return `"${raw}" is not a finite number; write the quantity in digits`;
    if (problem === 'too-large')
      return `"${raw}" is implausibly large for this column (above ${ceiling?.toExponential() ?? 'its ceiling'}); check the digits and the column's unit`;
    if (/^\s*[\d.,]+\s*[万亿]/.test(raw))
      return `"${raw}" is not a number: write digits only, in the column's unit — a 万元 column takes 12 for 12万元, and 12000 for 1.2亿元`;
    return msg.notANumber(raw);
  },
  negativeNumber: (value: number) => `${value} is negative; this quantity cannot be below 0`,
  notABoolean: (raw: string) => `"${raw}" is not yes/no; write true/false, 1/0, 是/否 or Y/N`,
  notAYear: (raw: string) => `"${raw}" is not a year; write a four-digit year such as 2015`,
  badChoice: (raw: string, valid: readonly string[]) => `"${raw}" is not allowed; use one of: ${list(valid)}`,
  emptyRequired: () => 'this cell is required and empty',
  duplicateId: (id: string, firstRow: number) => `id '${id}' was already used in row ${firstRow}; ids must be unique`,
  landForOutput: (land: number) => `land_mu is ${land} but the firm has output; give its land in mu (> 0)`,
  feedstockAboveFossil: (feed: number, fossil: number) =>
    `feedstock_tce ${feed} exceeds the firm's fossil energy ${+fossil.toFixed(3)} tce; feedstock is a part of its coal, oil and gas use`,
  renewableAboveElectricity: (ren: number, elec: number) =>
    `renewable_electricity_10k_kwh ${ren} exceeds electricity_10k_kwh ${elec}; the renewable part is included in electricity, not added to it`,
  villageClusterInPark: (count: number, rows: readonly number[]) =>
    `${count} firm${count === 1 ? ' is' : 's are'} flagged village_cluster (村级工业集聚点) but name${count === 1 ? 's' : ''} a park (rows ${rows.slice(0, 8).join(', ')}${rows.length > 8 ? ', …' : ''}); a village cluster lies outside the industrial parks, so the village clean-up would take a park firm: clear the flag or the park`,
  supplyWithoutFlag: (column: string, what: 'power' | 'heat') =>
    `${column} is given but the firm's supplies cell does not name ${what}; add ${what} (${what === 'power' ? '供电' : '供热'}) to supplies, or leave ${column} empty`,
  gridUncertaintyBeforePublished: (year: number, published: number) =>
    `grid_emission_factor ${year} is uncertain but the grid factor is published up to ${published}; give ${year} as a number, or put the distribution on a year after ${published}`,
  gridMultiplierNotDistribution: () =>
    'grid_emission_factor.multiplier is a per-draw distribution around 1, e.g. { triangular: [0.9, 1, 1.1] }; a fixed change belongs in the year values',
  valueAddedAboveOutput: (va: number, out: number) => `value_added ${va} exceeds output ${out}; value added is a part of gross output`,
  xlsxNoSheet: () => 'the workbook has no worksheet',
  registrySheetMissing: (name: string, sheets: readonly string[]) =>
    `the workbook has no sheet '${name}' (registry_sheet); its sheets: ${list(sheets)}${didYouMean(name, sheets)}`,
  registrySheetInCsv: (name: string) =>
    `registry_sheet '${name}' names a worksheet, but the registry is a CSV file (one sheet); remove registry_sheet`,
  columnUnitMismatch: (header: string, found: string, expected: readonly string[], key: string) =>
    `column '${header}' is in ${found}, but ${key} is read in ${list(expected)}; convert the values to ${expected[0]} and rename the column to '${header.replace(/[(（][^()（）]*[)）]\s*$/, '')}(${expected[0]})', or remove the column`,
  columnReadAs: (header: string, key: string, alias: string) =>
    `column '${header}' read as ${key} (${alias}); rename it to '${alias}' if that is right, or rename it to something else if it is not`,
  missingAboveScale: (n: number) =>
    `no above_scale (规上) column: every one of the ${n} firms taken as 规上; add the column (是/否) if some are 规下`,
  missingYearBuilt: (n: number) =>
    `no year_built (投产年份) column: none of the ${n} firms has a commissioning year, so the two-high review cannot select by age (all are held to the 'built before' threshold); add the column to review by age`,
  missingCleanupFlag: (key: string, alias: string, n: number) =>
    `no ${key} (${alias}) column: none of the ${n} firms is flagged, so the village clean-up finds none by this flag; add the column (是/否) if some are`,
  percentNotShare: (raw: string) =>
    `"${raw}" is a percentage; percentages are only for share columns (such as rd_share); write the quantity in this column's unit`,
  shareAboveOne: (raw: string) => `"${raw}" is a share above 1: write ${raw.trim()}% or ${+(Number(raw) / 100).toFixed(6)}`,
  rdShareWithoutRevenue: () =>
    'rd_share (R&D ÷ revenue) is given but revenue is empty; give revenue (营业收入) or the R&D expense itself (rd_expense)',
  notADataYear: (raw: string) => `"${raw}" is not a data year; write a four-digit year such as 2020`,
  registryYearsDisagree: (year: number, first: number, firstRow: number) =>
    `the year column says ${year} here but ${first} in row ${firstRow}; a registry holds one data year — split the file by year`,
  metaYearDisagrees: (column: number, meta: number, sheet: string) =>
    `the year column says ${column} but the ${sheet} sheet says ${meta}; make them agree`,
  registryYearConflict: (fileYear: number, scenarioYear: number, file: string) =>
    `registry_year is ${scenarioYear} but the registry ${file} declares ${fileYear}; make them agree or remove registry_year`,
  baseYearMismatch: (registryYear: number, base: number) =>
    `period.base is ${base} but the registry's data year is ${registryYear}; base-year values are the registry's, so set period.base: ${registryYear} or use a ${base} registry`,
  registryYearUndeclared: (base: number) =>
    `registry does not declare its data year; taken as period.base ${base} — add a year column or registry_year:`,
  energyBelowElectricity: (totalTce: number, electricityTce: number, basis: string) =>
    `energy_tce ${+totalTce.toFixed(3)} is below the firm's own electricity ${+electricityTce.toFixed(3)} tce (${basis} basis); the total includes electricity — check the units (吨标准煤, 万千瓦时) or registry_defaults.energy_total_basis`,
  energyTotalDisagrees: (totalTce: number, carriersTce: number, basis: string) =>
    `energy_tce ${+totalTce.toFixed(3)} and the firm's carriers ${+carriersTce.toFixed(3)} tce (${basis} basis) differ by more than 5 %; the carriers are used — check both`,
  noFuelMix: (division: string) =>
    `firm in ${division} gives energy_tce without carriers, but there is no fuel mix for ${division} or 'default'; add default_fuel_mix.default to the factors file or registry_defaults.fuel_mix.default to the scenario`,
  energyCompleted: (n: number, basis: string, mixes: readonly string[]) =>
    `${n} firm${n === 1 ? '' : 's'} completed from energy_tce and electricity (${basis} basis; fuel mix ${mixes.length ? list(mixes) : 'none needed'})`,

  // ── evaluation ───────────────────────────────────────────────────────────────────────────
  noIndicators: (group: string) => `the ${group} group needs at least one indicator with a weight > 0`,

  // ── synth ────────────────────────────────────────────────────────────────────────────────
  synthBadCount: (n: number) => `--enterprises must be a whole number ≥ 10, got ${n}`,

  // ── CLI ──────────────────────────────────────────────────────────────────────────────────
  problemsFound: (n: number) => `${n} problem${n === 1 ? '' : 's'} found; nothing was written`,
  notPositiveInteger: (v: unknown, min = 1) =>
    // a flag of type number given a word arrives as NaN: say so rather than "NaN must be …"
    typeof v === 'number' && Number.isNaN(v)
      ? `not a number; write a whole number ≥ ${min}`
      : `${describeValue(v)} must be a whole number ≥ ${min}`,
  outputNotFolder: (path: string) => `${path} is a file, not a folder; give --out a folder path`,
  cannotWrite: (path: string, reason: string) => `cannot write ${path}: ${reason}; choose a folder you can write to with --out`,
  outputExists: (path: string) => `${path} already exists; choose another --out or add --force to replace it`,
  notInRange: (v: unknown, range: string) => `${describeValue(v)} is outside the valid range: ${range}`,
  emptyOut: () => 'is empty; give a folder path, e.g. --out outputs/mine',
  notDcsimFolder: (path: string) =>
    `${path} is not a dcsim output folder; choose an empty or new folder (--force replaces only a folder dcsim wrote)`,
  outputIsFolder: (path: string) => `${path} is a folder, not a file; give --out a file path such as registry.csv`,
  staleTempRemoved: (path: string) => `note: removed ${path}, left by an earlier dcsim run that was stopped`,
  staleOldRestored: (path: string, to: string) =>
    `note: renamed ${path} back to ${to}: an earlier dcsim run stopped while replacing it with --force`,
  workersCapped: (asked: number, used: number, draws: number, cores: number) =>
    `note: --workers ${asked} is more than can help; using ${used} (at most one per draw, ${draws} draws, and 4 per core, ${cores} cores)`,
  /** The reason of a failed file operation in words, from its error code (ENOSPC, EFBIG, EACCES, …). */
  ioReason: (code: string | undefined, detail: string) =>
    (
      ({
        ENOSPC: 'the disk is full',
        EDQUOT: 'the disk quota is used up',
        EFBIG: 'the file is larger than this session may write (file size limit, ulimit -f)',
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        EROFS: 'the file system is read-only',
        ENOTDIR: 'a part of the path is a file, not a folder',
        EISDIR: 'it is a folder',
        ENAMETOOLONG: 'the path is too long',
        ELOOP: 'too many symbolic links',
        ENOENT: 'it does not exist',
        EEXIST: 'something appeared at that path while dcsim was writing',
      }) as Record<string, string>
    )[code ?? ''] ?? detail,
  cannotWriteRunFolder: (path: string, reason: string) => `cannot write ${path}: ${reason}; nothing was changed`,
  damagedResult: (path: string, reason: string) =>
    `${path} cannot be used: ${reason}; it is not a complete dcsim result — write it again with the command that made it`,
  emptyFile: () => 'the file is empty',
  notJson: (detail: string) => `it is not valid JSON, perhaps cut short (${detail})`,
  wrongShape: (what: string) => `it is not a dcsim ${what}`,
  shardDrawsMismatch: (dir: string, k: number, n: number, expected: readonly [number, number], found: readonly number[]) =>
    `${dir}/draws.csv does not hold shard ${k}/${n}'s draws: expected draws ${expected[0]}–${expected[0] + expected[1] - 1} (${expected[1]}), found ${found.length ? `${describeDraws(found)} (${found.length})` : 'none'}; the folder mixes files of different shards or was cut short — run that shard again`,
  compareInputsDiffer: (a: string, b: string, what: readonly string[]) =>
    `${a} and ${b} run on different inputs — ${what.join('; ')}; the differences would mix the change of data into the policies' effect. Compare scenarios over the same files, or add --allow-different-inputs to compare them anyway`,
  compareInputsNote: (what: readonly string[]) =>
    `NOTE: the scenarios compared run on different inputs (${what.join('; ')}): the differences include the change of data, not only of policies`,
  badShard: (text: string) => `"${text}" is not a shard; write K/N with 1 ≤ K ≤ N, e.g. --shard 2/4`,
  shardWritten: (k: number, n: number, count: number, dir: string) =>
    `shard ${k}/${n}: ${count} draws written to ${dir}; combine every shard with 'dcsim merge <folders…> --out DIR'`,
  notPartial: (dir: string) => `${dir} is not a shard's partial result (no partial.json from 'dcsim run --shard K/N')`,
  partialsDiffer: (a: string, b: string, what: string) =>
    `${a} and ${b} come from different runs (${what} differ); merge the shards of one run`,
  shardsIncomplete: (n: number, have: readonly number[]) =>
    `the run has ${n} shards but these are shards ${have.join(', ')}; give each of 1…${n} exactly once`,
  merged: (shards: number, draws: number, dir: string) => `${shards} shards, ${draws} draws merged into ${dir}`,
  chartsWritten: (count: number, reports: readonly string[], dir: string) =>
    `${count} chart files${reports.length ? ` and ${reports.join(', ')}` : ''} written to ${dir}`,
  chartInPlace: (dir: string) =>
    `dcsim chart would rewrite the charts and reports of ${dir} in place: give --out NEW_FOLDER for a copy, or --force to rewrite them`,
  comparePeriods: (a: string, b: string, pa: { base: number; end: number }, pb: { base: number; end: number }) =>
    `${a} runs ${pa.base}–${pa.end} but ${b} runs ${pb.base}–${pb.end}; scenarios compared side by side need the same period`,
  badVaryPath: (path: string, at: string) =>
    `--vary ${path}: '${at}' does not lead to a number in the scenario; write a path such as policies[village_cleanup].per_year or policies[0].dispositions.close.share`,
  unknownTarget: (id: string, known: readonly string[]) =>
    `--target ${id} is not a target of the scenario; its targets: ${known.join(', ')}`,
  nonFiniteResult: (draw: number, year: number, metric: string, value: number, params: readonly (readonly [string, number])[]) =>
    `draw ${draw}, year ${year}: ${metric} is ${value}, not a finite number${sampledValues(params)}; nothing was written. Narrow the distributions (add clip: [lo, hi]) or correct the numbers that lead to it`,
  valueAddedRateAboveOne: (id: string, year: number, rate: number) =>
    `firm ${id}, year ${year}: its value added would be ${+(rate * 100).toPrecision(4)} % of its output — value added is a part of gross output; lower growth.value_added_rate or the policy's value_added_rate_gain (both raise the VA rate: 0.01 means the VA ÷ output ratio rises by 1 % of itself)`,
  priceBasisUnavailable: (metric: string, prices: string, available: readonly string[]) =>
    available.length
      ? `'${metric}' is reported at ${list(available)} prices only, not at ${prices} prices; remove 'prices' or write prices: ${available[0]}`
      : `'${metric}' is not a money metric; remove 'prices'`,
  perYearNotHere: () => "'per: year' is not supported here; use 'per: draw' (per: year is for the growth block: a draw for each year)",
  undefinedRatio: (draw: number, year: number, metric: string, params: readonly (readonly [string, number])[]) =>
    `draw ${draw}, year ${year}: ${metric} is not defined — nothing is left to divide by (no 规上 firm, land or value added remains in the district)${sampledValues(params)}; nothing was written. Check the registry's 规上 firms and the policies that remove firms (per_year, shares)`,
  // ── selection (src/policies/selection.ts) ───────────────────────────────────────────────────
  duplicateGroups: () => 'groups names a group twice; write [above_scale], [below_scale] or [above_scale, below_scale]',
  quotaGroupNotNamed: (group: string, named: readonly string[]) =>
    `the quota names ${group} but the policy selects only within groups [${named.join(', ')}]; add ${group} to groups or remove its quota`,
  quotaGroupMissing: (group: string, named: readonly string[]) =>
    `the quota gives no number for ${group}, one of the policy's groups [${named.join(', ')}]; add ${group}: <firms a year> (0 for none)`,
  aboveScaleOnlyRenamed: () =>
    'above_scale_only is replaced by groups: write groups: [above_scale] (only 规上 firms) or groups: [above_scale, below_scale] with a quota per group',
  /** Warning of a run whose median shortfall of a policy's quota is above 0 in a year. */
  quotaShortfall: (policy: string, year: number, firms: number, lang: 'zh' | 'en') =>
    lang === 'zh'
      ? `${policy}: ${year} 年配额缺口 ${firms} 家（候选不足）`
      : `${policy}: quota short by ${firms} firms in ${year} (too few candidates)`,
  interrupted: () => 'interrupted: the workers were stopped and nothing was written',
  drawImpossible: (draw: number, message: string) => `draw ${draw}: ${message}; nothing was written`,
  drawFailed: (draw: number, message: string) =>
    `draw ${draw < 0 ? '(unknown)' : draw} failed: ${message}\nThe other workers were stopped and nothing was written. This is a bug in dcsim; please report it with the command you ran.`,
  internalError: (message: string) =>
    `internal error: ${message}\nThis is a bug in dcsim, not in your input; please report it with the command you ran (set DCSIM_DEBUG=1 for details).`,
  // actuals and tracking (issue #12)
  warningThresholdOrder: (yellow: number, green: number) =>
    `the yellow threshold (${yellow}) must be below the green one (${green}): probabilities at or above green are green, at or above yellow are yellow, below are red`,
  seasonalProfile: () =>
    "a seasonal profile is 12 shares of the year's flow expected by the end of each month, never falling and ending at 1, e.g. [0.08, 0.16, …, 1]",
  projectNotLanded: (id: string, due: number, next: number) =>
    `project ${id} was due to start in ${due}, but the actuals record no start of it up to as_of: it starts in ${next} at the earliest (record its start in the actions file if it landed)`,
  calibrationImpossible: (metric: string, period: string, observed: number, acted: number, free: number, file: string, row: number) =>
    `${file} row ${row}: the observed ${metric} for ${period} (${observed}) cannot be matched: the firms acted on that year alone have ${acted.toPrecision(6)} and the other firms ${free.toPrecision(6)}; no positive factor on the others gives the observed total. Check the value and its unit (亿元 vs 万元, 万tce vs tce), or the registry's base year`,
  unrecordedPolicy: (key: string, from: number, to: number, asOf: string) =>
    `policy ${key} has no recorded action up to as_of ${asOf}: it is simulated in ${from}–${to} as in a forecast (record its actions in the actions file if it acted)`,
  actualsEmpty: () => 'the actuals hold no value and no action: as_of has no default; give as_of (e.g. as_of: 2023-09) or fill the files',
  badAsOf: (text: string) => `as_of '${text}' is not a period: write a year (2023), a quarter (2023-Q3) or a month (2023-09)`,
  // calibrate and rebase (issue #12 §4)
  calibrateNoActuals: (scenario: string) =>
    `${scenario} has no actuals to fit to: give --actuals FILE (the observed values) or actuals: in the scenario`,
  calibrateNoYear: (asOf: string, base: number) =>
    `the actuals (as_of ${asOf}) complete no year after the base year ${base}: calibrate fits annual values of ${base + 1} or later; give values for a whole year or a later --as-of`,
  calibrateNoSeries: (first: number, last: number, skipped: readonly string[]) =>
    `no observed annual value in ${first}–${last} that the background drives (value_added, above_scale_value_added, value_added_constant, energy_tce, dual_control_energy_tce, co2_t, output, tax at scope district; VA at scope above_scale)${skipped.length ? `; left out: ${skipped.join(', ')}` : ''}`,
  calibrateSkipped: (what: string, reason: 'scope' | 'metric' | 'zero') =>
    `${what}: not fitted (${reason === 'scope' ? 'the run has no total of this metric at this scope; dcsim track compares it' : reason === 'metric' ? 'the background does not drive this metric' : 'a relative error needs an observed value above 0'})`,
  calibrateNotConverged: (evaluations: number) =>
    `the search stopped after ${evaluations} evaluations before its steps shrank to the tolerance: the fit may improve with more (a finer result needs --max-evaluations)`,
  calibratedUnloadable: (file: string, problem: string) =>
    `${file} was written but does not load: ${problem}. This is a bug in dcsim; please report it`,
  calibrateUnknownParameter: (id: string, ids: readonly string[]) =>
    `${id} is not a parameter of this fit; the parameters are ${ids.join(', ')} (a sector group without VA in the registry is not fitted)`,
  calibrateAllFixed: () => 'every parameter is held (--fix): nothing is left to fit',
  rebaseYear: (to: number, base: number, end: number) =>
    `${to} is outside the scenario's simulated years: give a year after the base year ${base}, at most the end year ${end}`,
  rebaseDraw: (draw: number) =>
    `--draw: ${draw} is not a draw number; give a whole number ≥ 0 (default 0, the draw run records in events.csv)`,
  rebaseBeyondActuals: (to: number, asOf: string | undefined) =>
    asOf === undefined
      ? `the scenario has no actuals: the ${to} registry is the model's forecast, not what happened (give --actuals FILE)`
      : `the actuals (as_of ${asOf}) do not complete ${to}: the ${to} registry is partly the model's forecast`,
  rebaseNewRenewables: (base: number, to: number) =>
    `dual_control_energy_tce here excludes the renewable power added since ${base} (exclude_renewables: new); a scenario based on the ${to} registry takes that power as part of its base and counts it, so its ${to} dual-control energy is higher by it (gross energy, CO2, VA, land and firms carry over exactly)`,
  // the actuals files (src/actuals/check.ts)
  actualsUnknownColumn: (header: string, near: string | undefined, valid: readonly string[]) =>
    `unknown column '${header}'${near ? ` (did you mean '${near}'?)` : ''}; the columns are ${valid.join(', ')} (or their Chinese names, README "The actuals files")`,
  actualsDuplicateColumn: (key: string) => `the column ${key} appears twice; keep one`,
  actualsMissingColumns: (keys: readonly string[]) =>
    `missing column${keys.length > 1 ? 's' : ''} ${keys.join(', ')}: the header row must name ${keys.length > 1 ? 'them' : 'it'} (README "The actuals files")`,
  actualsUnknownMetric: (text: string, near: string | undefined) =>
    `'${text}' is no dcsim metric${near ? ` (did you mean '${near}'?)` : ''}: use a metric id (value_added, energy_tce …), a name such as 规上工业增加值 or 腾出用能, or the id of a tracked: indicator of the scenario`,
  actualsBadScope: (text: string, near: string | undefined) =>
    `scope '${text}' is neither district (全区), above_scale (规上), town:<name> nor park:<name> with a town or park of the registry${near ? ` (did you mean '${near}'?)` : ''}`,
  actualsBadPeriod: (text: string) => `period '${text}' is not a period: write a year (2023), a quarter (2023-Q3) or a month (2023-09)`,
  actualsPeriodOutside: (period: string, base: number, end: number) =>
    `period ${period} is outside the scenario's years ${base}–${end}; remove the row or widen period: in the scenario`,
  actualsBadNumber: (text: string) => `'${text}' is not a number (write 713.5 or 1,234.5; a percentage as 12%)`,
  actualsBadUnit: (unit: string, metric: string, accepted: readonly string[]) =>
    `unit '${unit}' does not fit ${metric}; write one of ${accepted.join(', ')} (or leave it empty for ${accepted[0]})`,
  actualsNegative: (metric: string, value: number) => `${metric} cannot be negative (${value}); check the sign`,
  actualsShareAboveOne: (value: number) => `a VA rate of ${value} is above 1: write it as a fraction (0.233) or a percentage (23.3%)`,
  actualsDuplicateValue: (metric: string, scope: string, period: string, first: number) =>
    `${metric} for ${scope} in ${period} is given twice (first on row ${first}); keep one`,
  actualsNoSource: (rows: number) =>
    `${rows} observed value${rows > 1 ? 's have' : ' has'} no source; cite where each comes from (e.g. 统计公报 2023) so the report can`,
  actualsAmbiguousPolicy: (text: string, keys: readonly string[]) =>
    `'${text}' names ${keys.length} policies of the scenario; write the key of the one meant: ${keys.join(', ')}`,
  actualsUnknownPolicy: (text: string, near: string | undefined, keys: readonly string[]) =>
    `'${text}' is no policy of the scenario${near ? ` (did you mean '${near}'?)` : ''}; the policies are ${keys.join(', ')}`,
  actualsPolicyTakesNoActions: (key: string) => `policy ${key} takes no recorded actions`,
  actualsBadAction: (text: string, key: string, actions: readonly string[]) =>
    `'${text}' is no disposition of ${key}; write one of ${actions.join(', ')}`,
  actualsUnknownId: (id: string, projectsOf: string | undefined, near: string | undefined) =>
    projectsOf
      ? `'${id}' is no project in the pipeline of ${projectsOf}${near ? ` (did you mean '${near}'?)` : ''}; a landed project is named by its id in that pipeline`
      : `'${id}' is not in the registry${near ? ` (did you mean '${near}'?)` : ''}; an action names a registry firm by its id`,
  actualsBadYear: (text: string) => `'${text}' is not a year (write 2023)`,
  actualsBadDate: (text: string) => `'${text}' is not a date (write 2023-09-05, 2023/9/5 or 2023年9月5日)`,
  actualsDateYear: (date: string, year: number) => `the date ${date} is not in the row's year ${year}`,
  actualsBothSavings: () => 'give the saving as energy_saving (a share) or saving_tce (tce), not both',
  actualsBadSavingShare: (text: string) => `energy_saving '${text}' is not a share from 0 to below 1 (write 0.12 or 12%)`,
  actualsBadSavingTce: (text: string) => `saving_tce '${text}' is not a number of tce at least 0`,
  actualsDuplicateAction: (id: string, policy: string, action: string, year: number, first: number) =>
    `${id} ${action} by ${policy} in ${year} is recorded twice (first on row ${first}); keep one`,
  actualsTwoPolicies: (id: string, year: number, first: string, row: number, second: string) =>
    `${id} is taken by ${first} (row ${row}) and by ${second} in ${year}; a firm is taken by one policy a year — keep the one that acted`,
  actualsAfterExit: (id: string, year: number, exit: string, exitYear: number, row: number) =>
    `${id} is acted on in ${year} after it left the district (${exit} in ${exitYear}, row ${row}); remove the later action or correct the exit`,
  actualsNoSheets: (found: readonly string[]) =>
    `the workbook has neither a sheet 实际值 (values) nor 实际处置 (actions); its sheets: ${found.join(', ') || 'none'}`,
  actualsNoHeader: (columns: readonly string[]) => `no header row found in the first 10 rows; the columns are ${columns.join(', ')}`,
  actualsFormat: (file: string) => `${file}: the actuals are read from .csv or .xlsx files`,
  // tracking (dcsim track, issue #12 §3)
  trackNothing: (scenario: string) =>
    `${scenario} has neither targets nor tracked: indicators: dcsim track reports progress against them; add a targets: entry (or tracked:)`,
  calibrationImplausible: (
    metric: string,
    period: string,
    observed: number,
    simulated: number,
    factor: number,
    file: string,
    row: number,
  ) =>
    `${file} row ${row}: the observed ${metric} for ${period} (${observed}) is ${(observed / simulated).toFixed(2)} × what the model has that year (${simulated.toPrecision(6)}): matching it would scale every firm not acted on by ${factor.toFixed(2)} (allowed 0.5–2). Check the value, its unit (亿元 vs 万元, 万tce vs tce) and its scope (规上 vs 全区)`,
  actualsSwapped: (given: 'values' | 'actions') =>
    given === 'values'
      ? 'this is an actions file (its header names year, enterprise_id, policy, action), given as the values file: swap values: and actions:'
      : 'this is a values file (its header names metric, period, value), given as the actions file: swap values: and actions:',
  actualsEmptyFile: () =>
    'the file is empty: an actuals file has a header row (README "The actuals files") and one row per value or action',
  actualsTwoSources: (kind: string, files: readonly string[]) =>
    `two ${kind} sources given (${files.join(', ')}): merge them into one file, or give one workbook with both sheets`,
  recordedPolicyIdleYear: (key: string, years: readonly number[]) =>
    `policy ${key} has recorded actions, but none in ${years.join(', ')}: the record says it did nothing by its rule then (complete years); add its actions if it acted`,
  // ledger and carbon budget (src/ledger/, issue #13 §2–§3)
  budgetForm: () =>
    'carbon_budget takes either cap_t: { 2026: t, …, 2030: t } (a cap by year) or change: { 2030: -0.05 } with an optional base_t (a path relative to the base year), not both',
  budgetNotPositive: (v: number) => `a carbon budget is a positive tonnage; got ${v}`,
  budgetChange: (v: number) => `a budget change is relative to the base year and above −1 (−100 %); got ${v}`,
  budgetMetricWithoutBudget: (metric: string) =>
    `${metric} needs a carbon budget: add carbon_budget: { cap_t: { … } } (or change:) to the scenario, or target co2_t instead`,
  withinBudgetYears: (from: number, year: number) =>
    `a within_budget span runs from 'from' (${from}) to 'year' (${year}): 'from' must not be after 'year'`,
  projectDeferred: (shorts: string) => `缓批: ${shorts}`,
  projectRejectedAfterDefer: (years: number, shorts: string) => `缓批 ${years} 年仍无空间, 不予准入: ${shorts}`,
  projectRejectedTests: (outcomes: string) => `未通过准入评价: ${outcomes}`,
  ledgerBadNeed: (quantity: string, v: number) =>
    `a project asked the headroom ledger for ${v} of ${quantity}: a project's need at full capacity is a finite number ≥ 0 (check its row in the pipeline)`,
  ledgerShort: (quantity: 'energy' | 'co2' | 'land', v: number) =>
    quantity === 'energy'
      ? `用能替代指标缺 ${(v / 1e4).toFixed(2)} 万tce`
      : quantity === 'co2'
        ? `碳排放替代指标缺 ${(v / 1e4).toFixed(2)} 万tCO2`
        : `用地指标缺 ${v.toFixed(0)} 亩`,
  budgetOver: (v: number) => `碳排放预算超出 ${(v / 1e4).toFixed(2)} 万tCO2`,
  overrideUnknownProject: (id: string, ids: readonly string[]) =>
    ids.length
      ? `no project ${id} in this entry's pipeline${didYouMean(id, ids)}; its projects: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ' …' : ''}`
      : `overrides name pipeline projects (${id}), and this entry has no pipeline: add pipeline: FILE or remove overrides`,
  // dcsim admit (issue #13 §4)
  admitUnknownProject: (id: string, ids: readonly string[]) =>
    ids.length
      ? `--project: no pipeline project ${id}${didYouMean(id, ids)}; the scenario's projects: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ' …' : ''}`
      : `--project: the scenario has no new_projects entry with a pipeline table: dcsim admit asks about one of its projects`,
  admitNoYear: (from: number, end: number, confidence: number, lang: 'zh' | 'en' = 'zh') =>
    lang === 'zh'
      ? `在 ${from}–${end} 年中没有一年能以 ${Math.round(confidence * 100)}% 的把握容纳该项目：需腾出更多用能和碳排放、提高碳排放预算，或按能耗单列处理`
      : `no year ${from}–${end} holds the project at ${Math.round(confidence * 100)} % confidence: vacate more, raise the budget, or list it as a national major project (能耗单列)`,
  admitEarliest: (year: number, confidence: number, asked: boolean, lang: 'zh' | 'en' = 'zh') =>
    lang === 'zh'
      ? `最早可准入年份（${Math.round(confidence * 100)}% 把握）: ${year}${asked ? '' : '；届时准入的目标达成情况见 admit.json（targets_at_earliest）'}`
      : `earliest year it fits at ${Math.round(confidence * 100)} %: ${year}${asked ? '' : ' — the targets if admitted then are in admit.json (targets_at_earliest)'}`,
  keyEmittersNoMeans: () =>
    'key_emitters has no measures and no green_power: key units can only be listed as non-compliant, their energy and CO2 never change; add measures: [{ name, potential, cost_yuan_per_tce }]',
  ledgerDrawn: (quantity: 'energy' | 'co2' | 'land', v: number) =>
    quantity === 'energy'
      ? `用能替代 ${(v / 1e4).toFixed(2)} 万tce`
      : quantity === 'co2'
        ? `碳排放替代 ${(v / 1e4).toFixed(2)} 万tCO2`
        : `用地 ${v.toFixed(0)} 亩`,
  /** A project's start in the audit trail: the tests it passed, what it drew from the ledger, how long it waited. */
  projectAdmitted: (tests: string, drawn: string, waited: number, recorded: boolean) =>
    [recorded ? '按实际/指定准入' : '', tests, drawn, waited > 0 ? `缓批 ${waited} 年后准入` : ''].filter(Boolean).join('; '),
  // technology levers (issue #13 §6: fuel_switch, electrification, green_power, ccus)
  leverImpossible: (id: string, action: string, what: string, value: number, want: string) =>
    `${id} ${action}: ${what} ${value} cannot be right (want ${want}); check the policy's numbers`,
  unknownCarrier: (carrier: string, known: readonly string[]) =>
    `'${carrier}' is not an energy carrier${didYouMean(carrier, known)}; carriers: ${list(known)}`,
  switchFromNotFossil: (carrier: string, fossil: readonly string[]) =>
    `'${carrier}' is not a fossil carrier; a fuel switch replaces fossil fuel: use one or more of ${list(fossil)}`,
  switchTarget: (carrier: string, targets: readonly string[]) =>
    `'${carrier}' cannot be switched to; the new carrier is one of ${list(targets)}`,
  switchToItself: (carrier: string) => `'${carrier}' is both switched from and to; remove it from 'from' or choose another 'to'`,
  leverNoFirms: (type: string) =>
    `${type} names no firms and has no rule: add named: entries, or per_year (the largest users first) with its thresholds`,
  ccusNoFirms: () => 'ccus names no firms: list ids under firms: (with start_year) or named: entries { id, year, action: capture }',
  greenPowerNoFirms: () =>
    'green_power names no firms and has no rule: add named: entries { id, year, action: purchase } or min_electricity_10k_kwh',
  ccusNoStartYear: () => 'ccus lists firms: give start_year, the first year they capture (or give each a named: entry with its year)',
  // benchmarks (h13-bench, issue #13 §4): energy-efficiency 标杆/基准 levels per product
  benchmarkAboveBaseline: (benchmark: number, baseline: number, unit: string) =>
    `the benchmark level (标杆, ${benchmark} ${unit}) is above the baseline level (基准, ${baseline} ${unit}); the benchmark is the stricter, lower energy per unit — swap them or correct the value`,
  benchmarkUnitMissing: (units: readonly string[]) =>
    `unit is missing: give the unit of the official table's levels, one of: ${list(units)} (kgoe is converted at 1.4286 kgce, GB/T 2589-2020)`,
  benchmarkWithoutFile: () =>
    "admission.benchmark needs the benchmark levels: add 'benchmarks: models/benchmarks/china-energy-efficiency-2023.yaml' (a path relative to this scenario) at the top level of the scenario, or remove admission.benchmark",
  unknownProduct: (product: string, known: readonly string[], file: string) =>
    `unknown product '${product}'${didYouMean(product, known)}; the products of ${file}: ${list(known)} — use one of them, or add the product with its levels to that file`,
  productWithoutCapacity: (product: string) =>
    `the project makes ${product} but gives no capacity_t (产能(吨)): give its annual output at full capacity, t, for the benchmark test`,
  productSectorMismatch: (product: string, productDivision: string, division: string) =>
    `${product} is made in division ${productDivision} (GB/T 4754), the project's sector is in ${division}: check the product or the sector`,
  benchmarkEnergyImpossible: (label: string, v: number) =>
    `a project's energy per t of ${label} comes to ${v} kgce/t at full capacity: its feedstock_tce exceeds its energy — check the row's feedstock_tce and carriers`,
  capacityWithoutProduct: () =>
    'capacity_t is given without a product: name the product (a key of the benchmarks file) or leave capacity_t empty',
  energyFactorMissing: (product: string) =>
    `the levels of ${product} are per t·energy factor (能量因数): give the plant's energy_factor (a number > 0), with capacity_t in t of crude processed`,
  energyFactorNotUsed: (product: string) =>
    `energy_factor is given, but the levels of ${product} are per t of product, not per t·energy factor: leave energy_factor empty`,
  // key emitters (issue 13 §5, src/policies/key-emitters.ts)
  keyEmittersNoThreshold: () => 'give threshold energy_tce (tce, e.g. 10000), co2_t (tCO2, e.g. 26000) or both',
  keyEmittersDuplicateMeasure: (name: string) => `measure '${name}' is given twice; give each measure once (merge their potentials)`,
  keyEmittersPotentialsAboveOne: (sum: number) =>
    `the measures' potentials add up to ${sum.toFixed(3)} of process energy; they must stay below 1 (saving all of it is closing the firm)`,
  keyEmittersNamedSaving: () => 'a named save needs energy_saving: the share of process energy saved (0.03 means 3 %)',
  keyEmittersNamedShare: () =>
    "a named green_power needs share (of the firm's electricity, e.g. 0.2) or a green_power: entry with max_share",
  keyEmittersSaved: (count: number, names: string, tce: number, costWan: number) =>
    `措施 ${count} 项 (${names}), ${tce.toFixed(1)} tce, ${costWan.toFixed(2)} 万元`,
  keyEmittersGreen: (from: number, to: number, added10kKwh: number, costWan: number) =>
    `绿电 ${(from * 100).toFixed(1)} % → ${(to * 100).toFixed(1)} % (+${added10kKwh.toFixed(1)} 万kWh), ${costWan.toFixed(2)} 万元`,
  keyEmittersListed: (acted: boolean, achieved: number, required: number, gap: number, unit: string) =>
    `${acted ? '' : '未行动; '}强度下降 ${(achieved * 100).toFixed(2)} %, 要求 ${(required * 100).toFixed(2)} %: 差 ${gap.toFixed(1)} ${unit}`,
  keyEmittersNamedListed: () => '名单 (named)',
  // accounting metrics (issue #13 §1: coal, carbon scopes, the carbon market, non-fossil share)
  etsCoverageEmpty: () =>
    'ets_coverage.sectors names no sector: give each covered GB/T 4754 code with its first year, e.g. D44: { from: 2021, source: … }',
  etsSectorCode: (code: string) =>
    `'${code}' is not a GB/T 4754 code: write a section letter and 2–4 digits (a division D44, a class C3011)`,
  etsFromYear: (year: number) => `from: ${year} is not a year (1900–2100): the first year the carbon market covers the sector, e.g. 2024`,
  etsCell: (raw: string) =>
    `'${raw}' is not an ets value: write true/是 (covered by the national carbon market), false/否 (not covered), or leave it blank (by sector, from the factors file's ets_coverage)`,
  noGridNonFossilShare: (factorsName: string) =>
    `neither the scenario nor the factors file (${factorsName}) gives grid_non_fossil_share: non_fossil_share counts only the firms' own renewable electricity; add grid_non_fossil_share (e.g. { 2025: 0.40, 2030: 0.50 }) to the scenario`,
  gridShareRange: () => 'grid_non_fossil_share is a fraction of generation from 0 to 1, e.g. 0.40 (not 40)',
  nonFossilShareAboveOne: (nonFossilTce: number, grossTce: number) =>
    `non-fossil energy (${nonFossilTce.toPrecision(6)} tce) exceeds gross energy (${grossTce.toPrecision(6)} tce): a firm's renewable_electricity_10k_kwh above its electricity, or a grid_non_fossil_share above 1; correct the registry or the share`,
  // compare wording (issue #14 item 7): titles, and the sign in the words ("少腾出用能 10.08 万tce", never "多腾出 −10.08")
  compareCostLine: (
    lang: 'zh' | 'en',
    scenario: string,
    first: string,
    extraVacatedTce: number | null,
    valueAddedChange: number | null,
    jobsChange: number | null,
  ) => {
    const zh = lang === 'zh';
    const n = (x: number, d: number) => Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
    /** A change in words: "<more> x unit", "<less> x unit", "<what> unchanged" when it rounds to 0, "<what> –" when unknown. */
    const part = (x: number | null, d: number, what: string, more: string, less: string, unit: string) =>
      x === null || !Number.isFinite(x)
        ? `${what} –`
        : Number(n(x, d).replace(/,/g, '')) === 0
          ? `${what}${zh ? '不变' : ' unchanged'}`
          : `${x > 0 ? more : less} ${n(x, d)}${unit}`;
    const e = extraVacatedTce === null ? null : extraVacatedTce / 1e4;
    const va = valueAddedChange === null ? null : valueAddedChange / 1e4;
    return zh
      ? `${scenario} 较 ${first}: ${part(e, 2, '腾出用能', '多腾出用能', '少腾出用能', ' 万tce')} · ${part(va, 1, '增加值', '增加值增加', '增加值减少', ' 亿元')} · ${part(jobsChange, 0, '就业', '就业增加', '就业减少', ' 人')}`
      : `${scenario} vs ${first}: ${part(e, 2, 'energy vacated', 'energy vacated up', 'energy vacated down', ' 万tce')} · ${part(va, 1, 'value added', 'value added up', 'value added down', ' 亿元')} · ${part(jobsChange, 0, 'jobs', 'jobs up', 'jobs down', '')}`;
  },
  // dcsim init (issue 14 §15, room init)
  initNotEmpty: (path: string) =>
    `${path} is not empty: choose a new or empty folder, or add --force to overwrite the template files there (other files are kept)`,
  initEmptyFolder: () => 'the folder is empty text: give a folder path, e.g. dcsim init 北仑区',
  initNotFolder: (path: string) => `${path} is a file, not a folder: give dcsim init a folder path`,
  initBadYear: (flag: string, got: unknown) => `--${flag} ${String(got)} is not a year: write a four-digit year such as 2025`,
  initBadPeriod: (base: number, end: number) => `--end ${end} must be after --base ${base}, e.g. --base 2025 --end 2030`,
  initEmptyDistrict: () => "--district is empty: give the district's name, e.g. --district 镇海区",
  initWritten: (path: string) => `已创建 ${path}:`,
  initNext: (scenario: string) => `下一步: 在 registry.xlsx 的"企业名录"中填写企业 → dcsim validate ${scenario} → dcsim run ${scenario}`,
  // policy ids in extends (issue 14 item 14, room h14-extends: src/scenario/policy-ids.ts)
  policyIdBad: (id: unknown) =>
    `policy id ${describeValue(id)} is not a word: write letters, digits, - and _ (e.g. village or ccus-refinery)`,
  policyIdDuplicate: (id: string) => `two policies have id '${id}': give each policy its own id`,
  policyIdUnknown: (id: string, known: readonly string[], suggestion: string | undefined, removing: boolean) =>
    `no policy of the parent scenario has id '${id}'` +
    (suggestion !== undefined
      ? `; did you mean '${suggestion}'?`
      : known.length
        ? ` (its ids: ${known.join(', ')})`
        : "; the parent's policies have no ids: add id: to them in the parent") +
    (removing ? '' : ` — to add a new policy under this id, give it a type (e.g. type: ccus)`),
  policyIdMismatch: (key: string, id: unknown) =>
    `this entry is policies.${key} but says id: ${describeValue(id)}: leave id out (the key is the id) or make them the same`,
  policyIdEntry: (key: string, v: unknown) =>
    `policies.${key} must be a map of the settings to change (e.g. { per_year: 120 }), or null to remove the policy, not ${describeValue(v)}`,
  policyBeforeUnknown: (before: unknown, known: readonly string[], suggestion: string | undefined) =>
    `before: ${describeValue(before)} names no policy id` +
    (suggestion !== undefined
      ? `; did you mean '${suggestion}'?`
      : known.length
        ? ` (the ids: ${known.join(', ')})`
        : ' (no policy has an id)'),
  // h14-yaml (issue #14 §13 and §12: YAML slips Chinese users make, percent syntax)
  yamlFullWidthColon: (key: string) =>
    `'${key}：' uses a full-width colon '：' (Chinese input): YAML needs the ASCII colon and a space — write '${key}: '`,
  yamlFullWidthSpace: () =>
    'a full-width space (U+3000, Chinese input) is used here as indentation or a separator: YAML only takes ordinary spaces — replace it with ASCII spaces',
  yamlThousands: (text: string) =>
    `'${text}' is not a number: YAML reads the comma as a separator (in { … } it splits the number in two) — write ${text.replace(/,/g, '')} without thousands separators`,
  yamlIndentSlip: (found: number, levels: readonly number[]) =>
    `this line is indented by ${found} space${found === 1 ? '' : 's'}, which lines up with no key above it: indent it by ${levels.join(' or ')} spaces, the same as the key it belongs beside (one space too many or too few)`,
  percentNotFraction: (text: string, what: string) =>
    `'${text}' is a percentage, but ${what} is not a fraction: write the number itself in its unit (a percentage is only for fractions such as shares, growth rates and confidence)`,
  goalImpossibleRatio: (goal: number, what: string) =>
    `a goal of ${goal} for ${what} means ${(goal * 100).toLocaleString('en-US')} %, which cannot happen: goals of ratios and changes are fractions — write ${goal} % or ${goal / 100}`,
  // room h14-seek: seek without --max, flag-blaming range errors, the plateau, verdicts in the chosen language
  seekMaxBelowMin: (min: number, max: number) =>
    `--max ${max} is below --min ${min}; give a --max above --min, or leave --max out to let seek expand`,
  seekBoundBelowMin: (min: number, bound: number) => `--bound ${bound} is below --min ${min}; give a --bound above --min`,
  seekAnswerIn: (lang: 'zh' | 'en', path: string, value: string, target: string, confidence: number, maximize: boolean) =>
    lang === 'zh'
      ? `以 ${confidence} 的置信水平达成“${target}”的${maximize ? '最大' : '最小'} ${path}：${value}`
      : `${maximize ? 'largest' : 'smallest'} ${path} that meets “${target}” with ${confidence} confidence: ${value}`,
  seekPlateau: (lang: 'zh' | 'en', path: string, target: string, lo: number, hi: number, confidence: number, plateau: string) =>
    lang === 'zh'
      ? `${path} 在 [${lo}, ${hi}] 内都不能以 ${confidence} 的置信水平达成“${target}”：仅靠这一手段无法达成目标（达成概率停在 ${plateau}）；请组合其他政策`
      : `no ${path} in [${lo}, ${hi}] meets “${target}” with ${confidence} confidence: the target cannot be met by this lever alone (plateau at ${plateau}); combine it with other policies`,
  seekNotMonotoneIn: (lang: 'zh' | 'en', rises: boolean) =>
    lang === 'zh'
      ? `警告：已计算的点不支持“达成概率随参数${rises ? '上升' : '下降'}”的假设；结果未必是最小或最大值`
      : `warning: the evaluated points do not bear out the assumption that the probability ${rises ? 'rises' : 'falls'} with the value; the answer may not be the smallest or largest`,

  // ── the workbench's edits (src/workbench/, issue 16) ───────────────────────────────────────
  workbenchBadValue: (path: string) =>
    `${path}: the value is not a number, a text, a distribution or a year series; set a number such as 60 or a distribution such as { triangular: [0.05, 0.1, 0.2] }`,
  workbenchBadPolicyIndex: (off: readonly number[], count: number) =>
    `policies switched off: ${off.join(', ')} — the scenario has policies 0 to ${count - 1}; switch off one of those`,

  // ── report (issue #14 items 1, 2) ─────────────────────────────────────────────────────────
  reportChartUnknown: (name: string, charts: readonly string[], metrics: readonly string[]) =>
    `'${name}' is neither a chart nor a metric${didYouMean(name, [...charts, ...metrics])}; name an analysis chart (${list(charts)}) or a metric id for its fan chart (e.g. value_added_rate)`,
  // ── dcsim serve (issue 16) ────────────────────────────────────────────────────────────────
  serveListening: (url: string) => `dcsim workbench: ${url}`,
  serveStopHint: () => 'Ctrl-C 停止 · stop with Ctrl-C',
  serveStopped: () => 'dcsim workbench stopped; its uploaded files were removed',
  servePortTaken: (port: number) =>
    `port ${port} is in use (another dcsim serve, or another program): give a free one with --port, e.g. dcsim serve --port ${port === 65535 ? 8321 : port + 1}`,
  serveBadPort: (port: unknown) => `--port ${String(port)} is not a port: give a whole number from 0 to 65535, e.g. --port 8321`,
  serveHostWarning: (host: string) =>
    `warning: --host ${host} lets other machines reach the workbench; anyone with the URL (its token) can read and run your uploaded files. Leave --host out to serve this machine only (127.0.0.1)`,
  serveOpenFailed: (reason: string) => `warning: could not open a browser (${reason}); open the URL above yourself`,
  serveTokenRefused: () => 'this request lacks the workbench token: open the URL dcsim serve printed (it ends in ?token=…)',
  serveHostRefused: () =>
    'this request names another host: open the workbench at the URL dcsim serve printed (http://127.0.0.1:PORT/?token=…)',
  servePageRefused: () =>
    '<!doctype html><meta charset="utf-8"><title>dcsim</title><p>请打开 dcsim serve 打印的完整网址（以 ?token=… 结尾）。</p><p>Open the full URL dcsim serve printed (it ends in ?token=…).</p>',
  serveNotFound: () => 'no such page or file: the workbench serves its page, its /assets/ and its /api/ routes only',
  serveAssetMissing: (name: string) =>
    `the package lacks the page file ${name}: build it with npm run build (dist/web/) or reinstall dcsim`,
  serveBadRequest: (detail: string) => `the request is malformed (${detail}); reload the page`,
  serveBodyTooLarge: () => 'the request is too large for the workbench',
  serveUploadKind: (kind: unknown, kinds: readonly string[]) =>
    `unknown upload kind ${describeValue(kind)}: upload one of ${list(kinds)} (?kind=registry)`,
  serveUploadExtension: (kind: string, name: string, extensions: readonly string[]) =>
    `${name === '' ? 'the file has no name' : `${name} is not a file the ${kind} is read from`}: upload a ${extensions.join(' or ')} file`,
  serveUploadTooLarge: (kind: string, mib: number) =>
    `the ${kind} file is larger than the workbench takes (${mib} MiB): upload a smaller file`,
  serveScenarioUnknown: (name: string, known: readonly string[]) =>
    `no shipped scenario is named '${name}'${didYouMean(name, known)}; choose one of ${list(known)}`,
  serveNoUpload: (kind: string) => `no ${kind} file has been uploaded: upload one first`,
  serveNotOpen: () => 'no scenario is open: open a shipped scenario or upload your own first',
  serveBadEdits: () => 'the changes do not apply to this scenario: reload the page',
  servePinsFull: (max: number) => `at most ${max} states can be pinned: remove a pin first`,
  servePinUnknown: (id: string) => `no pin has id '${id}' (it was removed, or the scenario was opened again)`,
  serveCompareTooFew: () => 'a comparison needs two states: pin one and change the levers, or pin two',
  serveRunUnknown: (id: string) => `no run has id '${id}' (only the last few runs are kept): run again`,
  serveRunNotDone: (status: string) => `the run is ${status}: its files exist only once it is done`,
  serveRunFileUnknown: (name: string) => `the run folder has no file '${name}'`,
  serveSaveName: (name: string) =>
    `'${name}' cannot name a scenario: use letters, digits, ".", "_" and "-" (it names the output folder), e.g. zhenhai-2025-plan-b`,
  // room h14-cli: seek's progress line (issue #14 item 9)
  seekProgressPoint: (lang: 'zh' | 'en', n: number) => (lang === 'zh' ? `第 ${n} 个点` : `point ${n}`),
  // room h14-lang: dcsim chart on compare and seek folders (issue #14 §11)
  chartNotResultFolder: (dir: string) =>
    `${dir} is not a folder dcsim chart can draw again: it has no summary.json (dcsim run or track), comparison.json (dcsim compare) or seek.json (dcsim seek); give the folder one of those commands wrote`,
  chartCompareIncomplete: (dir: string, file: string) =>
    `${dir} is a compare folder without ${file}: dcsim chart draws a comparison again from comparison.json and each scenario's summary.json (a compare folder of an older dcsim may lack them) — run dcsim compare again`,
};
