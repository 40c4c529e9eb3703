import { describe, expect, it } from 'vitest';
import { CellTypeError, readTableCsv, tableCsv, typedCell, unneutralise, type Column } from '../../src/io/table.js';
import { columnLetters, numberFormat, textWidth } from '../../src/io/xlsx-sheet.js';

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
});
