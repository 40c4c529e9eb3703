import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, runMeta } from '../../src/engine/aggregate.js';
import { loadScenario } from '../../src/io/scenario-load.js';
import { runDraws } from '../../src/parallel/runner.js';
import { createWorkbench, PortInUse, startServer, type Workbench } from '../../src/serve/server.js';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { msg } from '../../src/messages/messages.js';
import { ROOT } from '../helpers.js';

/**
 * A package root of the test's own: the page's files (web/, dist/web/app.js) written here, the
 * shipped scenarios and models linked from the repository.
 */
let root: string;
let work: string;
let wb: Workbench;
const PORT = 8321;
const HOST = `127.0.0.1:${PORT}`;

async function makeRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dcsim-serve-root-'));
  await mkdir(join(dir, 'web'));
  await mkdir(join(dir, 'dist', 'web'), { recursive: true });
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><title>dcsim workbench</title>');
  await writeFile(join(dir, 'web', 'style.css'), 'body { margin: 0 }');
  await writeFile(join(dir, 'dist', 'web', 'app.js'), 'console.log(1)');
  await symlink(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
  await symlink(join(ROOT, 'models'), join(dir, 'models'));
  return dir;
}

type Method = 'GET' | 'POST' | 'DELETE';
/** A request with the Host and token a page of this server sends (each overridable). */
async function api(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await wb.app.inject({
    method,
    url,
    headers: { host: HOST, 'x-dcsim-token': wb.token, ...headers },
    ...(body !== undefined ? { payload: body as object } : {}),
  });
  return { status: res.statusCode, json: () => res.json(), body: res.body, raw: res.rawPayload, headers: res.headers };
}

const none = { set: [], off: [] };

beforeAll(async () => {
  root = await makeRoot();
  work = await mkdtemp(join(tmpdir(), 'dcsim-serve-test-'));
  wb = await createWorkbench({ port: PORT, workers: 1, lang: 'zh', root });
}, 30_000);

