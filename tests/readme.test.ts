import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_COLUMNS, VALUE_COLUMNS } from '../src/actuals/check.js';
import { REGISTRY_COLUMNS } from '../src/io/registry-columns.js';
import { ROOT } from './helpers.js';

describe('README', () => {
  it('documents every registry column with every Chinese alias the loader accepts', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The enterprise registry'));
    for (const c of REGISTRY_COLUMNS) {
      const line = section.split('\n').find((l) => l.startsWith(`| \`${c.key}\` |`));
      expect(line, c.key).toBeDefined();
      for (const alias of c.aliases) expect(line, `${c.key}: ${alias}`).toContain(alias);
    }
  });

  it('documents every column of the actuals files with its first Chinese name', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The actuals files'), readme.indexOf('### How a run uses the actuals'));
    for (const c of [...VALUE_COLUMNS, ...ACTION_COLUMNS]) {
      const line = section.split('\n').find((l) => l.startsWith('| `') && l.includes(`\`${c.key}\``));
      expect(line, c.key).toBeDefined();
      expect(line, `${c.key}: ${c.aliases[0]}`).toContain(c.aliases[0]);
    }
  });

  it('has the two-line quick start', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```sh\nnpm ci && npm start\nnpm test\n```');
  });
});
