import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { msg } from '../messages/messages.js';
import { DrawFailure, NonFiniteResult } from '../parallel/runner.js';
import type { ReportLang } from '../report/labels.js';
import { assetTable, PACKAGE_ROOT, pagePath, scenariosFolder } from './assets.js';
import { Cancelled, Invalid, Refused } from './errors.js';
import { apiRoutes } from './routes.js';
import { allowedHosts, newToken, tokenMatches } from './security.js';
import { Workspace } from './workspace.js';

/** How `dcsim serve` was started. */
export interface ServerOptions {
  /** 8321 unless given; 0 picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 unless given explicitly. */
  readonly host?: string;
  /** Worker threads of the pool (0: the server's own thread). */
  readonly workers: number;
  readonly lang: ReportLang;
  /** The package root (web/, dist/web/, scenarios/); tests point it at a folder of their own. */
  readonly root?: string;
}

/** A workbench server: its fastify app (tests `inject` into it), its token and its one workspace. */
export interface Workbench {
  readonly app: FastifyInstance;
  readonly token: string;
  readonly workspace: Workspace;
  /** The host and port it answers as (the port is the listening one once started). */
  readonly host: string;
  port: number;
  /** Stops the server, the runs and the workers, and removes the workspace's temporary folder. */
  close(): Promise<void>;
}

/** The port is taken (EADDRINUSE). */
export class PortInUse extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use`);
  }
}

export const DEFAULT_PORT = 8321;
export const DEFAULT_HOST = '127.0.0.1';

/** The routes open without the API token: the page (it checks the token in its query itself) and its files. */
const PUBLIC_ROUTES = new Set(['/', '/assets/:name']);

/** Security headers of every answer: nothing is cached, sniffed, framed, or sent on as a referrer (the token is in the URL). */
function secure(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}

/** Builds the workbench's server without listening (see {@link startServer}). */
export async function createWorkbench(o: ServerOptions): Promise<Workbench> {
  const root = o.root ?? PACKAGE_ROOT;
  const host = o.host ?? DEFAULT_HOST;
  const token = newToken();
  const workspace = await Workspace.create({ workers: o.workers, lang: o.lang, scenarios: scenariosFolder(root) });
  const app = Fastify({ logger: false });
  const wb: Workbench = {
    app,
    token,
    workspace,
    host,
    port: o.port ?? DEFAULT_PORT,
    async close() {
      // the workspace's runs stop first, so a request waiting on one answers and the server can close
      await Promise.all([workspace.close(), app.close()]);
    },
  };

  app.addHook('onRequest', async (req, reply) => {
    secure(reply);
    // DNS rebinding: a foreign name resolving to this machine carries its own Host
    if (!allowedHosts(host, wb.port).has(String(req.headers.host ?? '').toLowerCase())) throw new Refused(403, msg.serveHostRefused());
    // by the route matched, not the URL as sent: /%61pi/state routes to /api/state too
    if (!PUBLIC_ROUTES.has(req.routeOptions.url ?? '')) {
      const presented = req.headers['x-dcsim-token'] ?? (req.method === 'GET' ? (req.query as Record<string, unknown>).token : undefined);
      if (!tokenMatches(presented, token)) throw new Refused(403, msg.serveTokenRefused());
    }
  });

  app.setErrorHandler((e: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    if (e instanceof Refused) return reply.code(e.status).send({ error: e.message });
    if (e instanceof Invalid) return reply.code(422).send({ diagnostics: e.diagnostics });
    if (e instanceof Cancelled) return reply.code(409).send({ cancelled: true });
    // the scenario's numbers lead a draw where it cannot go: the user's input, as on the command line (exit 2)
    if (e instanceof NonFiniteResult || (e instanceof DrawFailure && e.input))
      return reply.code(422).send({
        diagnostics: [{ code: 'run/draw', message: e instanceof DrawFailure ? msg.drawImpossible(e.draw, e.message) : e.message }],
      });
    if (e.validation) return reply.code(400).send({ error: msg.serveBadRequest(e.message) });
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: msg.serveBodyTooLarge() });
    if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send({ error: e.message });
    return reply.code(500).send({ error: msg.internalError(e.message) });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: msg.serveNotFound() }));

  // the page: only with the token, so another local user's browser cannot open the workspace
  app.get('/', async (req, reply) => {
    if (!tokenMatches((req.query as Record<string, unknown>).token, token)) {
      return reply.code(403).type('text/html; charset=utf-8').send(msg.servePageRefused());
    }
    let page: Buffer;
    try {
      page = await readFile(pagePath(root));
    } catch {
      throw new Refused(404, msg.serveAssetMissing('index.html'));
    }
    return reply.type('text/html; charset=utf-8').send(page);
  });

  // the page's files: a fixed table, never a path from the request
  const assets = assetTable(root);
  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const asset = assets.get(req.params.name);
    if (!asset) throw new Refused(404, msg.serveNotFound());
    let data: Buffer;
    try {
      data = await readFile(asset.path);
    } catch {
      throw new Refused(404, msg.serveAssetMissing(req.params.name));
    }
    return reply.type(asset.type).send(data);
  });

  await app.register(apiRoutes(workspace));
  return wb;
}

/**
 * Starts the workbench: listens on `host:port` (127.0.0.1:8321 by default), and returns it with
 * the page's URL (the token in it). A taken port is {@link PortInUse}.
 */
export async function startServer(o: ServerOptions): Promise<Workbench & { url: string }> {
  const wb = await createWorkbench(o);
  try {
    await wb.app.listen({ port: wb.port, host: wb.host });
  } catch (e) {
    await wb.workspace.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUse(wb.port);
    throw e;
  }
  wb.port = (wb.app.server.address() as AddressInfo).port;
  const shownHost = wb.host.includes(':') ? `[${wb.host}]` : wb.host;
  return Object.assign(wb, { url: `http://${shownHost}:${wb.port}/?token=${wb.token}` });
}