afterAll(async () => {
  const dir = wb.workspace.dir;
  await wb.close();
  expect(existsSync(dir)).toBe(false); // the uploads' folder goes with the server
  await rm(root, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
}, 30_000);

describe('who may ask', () => {
  it('refuses an API request without the token, or with a wrong one (403)', async () => {
    const res = await wb.app.inject({ method: 'GET', url: '/api/state', headers: { host: HOST } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: msg.serveTokenRefused() });
    const wrong = await api('GET', '/api/state', undefined, { 'x-dcsim-token': 'f'.repeat(32) });
    expect(wrong.status).toBe(403);
    const short = await api('GET', '/api/state', undefined, { 'x-dcsim-token': wb.token.slice(1) });
    expect(short.status).toBe(403);
    expect((await api('GET', '/api/state')).status).toBe(200);
  });

  it('checks the token by the route matched, not by the URL as written', async () => {
    for (const url of ['/%61pi/state', '/%61%70%69/state', '/./api/state', '/assets/../api/state', '/nowhere']) {
      const res = await wb.app.inject({ method: 'GET', url, headers: { host: HOST } });
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('takes the token in the query for a GET (a download link), not for a POST', async () => {
    const get = await wb.app.inject({ method: 'GET', url: `/api/state?token=${wb.token}`, headers: { host: HOST } });
    expect(get.statusCode).toBe(200);
    const post = await wb.app.inject({ method: 'POST', url: `/api/open?token=${wb.token}`, headers: { host: HOST }, payload: {} });
    expect(post.statusCode).toBe(403);
  });

  it('refuses another Host, even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example:8321', `127.0.0.1:${PORT + 1}`, 'localhost']) {
      const res = await api('GET', '/api/state', undefined, { host });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ error: msg.serveHostRefused() });
    }
    expect((await api('GET', '/api/state', undefined, { host: `localhost:${PORT}` })).status).toBe(200);
  });

  it('serves the page only with the token; without it, a page saying to open the printed URL', async () => {
    const refused = await wb.app.inject({ method: 'GET', url: '/', headers: { host: HOST } });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('?token=');
    const page = await wb.app.inject({ method: 'GET', url: `/?token=${wb.token}`, headers: { host: HOST } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(await readFile(join(root, 'web', 'index.html'), 'utf8'));
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('assets', () => {
  const get = (url: string) => wb.app.inject({ method: 'GET', url, headers: { host: HOST } });

  it('serves the page files, vega and the font without a token', async () => {
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
    expect((await get('/assets/style.css')).headers['content-type']).toContain('text/css');
    for (const name of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js']) {
      const res = await get(`/assets/${name}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBeGreaterThan(10_000);
    }
    const font = await get('/assets/font.ttf');
    expect(font.statusCode).toBe(200);
    expect(font.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0])); // a TrueType font
  });

  it('refuses path traversal, plain and encoded, and any file not in the table', async () => {
    for (const url of [
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/%2e%2e%2fpackage.json',
      '/assets/..%2fpackage.json',
      '/assets/..%5cpackage.json',
      '/assets/%2fetc%2fpasswd',
      '/assets/index.html',
      '/assets/constructor',
      '/package.json',
    ]) {
      const res = await get(url);
      expect([403, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('"dependencies"');
    }
  });
});

describe('uploads', () => {
  const upload = (kind: string, name: string, data: Buffer | string) =>
    wb.app.inject({
      method: 'POST',
      url: `/api/upload?kind=${kind}`,
      headers: {
        host: HOST,
        'x-dcsim-token': wb.token,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(name),
      },
      payload: Buffer.from(data),
    });

  it('refuses an unknown kind (400) and a file type its loader does not read (400)', async () => {
    const res = await upload('passwd', 'x.csv', 'a,b\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe(msg.serveUploadKind('passwd', ['registry', 'actuals', 'scenario']));
    expect((await upload('registry', 'x.exe', 'MZ')).statusCode).toBe(400);
    expect((await upload('scenario', 'x.csv', 'a')).statusCode).toBe(400);
  });

  it('refuses a file beyond its kind’s cap (413)', async () => {
    const res = await upload('scenario', 'big.yaml', Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe(msg.serveUploadTooLarge('scenario', 1));
  });

  it('keeps a file under a name of its own and answers with the user’s name', async () => {
    const res = await upload('scenario', '../../方案 B.yaml', 'name: x\n');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'scenario', name: '方案 B.yaml', bytes: 8 });
    // stored under the server's own name, never the user's (no path from the client reaches the disk)
    expect((await readdir(wb.workspace.dir)).filter((f) => /^scenario-[0-9a-f]{12}\.yaml$/.test(f))).toHaveLength(1);
  });

  it('reports a registry with one bad cell (422) at the row and column the CLI names, by the user’s file name', async () => {
    const csv = await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'), 'utf8');
    const lines = csv.split('\n');
    const header = lines[0].replace(/^\uFEFF/, '').split(',');
    const cells = lines[5].split(',');
    cells[header.indexOf('tax')] = '-12';
    lines[5] = cells.join(',');
    const bad = lines.join('\n');
    // the command line's messages for the same file, beside a scenario naming it
    const name = '企业名录-有误.csv';
    await writeFile(join(work, name), bad);
    await writeFile(join(work, 'cli.yaml'), `extends: ${join(ROOT, 'scenarios/zhenhai-2025.yaml')}\nregistry: ${name}\n`);
    const cli = (await loadScenario(join(work, 'cli.yaml'))).diagnostics.filter((d) => d.severity !== 'warning');
    expect(cli.length).toBeGreaterThan(0);

    expect((await upload('registry', name, bad)).statusCode).toBe(200);
    const res = await api('POST', '/api/open', { scenario: 'zhenhai-2025', registry: true });
    expect(res.status).toBe(422);
    const { diagnostics } = res.json() as { diagnostics: { file?: string; row?: number; field?: string; message: string }[] };
    expect(diagnostics.map((d) => ({ row: d.row, field: d.field, message: d.message }))).toEqual(
      cli.map((d) => ({ row: d.row, field: d.field, message: d.message.replaceAll(join(work, name), name) })),
    );
    expect(diagnostics[0]).toMatchObject({ file: name, row: 6, field: 'tax' });
    expect(JSON.stringify(diagnostics)).not.toContain(wb.workspace.dir);
  });
});

describe('an uploaded scenario', () => {
  it(
    'opens by itself (extending a shipped one by absolute path), named by the user’s file in its messages',
    { timeout: 30_000 },
    async () => {
      const yaml = `extends: ${join(ROOT, 'scenarios/zhenhai-2025.yaml')}\nname: mine\nmonte_carlo: { draws: 3.5 }\n`;
      const up = await wb.app.inject({
        method: 'POST',
        url: '/api/upload?kind=scenario',
        headers: {
          host: HOST,
          'x-dcsim-token': wb.token,
          'content-type': 'application/octet-stream',
          'x-filename': encodeURIComponent('我的情景.yaml'),
        },
        payload: Buffer.from(yaml),
      });
      expect(up.statusCode).toBe(200);
      const bad = await api('POST', '/api/open', {});
      expect(bad.status).toBe(422);
      expect(bad.json().diagnostics[0]).toMatchObject({ file: '我的情景.yaml', line: 3 });
      const good = yaml.replace('3.5', '40');
      await wb.app.inject({
        method: 'POST',
        url: '/api/upload?kind=scenario',
        headers: {
          host: HOST,
          'x-dcsim-token': wb.token,
          'content-type': 'application/octet-stream',
          'x-filename': encodeURIComponent('我的情景.yaml'),
        },
        payload: Buffer.from(good),
      });
      const opened = await api('POST', '/api/open', {});
      expect(opened.status).toBe(200);
      expect(opened.json().form.name).toBe('mine');
      // saved whole (the upload vanishes with the server): loads on its own
      const saved = (await api('POST', '/api/save', { edits: none })).json();
      expect(saved.fileName).toBe('mine-workbench.yaml');
      await writeFile(join(work, saved.fileName), saved.yaml);
      expect((await loadScenario(join(work, saved.fileName))).diagnostics).toEqual([]);
    },
  );
});

describe('an uploaded registry', () => {
  it(
    'opens under a shipped scenario; the saved scenario names it by the user’s name, to be kept beside it',
    { timeout: 30_000 },
    async () => {
      const csv = await readFile(join(ROOT, 'models/enterprises/zhenhai-synthetic-2020.csv'));
      const up = await wb.app.inject({
        method: 'POST',
        url: '/api/upload?kind=registry',
        headers: {
          host: HOST,
          'x-dcsim-token': wb.token,
          'content-type': 'application/octet-stream',
          'x-filename': encodeURIComponent('名录 2020.csv'),
        },
        payload: csv,
      });
      expect(up.statusCode).toBe(200);
      const opened = await api('POST', '/api/open', { scenario: 'zhenhai-2025', registry: true });
      expect(opened.status).toBe(200);
      expect((await api('GET', '/api/state')).json().workspace.source).toEqual({
        scenario: 'zhenhai-2025.yaml',
        registry: '名录 2020.csv',
      });
      const { fileName, yaml } = (await api('POST', '/api/save', { edits: none })).json();
      expect(yaml).toContain(`extends: ${join(root, 'scenarios/zhenhai-2025.yaml')}`);
      expect(yaml).toContain('registry: 名录 2020.csv');
      const dir = await mkdtemp(join(work, 'beside-'));
      await writeFile(join(dir, '名录 2020.csv'), csv);
      await writeFile(join(dir, fileName), yaml);
      expect((await loadScenario(join(dir, fileName))).diagnostics).toEqual([]);
    },
  );
});

describe('the workbench', () => {
  /** The index of the village clean-up in the shipped scenario's merged policies (the base the edits' paths use). */
  let village = -1;

  beforeAll(async () => {
    const res = await api('POST', '/api/open', { scenario: 'zhenhai-2025' });
    expect(res.status).toBe(200);
    const loaded = await loadScenario(join(ROOT, 'scenarios/zhenhai-2025.yaml'));
    village = (loaded.value!.merged.policies as { type: string }[]).findIndex((p) => p.type === 'village_cleanup');
    expect(village).toBeGreaterThanOrEqual(0);
  }, 30_000);

  const fewer = () => ({ set: [{ path: `policies[${village}].per_year`, value: 60 }], off: [] });

  it('opens a shipped scenario: the form, and the state a second tab reads', async () => {
    const state = (await api('GET', '/api/state')).json();
    expect(state.lang).toBe('zh');
    expect(state.scenarios.map((s: { name: string }) => s.name)).toContain('zhenhai-2025');
    expect(state.workspace.source).toEqual({ scenario: 'zhenhai-2025.yaml' });
    expect(state.workspace.form.name).toBe('zhenhai-2025');
    expect((await api('POST', '/api/open', { scenario: '../package' })).status).toBe(404);
  });

  it('previews 50 draws: the targets and their fan charts', { timeout: 30_000 }, async () => {
    const res = await api('POST', '/api/preview', { edits: none, draws: 50 });
    expect(res.status).toBe(200);
    const p = res.json();
    expect(p.draws).toBe(50);
    expect(p.seed).toBe(2021);
    expect(p.targets.length).toBeGreaterThan(0);
    for (const t of p.targets) expect(t.probability).toBeGreaterThanOrEqual(0);
    expect(p.charts.length).toBeGreaterThan(0);
    expect(p.charts[0].id).toMatch(/^fan-/);
  });

  it('an edit out of its domain: 422 with the command line’s message at the path', async () => {
    const path = `policies[${village}].per_year`;
    const res = await api('POST', '/api/preview', { edits: { set: [{ path, value: -5 }], off: [] }, draws: 50 });
    expect(res.status).toBe(422);
    const [d] = res.json().diagnostics;
    expect(d).toMatchObject({ code: 'param/domain', field: path });
    expect(d.message).toContain('-5 is outside');
    const nowhere = await api('POST', '/api/preview', { edits: { set: [{ path: 'policies[99].per_year', value: 1 }], off: [] } });
    expect(nowhere.status).toBe(422);
  });

  it('compare: the pins and the current edits side by side; seek: the smallest value with its curve', { timeout: 60_000 }, async () => {
    expect((await api('POST', '/api/compare', { draws: 20 })).status).toBe(409); // nothing to compare yet
    const { pins } = (await api('POST', '/api/pin', { edits: none, label: 'A' })).json();
    const c = await api('POST', '/api/compare', { draws: 20, edits: fewer() });
    expect(c.status).toBe(200);
    const { comparison, charts } = c.json();
    expect(comparison.scenarios.map((x: { name: string }) => x.name)).toEqual(['A', '当前']);
    expect(comparison.draws).toBe(20);
    expect(charts.length).toBeGreaterThan(0);
    await api('DELETE', `/api/pin/${pins[0].id}`);

    const target = (await api('POST', '/api/preview', { edits: none, draws: 20 })).json().targets[0].id;
    const path = `policies[${village}].per_year`;
    const s = await api('POST', '/api/seek', { edits: none, path, target, min: 0, max: 200, draws: 20 });
    expect(s.status).toBe(200);
    const { result, chart } = s.json();
    expect(result.points.length).toBeGreaterThanOrEqual(5);
    expect(result.range).toEqual([0, 200]);
    expect(chart.id).toBe('seek');
    expect((await api('POST', '/api/seek', { edits: none, path, target: 'nope', min: 0, max: 1, draws: 20 })).status).toBe(400);
  });

  it('refuses draws beyond the page’s cap (400)', async () => {
    expect((await api('POST', '/api/preview', { edits: none, draws: 5001 })).status).toBe(400);
  });

  it('two previews at once: the first answers 409 cancelled, the second’s result stands', { timeout: 60_000 }, async () => {
    const first = api('POST', '/api/preview', { edits: none, draws: 3000 });
    await new Promise((r) => setTimeout(r, 150));
    const second = api('POST', '/api/preview', { edits: fewer(), draws: 50 });
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(409);
    expect(a.json()).toEqual({ cancelled: true });
    expect(b.status).toBe(200);
    expect(b.json().draws).toBe(50);
  });

  it('opening a scenario cancels the preview running on the one before', { timeout: 60_000 }, async () => {
    const running = api('POST', '/api/preview', { edits: none, draws: 3000 });
    await new Promise((r) => setTimeout(r, 150));
    const opened = api('POST', '/api/open', { scenario: 'zhenhai-2025' });
    const [a, b] = await Promise.all([running, opened]);
    expect(a.status).toBe(409);
    expect(b.status).toBe(200);
  });

  it('pin, then preview: the paired changes against the pin', { timeout: 30_000 }, async () => {
    await api('POST', '/api/preview', { edits: none, draws: 50 });
    const pinned = await api('POST', '/api/pin', { edits: none, label: '方案' });
    expect(pinned.status).toBe(200);
    expect(pinned.json().pins).toEqual([{ id: expect.any(String), label: '方案' }]);
    const res = await api('POST', '/api/preview', { edits: fewer(), draws: 50 });
    expect(res.status).toBe(200);
    const p = res.json();
    expect(p.pinned.label).toBe('方案');
    expect(p.pinned.changes.length).toBe(p.targets.length);
    // fewer village clean-ups than the pin: some target's probability falls, by the paired difference
    expect(p.pinned.changes.some((c: { probabilityPoints: number }) => c.probabilityPoints < 0)).toBe(true);
    const id = pinned.json().pins[0].id;
    expect((await api('DELETE', `/api/pin/${id}`)).json()).toEqual({ pins: [] });
    expect((await api('DELETE', `/api/pin/${id}`)).status).toBe(404);
  });

  it('save: a YAML that extends the scenario and gives the preview’s targets (same seed and draws)', { timeout: 30_000 }, async () => {
    const preview = (await api('POST', '/api/preview', { edits: fewer(), draws: 50 })).json();
    const saved = await api('POST', '/api/save', { edits: fewer(), name: 'zhenhai-fewer' });
    expect(saved.status).toBe(200);
    const { fileName, yaml } = saved.json();
    expect(fileName).toBe('zhenhai-fewer.yaml');
    const path = join(work, fileName);
    await writeFile(path, yaml);
    const loaded = await loadScenario(path);
    expect(loaded.diagnostics).toEqual([]);
    const s = loaded.value!.scenario;
    const input = {
      scenario: s,
      table: loaded.value!.registry.table,
      factors: loaded.value!.factors,
      evaluation: loaded.value!.evaluation,
    };
    const seed = s.monteCarlo.seed;
    const r = await runDraws(input, { seed, draws: Array.from({ length: 50 }, (_, d) => d), workers: 0, recordDraw: -1 });
    const targets = aggregate(runMeta(s, r.layout), r.layout, r.values, 50, seed).targets;
    // the preview's targets carry the page's display unit besides the run's numbers
    expect(JSON.parse(JSON.stringify(targets))).toEqual(preview.targets.map(({ display: _d, ...t }: { display: unknown }) => t));
    expect((await api('POST', '/api/save', { edits: none, name: '../evil' })).status).toBe(400);
  });

  it('a full run cancelled leaves no worker busy, and the next preview works', { timeout: 60_000 }, async () => {
    const started = await api('POST', '/api/run', { edits: none });
    expect(started.status).toBe(200);
    const { runId } = started.json();
    for (let i = 0; i < 400; i++) {
      const s = (await api('GET', `/api/run/${runId}`)).json();
      if (s.done > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await api('DELETE', `/api/run/${runId}`)).status).toBe(200);
    let status = '';
    for (let i = 0; i < 400 && status !== 'cancelled'; i++) {
      status = (await api('GET', `/api/run/${runId}`)).json().status;
      if (status !== 'cancelled') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('cancelled');
    expect(wb.workspace.workerThreads).toBe(0);
    expect((await api('GET', `/api/run/${runId}/zip`)).status).toBe(409);
    const next = await api('POST', '/api/preview', { edits: none, draws: 50 });
    expect(next.status).toBe(200);
  });

  it('a full run: progress, the run folder’s files one by one and as a zip', { timeout: 90_000 }, async () => {
    const edits = { set: [{ path: 'monte_carlo.draws', value: 20 }], off: [] };
    const { runId } = (await api('POST', '/api/run', { edits })).json();
    let s: { status: string; done: number; total: number; files?: string[] } = { status: 'running', done: 0, total: 0 };
    for (let i = 0; i < 1600 && s.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      s = (await api('GET', `/api/run/${runId}`)).json();
    }
    expect(s).toMatchObject({ status: 'done', done: 20, total: 20 });
    expect(s.files).toEqual(expect.arrayContaining(['summary.json', 'report.html', 'results.xlsx', 'manifest.json', 'events.csv']));
    const get = (url: string) => wb.app.inject({ method: 'GET', url, headers: { host: HOST } });
    const summary = await get(`/api/run/${runId}/file/summary.json?token=${wb.token}`);
    expect(summary.statusCode).toBe(200);
    expect(JSON.parse(summary.body).draws).toBe(20);
    expect(summary.body).not.toContain(wb.workspace.dir);
    const chart = s.files!.find((f) => f.startsWith('charts/') && f.endsWith('.png'))!;
    const png = await get(`/api/run/${runId}/file/${chart}?token=${wb.token}`);
    expect(png.headers['content-type']).toBe('image/png');
    expect((await get(`/api/run/${runId}/file/..%2fpackage.json?token=${wb.token}`)).statusCode).toBe(404);
    expect((await get(`/api/run/${runId}/file/summary.json`)).statusCode).toBe(403);
    const zip = await get(`/api/run/${runId}/zip?token=${wb.token}`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-disposition']).toMatch(/zhenhai-2025-\d{8}-\d{6}\.zip/);
    const path = join(work, 'run.zip');
    await writeFile(path, zip.rawPayload);
    const names = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', path],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    expect(names.map((n) => n.replace(/^[^/]+\//, '')).sort()).toEqual([...s.files!].sort());
  });
});

describe('listening', () => {
  it('sweeps the folder a killed server left (its process gone) at the next start', { timeout: 30_000 }, async () => {
    const left = join(tmpdir(), '.dcsim-serve.dcsim-tmp-4194999-AbC123');
    await mkdir(left);
    await writeFile(join(left, 'registry.csv'), 'id\n');
    const next = await createWorkbench({ port: 0, workers: 0, lang: 'zh', root });
    try {
      expect(existsSync(left)).toBe(false);
      expect(next.workspace.dir.startsWith(join(tmpdir(), `.dcsim-serve.dcsim-tmp-${process.pid}-`))).toBe(true);
    } finally {
      await next.close();
    }
  });

  it('serves on a real port (0: a free one) and refuses a foreign Host there too', { timeout: 30_000 }, async () => {
    const live = await startServer({ port: 0, workers: 0, lang: 'en', root });
    try {
      expect(live.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${live.port}/\\?token=[0-9a-f]{32}$`));
      const page = await fetch(live.url);
      expect(page.status).toBe(200);
      const state = await fetch(`http://127.0.0.1:${live.port}/api/state`, { headers: { 'x-dcsim-token': live.token } });
      expect(((await state.json()) as { lang: string }).lang).toBe('en');
      const foreign = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: live.port, path: '/api/state', headers: { host: 'rebound.example', 'x-dcsim-token': live.token } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      });
      expect(foreign).toBe(403);

      // the port taken: a clear message naming --port, exit 2
      await expect(startServer({ port: live.port, workers: 0, lang: 'en', root })).rejects.toBeInstanceOf(PortInUse);
      const err: string[] = [];
      const code = await serveCommand(
        { port: live.port, host: '127.0.0.1', open: false, workers: 0, lang: 'en' },
        { out: () => {}, err: (l) => err.push(l) },
      );
      expect(code).toBe(2);
      expect(err).toEqual([msg.servePortTaken(live.port)]);
      expect(err[0]).toContain('--port');
    } finally {
      await live.close();
    }
    expect(existsSync(live.workspace.dir)).toBe(false);
  });
});
