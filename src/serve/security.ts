import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';

/** A fresh secret per server start: 16 random bytes as 32 hex digits, as notebook servers do. */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** Compares a presented token with the server's in constant time (no early exit that a timing could reveal). */
export function tokenMatches(presented: unknown, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Tells whether a host name is this machine's loopback (the only place the server listens unless told). */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

/**
 * The Host headers the server answers: the host it was started on and the loopback names, at its
 * port — and, listening on every interface (`--host 0.0.0.0` or `::`), this machine's addresses
 * and name. Any other (a page on another site resolving its own name to this machine — DNS
 * rebinding) is refused, so a foreign page can never talk to the workbench.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = [host, 'localhost', '127.0.0.1', '::1'];
  if (host === '0.0.0.0' || host === '::') {
    names.push(hostname());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.push(a.address);
  }
  return new Set(names.map((h) => `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`.toLowerCase()));
}
