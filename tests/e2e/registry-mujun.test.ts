import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';
import { writeMujunExport, writeMujunScenario } from '../io/mujun-export.js';

describe('dcsim validate on a 亩均 export', () => {
  it('exits 0, prints how many firms were completed from the total (basis, mixes) and names sheet and header row in warnings', async () => {
    const scenario = await writeMujunScenario(await writeMujunExport());
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/bin.js'), 'validate', scenario], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`能耗补全: ${msg.energyCompleted(7, 'calorific', ['C26', 'C25', 'default', 'C30', 'D44'])}`);
    expect(r.stdout).toContain('综合能耗 66.5 万tce');
    expect(r.stderr).toContain(
      `亩均评价数据2020.xlsx [sheet 企业数据, header row 3] row 3, column 规上企业: warning: ${msg.columnReadAs('规上企业', 'above_scale', '规上')}`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 60_000);
});
