import { describe, expect, it } from 'vitest';
import { parseShareCell } from '../../src/domain/cells.js';

describe('parseShareCell', () => {
  it('reads 35%, 35 %, 35％ and 0.35 as 0.35; an empty cell as NaN', () => {
    for (const raw of ['35%', '35 %', ' 35％ ', '0.35']) expect(parseShareCell(raw), raw).toEqual({ ok: true, value: 0.35 });
    const empty = parseShareCell('');
    expect(empty.ok && Number.isNaN(empty.value)).toBe(true);
  });

  it('refuses a share above 1 without % and text that is not a number', () => {
    expect(parseShareCell('35')).toEqual({ ok: false, reason: 'above-one' });
    expect(parseShareCell('1')).toEqual({ ok: true, value: 1 });
    expect(parseShareCell('%')).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseShareCell('三成')).toEqual({ ok: false, reason: 'not-a-number' });
  });
});
