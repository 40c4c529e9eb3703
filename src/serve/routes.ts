import { extname, posix } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReportLang } from '../report/labels.js';
import type { Edits } from '../workbench/edits.js';
import { checkUploadSize, MAX_UPLOAD_BYTES, uploadKind, uploadName } from './uploads.js';
import { PREVIEW_DRAWS, type Workspace } from './workspace.js';

/** The most draws a preview, pin, compare or seek runs from the page (a full run takes the scenario's own). */
export const MAX_PAGE_DRAWS = 5000;

const edits = {
  type: 'object',
  additionalProperties: false,
  properties: {
    set: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'value'],
        properties: { path: { type: 'string' }, value: {} },
      },
    },
    off: { type: 'array', default: [], items: { type: 'integer', minimum: 0 } },
  },
} as const;
const draws = { type: 'integer', minimum: 1, maximum: MAX_PAGE_DRAWS } as const;
const lang = { type: 'string', enum: ['zh', 'en'] } as const;

/** Content types of a run folder's files, by extension. */
const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

/** Sends bytes as a download named `name` (RFC 6266: an ASCII fallback and the UTF-8 name). */
function download(reply: FastifyReply, name: string, data: string | Uint8Array): FastifyReply {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return reply.type(TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream').send(data);
}

/** The /api/* routes over one workspace (the token and Host are checked before any of them). */
export function apiRoutes(ws: Workspace) {
  return async (app: FastifyInstance) => {
    const langOf = (body: { lang?: ReportLang }) => body.lang ?? ws.o.lang;

    app.get('/api/state', async () => ({
      lang: ws.o.lang,
      scenarios: await ws.shippedScenarios(),
      workspace: ws.state(),
    }));

    // raw bytes: the loaders parse them (CSV, XLSX, YAML), as they do files on the command line
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    app.post<{ Querystring: { kind?: string } }>(
      '/api/upload',
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        // the kind, its file type and its size are refused before the body is read
        preParsing: async (req) => {
          const kind = uploadKind(req.query.kind);
          uploadName(kind, req.headers['x-filename']);
          const length = Number(req.headers['content-length']);
          if (Number.isFinite(length)) checkUploadSize(kind, length);
        },
      },
      async (req) => {
        const kind = uploadKind(req.query.kind);
        const { name, extension } = uploadName(kind, req.headers['x-filename']);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        checkUploadSize(kind, body.length);
        return ws.upload(kind, name, extension, body);
      },
    );

    app.post<{ Body: { scenario?: string; registry?: boolean; actuals?: boolean } }>(
      '/api/open',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { scenario: { type: 'string', minLength: 1 }, registry: { type: 'boolean' }, actuals: { type: 'boolean' } },
          },
        },
      },
      async (req) => ws.open(req.body),
    );

    app.post<{ Body: { edits: Edits; draws?: number; lang?: ReportLang } }>(
      '/api/preview',
      { schema: { body: { type: 'object', required: ['edits'], properties: { edits, draws, lang } } } },
      async (req) => ws.runPreview(req.body.edits, req.body.draws ?? PREVIEW_DRAWS, langOf(req.body)),
    );

    app.post<{ Body: { edits: Edits; label?: string } }>(
      '/api/pin',
      { schema: { body: { type: 'object', required: ['edits'], properties: { edits, label: { type: 'string', maxLength: 80 } } } } },
      async (req) => ws.pin(req.body.edits, req.body.label),
    );
    app.delete<{ Params: { id: string } }>('/api/pin/:id', async (req) => ws.unpin(req.params.id));

    app.post<{ Body: { draws?: number; edits?: Edits; lang?: ReportLang } }>(
      '/api/compare',
      { schema: { body: { type: 'object', properties: { draws, edits, lang } } } },
      async (req) => ws.compare(req.body.draws ?? PREVIEW_DRAWS, req.body.edits, langOf(req.body)),
    );

    app.post<{
      Body: {
        edits: Edits;
        path: string;
        target: string;
        confidence?: number;
        min: number;
        max: number;
        maximize?: boolean;
        draws?: number;
        lang?: ReportLang;
      };
    }>(
      '/api/seek',
      {
        schema: {
          body: {
            type: 'object',
            required: ['edits', 'path', 'target', 'min', 'max'],
            properties: {
              edits,
              path: { type: 'string', minLength: 1 },
              target: { type: 'string', minLength: 1 },
              confidence: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
              min: { type: 'number' },
              max: { type: 'number' },
              maximize: { type: 'boolean' },
              draws,
              lang,
            },
          },
        },
      },
      async (req) => ws.seek({ ...req.body, draws: req.body.draws ?? PREVIEW_DRAWS }, langOf(req.body)),
    );

    app.post<{ Body: { edits: Edits; lang?: ReportLang } }>(
      '/api/run',
      { schema: { body: { type: 'object', required: ['edits'], properties: { edits, lang } } } },
      async (req) => ({ runId: await ws.runs.start(req.body.edits, langOf(req.body)) }),
    );
    app.get<{ Params: { id: string } }>('/api/run/:id', async (req) => ws.runs.status(req.params.id));
    app.delete<{ Params: { id: string } }>('/api/run/:id', async (req) => ws.runs.cancel(req.params.id));
    // a run folder's file by its name there (charts/… included): looked up in the run's own list, never on disk
    app.get<{ Params: { id: string; '*': string } }>('/api/run/:id/file/*', async (req, reply) =>
      download(reply, posix.basename(req.params['*']), ws.runs.file(req.params.id, req.params['*'])),
    );
    app.get<{ Params: { id: string } }>('/api/run/:id/zip', async (req, reply) => {
      const { fileName, data } = ws.runs.zip(req.params.id);
      return download(reply, fileName, data);
    });

    app.post<{ Body: { edits: Edits; name?: string } }>(
      '/api/save',
      { schema: { body: { type: 'object', required: ['edits'], properties: { edits, name: { type: 'string', maxLength: 120 } } } } },
      async (req) => ws.save(req.body.edits, req.body.name),
    );
  };
}
