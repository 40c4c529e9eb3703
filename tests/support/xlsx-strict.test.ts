import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxStrict } from './xlsx-strict.js';

async function book(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('事件'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the strict XLSX reader of the tests', () => {
  it('refuses the workbook dcsim 0.1 wrote: a NaN in a numeric cell (exceljs writes it, Excel repairs it, openpyxl refuses it)', async () => {
    const data = await book((ws) => ws.addRow(['镇街', Number('蛟川街道')]));
    expect(() => readXlsxStrict(data)).toThrow('事件!B1: numeric cell holds "NaN"');
  });

  it('refuses Infinity and error cells, reads text, numbers and formats', async () => {
    const infinite = await book((ws) => ws.addRow([Number.POSITIVE_INFINITY]));
    expect(() => readXlsxStrict(infinite)).toThrow('numeric cell holds');
    const error = await book((ws) => ws.addRow([{ error: '#DIV/0!' } as ExcelJS.CellErrorValue]));
    expect(() => readXlsxStrict(error)).toThrow('error cell');
    const ok = readXlsxStrict(
      await book((ws) => {
        ws.addRow(['企业 <&>', 1234.5]);
        ws.getCell('B1').numFmt = '#,##0.0';
      }),
    );
    expect(ok.sheet('事件').cells.get('A1')?.value).toBe('企业 <&>');
    expect(ok.sheet('事件').cells.get('B1')).toMatchObject({ value: 1234.5, format: '#,##0.0' });
  });
});
