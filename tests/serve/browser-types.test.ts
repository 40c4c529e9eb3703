// The page (web/) is compiled on its own, with the DOM's types and without Node's, so it states the
// JSON it reads in web/types.ts. These checks, made by `tsc -p tests/tsconfig.json` (npm test),
// fail when the server's answers no longer give the page what it reads, or the page sends edits
// the server does not take.
import { describe, expectTypeOf, it } from 'vitest';
import type * as Page from '../../web/types.js';
import type { RunJobs } from '../../src/serve/run-jobs.js';
import type { Preview, Workspace } from '../../src/serve/workspace.js';
import type { Edits } from '../../src/workbench/edits.js';
import type { WorkbenchForm } from '../../src/workbench/form.js';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

describe('the page’s types of the API', () => {
  it('cover what the server answers', () => {
    expectTypeOf<WorkbenchForm>().toExtend<Page.WorkbenchForm>();
    expectTypeOf<Answer<Workspace['state']>>().toExtend<Page.State['workspace']>();
    expectTypeOf<Answer<Workspace['shippedScenarios']>>().toExtend<Page.State['scenarios']>();
    expectTypeOf<Answer<Workspace['open']>>().toExtend<Page.Opened>();
    expectTypeOf<Preview>().toExtend<Page.Preview>();
    expectTypeOf<Answer<Workspace['pin']>>().toExtend<{ pins: readonly Page.Pin[] }>();
    expectTypeOf<Answer<Workspace['compare']>>().toExtend<{ comparison: Page.Comparison; charts: readonly Page.Chart[] }>();
    expectTypeOf<Answer<Workspace['seek']>>().toExtend<{ result: Page.SeekResult; chart: Page.Chart }>();
    expectTypeOf<Answer<RunJobs['status']>>().toExtend<Page.RunStatus>();
    expectTypeOf<Answer<Workspace['save']>>().toExtend<{ fileName: string; yaml: string }>();
  });

  it('send edits the server takes', () => {
    expectTypeOf<Page.Edits>().toExtend<Edits>();
  });
});
