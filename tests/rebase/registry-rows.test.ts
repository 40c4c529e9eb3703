import { describe, expect, it } from 'vitest';
import type { EnterpriseTable } from '../../src/domain/enterprise-table.js';
import { REGISTRY_COLUMNS } from '../../src/io/registry-columns.js';
import type { ResolvedPolicy } from '../../src/policies/types.js';
import { exactNumber, pipelineLabels, rebasedHeader } from '../../src/rebase/registry-rows.js';
import { parseNumberCell } from '../../src/domain/cells.js';

const columns = REGISTRY_COLUMNS.map((c) => c.key);

describe('rebased registry columns', () => {
  it("keeps the registry's columns in order, without the total energy and R&D share; grade and supplies only when the registry has them", () => {
    const table = {} as EnterpriseTable;
    const h = rebasedHeader({ table, hasGrade: false, columns });
    expect(h.slice(0, 3)).toEqual(['id', 'name', 'sector']);
    expect(h).not.toContain('energy_tce');
    expect(h).not.toContain('rd_share');
    expect(h).not.toContain('grade');
    expect(h).not.toContain('supplies');
    expect(h.at(-1)).toBe('year');
    const withAll = rebasedHeader({ table: { supplies: new Uint8Array(0) } as unknown as EnterpriseTable, hasGrade: true, columns });
    expect(withAll).toEqual(expect.arrayContaining(['grade', 'supplies', 'power_supplied_10k_kwh', 'heat_supplied_gj']));
  });

  it('writes numbers that the registry reader reads back exactly, and blank for a value not given', () => {
    for (const x of [0.1 + 0.2, 1 / 3, 10372161.238826072, 1e-7, 123456789012.5, 0]) expect(parseNumberCell(exactNumber(x))).toBe(x);
    expect(exactNumber(Number.NaN)).toBe('');
  });

  it("takes a landed project's sector, town and park from its pipeline row", () => {
    const table = {
      sectorRaw: ['C2651', 'C3985'],
      town: Uint32Array.from([1, 0]),
      towns: ['', '蛟川街道'],
      park: Uint32Array.from([1, 0]),
      parks: ['', '宁波石化经济技术开发区'],
    } as unknown as EnterpriseTable;
    const policies = [
      { module: { type: 'rectification' }, params: {} },
      { module: { type: 'new_projects' }, params: { pipeline: { table, ids: ['NP-01', 'NP-3'] } } },
    ] as unknown as ResolvedPolicy[];
    const labels = pipelineLabels(policies);
    expect(labels.get('NP-01')).toEqual({ sectorRaw: 'C2651', town: '蛟川街道', park: '宁波石化经济技术开发区' });
    expect(labels.get('NP-3')).toEqual({ sectorRaw: 'C3985', town: '', park: '' });
  });
});
