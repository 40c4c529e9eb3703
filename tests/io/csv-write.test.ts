import { describe, expect, it } from 'vitest';
import { BOM, neutralise, toCsv } from '../../src/io/csv-write.js';

describe('toCsv', () => {
  it('starts with a BOM and quotes commas, quotes and newlines', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', '2'],
        ],
      ),
    ).toBe(`${BOM}a,b\n"x,y","say ""hi"""\n"line\nbreak",2\n`);
  });

  it('neutralises text that a spreadsheet would run as a formula (DESIGN §8), not numbers', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutralise('+1+2')).toBe(`'+1+2`);
    expect(neutralise('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralise('-cmd')).toBe(`'-cmd`);
    expect(neutralise('-12.5')).toBe('-12.5');
    expect(neutralise('+3e5')).toBe('+3e5');
    expect(neutralise('宁波化工')).toBe('宁波化工');
  });
});
