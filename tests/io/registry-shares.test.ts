import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/io/registry-build.js';
import { readCsvSheet } from '../../src/io/registry-load.js';
import { msg } from '../../src/messages/messages.js';

const HEADER = 'id,name,sector,land_mu,output,value_added,tax,employees,above_scale,year_built,village_cluster,lsmp';
const firm = (id: string) => `${id},${id},C34,10,100,20,5,3,true,2010,false,false`;

function fromCsv(text: string) {
  const { sheet } = readCsvSheet(text, 'reg.csv');
  return buildRegistry('reg.csv', sheet!.headers, sheet!.rows);
}

describe('share columns and percentages', () => {
  it('rd_share (研发投入强度) gives rd_expense = share × revenue when rd_expense is empty', () => {
    const r = fromCsv(
      `${HEADER},营业收入(万元),研发费用(万元),研发投入强度\n${firm('A')},200,,3.5%\n${firm('B')},200,9,0.5\n${firm('C')},200,,0.02\n`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(Array.from(r.value!.table.rdExpense)).toEqual([200 * 0.035, 9, 200 * 0.02]);
  });

  it('rd_share without revenue is an error naming the row', () => {
    const r = fromCsv(`${HEADER},revenue,rd_share\n${firm('A')},200,3%\n${firm('B')},,3%\n`);
    expect(r.diagnostics).toEqual([expect.objectContaining({ row: 3, field: 'rd_share', message: msg.rdShareWithoutRevenue() })]);
  });

  it('a share above 1 without % is an error with the two ways to write it', () => {
    const r = fromCsv(`${HEADER},revenue,R&D占比\n${firm('A')},200,35\n`);
    expect(r.diagnostics).toEqual([expect.objectContaining({ row: 2, field: 'R&D占比', message: msg.shareAboveOne('35') })]);
    expect(msg.shareAboveOne('35')).toContain('a share above 1: write 35% or 0.35');
  });

  it('a % in a quantity column is an error saying percentages are only for share columns; 12万 is still refused', () => {
    const r = fromCsv(`${HEADER},revenue\n${firm('A')},35%\n${firm('B')},12万\n`);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ row: 2, field: 'revenue', message: msg.percentNotShare('35%') }),
      expect.objectContaining({ row: 3, field: 'revenue', message: msg.numberCell('12万', 'not-a-number') }),
    ]);
    expect(msg.percentNotShare('35%')).toContain('percentages are only for share columns');
  });

  it('a number too large for a double (1e400) is an error, not an infinite quantity', () => {
    const r = fromCsv(`${HEADER},energy_tce\n${firm('A')},1e400\n`);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ row: 2, field: 'energy_tce', message: msg.numberCell('1e400', 'not-finite') }),
    ]);
  });
});
