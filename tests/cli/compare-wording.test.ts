import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';

// issue #14 item 7: the sign is in the words, never "多腾出用能 −10.08"
describe('compare cost lines', () => {
  it('say more or less in words, with titles and units', () => {
    // −100,800 tce less vacated; value added +24,000 万元 (2.4 亿元); 502 jobs more
    expect(msg.compareCostLine('zh', 'CCUS 方案（ccus）', '基准（base）', -100800, 24000, 502)).toBe(
      'CCUS 方案（ccus） 较 基准（base）: 少腾出用能 10.08 万tce · 增加值增加 2.4 亿元 · 就业增加 502 人',
    );
    expect(msg.compareCostLine('zh', 'b', 'a', 250700, -8000, -1165)).toBe(
      'b 较 a: 多腾出用能 25.07 万tce · 增加值减少 0.8 亿元 · 就业减少 1,165 人',
    );
    expect(msg.compareCostLine('en', 'b', 'a', 250700, -8000, -1165)).toBe(
      'b vs a: energy vacated up 25.07 万tce · value added down 0.8 亿元 · jobs down 1,165',
    );
  });

  it('a change that rounds to nothing is unchanged, never "−0.0"; a missing one is a dash', () => {
    expect(msg.compareCostLine('zh', 'b', 'a', 0.4, -400, 0)).toBe('b 较 a: 腾出用能不变 · 增加值不变 · 就业不变');
    expect(msg.compareCostLine('en', 'b', 'a', null, null, null)).toBe('b vs a: energy vacated – · value added – · jobs –');
  });
});
