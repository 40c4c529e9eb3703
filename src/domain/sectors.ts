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

/** Chinese names of the industrial divisions (B, C, D), GB/T 4754-2017. */
export const DIVISION_NAMES_ZH: Readonly<Record<string, string>> = {
  B06: '煤炭开采和洗选业',
  B07: '石油和天然气开采业',
  B08: '黑色金属矿采选业',
  B09: '有色金属矿采选业',
  B10: '非金属矿采选业',
  B11: '开采专业及辅助性活动',
  B12: '其他采矿业',
  C13: '农副食品加工业',
  C14: '食品制造业',
  C15: '酒、饮料和精制茶制造业',
  C16: '烟草制品业',
  C17: '纺织业',
  C18: '纺织服装、服饰业',
  C19: '皮革、毛皮、羽毛及其制品和制鞋业',
  C20: '木材加工和木、竹、藤、棕、草制品业',
  C21: '家具制造业',
  C22: '造纸和纸制品业',
  C23: '印刷和记录媒介复制业',
  C24: '文教、工美、体育和娱乐用品制造业',
  C25: '石油、煤炭及其他燃料加工业',
  C26: '化学原料和化学制品制造业',
  C27: '医药制造业',
  C28: '化学纤维制造业',
  C29: '橡胶和塑料制品业',
  C30: '非金属矿物制品业',
  C31: '黑色金属冶炼和压延加工业',
  C32: '有色金属冶炼和压延加工业',
  C33: '金属制品业',
  C34: '通用设备制造业',
  C35: '专用设备制造业',
  C36: '汽车制造业',
  C37: '铁路、船舶、航空航天和其他运输设备制造业',
  C38: '电气机械和器材制造业',
  C39: '计算机、通信和其他电子设备制造业',
  C40: '仪器仪表制造业',
  C41: '其他制造业',
  C42: '废弃资源综合利用业',
  C43: '金属制品、机械和设备修理业',
  D44: '电力、热力生产和供应业',
  D45: '燃气生产和供应业',
  D46: '水的生产和供应业',
};

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

/** Two-high sectors (环环评〔2021〕45号): petrochemical, chemical, building materials, steel, non-ferrous, power. */
export const TWO_HIGH_DIVISIONS = ['C25', 'C26', 'C30', 'C31', 'C32', 'D44'] as const;
