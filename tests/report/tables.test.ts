import { describe, expect, it } from 'vitest';
import { formatSigned } from '../../src/report/tables.js';

describe('signed changes', () => {
  it('read the right way round: a plus for a gain, a true minus for a loss, no sign on zero', () => {
    expect(formatSigned(12.444, 2)).toBe('+12.44');
    expect(formatSigned(-19.3, 1)).toBe('−19.3');
    expect(formatSigned(-10436, 0)).toBe('−10,436');
    expect(formatSigned(-0.01, 1)).toBe('0.0');
    expect(formatSigned(0, 0)).toBe('0');
    expect(formatSigned(Number.NaN, 1)).toBe('–');
  });
});
