import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { msg } from '../../messages/messages.js';
import { isLoopback } from '../../serve/security.js';
import { PortInUse, startServer } from '../../serve/server.js';
import { EXIT, type Streams } from '../io-streams.js';
import { interruptSignal } from '../interrupt.js';
import type { Lang } from '../labels.js';
import { checkRunNumbers } from '../run-numbers.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  /** Open the page in the default browser. */
  readonly open: boolean;
  /** Worker threads of the pool (default: 2, or 1 on a one-core machine: the page's runs are small). */
  readonly workers?: number;
  readonly lang: Lang;
}

/** Opens a URL in the default browser, detached; a machine without one gets a warning, never a failure. */
export function openBrowser(url: string, io: Streams, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (e) => io.err(msg.serveOpenFailed(e.message)));
    child.unref();
  } catch (e) {
    io.err(msg.serveOpenFailed((e as Error).message));
  }
}

/**
 * `dcsim serve`: the analyst's workbench in the browser (issue 16). Serves the page on
 * 127.0.0.1 (unless --host) with a fresh token in its URL until Ctrl-C, which stops the runs and
 * the workers and removes the uploaded files.
 */
export async function serveCommand(o: ServeOptions, io: Streams): Promise<number> {
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
    io.err(msg.serveBadPort(o.port));
    return EXIT.badInput;
  }
  const numbers = checkRunNumbers({ workers: o.workers }, io);
  if (numbers !== undefined) return numbers;
  if (!isLoopback(o.host)) io.err(msg.serveHostWarning(o.host));
  let server;
  try {
    server = await startServer({
      port: o.port,
      host: o.host,
      workers: o.workers ?? Math.min(2, availableParallelism()),
      lang: o.lang,
    });
  } catch (e) {
    if (!(e instanceof PortInUse)) throw e;
    io.err(msg.servePortTaken(e.port));
    return EXIT.badInput;
  }
  io.out(msg.serveListening(server.url));
  io.out(msg.serveStopHint());
  if (o.open) openBrowser(server.url, io);
  const signal = interruptSignal();
  await new Promise<void>((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  io.out(msg.serveStopped());
  return EXIT.ok;
}
