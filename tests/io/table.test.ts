import { describe, expect, it } from 'vitest';
import { CellTypeError, readTableCsv, tableCsv, typedCell, unneutralise, type Column } from '../../src/io/table.js';
import { addTableSheet, columnLetters, numberFormat, streamedXlsx, textWidth } from '../../src/io/xlsx-sheet.js';
import { readXlsxStrict, rowValues, unzip } from '../support/xlsx-strict.js';

const cols: Column[] = [
  { key: 'name', zh: '名称', en: 'name', type: 'text' },
  { key: 'year', zh: '年份', en: 'year', type: 'year' },
  { key: 'n', zh: '数量', en: 'count', type: 'integer' },
  { key: 'x', zh: '数值', en: 'value', type: 'number', decimals: 1 },
  { key: 'r', zh: '比例', en: 'share', type: 'ratio' },
];

describe('typed output tables', () => {
  it('refuse a cell that does not fit its column: NaN, Infinity, text in a number column, a fraction in a count', () => {
    expect(() => typedCell(cols[3], Number.NaN, 5)).toThrow(CellTypeError);
    expect(() => typedCell(cols[3], Number.POSITIVE_INFINITY, 5)).toThrow('column x, row 5: Infinity is not a finite number');
    expect(() => typedCell(cols[3], '12', 2)).toThrow(CellTypeError);
    expect(() => typedCell(cols[2], 1.5, 2)).toThrow('not a whole number');
    expect(typedCell(cols[0], 12, 2)).toBe('12');
    expect(typedCell(cols[3], '', 2)).toBeNull();
  });

  it('write CSV with the column keys, numbers to 12 significant digits, text neutralised, and read it back typed', () => {
    const csv = tableCsv({
      columns: cols,
      rows: [
        ['=SUM(A1)', 2021, 3, 0.1 + 0.2, 0.245],
        ['b', 2022, null, 1e-7, 1],
      ],
    });
    expect(csv).toBe("\uFEFFname,year,n,x,r\n'=SUM(A1),2021,3,0.3,0.245\nb,2022,,1e-7,1\n");
    const back = readTableCsv(csv, cols, 't.csv');
    expect(back.rows).toEqual([
      ['=SUM(A1)', 2021, 3, 0.3, 0.245],
      ['b', 2022, null, 1e-7, 1],
    ]);
  });

  it('read a CSV number cell that is not finite as an error naming file, row and column', () => {
    expect(() => readTableCsv('name,year,n,x,r\na,2021,1,NaN,0\n', cols, 'events.csv')).toThrow(
      'events.csv row 2, column x: "NaN" is not a finite number',
    );
  });

  it('remove only the apostrophe neutralising put before a formula-like cell', () => {
    expect(unneutralise("'=A1")).toBe('=A1');
    expect(unneutralise("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
  });
});

describe('workbook formats', () => {
  it('give each column type its Excel number format, with no trailing point on whole numbers', () => {
    expect(numberFormat(cols[0])).toBeUndefined();
    expect(numberFormat(cols[1])).toBe('0');
    expect(numberFormat(cols[2])).toBe('#,##0');
    expect(numberFormat(cols[3])).toBe('#,##0.0');
    expect(numberFormat({ ...cols[3], decimals: 0 })).toBe('#,##0');
    expect(numberFormat(cols[4])).toBe('0.0%');
    expect(numberFormat({ ...cols[3], signed: true })).toBe('+#,##0.0;-#,##0.0;#,##0.0');
    expect(numberFormat({ ...cols[3], perRow: true }, { type: 'ratio', decimals: 1 })).toBe('0.0%');
  });

  it('measure CJK text as two characters wide and name columns by letters', () => {
    expect(textWidth('腾出用能(tce)')).toBe(13);
    expect(textWidth('（万元）')).toBe(8);
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('lay a table sheet out in full although its rows are streamed: widths of the widest shown cell, formats by column and by row, bold grey header, frozen, filtered, one page wide with the header on every page', async () => {
    const columns: Column[] = [
      { key: 'name', zh: '名称', en: 'name', type: 'text' },
      { key: 'year', zh: '年份', en: 'year', type: 'year' },
      { key: 'v', zh: '值', en: 'value', type: 'number', perRow: true },
      { key: 'r', zh: '比例', en: 'share', type: 'ratio', decimals: 0 },
    ];
    const table = {
      columns,
      rows: [
        ['镇海炼化分公司', 2025, 1234567.891, 0.5],
        ['=1+1', 2026, 0.125, null],
      ],
      rowFormats: [
        { type: 'number', decimals: 2 },
        { type: 'ratio', decimals: 1 },
      ] as const,
    };
    const data = await streamedXlsx((wb) => {
      addTableSheet(wb, '表', table, 'zh', { frozenColumns: 1, autoFilter: true, print: true });
      addTableSheet(wb, 'second', { columns: columns.slice(0, 1), rows: [['x']] }, 'en');
    });
    const wb = readXlsxStrict(data);
    expect(wb.sheets.map((x) => x.name)).toEqual(['表', 'second']);
    const s = wb.sheet('表');
    expect(rowValues(s, 1)).toEqual(['名称', '年份', '值', '比例']);
    expect(rowValues(s, 3)).toEqual(["'=1+1", 2026, 0.125]);
    expect(['B2', 'C2', 'D2', 'C3'].map((ref) => s.cells.get(ref)?.format)).toEqual(['0', '#,##0.00', '0%', '0.0%']);
    // 镇海炼化分公司 is 14 wide, 1,234,567.89 is 12, the header 比例 4 (at least 8): each plus 2
    expect([...s.widths]).toEqual([
      [1, 16],
      [2, 8],
      [3, 14],
      [4, 8],
    ]);
    expect([s.frozenAt, s.autoFilter, s.landscape]).toEqual(['B2', 'A1:D3', true]);
    expect(wb.definedNames.filter((n) => n.sheet === 0).map((n) => [n.name, n.value])).toEqual([
      ['_xlnm.Print_Area', "'表'!$A1:$D3"],
      ['_xlnm.Print_Titles', "'表'!$1:$1"],
    ]);
    expect(wb.sheet('second').frozenAt).toBe('A2');
    // the header's style: bold on a grey fill; the page: A4, one page wide, as many tall as it takes
    const files = unzip(data);
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString();
    const styles = files.get('xl/styles.xml')!.toString();
    const items = (section: string, tag: string) =>
      [
        ...new RegExp(`<${section}[\\s>][\\s\\S]*?</${section}>`)
          .exec(styles)![0]
          .matchAll(new RegExp(`<${tag}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g')),
      ].map((m) => m[0]);
    const headerXf = items('cellXfs', 'xf')[Number(/<c r="A1"[^>]*\ss="(\d+)"/.exec(sheet)![1])];
    const id = (name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(headerXf)![1]);
    expect(items('fonts', 'font')[id('fontId')]).toMatch(/<b\/>/);
    expect(items('fills', 'fill')[id('fillId')]).toMatch(/patternType="solid"[\s\S]*rgb="FFEFEFEF"/);
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    const page = /<pageSetup\s[^>]*\/>/.exec(sheet)![0];
    for (const a of ['paperSize="9"', 'orientation="landscape"', 'fitToWidth="1"', 'fitToHeight="0"']) expect(page).toContain(a);
  });
});
